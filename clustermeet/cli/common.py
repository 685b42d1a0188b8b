"""Helpers the commands share: load an agenda with its warnings shown, write or print output."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.cli.output import echo, print_problems
from clustermeet.files import write_atomic
from clustermeet.i18n import CLI_WORDS, lookup

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


def tell(key: str, language: str, **values: object) -> str:
    """One of the command line's own lines (``CLI_WORDS``) in ``language``, with ``values`` filled in."""
    return lookup(CLI_WORDS, key, language).format(**values)


def emit(text: str, output: Path | None, force: bool, language: str = "en") -> None:
    """Print ``text``, or write it to ``output`` atomically and say so on stderr (in ``language``)."""
    if output is None:
        echo(text.rstrip("\n"))
        return
    write_atomic(output, text, force=force)
    echo(tell("wrote", language, files=output), err=True)
