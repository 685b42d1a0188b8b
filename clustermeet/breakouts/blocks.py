"""What the topics and the mixing blocks share: choosing the blocks, placing problems, fixed rooms, the crew.

What stops a block from being placed is found by the kernel's seating checks (:mod:`clustermeet.agenda.seating`),
the same ones ``validate`` runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.breakouts.result import Seat
from clustermeet.errors import InputError, OptionError
from clustermeet.text import closest

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, BreakoutRoom, Segment


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
    on_list: dict[str, int],
    warnings: list[str],
) -> list[Seat]:
    """Seats of the facilitators the agenda names per room, but those also on the participant list (``on_list``,
    seated as participants)."""
    seats: list[Seat] = []
    for room in rooms:
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
        if person.email.lower() not in on_list:
            seats.append(Seat(person.email, person.name, person.organisation, room.id, None, "crew"))
    return seats
