"""One mixing block: pin fixed people and facilitators to their rooms, mix everyone else over the rounds."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from clustermeet.agenda.seating import target_sizes
from clustermeet.breakouts.blocks import crew
from clustermeet.breakouts.mixing import Mixing, OrgCap, mix, repeat_bound, repeat_pairs
from clustermeet.breakouts.result import BlockAssignment, BlockStats, How, Seat

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, BreakoutRoom, Participant, Segment
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.agenda.seating import BlockSeats
    from clustermeet.breakouts.assignments_file import Placement

#: participant index -> (room index, why they stay there every round)
Pinned = dict[int, tuple[int, How]]


def mixing_block(
    agenda: Agenda,
    segment: Segment,
    plist: ParticipantList,
    seats: BlockSeats,
    seed: int,
    warnings: list[str],
    before: dict[tuple[str, str], Placement] | None = None,
) -> list[BlockAssignment]:
    """One assignment per round of ``segment``: near-equal rooms, as few repeated pairs as possible. ``seats`` holds
    the fixed people and the facilitators' rooms, checked already (:func:`clustermeet.agenda.seating.block_seats`).
    With a previous assignment (``before``) everyone it placed in every round keeps their groups, and newcomers
    join the smallest rooms they have met the fewest in."""
    breakout = segment.breakout
    assert breakout is not None
    rooms = seats.rooms
    people = plist.participants
    crew_seats = crew(agenda, segment, rooms, seats.crew_on_list, warnings)
    pinned: Pinned = {n: (room, "fixed") for n, room in seats.fixed.items()}
    pinned.update({n: (room, "facilitator") for n, room in seats.facilitator_rooms.items()})
    free = [i for i in range(len(people)) if i not in pinned]
    pinned_count = Counter(room for room, _ in pinned.values())
    counts = [pinned_count[r] for r in range(len(rooms))]
    sizes = target_sizes(len(free), len(rooms), counts, [room.capacity for room in rooms])
    even = not pinned and sizes == target_sizes(len(free), len(rooms))
    caps = _caps(breakout.max_per_organisation, people, free, pinned)
    kept = _kept(segment, rooms, people, free, before or {})
    if kept:
        mixing = _with_kept(
            len(rooms), breakout.rounds, free, kept, [pinned_count[r] for r in range(len(rooms))], rooms
        )
    else:
        mixing = mix(len(free), len(rooms), breakout.rounds, seed=seed, sizes=None if even else sizes, caps=caps)
    if mixing.over_cap:
        warnings.append(
            f"block '{segment.id}': {mixing.over_cap} placement(s) over max_per_organisation "
            f"{breakout.max_per_organisation} (an organisation has more people than the cap times {len(rooms)} "
            "rooms); they were spread as evenly as the rooms allow"
        )
    return [
        _round(segment, rooms, people, pinned, free, crew_seats, mixing, number)
        for number in range(1, len(mixing.rounds) + 1)
    ]


def _kept(
    segment: Segment,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    free: list[int],
    before: dict[tuple[str, str], Placement],
) -> dict[int, list[int]]:
    """Free participant -> their previous room in each round, for those placed in every round in rooms that exist."""
    assert segment.breakout is not None
    rounds = segment.breakout.rounds
    names = [segment.id] if rounds == 1 else [f"{segment.id}/{n}" for n in range(1, rounds + 1)]
    index = {room.id: r for r, room in enumerate(rooms)}
    kept: dict[int, list[int]] = {}
    for i in free:
        old = [before.get((people[i].email.lower(), name)) for name in names]
        if all(p is not None and p.room in index for p in old):
            kept[i] = [index[p.room] for p in old if p is not None]
    return kept


def _with_kept(
    rooms: int,
    rounds: int,
    free: list[int],
    kept: dict[int, list[int]],
    pinned: list[int],
    room_list: list[BreakoutRoom],
) -> Mixing:
    """The rounds with everyone kept where they were (while their room has a seat) and newcomers each into the
    room with the fewest people they have met, then the fewest people."""
    plan = [[-1] * len(free) for _ in range(rounds)]
    members: list[list[list[int]]] = []  # round -> room -> positions
    for t in range(rounds):
        size = list(pinned)
        waiting = []
        for position, index in enumerate(free):
            room = kept[index][t] if index in kept else None
            limit = room_list[room].capacity if room is not None else None
            if room is not None and (limit is None or size[room] < limit):
                plan[t][position] = room
                size[room] += 1
            else:
                waiting.append(position)
        for position in waiting:
            clash: Counter[int] = Counter()
            for earlier in range(t):  # the people met in earlier rounds, by the room they are in now
                for other in members[earlier][plan[earlier][position]]:
                    if other != position and plan[t][other] >= 0:
                        clash[plan[t][other]] += 1
            open_rooms = [r for r in range(rooms) if (room_list[r].capacity or size[r] + 1) > size[r]]
            room = min(open_rooms or range(rooms), key=lambda r: (clash[r], size[r], r))
            plan[t][position] = room
            size[room] += 1
        groups: list[list[int]] = [[] for _ in range(rooms)]
        for position, room in enumerate(plan[t]):
            groups[room].append(position)
        members.append(groups)
    sizes = [sum(1 for room in plan[0] if room == r) for r in range(rooms)]
    return Mixing(plan, repeat_pairs(plan), repeat_bound(len(free), sizes, rounds), "kept-previous")


def _caps(cap: int | None, people: list[Participant], free: list[int], pinned: Pinned) -> OrgCap | None:
    """The organisation cap as the rounds keep it: the free people's organisations, what the pinned use."""
    if cap is None or not any(people[i].organisation for i in free):
        return None
    used: Counter[tuple[str, int]] = Counter()
    for index, (room, _) in pinned.items():
        if people[index].organisation:
            used[(people[index].organisation or "", room)] += 1
    return OrgCap([people[i].organisation or None for i in free], cap, dict(used))


def _round(
    segment: Segment,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    pinned: Pinned,
    free: list[int],
    crew_seats: list[Seat],
    mixing: Mixing,
    number: int,
) -> BlockAssignment:
    """The seats of round ``number`` (from 1); a block of one round is named like its segment."""
    assert segment.breakout is not None
    rounds = segment.breakout.rounds
    room_of: Pinned = dict(pinned)
    for position, index in enumerate(free):
        room_of[index] = (mixing.rounds[number - 1][position], "mixed")
    seats = [
        Seat(p.email, p.name, p.organisation, rooms[room_of[i][0]].id, None, room_of[i][1])
        for i, p in enumerate(people)
    ]
    seats += crew_seats
    room_sizes = Counter(seat.room for seat in seats if seat.how != "crew")
    stats = BlockStats(
        participants=len(people),
        rooms=len(rooms),
        fixed=sum(1 for _, how in pinned.values() if how == "fixed"),
        method=mixing.method,
        repeat_pairs=mixing.repeat_pairs,
        repeat_pairs_bound=mixing.bound,
        room_sizes={room.id: room_sizes.get(room.id, 0) for room in rooms},
    )
    name = segment.id if rounds == 1 else f"{segment.id}/{number}"
    return BlockAssignment(name, segment, number if rounds > 1 else None, rooms, seats, stats)
