"""The schedule as table data for the terminal: a table per day, tracks as columns, breakout rooms inside their
block's cell. Pure: schedule in, plain data out; ``cli/`` draws it (and decides whether rooms fit side by side)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from clustermeet.agenda.timing import person_name, pitch_slots
from clustermeet.i18n import format_day, kind_label, word

if TYPE_CHECKING:
    from clustermeet.agenda.timing import Schedule, ScheduledItem


@dataclass(frozen=True)
class RoomCell:
    """A breakout room inside its block's cell: its title and who facilitates it."""

    title: str
    who: str


@dataclass(frozen=True)
class SegmentCell:
    """One segment: title, its kind where the title does not say it, the end time where it ends before the row
    does, and either who is on or the rooms of a breakout block."""

    title: str
    label: str = ""
    until: str = ""
    who: str = ""
    rooms: list[RoomCell] = field(default_factory=list)
    pitches: list[str] = field(default_factory=list)  # "10:03 Team – Title (Presenter)"


@dataclass(frozen=True)
class AllRooms:
    """A plenary segment's cell in every track column but the first."""

    text: str


Cell = SegmentCell | AllRooms | str


@dataclass(frozen=True)
class Row:
    start: str
    end: str
    cells: list[Cell]


@dataclass(frozen=True)
class DayTable:
    title: str
    columns: list[str]
    rows: list[Row]


@dataclass(frozen=True)
class ScheduleTables:
    title: str
    zone_line: str
    days: list[DayTable]


def _who(schedule: Schedule, item: ScheduledItem) -> str:
    return ", ".join(person_name(schedule.agenda, person_id) for person_id in item.people)


def schedule_tables(schedule: Schedule, language: str) -> ScheduleTables:
    """One table per day. Without tracks: start, end, segment, who. With tracks: start, end, a column per track."""
    agenda = schedule.agenda
    tracks = agenda.tracks
    fixed = [word("start", language), word("end", language)]
    columns = fixed + ([t.title for t in tracks] if tracks else [word("segment", language), word("who", language)])
    days = []
    for day in schedule.days():
        rows = []
        segments = [i for i in schedule.items if i.parent is None and schedule.local(i.start).date() == day]
        for start, group in groupby(segments, key=lambda i: i.start):
            items = list(group)
            end = max(i.end for i in items)
            times = (f"{schedule.local(start):%H:%M}", f"{schedule.local(end):%H:%M}")
            if not tracks:
                rows += [Row(*times, [segment_cell(schedule, i, language), _who(schedule, i)]) for i in items]
                continue
            cells: list[Cell] = []
            for track in tracks:
                mine = [i for i in items if i.room in {track.id, None}]
                if not mine:
                    cells.append("")
                elif mine[0].room is None and cells:
                    cells.append(AllRooms(f"↔ {word('all_rooms', language)}"))
                else:
                    cells.append(segment_cell(schedule, mine[0], language, until=mine[0].end != end))
            rows.append(Row(*times, cells))
        days.append(DayTable(format_day(day, language), columns, rows))
    zone_line = f"{word('time_zone', language)}: {schedule.zone.key}"
    return ScheduleTables(agenda.event.title, zone_line, days)


def segment_cell(schedule: Schedule, item: ScheduledItem, language: str, *, until: bool = False) -> SegmentCell:
    label = kind_label(item.kind.value, language)
    shown_label = "" if label.lower() in item.title.lower() else label
    end = f"{schedule.local(item.end):%H:%M}" if until else ""
    tracks = bool(schedule.agenda.tracks)
    rooms = [] if item.room is not None and tracks else schedule.rooms_of(item.id)
    # without tracks, "who" has a column of its own; a breakout block shows its rooms instead
    who = _who(schedule, item) if tracks and not rooms else ""
    cells = [RoomCell(room.title, _who(schedule, room)) for room in rooms]
    pitches = [f"{schedule.local(p.start):%H:%M} {p.label()}" for p in pitch_slots(schedule, item)]
    return SegmentCell(item.title, shown_label, end, who, cells, pitches)
