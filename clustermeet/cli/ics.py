"""``clustermeet ics``: the event as one calendar feed, and personal calendar invites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from clustermeet.cli.common import load, tell
from clustermeet.cli.options import (
    NOBODY_TO_INVITE_HINT,
    AgendaPath,
    AssignmentsOption,
    Force,
    JsonOutput,
    LanguageOption,
    NowOption,
    ParticipantsOption,
    StateOption,
)
from clustermeet.cli.output import echo, handle_errors
from clustermeet.errors import UsageError
from clustermeet.invites.issuing import CalendarsIssued, NobodyToInviteError, issue_calendars


def ics(
    agenda: AgendaPath,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the whole event as one calendar (METHOD:PUBLISH).", dir_okay=False),
    ] = None,
    per_person: Annotated[
        Path | None,
        typer.Option(
            "--per-person",
            help="Write one invite (METHOD:REQUEST) per person with an email and day into this folder.",
            file_okay=False,
        ),
    ] = None,
    assignments: AssignmentsOption = None,
    state: StateOption = None,
    now: NowOption = None,
    force: Force = False,
    as_json: JsonOutput = False,
    participants: ParticipantsOption = None,
    lang: LanguageOption = None,
) -> None:
    """Export calendar files: the whole event (--output) and personal invites (--per-person).

    Re-running after a change raises SEQUENCE on changed events only and writes a METHOD:CANCEL file for each
    removed segment or participant; re-running with nothing changed writes identical bytes.
    """
    with handle_errors():
        if output is None and per_person is None:
            raise UsageError("nothing to do", hint="give --output FILE, --per-person DIR, or both")
        loaded = load(agenda, participants=participants, quiet=as_json, language=lang.value if lang else None)
        try:
            result = issue_calendars(
                loaded, feed=output, per_person=per_person, assignments=assignments, state=state, now=now, force=force
            )
        except NobodyToInviteError as exc:
            raise UsageError(exc.message, hint=NOBODY_TO_INVITE_HINT) from None
        if as_json:
            echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
            return
        _render(result, loaded.agenda.event.language)


def _render(result: CalendarsIssued, language: str) -> None:
    feed = result.feed
    if feed is not None:
        status = tell(f"status.{feed.status}", language)
        echo(tell("feed", language, file=feed.file, events=feed.events, status=status, timezone=feed.timezone))
        for path in feed.cancel_files:
            echo(tell("cancel", language, file=path))
    personal = result.personal
    if personal is not None:
        counts = personal.counts
        echo(tell("invites", language, folder=personal.folder, timezone=personal.timezone, **counts))
    echo(tell("files_written", language, count=len(result.written), state=result.state))
