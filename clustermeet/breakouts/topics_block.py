"""One topics block: check what the file fixes, build the solver's problem, place everyone, count the figures.

Capacity counts everyone from the participant list placed in a room, participants with role ``facilitator``
included; the facilitator a room names in the agenda is crew, on top of its capacity (see
:mod:`clustermeet.breakouts.assign`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.breakouts.blocks import crew, own_rooms
from clustermeet.breakouts.moves import moves_since
from clustermeet.breakouts.result import BlockAssignment, How, Move, Objective, Seat, rank_cost
from clustermeet.breakouts.stats import Placed, topic_stats
from clustermeet.breakouts.topics import NoSolutionError, Seeker, TopicProblem, TopicSolution, solve_topics
from clustermeet.errors import InputError

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, BreakoutRoom, Participant, Segment
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.agenda.seating import BlockSeats
    from clustermeet.breakouts.assignments_file import Placement


def topics_block(
    agenda: Agenda,
    segment: Segment,
    plist: ParticipantList,
    seats: BlockSeats,
    objective: Objective,
    seed: int,
    before: dict[tuple[str, str], Placement],
    warnings: list[str],
) -> tuple[BlockAssignment, list[Move]]:
    """Everyone of ``plist`` in a room of ``segment`` at the least total cost of ranks; the moves since ``before``.
    ``seats`` holds what the file fixes, checked already (:func:`clustermeet.agenda.seating.block_seats`)."""
    breakout = segment.breakout
    assert breakout is not None
    rooms = seats.rooms
    room_index = {room.id: i for i, room in enumerate(rooms)}
    people = plist.participants

    crew_seats = crew(agenda, segment, rooms, seats.crew_on_list, warnings)
    fixed_room = seats.fixed
    free = [i for i in range(len(people)) if i not in fixed_room]
    free_facilitators = {i for i in free if breakout.facilitators and people[i].role == "facilitator"}
    needing = [r for r in range(len(rooms)) if breakout.facilitators and not seats.has_facilitator[r]]
    remaining = seats.remaining()

    wishes = [own_rooms(people[i].preferences, room_index) for i in free]
    seekers = _seekers(segment, people, free, wishes, free_facilitators, room_index, before, objective)
    problem = TopicProblem(
        capacity=remaining,
        seekers=seekers,
        needs_facilitator=[r in needing for r in range(len(rooms))],
        org_cap=breakout.max_per_organisation,
        org_used=dict(seats.org_used),
        fixed_count=seats.count,
        move_penalty=sum(s.unranked_cost for s in seekers) + 1 if any(s.previous is not None for s in seekers) else 0,
    )
    solution = _solve(segment, problem, seed)

    placed = _placed(fixed_room, free, wishes, free_facilitators, solution)
    _warn_no_wishes(segment, rooms, wishes, placed, warnings)
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
        method=_METHODS[solution.method],
        fixed=len(fixed_room),
        participants=len(people),
    )
    # free people first, then fixed ones: the order the moves are listed in
    previous_room = _previous_rooms(segment, people, [*free, *fixed_room], before)
    block = BlockAssignment(segment.id, segment, None, rooms, block_seats, stats)
    return block, moves_since(segment, rooms, people, placed, previous_room, fixed_room)


#: The figures' name of each way the solver found the optimum.
_METHODS = {"flow": "ortools-flow", "lp": "highs-lp", "mip": "highs-mip"}

#: From this share of the free participants without a wish for a block, ``assign`` says how they were placed.
NO_WISHES_SHARE = 0.25


def _warn_no_wishes(
    segment: Segment, rooms: list[BreakoutRoom], wishes: list[list[int]], placed: Placed, warnings: list[str]
) -> None:
    """Many without wishes: say so, and that they went where the rooms stay even."""
    without = sum(1 for ranked in wishes if not ranked)
    if not wishes or without < NO_WISHES_SHARE * len(wishes):
        return
    sizes = [0] * len(rooms)
    for room, _rank, _how in placed.values():
        sizes[room] += 1
    warnings.append(
        f"block '{segment.id}': {without} of {len(wishes)} participants have no wishes for its rooms; "
        f"they were placed to keep the rooms even ({'/'.join(map(str, sizes))} people)"
    )


def _seekers(
    segment: Segment,
    people: list[Participant],
    free: list[int],
    wishes: list[list[int]],
    facilitators: set[int],
    room_index: dict[str, int],
    before: dict[tuple[str, str], Placement],
    objective: Objective,
) -> list[Seeker]:
    """The free people as the solver sees them: the cost of each ranked room, and the room they had before."""
    seekers = []
    by_rank = [rank_cost(rank, objective) for rank in range(len(room_index) + 2)]  # ranks 0 to rooms + 1
    ranked_costs = by_rank[1:]
    for index, ranked in zip(free, wishes, strict=True):
        person = people[index]
        old = before.get((person.email.lower(), segment.id)) if before else None
        seekers.append(
            Seeker(
                costs=dict(zip(ranked, ranked_costs, strict=False)),  # rank 1 onwards; ranked_costs is longer
                unranked_cost=by_rank[len(ranked) + 1],
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
    facilitators: set[int],
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
    if not before:
        return previous_room
    for index in indices:
        old = before.get((people[index].email.lower(), segment.id))
        if old is not None:
            previous_room[index] = old.room
    return previous_room
