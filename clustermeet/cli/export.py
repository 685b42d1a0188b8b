"""``clustermeet export``: the agenda in other tools' formats (``export frab``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from clustermeet.cli.common import emit, load
from clustermeet.cli.options import AgendaPath, Force, LanguageOption, OutputFile, ParticipantsOption
from clustermeet.cli.output import handle_errors
from clustermeet.interop.frab_write import schedule_to_frab

export_app = typer.Typer(
    name="export",
    help="Export the agenda for other tools: frab/c3voc schedule.xml and schedule.json.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help like the rest (see cli/__init__.py)
)


class FrabFormat(StrEnum):
    xml = "xml"
    json = "json"


@export_app.command("frab")
def frab(
    agenda: AgendaPath,
    fmt: Annotated[FrabFormat, typer.Option("--format", "-f", help="schedule.xml or schedule.json.")] = FrabFormat.xml,
    output: OutputFile = None,
    force: Force = False,
    participants: ParticipantsOption = None,
    lang: LanguageOption = None,
) -> None:
    """Write the schedule as a frab/c3voc schedule.xml or schedule.json (for Fahrplan apps, pretalx, voc tools).

    Valid against the c3voc schemas; tracks, the plenary and breakout rooms become rooms; guids are derived from
    the agenda, so the same agenda gives the same file. Exit code 0, 1 for an invalid agenda, 2 for usage errors.
    """
    with handle_errors():
        loaded = load(agenda, participants=participants)
        language = lang.value if lang else loaded.agenda.event.language
        emit(schedule_to_frab(loaded.schedule, fmt.value, lang.value if lang else None), output, force, language)
