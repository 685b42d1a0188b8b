"""Late registrations: who is no longer where the previous assignment put them, and the most likely reason."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from clustermeet.breakouts.result import Move

if TYPE_CHECKING:
    from clustermeet.agenda.models import BreakoutRoom, Participant, Segment
    from clustermeet.breakouts.stats import Placed


def moves_since(
    segment: Segment,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    placed: Placed,
    previous_room: dict[int, str],
    fixed_room: dict[int, int],
) -> list[Move]:
    """Who is not where the previous assignment put them, and the most likely reason."""
    if not previous_room:  # no previous assignment (or nobody in it): nobody moved, nothing to count
        return []
    room_ids = {room.id for room in rooms}
    size = Counter(room for room, _, _ in placed.values())
    org_count = Counter((people[i].organisation, room) for i, (room, _, _) in placed.items())
    moves: list[Move] = []
    for index, old in previous_room.items():
        new_room = rooms[placed[index][0]].id
        if old == new_room:
            continue
        person = people[index]
        if old not in room_ids:
            reason = f"room '{old}' no longer exists"
        else:
            old_index = next(i for i, r in enumerate(rooms) if r.id == old)
            capacity = rooms[old_index].capacity
            cap = segment.breakout.max_per_organisation if segment.breakout else None
            if index in fixed_room:
                reason = f"fixed to '{new_room}'"
            elif placed[index][2] == "facilitator":
                reason = "facilitators are spread one per room"
            elif cap is not None and person.organisation and org_count[(person.organisation, old_index)] >= cap:
                reason = f"'{old}' has {cap} people of {person.organisation} already"
            elif capacity is not None and size[old_index] >= capacity:
                reason = f"'{old}' is full ({capacity})"
            else:
                reason = "needed to place the others"
        moves.append(Move(person.email, person.name, segment.id, old, new_room, reason))
    return moves
