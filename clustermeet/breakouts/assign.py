"""Assign participants to the rooms of breakout blocks: exact optimum for topics blocks, mixing rounds otherwise.

Inputs are the agenda, the participant list (with the line each participant came from) and, for late registrations,
the previous placements. Problems a person can fix in the file are raised as ``InvalidInputError`` with file and
line; the result carries every seat and the figures of each block (see docs/assign.md).

Capacity counts everyone from the participant list placed in a room, participants with role ``facilitator``
included. The facilitator a room names in the agenda (``facilitator:``, a people id) is crew: placed in that room on
top of its capacity, unless the same e-mail is also on the participant list, where it counts like anyone else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from clustermeet.breakouts.mixing import mix, target_sizes
from clustermeet.breakouts.topics import NoSolutionError, Seeker, TopicProblem, solve_topics
from clustermeet.errors import InputError, InvalidInputError, Problem, UsageError

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, BreakoutRoom, Participant, Segment
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.breakouts.assignments_file import Placement

Objective = Literal["squared", "linear"]
How = Literal["ranked", "unranked", "fixed", "facilitator", "crew", "mixed"]


@dataclass(frozen=True)
class Seat:
    """One person in one room of one block (round)."""

    email: str
    name: str
    organisation: str | None
    room: str
    rank: int | None
    how: How


@dataclass(frozen=True)
class BlockStats:
    participants: int
    rooms: int
    with_wishes: int = 0
    first_choices: int = 0
    first_choice_share: float | None = None
    first_choice_best: float | None = None
    mean_rank: float | None = None
    worst_rank: int | None = None
    rank_histogram: dict[str, int] = field(default_factory=dict)
    fixed: int = 0
    objective: int | None = None
    lower_bound: float | None = None
    optimal: bool | None = None
    method: str = ""
    unplaced: int = 0
    repeat_pairs: int | None = None
    repeat_pairs_bound: int | None = None
    room_sizes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BlockAssignment:
    """The seats of one block, or of one round of a mixing block (``block`` is then ``<segment>/<round>``)."""

    block: str
    segment: Segment
    round: int | None
    rooms: list[BreakoutRoom]
    seats: list[Seat]
    stats: BlockStats


@dataclass(frozen=True)
class Move:
    email: str
    name: str
    block: str
    from_room: str
    to_room: str
    reason: str


@dataclass(frozen=True)
class AssignmentResult:
    blocks: list[BlockAssignment]
    moved: list[Move] = field(default_factory=list)
    left: list[Placement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def rank_cost(rank: int, objective: Objective) -> int:
    return rank * rank if objective == "squared" else rank


def breakout_blocks(agenda: Agenda, only: str | None = None) -> list[Segment]:
    """The breakout segments, or the one named ``only`` (a usage error when there is none of that id)."""
    blocks = [s for s in agenda.segments if s.breakout is not None]
    if only is None:
        if not blocks:
            raise InputError("the agenda has no breakout block", hint="add a segment with kind: breakout")
        return blocks
    chosen = [s for s in blocks if s.id == only]
    if not chosen:
        known = ", ".join(s.id for s in blocks) or "none"
        raise UsageError(f"--block: no breakout block with id {only!r}", hint=f"breakout blocks: {known}")
    return chosen


def assign_rooms(
    agenda: Agenda,
    plist: ParticipantList,
    *,
    block: str | None = None,
    objective: Objective = "squared",
    seed: int = 0,
    previous: list[Placement] | None = None,
    agenda_name: str = "agenda",
) -> AssignmentResult:
    """Place every participant in every breakout block (or in ``block`` only)."""
    segments = breakout_blocks(agenda, block)
    where = _Where(plist, agenda_name)
    _check_room_ids(agenda, plist, where)
    before: dict[tuple[str, str], Placement] = {}
    for placement in previous or []:
        before[(placement.email.lower(), placement.block)] = placement
    results: list[BlockAssignment] = []
    moved: list[Move] = []
    warnings: list[str] = []
    for segment in segments:
        assert segment.breakout is not None
        if segment.breakout.mode == "topics":
            assignment, moves = _topics_block(agenda, segment, plist, where, objective, seed, before, warnings)
            results.append(assignment)
            moved += moves
        else:
            results += _mixing_block(agenda, segment, plist, where, seed, warnings)
    emails = {p.email.lower() for p in plist.participants}
    blocks_done = {r.block for r in results}
    left = [p for p in previous or [] if p.email.lower() not in emails and p.block in blocks_done]
    crew = {s.email.lower() for r in results for s in r.seats if s.how == "crew"}
    left = [p for p in left if p.email.lower() not in crew]
    return AssignmentResult(results, moved, left, warnings)


# --- checks ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
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


def _check_room_ids(agenda: Agenda, plist: ParticipantList, where: _Where) -> None:
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


def _own(values: list[str], room_index: dict[str, int]) -> list[int]:
    """The rooms of this block among ``values``, in order, each once."""
    seen: list[int] = []
    for value in values:
        index = room_index.get(value)
        if index is not None and index not in seen:
            seen.append(index)
    return seen


# --- topics ---------------------------------------------------------------------------------------------------


def _topics_block(
    agenda: Agenda,
    segment: Segment,
    plist: ParticipantList,
    where: _Where,
    objective: Objective,
    seed: int,
    before: dict[tuple[str, str], Placement],
    warnings: list[str],
) -> tuple[BlockAssignment, list[Move]]:
    breakout = segment.breakout
    assert breakout is not None
    rooms = breakout.effective_rooms(agenda.event.language)
    room_index = {room.id: i for i, room in enumerate(rooms)}
    people = plist.participants
    problems: list[Problem] = []

    crew_seats, crew_rooms = _crew(agenda, segment, rooms, people, warnings)
    fixed_room: dict[int, int] = {}
    for index, person in enumerate(people):
        own_fixed = _own(person.fixed, room_index)
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

    wants_facilitators = breakout.facilitators
    has_facilitator = [rooms[r].facilitator is not None for r in range(len(rooms))]
    fixed_count = [0] * len(rooms)
    org_used: Counter[tuple[str, int]] = Counter()
    org_cap = breakout.max_per_organisation
    for index, room in sorted(fixed_room.items()):
        person = people[index]
        fixed_count[room] += 1
        capacity = rooms[room].capacity
        if capacity is not None and fixed_count[room] > capacity:
            problems.append(where.at(index, f"fixed room '{rooms[room].id}' is full (capacity {capacity})", "fixed"))
        if person.organisation and org_cap is not None:
            org_used[(person.organisation, room)] += 1
            if org_used[(person.organisation, room)] > org_cap:
                problems.append(
                    where.at(
                        index, f"fixed room '{rooms[room].id}' already has {org_cap} of {person.organisation}", "fixed"
                    )
                )
        if wants_facilitators and person.role == "facilitator":
            if has_facilitator[room]:
                problems.append(where.at(index, f"room '{rooms[room].id}' has a facilitator already", "role"))
            has_facilitator[room] = True

    free = [i for i in range(len(people)) if i not in fixed_room]
    free_facilitators = [i for i in free if wants_facilitators and people[i].role == "facilitator"]
    needing = [r for r in range(len(rooms)) if wants_facilitators and not has_facilitator[r]]
    if len(free_facilitators) > len(needing):
        extra = free_facilitators[len(needing)]
        problems.append(
            where.at(
                extra,
                f"more facilitators than rooms: block '{segment.id}' has {len(needing)} room(s) without one, "
                f"and this is facilitator {len(needing) + 1}",
                "role",
            )
        )
    elif len(free_facilitators) < len(needing):
        problems.append(
            where.whole(
                f"block '{segment.id}': {len(needing)} room(s) need a facilitator but only "
                f"{len(free_facilitators)} participant(s) have role facilitator"
            )
        )
    remaining = [None if r.capacity is None else r.capacity - fixed_count[i] for i, r in enumerate(rooms)]
    if all(c is not None for c in remaining):
        seats = sum(c for c in remaining if c is not None)
        if seats < len(free):
            problems.append(
                where.whole(
                    f"block '{segment.id}': the rooms hold {seats + sum(fixed_count)} people "
                    f"but there are {len(people)} participants"
                )
            )
    if org_cap is not None:
        members = Counter(people[i].organisation for i in free if people[i].organisation)
        for org, count in sorted(members.items()):
            assert org is not None
            room_for = 0
            for r, left in enumerate(remaining):
                room_for += max(0, min(org_cap - org_used[(org, r)], count if left is None else left))
            if count > room_for:
                problems.append(
                    where.whole(
                        f"block '{segment.id}': {count} people of {org} but at most {org_cap} per room "
                        f"fit in {len(rooms)} rooms"
                    )
                )
    if problems:
        raise InvalidInputError(problems)

    seekers: list[Seeker] = []
    wishes: list[list[int]] = []
    previous_room: dict[int, str] = {}
    for index in free:
        person = people[index]
        ranked = _own(person.preferences, room_index)
        wishes.append(ranked)
        old = before.get((person.email.lower(), segment.id))
        if old is not None:
            previous_room[index] = old.room
        seekers.append(
            Seeker(
                costs={room: rank_cost(rank, objective) for rank, room in enumerate(ranked, start=1)},
                unranked_cost=rank_cost(len(ranked) + 1, objective),
                organisation=person.organisation or None,
                facilitator=index in free_facilitators,
                previous=room_index.get(old.room) if old is not None else None,
            )
        )
    for index in fixed_room:
        old = before.get((people[index].email.lower(), segment.id))
        if old is not None:
            previous_room[index] = old.room
    has_previous = any(s.previous is not None for s in seekers)
    penalty = sum(s.unranked_cost for s in seekers) + 1 if has_previous else 0
    problem = TopicProblem(
        capacity=remaining,
        seekers=seekers,
        needs_facilitator=[r in needing for r in range(len(rooms))],
        org_cap=org_cap,
        org_used=dict(org_used),
        move_penalty=penalty,
    )
    try:
        solution = solve_topics(problem, seed=seed)
    except NoSolutionError as exc:
        raise InputError(
            f"block '{segment.id}': no placement satisfies the capacities, facilitators and organisation caps ({exc})",
            hint="raise capacities or max_per_organisation, or remove fixed places",
        ) from None

    placed: dict[int, tuple[int, int | None, How]] = {}
    for index, room in fixed_room.items():
        placed[index] = (room, None, "fixed")
    for position, index in enumerate(free):
        room = solution.rooms[position]
        ranked = wishes[position]
        rank = ranked.index(room) + 1 if room in ranked else None
        how: How = "facilitator" if index in free_facilitators else ("ranked" if rank else "unranked")
        placed[index] = (room, rank, how)
    block_seats = [
        Seat(p.email, p.name, p.organisation, rooms[placed[i][0]].id, placed[i][1], placed[i][2])
        for i, p in enumerate(people)
    ]
    block_seats += crew_seats

    moves_count = sum(1 for s, r in zip(seekers, solution.rooms, strict=True) if s.previous not in (None, r))
    rank_objective = solution.objective - penalty * moves_count
    stats = _topic_stats(
        seats=block_seats,
        rooms=rooms,
        wishes=dict(zip(free, wishes, strict=True)),
        placed=placed,
        remaining=remaining,
        objective=rank_objective,
        bound=solution.bound - penalty * moves_count,
        method=f"highs-{solution.method}",
        fixed=len(fixed_room),
        participants=len(people),
    )
    block = BlockAssignment(segment.id, segment, None, rooms, block_seats, stats)
    moves = _moves(segment, rooms, people, placed, previous_room, fixed_room)
    return block, moves


def _crew(
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


def _topic_stats(
    *,
    seats: list[Seat],
    rooms: list[BreakoutRoom],
    wishes: dict[int, list[int]],
    placed: dict[int, tuple[int, int | None, How]],
    remaining: list[int | None],
    objective: int,
    bound: float,
    method: str,
    fixed: int,
    participants: int,
) -> BlockStats:
    ranks: list[int] = []
    histogram: Counter[str] = Counter()
    first_wish: Counter[int] = Counter()
    for index, ranked in wishes.items():
        if not ranked:
            continue
        _, rank, _ = placed[index]
        effective = rank if rank is not None else len(ranked) + 1
        ranks.append(effective)
        histogram[str(rank) if rank is not None else "unranked"] += 1
        first_wish[ranked[0]] += 1
    best = 0
    for r, count in first_wish.items():
        left = remaining[r]
        best += count if left is None else min(count, left)
    with_wishes = len(ranks)
    first = histogram.get("1", 0)
    ordered = dict(sorted(((k, v) for k, v in histogram.items() if k != "unranked"), key=lambda kv: int(kv[0])))
    if histogram.get("unranked"):
        ordered["unranked"] = histogram["unranked"]
    sizes = Counter(seat.room for seat in seats if seat.how != "crew")
    return BlockStats(
        participants=participants,
        rooms=len(rooms),
        with_wishes=with_wishes,
        first_choices=first,
        first_choice_share=round(first / with_wishes, 4) if with_wishes else None,
        first_choice_best=round(best / with_wishes, 4) if with_wishes else None,
        mean_rank=round(sum(ranks) / with_wishes, 4) if with_wishes else None,
        worst_rank=max(ranks) if ranks else None,
        rank_histogram=ordered,
        fixed=fixed,
        objective=objective,
        lower_bound=round(bound, 3),
        optimal=objective - bound < 1,
        method=method,
        unplaced=0,
        room_sizes={room.id: sizes.get(room.id, 0) for room in rooms},
    )


def _moves(
    segment: Segment,
    rooms: list[BreakoutRoom],
    people: list[Participant],
    placed: dict[int, tuple[int, int | None, How]],
    previous_room: dict[int, str],
    fixed_room: dict[int, int],
) -> list[Move]:
    """Who is not where the previous assignment put them, and the most likely reason."""
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


# --- mixing ---------------------------------------------------------------------------------------------------


def _mixing_block(
    agenda: Agenda,
    segment: Segment,
    plist: ParticipantList,
    where: _Where,
    seed: int,
    warnings: list[str],
) -> list[BlockAssignment]:
    breakout = segment.breakout
    assert breakout is not None
    rooms = breakout.effective_rooms(agenda.event.language)
    room_index = {room.id: i for i, room in enumerate(rooms)}
    people = plist.participants
    problems: list[Problem] = []
    crew_seats, crew_rooms = _crew(agenda, segment, rooms, people, warnings)
    pinned: dict[int, tuple[int, How]] = {}
    for index, person in enumerate(people):
        own = _own(person.fixed, room_index)
        if person.email.lower() in crew_rooms:
            own = [crew_rooms[person.email.lower()]]
        if len(own) > 1:
            problems.append(where.at(index, f"fixed to several rooms of block '{segment.id}'", "fixed"))
        elif own:
            pinned[index] = (own[0], "fixed")
    if breakout.facilitators:
        has = [room.facilitator is not None for room in rooms]
        for index, (room, _) in pinned.items():
            if people[index].role == "facilitator":
                has[room] = True
        open_rooms = [r for r in range(len(rooms)) if not has[r]]
        facilitators = [i for i, p in enumerate(people) if p.role == "facilitator" and i not in pinned]
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
            pinned[index] = (room, "facilitator")  # facilitators stay in their room every round
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
    results: list[BlockAssignment] = []
    for t, plan in enumerate(mixing.rounds, start=1):
        room_of: dict[int, tuple[int, How]] = dict(pinned)
        for position, index in enumerate(free):
            room_of[index] = (plan[position], "mixed")
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
        name = segment.id if breakout.rounds == 1 else f"{segment.id}/{t}"
        results.append(BlockAssignment(name, segment, t if breakout.rounds > 1 else None, rooms, seats, stats))
    return results
