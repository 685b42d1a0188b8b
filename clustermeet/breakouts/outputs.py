"""Files made from an assignment: the assignments CSV and Markdown rosters per room (the platforms' files are in
:mod:`clustermeet.breakouts.platforms`).

Every cell and line written from user data goes through ``neutralise_cell`` (CSV) or ``text.md_text`` (Markdown),
every file name through ``safe_filename`` and :func:`unique_names`. Same assignment in, same bytes out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.breakouts.assignments_file import ASSIGNMENT_COLUMNS
from clustermeet.i18n import BREAKOUT_WORDS, format_day, lookup, word
from clustermeet.text import csv_text, md_text, safe_filename

if TYPE_CHECKING:
    from clustermeet.agenda.models import BreakoutRoom
    from clustermeet.agenda.timing import Schedule
    from clustermeet.breakouts.result import AssignmentResult, BlockAssignment


def assignments_csv(result: AssignmentResult) -> str:
    """``email,name,block,room,rank``: one row per person per block (round), in block then list order."""
    rows: list[tuple[str, ...]] = [ASSIGNMENT_COLUMNS]
    for block in result.blocks:
        for seat in block.seats:
            rank = str(seat.rank) if seat.rank is not None else ""
            rows.append((seat.email, seat.name, block.block, seat.room, rank))
    return csv_text(rows)


def rosters(result: AssignmentResult, schedule: Schedule, language: str) -> dict[str, str]:
    """One Markdown roster per room (per round): its facilitator and everyone in it, by name."""
    names: list[str] = []
    texts: list[str] = []
    for block in result.blocks:
        segment = schedule.item(block.segment.id)
        start, end = schedule.local(segment.start), schedule.local(segment.end)
        when = f"{format_day(start.date(), language)}, {start:%H:%M}–{end:%H:%M} ({schedule.zone.key})"
        for room in block.rooms:
            names.append(safe_filename(f"{block.block}-{room.id}", fallback="room") + ".md")
            texts.append(_roster(block, room, when, language, schedule.agenda.event.room_timer(room.id)))
    return dict(zip(unique_names(names), texts, strict=True))


def unique_names(names: list[str], max_length: int = 80) -> list[str]:
    """File names made unique within one run, case-insensitively as on macOS and Windows: a name seen before gets
    ``-2``, ``-3``, ... before its extension (the stem shortened to stay within ``max_length``). Block ``bo`` room
    ``1-x`` and block ``bo-1`` room ``x`` both make ``bo-1-x.md``; so do ids that share their first 80 characters.
    The first keeps its name: same input, same names."""
    taken: set[str] = set()
    unique = []
    for name in names:
        stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
        candidate, number = name, 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f"-{number}"
            candidate = f"{stem[: max_length - len(suffix) - len(dot + extension)]}{suffix}{dot}{extension}"
        taken.add(candidate.casefold())
        unique.append(candidate)
    return unique


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
