"""One topics block: check what the file fixes, build the solver's problem, place everyone, count the figures.

Capacity counts everyone from the participant list placed in a room, participants with role ``facilitator``
included; the facilitator a room names in the agenda is crew, on top of its capacity (see
:mod:`clustermeet.breakouts.assign`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clustermeet.breakouts.blocks import Where, crew, own_rooms
from clustermeet.breakouts.moves import moves_since
from clustermeet.breakouts.result import BlockAssignment, How, Move, Objective, Seat, rank_cost
from clustermeet.breakouts.stats import Placed, topic_stats
from clustermeet.breakouts.topics import NoSolutionError, Seeker, TopicProblem, TopicSolution, solve_topics
from clustermeet.errors import InputError, InvalidInputError, Problem

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, Breakout, BreakoutRoom, Participant, Segment
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.breakouts.assignments_file import Placement


@dataclass
class _Taken:
    """What fixed places use up of each room: people, people per organisation, the facilitator's chair."""

    count: list[int]
    has_facilitator: list[bool]
    org_used: Counter[tuple[str, int]] = field(default_factory=Counter)


def topics_block(
    agenda: Agenda,
    segment: Segment,
    plist: ParticipantList,
    where: Where,
    objective: Objective,
    seed: int,
    before: dict[tuple[str, str], Placement],
    warnings: list[str],
) -> tuple[BlockAssignment, list[Move]]:
    """Everyone of ``plist`` in a room of ``segment`` at the least total cost of ranks; the moves since ``before``."""
    breakout = segment.breakout
    assert breakout is not None
    rooms = breakout.effective_rooms(agenda.event.language)
    room_index = {room.id: i for i, room in enumerate(rooms)}
    people = plist.participants

    crew_seats, crew_rooms = crew(agenda, segment, rooms, people, warnings)
    fixed_room = _fixed_rooms(segment, rooms, room_index, people, crew_rooms, where)
    taken, problems = _take_fixed(breakout, rooms, people, fixed_room, where)
    free = [i for i in range(len(people)) if i not in fixed_room]
    free_facilitators = [i for i in free if breakout.facilitators and people[i].role == "facilitator"]
    needing = [r for r in range(len(rooms)) if breakout.facilitators and not taken.has_facilitator[r]]
    remaining = [None if r.capacity is None else r.capacity - taken.count[i] for i, r in enumerate(rooms)]
    problems += _facilitator_problems(segment, free_facilitators, needing, where)
    problems += _capacity_problems(segment, breakout, rooms, people, free, remaining, taken, where)
    if problems:
        raise InvalidInputError(problems)

    wishes = [own_rooms(people[i].preferences, room_index) for i in free]
    seekers = _seekers(segment, people, free, wishes, free_facilitators, room_index, before, objective)
    problem = TopicProblem(
        capacity=remaining,
        seekers=seekers,
        needs_facilitator=[r in needing for r in range(len(rooms))],
        org_cap=breakout.max_per_organisation,
        org_used=dict(taken.org_used),
        move_penalty=sum(s.unranked_cost for s in seekers) + 1 if any(s.previous is not None for s in seekers) else 0,
    )
    solution = _solve(segment, problem, seed)

    placed = _placed(fixed_room, free, wishes, free_facilitators, solution)
    block_seats = [
        Seat(p.email, p.name, p.organisation, rooms[placed[i][0]].id, placed[i][1], placed[i][2])
        for i, p in enumerate(people)
    ]
    block_seats += crew_seats
    moved_away = sum(1 for s, r in zip(seekers, solution.rooms, strict=True) if s.previous not in (None, r))
    stats = topic_stats(
        seats=block_seats,
        rooms=rooms,
        wishes=dict(zip(free, wishes, strict=True)),
        placed=placed,
        remaining=remaining,
        objective=solution.objective - problem.move_penalty * moved_away,
        bound=solution.bound - problem.move_penalty * moved_away,
        method=f"highs-{solution.method}",
        fixed=len(fixed_room),
        participants=len(people),
    )
    # free people first, then fixed ones: the order the moves are listed in
    previous_room = _previous_rooms(segment, people, [*free, *fixed_room], before)
    block = BlockAssignment(segment.id, segment, None, rooms, block_seats, stats)
    return block, moves_since(segment, rooms, people, placed, previous_room, fixed_room)


def _fixed_rooms(
    segment: Segment,
    rooms: list[BreakoutRoom],
    room_index: dict[str, int],
    people: list[Participant],
    crew_rooms: dict[str, int],
    where: Where,
) -> dict[int, int]:
    """Participant index -> the one room of this block the file fixes them to (or the agenda names them crew of)."""
    problems: list[Problem] = []
    fixed_room: dict[int, int] = {}
    for index, person in enumerate(people):
        own_fixed = own_rooms(person.fixed, room_index)
        crew_room = crew_rooms.get(person.email.lower())
        if crew_room is not None and crew_room not in own_fixed:
            own_fixed.append(crew_room)
        if len(own_fixed) > 1:
            names = ", ".join(f"'{rooms[r].id}'" for r in own_fixed)
            problems.append(where.at(index, f"fixed to {names}, several rooms of block '{segment.id}'", "fixed"))
        elif own_fixed:
            fixed_room[index] = own_fixed[0]
    if problems:
        raise InvalidInputError(problems)
    return fixed_room


