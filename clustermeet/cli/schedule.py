"""``clustermeet schedule``: the timed schedule as a table, Markdown, JSON, CSV or the agenda page."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import emit, load
from clustermeet.cli.options import AgendaPath, Force, LanguageOption, OutputFile, ParticipantsOption, TimeZoneOption
from clustermeet.cli.output import console, handle_errors
from clustermeet.schedule.show import show_schedule
from clustermeet.schedule.table import AllRooms, Cell, RoomCell, ScheduleTables

if TYPE_CHECKING:
    from rich.console import RenderableType

#: the least width a breakout room gets when the rooms of a block sit side by side
ROOM_WIDTH = 18


class ScheduleFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


def schedule(
    agenda: AgendaPath,
    fmt: Annotated[ScheduleFormat, typer.Option("--format", "-f", help="Output format.")] = ScheduleFormat.table,
    output: OutputFile = None,
    force: Force = False,
    tz: TimeZoneOption = None,
    participants: ParticipantsOption = None,
    lang: LanguageOption = None,
) -> None:
    """Print the timed schedule: a table per day with parallel rooms side by side, or export it.

    --format html writes the agenda page (one self-contained file, e.g. --output site/index.html); it links the
    whole-event .ics feeds found in the same folder as "add to calendar" (never personal invites).
    """
    with handle_errors():
        loaded = load(agenda, participants=participants, language=lang.value if lang else None)
        view = show_schedule(loaded, fmt.value, tz=tz, to_file=output)
        if view.tables is None:
            emit(view.text, output, force, loaded.agenda.event.language)
            return
        for renderable in render_tables(view.tables):
            console().print(renderable)


def render_tables(tables: ScheduleTables) -> list[RenderableType]:
    """One rich table per day; breakout rooms side by side inside their block's row when the terminal is wide."""
    from rich.table import Table  # noqa: PLC0415 slow import: rich, only for the terminal table
    from rich.text import Text  # noqa: PLC0415 slow import: rich, only for the terminal table

    out: list[RenderableType] = [Text(tables.title, style="bold"), Text(tables.zone_line, style="dim")]
    for day in tables.days:
        table = Table(title=day.title, title_justify="left", expand=False, show_lines=True)
        for index, column in enumerate(day.columns):
            if index < 2:
                table.add_column(column, no_wrap=True)
            else:
                table.add_column(column, overflow="fold")
        for row in day.rows:
            table.add_row(row.start, row.end, *[_cell(cell) for cell in row.cells])
        out.append(table)
    return out


def _cell(cell: Cell) -> RenderableType:
    from rich.console import Group  # noqa: PLC0415 slow import: rich, only for the terminal table
    from rich.table import Table  # noqa: PLC0415 slow import: rich, only for the terminal table
    from rich.text import Text  # noqa: PLC0415 slow import: rich, only for the terminal table

    if isinstance(cell, str):
        return cell
    if isinstance(cell, AllRooms):
        return Text(cell.text, style="dim")
    head = Text(cell.title, style="bold")
    if cell.label:
        head.append(f" ({cell.label})", style="dim")
    if cell.until:
        head.append(f"  –{cell.until}", style="yellow")
    if not cell.rooms:
        lines = [Text(cell.who, style="italic")] if cell.who else []
        lines += [Text(f"  {pitch}") for pitch in cell.pitches]
        return Group(head, *lines) if lines else head
    columns = console().width // 2  # what the segment column gets, roughly
    if len(cell.rooms) <= 4 and columns // len(cell.rooms) >= ROOM_WIDTH:
        grid = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
        for _ in cell.rooms:
            grid.add_column(ratio=1, overflow="fold")
        grid.add_row(*[_room(room) for room in cell.rooms])
        return Group(head, grid)
    return Group(head, *[_room(room) for room in cell.rooms])


def _room(room: RoomCell) -> RenderableType:
    from rich.text import Text  # noqa: PLC0415 slow import: rich, only for the terminal table

    text = Text(f"▸ {room.title}", style="cyan")
    if room.who:
        text.append(f"\n  {room.who}", style="italic")
    return text
