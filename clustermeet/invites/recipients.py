"""Who gets a personal invite, and which breakout room each of them is in.

The recipients are the agenda's participants, then the agenda's people with an e-mail (speakers, moderator, hosts,
tech, facilitators), then anyone else the assignments CSV names (the CSV carries name and e-mail, so it can stand
alone). One person is one recipient, by e-mail: a speaker who also registered gets one invite, which knows both.
Every placement must name a breakout block of the agenda and one of its rooms; a problem names the CSV file and
line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from clustermeet.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clustermeet.agenda.models import Agenda, Person
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.breakouts.assignments_file import Placement

_ROUND = re.compile(r"(?P<block>.+?)[#:/@](?:r|round)?(?P<round>\d+)\Z")


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    person_id: str | None = None  # the ``people`` entry, for their call time and their own segments
    timezone: str | None = None  # where they are: their times are shown beside the event's
    seated: bool = True  # gets breakout rooms (a participant); only the crew is not told of rooms to come


@dataclass(frozen=True)
class RoomPlacement:
    """A person's room in one breakout block (and round, for a mixing block with several rounds)."""

    block: str
    room: str
    round: int | None = None


def recipients_of(
    participants: ParticipantList | None, placements: list[Placement], crew: Sequence[Person] = ()
) -> list[Recipient]:
    """Agenda participants in their order, then ``crew`` (the agenda's people) with an e-mail, then people only the
    assignments name, in file order; one per e-mail. A person who is also a participant keeps the participant's
    place and name and gains the person's id; the person's time zone comes before the participant's."""
    found: dict[str, Recipient] = {}
    for participant in participants.participants if participants else []:
        recipient = Recipient(participant.email, participant.name, timezone=participant.timezone)
        found.setdefault(participant.email.lower(), recipient)
    for person in crew:
        if person.email is None:
            continue
        key = person.email.lower()
        known = found.get(key)
        if known is None:
            found[key] = Recipient(person.email, person.name, person.id, person.timezone, seated=False)
        elif known.person_id is None:
            found[key] = replace(known, person_id=person.id, timezone=person.timezone or known.timezone)
    for placement in placements:
        found.setdefault(
            placement.email.lower(), Recipient(placement.email, placement.name or placement.email.split("@")[0])
        )
    return list(found.values())


def placement_lines(text: str) -> list[int]:
    """The CSV line of each placement ``parse_assignments_csv`` returned for ``text`` (blank rows are skipped)."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    next(reader, None)
    return [reader.line_num for row in reader if any(cell.strip() for cell in row)]


def rooms_by_person(
    agenda: Agenda, placements: list[Placement], source: str, lines: list[int] | None = None
) -> dict[str, list[RoomPlacement]]:
    """Placements by lower-cased e-mail, checked against the agenda's breakout blocks and rooms.

    ``block`` is a breakout segment id; a mixing block with several rounds is written ``<block>/<round>``, as
    ``assign`` writes it (``#`` is accepted too).
    """
    blocks = {
        segment.id: {room.id for room in segment.breakout.effective_rooms(agenda.event.language)}
        for segment in agenda.segments
        if segment.breakout is not None
    }
    rounds = {segment.id: segment.breakout.rounds for segment in agenda.segments if segment.breakout is not None}
    problems: list[Problem] = []
    found: dict[str, list[RoomPlacement]] = {}
    for index, placement in enumerate(placements):
        line = lines[index] if lines and index < len(lines) else 0
        block, round_number = placement.block, None
        if block not in blocks:
            match = _ROUND.match(block)
            if match and match["block"] in blocks:
                block, round_number = match["block"], int(match["round"])
        if block not in blocks:
            known = ", ".join(sorted(blocks)) or "none: the agenda has no breakout segment"
            message = f"block: {placement.block!r} is not a breakout segment of the agenda ({known})"
            problems.append(Problem(source, line, 0, "error", message))
            continue
        if round_number is not None and not 1 <= round_number <= rounds[block]:
            problems.append(
                Problem(source, line, 0, "error", f"block: {block!r} has {rounds[block]} round(s), not {round_number}")
            )
            continue
        if placement.room not in blocks[block]:
            problems.append(
                Problem(source, line, 0, "error", f"room: {placement.room!r} is not a room of block {block!r}")
            )
            continue
        found.setdefault(placement.email.lower(), []).append(RoomPlacement(block, placement.room, round_number))
    if problems:
        raise InvalidInputError(problems)
    return found
