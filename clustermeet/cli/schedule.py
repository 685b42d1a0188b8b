"""``clustermeet schedule``: the timed schedule as a table, Markdown, JSON or CSV."""

from __future__ import annotations

from enum import StrEnum
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import emit, load, zone
from clustermeet.cli.options import AgendaPath, Force, LanguageOption, OutputFile, TimeZoneOption
from clustermeet.cli.output import console, handle_errors

if TYPE_CHECKING:
    from rich.console import RenderableType

    from clustermeet.agenda.timing import Schedule, ScheduledItem


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
    lang: LanguageOption = None,
) -> None:
    """Print the timed schedule: a table per day with parallel rooms side by side, or export it.

    --format html writes the agenda page (one self-contained file, e.g. --output site/index.html); it links the
    whole-event .ics feeds found in the same folder as "add to calendar" (never personal invites).
    """
    with handle_errors():
        loaded = load(agenda, language=lang.value if lang else None)
        shown = loaded.schedule
        display_zone = zone(tz)
        if display_zone is not None:
            shown = shown.in_zone(display_zone)
        language = loaded.agenda.event.language
        if fmt is ScheduleFormat.table:
            if output is not None:
                from clustermeet.schedule.formats import schedule_to_markdown

                emit(schedule_to_markdown(shown, language), output, force)
                return
            for renderable in schedule_tables(shown, language):
                console().print(renderable)
            return
        if fmt is ScheduleFormat.html:
            from clustermeet.schedule.page import schedule_to_html

            calendars = public_calendars(output.parent) if output else []
            emit(schedule_to_html(shown, language, calendars), output, force)
            return
        from clustermeet.schedule import formats as schedule_formats

        text = {
            ScheduleFormat.markdown: lambda: schedule_formats.schedule_to_markdown(shown, language),
            ScheduleFormat.json: lambda: schedule_formats.schedule_to_json(shown),
            ScheduleFormat.csv: lambda: schedule_formats.schedule_to_csv(shown),
        }[fmt]()
        emit(text, output, force)


def public_calendars(folder: Path) -> list[str]:
    """The whole-event feeds (METHOD:PUBLISH) in ``folder``; never a personal invite, which holds an address."""
    names = []
    for path in sorted(folder.glob("*.ics")):
        try:
            with path.open("rb") as stream:
                head = stream.read(4096)
        except OSError:
            continue
        if b"\nMETHOD:PUBLISH\r\n" in head and b"\nATTENDEE" not in head:
            names.append(path.name)
    return names


def _who(schedule: Schedule, item: ScheduledItem) -> str:
    from clustermeet.agenda.timing import person_name

    return ", ".join(person_name(schedule.agenda, person_id) for person_id in item.people)


def schedule_tables(schedule: Schedule, language: str) -> list[RenderableType]:
    """One rich table per day. Breakout rooms sit side by side inside their block's row; tracks get a column each."""
    from rich.table import Table
    from rich.text import Text

    from clustermeet.i18n import format_day, word

    agenda = schedule.agenda
    tracks = agenda.tracks
    out: list[RenderableType] = []
    title = Text(agenda.event.title, style="bold")
    out.append(title)
    out.append(Text(f"{word('time_zone', language)}: {schedule.zone.key}", style="dim"))
    for day in schedule.days():
        table = Table(title=format_day(day, language), title_justify="left", expand=False, show_lines=True)
        table.add_column(word("start", language), no_wrap=True)
        table.add_column(word("end", language), no_wrap=True)
        if tracks:
            for track in tracks:
                table.add_column(track.title, overflow="fold")
        else:
            table.add_column(word("segment", language), overflow="fold")
            table.add_column(word("who", language), overflow="fold")
        segments = [i for i in schedule.items if i.parent is None and schedule.local(i.start).date() == day]
        for start, group in groupby(segments, key=lambda i: i.start):
            items = list(group)
            end = max(i.end for i in items)
            times = [f"{schedule.local(start):%H:%M}", f"{schedule.local(end):%H:%M}"]
            if not tracks:
                for item in items:
                    table.add_row(*times, _segment_cell(schedule, item, language), _who(schedule, item))
                continue
            cells: list[RenderableType] = []
            for track in tracks:
                mine = [i for i in items if i.room in {track.id, None}]
                if not mine:
                    cells.append("")
                elif mine[0].room is None and cells:
                    cells.append(Text(f"↔ {word('all_rooms', language)}", style="dim"))
                else:
                    cells.append(_segment_cell(schedule, mine[0], language, until=mine[0].end != end))
            table.add_row(*times, *cells)
        out.append(table)
    return out


def _segment_cell(schedule: Schedule, item: ScheduledItem, language: str, *, until: bool = False) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from clustermeet.i18n import kind_label

    label = kind_label(item.kind.value, language)
    head = Text(item.title, style="bold")
    if label.lower() not in item.title.lower():
        head.append(f" ({label})", style="dim")
    if until:
        head.append(f"  –{schedule.local(item.end):%H:%M}", style="yellow")
    if item.room is not None and schedule.agenda.tracks:
        who = _who(schedule, item)
        return Group(head, Text(who, style="italic")) if who else head
    rooms = schedule.rooms_of(item.id)
    if not rooms:
        who = _who(schedule, item) if schedule.agenda.tracks else ""  # without tracks, "who" has its own column
        return Group(head, Text(who, style="italic")) if who else head
    columns = console().width // 2  # what the segment column gets, roughly
    if len(rooms) <= 4 and columns // len(rooms) >= 18:
        grid = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1))
        for _ in rooms:
            grid.add_column(ratio=1, overflow="fold")
        grid.add_row(*[_room_text(schedule, r) for r in rooms])
        return Group(head, grid)
    return Group(head, *[_room_text(schedule, r) for r in rooms])


def _room_text(schedule: Schedule, room: ScheduledItem) -> RenderableType:
    from rich.text import Text

    text = Text(f"▸ {room.title}", style="cyan")
    who = _who(schedule, room)
    if who:
        text.append(f"\n  {who}", style="italic")
    return text
