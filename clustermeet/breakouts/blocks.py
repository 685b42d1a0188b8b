"""What the topics and the mixing blocks share: choosing the blocks, placing problems, fixed rooms, the crew.

Problems a person can fix in the file are raised as ``InvalidInputError`` with file and line (:class:`Where`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clustermeet.breakouts.result import Seat
from clustermeet.errors import InputError, InvalidInputError, OptionError, Problem
from clustermeet.text import closest

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, BreakoutRoom, Participant, Segment
    from clustermeet.agenda.participants import ParticipantList


def breakout_blocks(agenda: Agenda, only: str | None = None) -> list[Segment]:
    """The breakout segments, or the one named ``only`` (an :class:`OptionError` for ``block`` when none is)."""
    blocks = [s for s in agenda.segments if s.breakout is not None]
    if only is None:
        if not blocks:
            raise InputError("the agenda has no breakout block", hint="add a segment with kind: breakout")
        return blocks
    chosen = [s for s in blocks if s.id == only]
    if not chosen:
        ids = [s.id for s in blocks]
        raise OptionError(
            "block", only, "is not the id of a breakout block", choices=ids, suggestion=closest(only, ids)
        )
    return chosen


@dataclass(frozen=True)
class Where:
    """Where a participant came from, for problems: the CSV's line and column, or the agenda's inline list."""

    plist: ParticipantList
    agenda_name: str

    def at(self, index: int, message: str, cell: str = "") -> Problem:
        """A problem at participant ``index`` (its ``cell``): its CSV line and column, or its place in the agenda's
        inline list."""
        if self.plist.source:
            col = self.plist.column(index, cell) if cell else 0
            return Problem(self.plist.source, self.plist.lines[index], col, "error", message)
        return Problem(self.agenda_name, 0, 0, "error", f"participants[{index}]: {message}")

    def whole(self, message: str) -> Problem:
        return Problem(self.plist.source or self.agenda_name, 0, 0, "error", message)


def check_room_ids(agenda: Agenda, plist: ParticipantList, where: Where) -> None:
    """Every room a participant ranks or is fixed to is a room of some breakout block."""
    language = agenda.event.language
    known = {
        room.id
        for segment in agenda.segments
        if segment.breakout is not None
        for room in segment.breakout.effective_rooms(language)
    }
    problems = []
    for index, person in enumerate(plist.participants):
        for column, values in (("preferences", person.preferences), ("fixed", person.fixed)):
            for room_id in values:
                if room_id not in known:
                    problems.append(where.at(index, f"{column}: room '{room_id}' is in no breakout block", column))
    if problems:
        raise InvalidInputError(problems)


def own_rooms(values: list[str], room_index: dict[str, int]) -> list[int]:
    """The rooms of this block among ``values``, in order, each once."""
    seen: list[int] = []
    for value in values:
        index = room_index.get(value)
        if index is not None and index not in seen:
            seen.append(index)
    return seen


def crew(
    agenda: Agenda,
    segment: Segment,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    warnings: list[str],
) -> tuple[list[Seat], dict[str, int]]:
    """Seats of the facilitators the agenda names per room; e-mails of those also on the participant list."""
    listed = {p.email.lower() for p in people}
    seats: list[Seat] = []
    on_list: dict[str, int] = {}
    for index, room in enumerate(rooms):
        if room.facilitator is None:
            continue
        person = agenda.person(room.facilitator)
        if person is None:  # load_agenda has reported it already
            continue
        if person.email is None:
            warnings.append(
                f"block '{segment.id}': facilitator '{person.id}' of room '{room.id}' has no e-mail; not pre-assigned"
            )
            continue
        if person.email.lower() in listed:
            on_list[person.email.lower()] = index
            continue
        seats.append(Seat(person.email, person.name, person.organisation, room.id, None, "crew"))
    return seats, on_list
