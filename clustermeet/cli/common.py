"""Helpers the commands share: load an agenda with its warnings shown, write or print output."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.cli.output import echo, print_problems
from clustermeet.files import write_atomic

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.agenda.loading import LoadedAgenda


def load(
    path: Path, *, quiet: bool = False, language: str | None = None, participants: Path | None = None
) -> LoadedAgenda:
    """Load an agenda; print its warnings on stderr unless ``quiet``. Errors propagate to handle_errors.

    ``language`` (``--lang``) overrides the event's language for everything the command writes; ``participants``
    (``--participants``) is the list read instead of the agenda's own.
    """
    from clustermeet.agenda.loading import (  # noqa: PLC0415 slow import: the models; report and schema load no agenda
        load_agenda,
        with_language,
    )

    loaded = load_agenda(path, str(path), participants)
    if loaded.warnings and not quiet:
        print_problems(loaded.warnings)
    if language is not None:
        loaded = with_language(loaded, language)
    return loaded


def emit(text: str, output: Path | None, force: bool) -> None:
    """Print ``text``, or write it to ``output`` atomically and say so on stderr."""
    if output is None:
        echo(text.rstrip("\n"))
        return
    write_atomic(output, text, force=force)
    echo(f"wrote {output}", err=True)