def _take_fixed(
    breakout: Breakout,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    fixed_room: dict[int, int],
    where: Where,
) -> tuple[_Taken, list[Problem]]:
    """Seat the fixed people; a problem for each one a room cannot take (full, organisation cap, second lead)."""
    taken = _Taken([0] * len(rooms), [room.facilitator is not None for room in rooms])
    org_cap = breakout.max_per_organisation
    problems: list[Problem] = []
    for index, room in sorted(fixed_room.items()):
        person = people[index]
        taken.count[room] += 1
        capacity = rooms[room].capacity
        if capacity is not None and taken.count[room] > capacity:
            problems.append(where.at(index, f"fixed room '{rooms[room].id}' is full (capacity {capacity})", "fixed"))
        if person.organisation and org_cap is not None:
            taken.org_used[(person.organisation, room)] += 1
            if taken.org_used[(person.organisation, room)] > org_cap:
                problems.append(
                    where.at(
                        index, f"fixed room '{rooms[room].id}' already has {org_cap} of {person.organisation}", "fixed"
                    )
                )
        if breakout.facilitators and person.role == "facilitator":
            if taken.has_facilitator[room]:
                problems.append(where.at(index, f"room '{rooms[room].id}' has a facilitator already", "role"))
            taken.has_facilitator[room] = True
    return taken, problems


def _facilitator_problems(segment: Segment, facilitators: list[int], needing: list[int], where: Where) -> list[Problem]:
    """One facilitator for each room that has none yet: neither more nor fewer."""
    if len(facilitators) > len(needing):
        extra = facilitators[len(needing)]
        return [
            where.at(
                extra,
                f"more facilitators than rooms: block '{segment.id}' has {len(needing)} room(s) without one, "
                f"and this is facilitator {len(needing) + 1}",
                "role",
            )
        ]
    if len(facilitators) < len(needing):
        return [
            where.whole(
                f"block '{segment.id}': {len(needing)} room(s) need a facilitator but only "
                f"{len(facilitators)} participant(s) have role facilitator"
            )
        ]
    return []


def _capacity_problems(
    segment: Segment,
    breakout: Breakout,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    free: list[int],
    remaining: list[int | None],
    taken: _Taken,
    where: Where,
) -> list[Problem]:
    """Seats for everyone, and for each organisation within its cap per room."""
    problems: list[Problem] = []
    if all(c is not None for c in remaining):
        seats = sum(c for c in remaining if c is not None)
        if seats < len(free):
            problems.append(
                where.whole(
                    f"block '{segment.id}': the rooms hold {seats + sum(taken.count)} people "
                    f"but there are {len(people)} participants"
                )
            )
    org_cap = breakout.max_per_organisation
    if org_cap is not None:
        members = Counter(people[i].organisation for i in free if people[i].organisation)
        for org, count in sorted(members.items()):
            assert org is not None
            room_for = 0
            for r, left in enumerate(remaining):
                room_for += max(0, min(org_cap - taken.org_used[(org, r)], count if left is None else left))
            if count > room_for:
                problems.append(
                    where.whole(
                        f"block '{segment.id}': {count} people of {org} but at most {org_cap} per room "
                        f"fit in {len(rooms)} rooms"
                    )
                )
    return problems


def _seekers(
    segment: Segment,
    people: list[Participant],
    free: list[int],
    wishes: list[list[int]],
    facilitators: list[int],
    room_index: dict[str, int],
    before: dict[tuple[str, str], Placement],
    objective: Objective,
) -> list[Seeker]:
    """The free people as the solver sees them: the cost of each ranked room, and the room they had before."""
    seekers = []
    for index, ranked in zip(free, wishes, strict=True):
        person = people[index]
        old = before.get((person.email.lower(), segment.id))
        seekers.append(
            Seeker(
                costs={room: rank_cost(rank, objective) for rank, room in enumerate(ranked, start=1)},
                unranked_cost=rank_cost(len(ranked) + 1, objective),
                organisation=person.organisation or None,
                facilitator=index in facilitators,
                previous=room_index.get(old.room) if old is not None else None,
            )
        )
    return seekers


def _solve(segment: Segment, problem: TopicProblem, seed: int) -> TopicSolution:
    try:
        return solve_topics(problem, seed=seed)
    except NoSolutionError as exc:
        raise InputError(
            f"block '{segment.id}': no placement satisfies the capacities, facilitators and organisation caps ({exc})",
            hint="raise capacities or max_per_organisation, or remove fixed places",
        ) from None


def _placed(
    fixed_room: dict[int, int],
    free: list[int],
    wishes: list[list[int]],
    facilitators: list[int],
    solution: TopicSolution,
) -> Placed:
    """Participant index -> (room, rank or None, how they got there)."""
    placed: Placed = {}
    for index, room in fixed_room.items():
        placed[index] = (room, None, "fixed")
    for position, index in enumerate(free):
        room = solution.rooms[position]
        ranked = wishes[position]
        rank = ranked.index(room) + 1 if room in ranked else None
        how: How = "facilitator" if index in facilitators else ("ranked" if rank else "unranked")
        placed[index] = (room, rank, how)
    return placed


def _previous_rooms(
    segment: Segment, people: list[Participant], indices: list[int], before: dict[tuple[str, str], Placement]
) -> dict[int, str]:
    """Participant index -> the room the previous assignment gave them in this block."""
    previous_room: dict[int, str] = {}
    for index in indices:
        old = before.get((people[index].email.lower(), segment.id))
        if old is not None:
            previous_room[index] = old.room
    return previous_room
