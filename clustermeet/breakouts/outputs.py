"""Files made from an assignment: the assignments CSV, Zoom pre-assignment CSVs, Markdown rosters per room.

Every cell and line written from user data goes through ``neutralise_cell`` (CSV) or ``text.md_text`` (Markdown),
every file name through ``safe_filename``. Same assignment in, same bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clustermeet.breakouts.assignments_file import ASSIGNMENT_COLUMNS
from clustermeet.files import safe_filename
from clustermeet.i18n import BREAKOUT_WORDS, format_day, lookup, word
from clustermeet.text import csv_text, md_text

if TYPE_CHECKING:
    from clustermeet.agenda.models import BreakoutRoom
    from clustermeet.agenda.timing import Schedule
    from clustermeet.breakouts.result import AssignmentResult, BlockAssignment, Seat

ZOOM_HEADER = ("Pre-assign Room Name", "Email Address")
#: Zoom's limits per meeting for pre-assignment (Zoom support, 2024): rooms and pre-assigned participants.
ZOOM_MAX_ROOMS = 100
ZOOM_MAX_PEOPLE = 1000


def assignments_csv(result: AssignmentResult) -> str:
    """``email,name,block,room,rank``: one row per person per block (round), in block then list order."""
    rows: list[tuple[str, ...]] = [ASSIGNMENT_COLUMNS]
    for block in result.blocks:
        for seat in block.seats:
            rank = str(seat.rank) if seat.rank is not None else ""
            rows.append((seat.email, seat.name, block.block, seat.room, rank))
    return csv_text(rows)


@dataclass(frozen=True)
class ZoomFiles:
    files: dict[str, str]
    warnings: list[str]


def zoom_csvs(result: AssignmentResult) -> ZoomFiles:
    """One Zoom pre-assignment CSV per block (round), split into parts within Zoom's limits, rooms kept whole."""
    files: dict[str, str] = {}
    warnings: list[str] = []
    for block in result.blocks:
        groups = _by_room(block)
        parts: list[list[tuple[str, list[Seat]]]] = [[]]
        people = 0
        for title, seats in groups:
            if len(seats) > ZOOM_MAX_PEOPLE:
                warnings.append(
                    f"{block.block}: room '{title}' has {len(seats)} people, more than Zoom pre-assigns "
                    f"({ZOOM_MAX_PEOPLE}); its file exceeds the limit"
                )
            current = parts[-1]
            if current and (len(current) >= ZOOM_MAX_ROOMS or people + len(seats) > ZOOM_MAX_PEOPLE):
                parts.append([])
                people = 0
            parts[-1].append((title, seats))
            people += len(seats)
        base = safe_filename(block.block, fallback="block")
        if len(parts) > 1:
            warnings.append(
                f"{block.block}: {len(groups)} rooms and {sum(len(s) for _, s in groups)} people exceed Zoom's limits "
                f"per meeting ({ZOOM_MAX_ROOMS} rooms, {ZOOM_MAX_PEOPLE} people): split into {len(parts)} files, "
                "one per meeting"
            )
        for number, part in enumerate(parts, start=1):
            rows: list[tuple[str, ...]] = [ZOOM_HEADER]
            for title, seats in part:
                rows += [(title, seat.email) for seat in seats]
            name = f"{base}-zoom.csv" if len(parts) == 1 else f"{base}-zoom-part-{number}.csv"
            files[name] = csv_text(rows)
    return ZoomFiles(files, warnings)


def _room_title(block: BlockAssignment, room_id: str) -> str:
    room = next(r for r in block.rooms if r.id == room_id)
    # Zoom matches rooms by name: titles must be unique within the block, else fall back to the id.
    titles = [r.title for r in block.rooms]
    return room.title if titles.count(room.title) == 1 else room.id


def _by_room(block: BlockAssignment) -> list[tuple[str, list[Seat]]]:
    groups: dict[str, list[Seat]] = {room.id: [] for room in block.rooms}
    for seat in block.seats:
        groups[seat.room].append(seat)
    return [(_room_title(block, room_id), seats) for room_id, seats in groups.items() if seats]


def rosters(result: AssignmentResult, schedule: Schedule, language: str) -> dict[str, str]:
    """One Markdown roster per room (per round): its facilitator and everyone in it, by name."""
    files: dict[str, str] = {}
    for block in result.blocks:
        segment = schedule.item(block.segment.id)
        start, end = schedule.local(segment.start), schedule.local(segment.end)
        when = f"{format_day(start.date(), language)}, {start:%H:%M}–{end:%H:%M} ({schedule.zone.key})"
        for room in block.rooms:
            name = safe_filename(f"{block.block}-{room.id}", fallback="room") + ".md"
            files[name] = _roster(block, room, when, language, schedule.agenda.event.room_timer(room.id))
    return files


def _roster(block: BlockAssignment, room: BreakoutRoom, when: str, language: str, timer: str | None) -> str:
    seats = sorted((s for s in block.seats if s.room == room.id), key=lambda s: (s.name.casefold(), s.email))
    lead = [s for s in seats if s.how in {"crew", "facilitator"}]
    others = [s for s in seats if s.how not in {"crew", "facilitator"}]
    title = block.segment.title
    if block.round:
        title += f" – {lookup(BREAKOUT_WORDS, 'round', language)} {block.round}"
    lines = [f"# {md_text(room.title)}", "", f"{md_text(title)}  ", when, ""]
    if timer is not None:  # the served show's page for this room: time left, the close warnings
        lines += [f"{lookup(BREAKOUT_WORDS, 'room_timer', language)}: <{timer}>", ""]
    if lead:
        names = ", ".join(f"{md_text(s.name)}, {md_text(s.email)}" for s in lead)
        lines += [f"**{word('facilitator', language)}:** {names}", ""]
    lines += [f"## {lookup(BREAKOUT_WORDS, 'participants', language)} ({len(others)})", ""]
    for seat in others:
        org = f" ({md_text(seat.organisation)})" if seat.organisation else ""
        wish = f" – {lookup(BREAKOUT_WORDS, 'choice', language)} {seat.rank}" if seat.rank is not None else ""
        lines.append(f"- {md_text(seat.name)}{org}, {md_text(seat.email)}{wish}")
    return "\n".join(lines) + "\n"
