"""``clustermeet runsheet``: the cue sheet for the crew, every cue in order with its planned time."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import emit, load
from clustermeet.cli.options import AgendaPath, Force, LanguageOption, OutputFile, ParticipantsOption
from clustermeet.cli.output import console, handle_errors
from clustermeet.show.runsheet import make_runsheet

if TYPE_CHECKING:
    from rich.console import RenderableType

    from clustermeet.show.runsheet_formats import SheetTable


class RunsheetFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


def runsheet(
    agenda: AgendaPath,
    fmt: Annotated[RunsheetFormat, typer.Option("--format", "-f", help="Output format.")] = RunsheetFormat.table,
    role: Annotated[
        str | None, typer.Option("--role", help="Only the cues of this person (a people id of the agenda).")
    ] = None,
    track: Annotated[str | None, typer.Option("--track", help="Only this track (and the plenary).")] = None,
    output: OutputFile = None,
    force: Force = False,
    participants: ParticipantsOption = None,
    lang: LanguageOption = None,
) -> None:
    """Print the cue sheet: every cue in order with its planned time, who is on, the owner, the crew's notes and
    the platform action (open rooms, broadcast the close warning, launch the poll, spotlight), from the tech check
    30 minutes before the start to the end of the show."""
    with handle_errors():
        loaded = load(agenda, participants=participants, language=lang.value if lang else None)
        sheet = make_runsheet(loaded, role=role, track=track)
        if fmt is RunsheetFormat.table and output is None:
            for renderable in render_table(sheet.table()):
                console().print(renderable)
            return
        emit(
            sheet.text("markdown" if fmt is RunsheetFormat.table else fmt.value),
            output,
            force,
            loaded.agenda.event.language,
        )


def render_table(sheet: SheetTable) -> list[RenderableType]:
    """The heading, the zone and one table with a section per segment."""
    from rich.console import Group  # noqa: PLC0415 slow import: rich, only for the terminal table
    from rich.table import Table  # noqa: PLC0415 slow import: rich, only for the terminal table
    from rich.text import Text  # noqa: PLC0415 slow import: rich, only for the terminal table

    table = Table(show_lines=False, expand=False)
    time, cue, who, action = sheet.headers
    table.add_column(time, no_wrap=True, style="bold")
    table.add_column(cue, overflow="fold", ratio=3)
    table.add_column(who, overflow="fold", ratio=2)
    table.add_column(action, overflow="fold", ratio=3)
    for row in sheet.rows:
        if row.new_section:
            table.add_section()
        head = Text(row.title, style="bold")
        if row.segment:
            head.append(f"\n{row.segment}", style="dim")
        people = Text(row.who)
        if row.owner:
            people.append(("\n" if row.who else "") + f"▸ {row.owner}", style="dim")
        parts: list[RenderableType] = []
        if row.action:
            parts.append(Text(row.action, style="cyan"))
        if row.message:
            parts.append(Text(row.message, style="green"))
        if row.note:
            parts.append(Text(row.note, style="yellow"))
        table.add_row(row.time, head, people, Group(*parts) if parts else "")
    return [Text(sheet.heading, style="bold"), Text(sheet.zone_line, style="dim"), table]
