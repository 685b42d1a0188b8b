"""One mixing block: pin fixed people and facilitators to their rooms, mix everyone else over the rounds."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from clustermeet.breakouts.blocks import Where, crew, own_rooms
from clustermeet.breakouts.mixing import mix, target_sizes
from clustermeet.breakouts.result import BlockAssignment, BlockStats, How, Seat
from clustermeet.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, BreakoutRoom, Participant, Segment
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.breakouts.mixing import Mixing

#: participant index -> (room index, why they stay there every round)
Pinned = dict[int, tuple[int, How]]


def mixing_block(
    agenda: Agenda,
    segment: Segment,
    plist: ParticipantList,
    where: Where,
    seed: int,
    warnings: list[str],
) -> list[BlockAssignment]:
    """One assignment per round of ``segment``: near-equal rooms, as few repeated pairs as possible."""
    breakout = segment.breakout
    assert breakout is not None
    rooms = breakout.effective_rooms(agenda.event.language)
    people = plist.participants
    crew_seats, crew_rooms = crew(agenda, segment, rooms, people, warnings)
    pinned, problems = _pin_fixed(segment, rooms, people, crew_rooms, where)
    if breakout.facilitators:
        problems += _pin_facilitators(segment, rooms, people, pinned, where)
    free = [i for i in range(len(people)) if i not in pinned]
    pinned_count = Counter(room for room, _ in pinned.values())
    sizes = target_sizes(len(free), len(rooms), [pinned_count[r] for r in range(len(rooms))])
    for r, generated in enumerate(rooms):
        if generated.capacity is not None and sizes[r] + pinned_count[r] > generated.capacity:
            problems.append(
                where.whole(
                    f"block '{segment.id}': room '{generated.id}' would hold {sizes[r] + pinned_count[r]} "
                    f"but its capacity is {generated.capacity}"
                )
            )
    if problems:
        raise InvalidInputError(problems)
    mixing = mix(len(free), len(rooms), breakout.rounds, seed=seed, sizes=sizes if pinned else None)
    return [
        _round(segment, rooms, people, pinned, free, crew_seats, mixing, number)
        for number in range(1, len(mixing.rounds) + 1)
    ]


def _pin_fixed(
    segment: Segment,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    crew_rooms: dict[str, int],
    where: Where,
) -> tuple[Pinned, list[Problem]]:
    """The people the file fixes to a room of this block, and those the agenda names as a room's facilitator."""
    room_index = {room.id: i for i, room in enumerate(rooms)}
    problems: list[Problem] = []
    pinned: Pinned = {}
    for index, person in enumerate(people):
        own = own_rooms(person.fixed, room_index)
        if person.email.lower() in crew_rooms:
            own = [crew_rooms[person.email.lower()]]
        if len(own) > 1:
            problems.append(where.at(index, f"fixed to several rooms of block '{segment.id}'", "fixed"))
        elif own:
            pinned[index] = (own[0], "fixed")
    return pinned, problems


def _pin_facilitators(
    segment: Segment, rooms: list[BreakoutRoom], people: list[Participant], pinned: Pinned, where: Where
) -> list[Problem]:
    """One facilitator into each room that has none: they stay in their room every round."""
    has = [room.facilitator is not None for room in rooms]
    for index, (room, _) in pinned.items():
        if people[index].role == "facilitator":
            has[room] = True
    open_rooms = [r for r in range(len(rooms)) if not has[r]]
    facilitators = [i for i, p in enumerate(people) if p.role == "facilitator" and i not in pinned]
    problems: list[Problem] = []
    if len(facilitators) > len(open_rooms):
        extra = facilitators[len(open_rooms)]
        problems.append(where.at(extra, f"more facilitators than rooms in block '{segment.id}'", "role"))
    elif len(facilitators) < len(open_rooms):
        problems.append(
            where.whole(
                f"block '{segment.id}': {len(open_rooms)} room(s) need a facilitator but only "
                f"{len(facilitators)} participant(s) have role facilitator"
            )
        )
    for index, room in zip(facilitators, open_rooms, strict=False):
        pinned[index] = (room, "facilitator")
    return problems


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
