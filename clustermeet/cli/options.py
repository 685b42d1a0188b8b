"""Options shared by several commands, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clustermeet.cli.output import handle_errors
from clustermeet.i18n import language_named

AgendaPath = Annotated[
    Path,
    typer.Argument(help="The agenda file (YAML).", show_default=False, dir_okay=False, metavar="AGENDA"),
]
OutputFile = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of the terminal (atomic write).", dir_okay=False),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")]
JsonOutput = Annotated[bool, typer.Option("--json", help="Print the result as JSON (shapes: docs/cli.md).")]
ParticipantsOption = Annotated[
    Path | None,
    typer.Option(
        "--participants",
        "-p",
        help="The participant list (CSV or .xlsx) to read instead of the agenda's own, read with the agenda's "
        "columns/preset; any path (an agenda may only name a list inside its own folder).",
        dir_okay=False,
    ),
]
TimeZoneOption = Annotated[
    str | None,
    typer.Option("--tz", help="Show times in this IANA time zone instead of the event's (e.g. America/New_York)."),
]


class Language(StrEnum):
    de = "de"
    en = "en"


def _language(value: str) -> Language:
    """``--lang`` checked like every other option value (one error style), not by click's choice type."""
    with handle_errors():
        return Language(language_named(value))
    raise AssertionError  # handle_errors() exits on any error it handles


LanguageOption = Annotated[
    Language | None,
    typer.Option("--lang", help="Language of the output (de or en); default the event's language.", parser=_language),
]

# --- calendar invites: ics and send --------------------------------------------------------------------------------

AssignmentsOption = Annotated[
    Path | None,
    typer.Option(
        "--assignments",
        "-a",
        help="Assignments CSV (email,name,block,room,rank) with each person's rooms.",
        dir_okay=False,
    ),
]
#: the hint when nobody is to be invited: the assignments CSV names people too
NOBODY_TO_INVITE_HINT = "add participants: to the agenda, an email to someone in people, or give --assignments FILE"
StateOption = Annotated[
    Path | None,
    typer.Option(
        "--state",
        help="Invite state file (what was issued: SEQUENCE, DTSTAMP per UID); default <agenda>.invites.json.",
        dir_okay=False,
    ),
]
NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        help="DTSTAMP for new and changed events, ISO 8601 with offset (2022-10-01T09:00Z); default the current "
        "time. Unchanged events keep the DTSTAMP they were issued with.",
    ),
]
