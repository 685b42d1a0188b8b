"""The HiGHS model of a topics block against brute force on small random instances."""

from __future__ import annotations

import itertools
import random

import pytest

from clustermeet.breakouts.topics import NoSolutionError, Seeker, Solver, TopicProblem, solve_topics


def _feasible(problem: TopicProblem, rooms: tuple[int, ...]) -> bool:
    counts = [0] * problem.rooms
    facilitators = [0] * problem.rooms
    per_org: dict[tuple[str, int], int] = dict(problem.org_used)
    for seeker, room in zip(problem.seekers, rooms, strict=True):
        counts[room] += 1
        facilitators[room] += seeker.facilitator
        if seeker.organisation is not None:
            per_org[(seeker.organisation, room)] = per_org.get((seeker.organisation, room), 0) + 1
    for room in range(problem.rooms):
        capacity = problem.capacity[room]
        if capacity is not None and counts[room] > capacity:
            return False
        needed = 1 if problem.needs_facilitator and problem.needs_facilitator[room] else 0
        if facilitators[room] != needed:
            return False
    return problem.org_cap is None or all(count <= problem.org_cap for count in per_org.values())


def _brute_force(problem: TopicProblem) -> int | None:
    best: int | None = None
    for rooms in itertools.product(range(problem.rooms), repeat=len(problem.seekers)):
        if _feasible(problem, rooms):
            cost = problem.total_cost(rooms)
            best = cost if best is None else min(best, cost)
    return best


#: as installed (OR-Tools' flow where it applies), HiGHS on the classes of identical people, the bare HiGHS model
SOLVERS: tuple[Solver, ...] = ("auto", "highs", "highs-bare")


def seeker(
    wishes: list[int], squared: bool, *, organisation: str | None, facilitator: bool, previous: int | None
) -> Seeker:
    """Someone ranking ``wishes`` in that order under the squared (or linear) rank cost."""
    costs = {room: (rank * rank if squared else rank) for rank, room in enumerate(wishes, start=1)}
    unranked = len(wishes) + 1
    return Seeker(
        costs=costs,
        unranked_cost=unranked * unranked if squared else unranked,
        organisation=organisation,
        facilitator=facilitator,
        previous=previous,
    )


def _random_problem(rng: random.Random) -> TopicProblem:
    rooms = rng.randint(2, 4)
    people = rng.randint(1, 7 if rooms <= 3 else 5)
    squared = rng.random() < 0.5
    with_facilitators = rng.random() < 0.4
    needs = [rng.random() < 0.6 for _ in range(rooms)] if with_facilitators else []
    facilitator_count = sum(needs)
    with_previous = rng.random() < 0.3
    orgs = ["a", "b", None]
    seekers = []
    for index in range(people):
        wishes = rng.sample(range(rooms), rng.randint(0, rooms))
        seekers.append(
            seeker(
                wishes,
                squared,
                organisation=rng.choice(orgs),
                facilitator=index < facilitator_count,
                previous=rng.randrange(rooms) if with_previous and rng.random() < 0.7 else None,
            )
        )
    capacity = [rng.choice([None, 1, 2, 3]) for _ in range(rooms)]
    org_cap = rng.choice([None, 1, 2]) if rng.random() < 0.5 else None
    org_used = {("a", 0): 1} if org_cap is not None and rng.random() < 0.3 else {}
    return TopicProblem(
        capacity=capacity,
        seekers=seekers,
        needs_facilitator=needs,
        org_cap=org_cap,
        org_used=org_used,
        move_penalty=1000 if with_previous else 0,
    )


@pytest.mark.parametrize("seed", range(300))
def test_solver_equals_brute_force(seed: int) -> None:
    problem = _random_problem(random.Random(seed))
    expected = _brute_force(problem)
    for solver in SOLVERS:
        if expected is None:
            with pytest.raises(NoSolutionError):
                solve_topics(problem, solver=solver)
            continue
        solution = solve_topics(problem, solver=solver)
        assert _feasible(problem, tuple(solution.rooms))
        assert solution.objective == expected
        assert solution.bound <= solution.objective + 1e-6
        assert solution.objective - solution.bound < 1


def test_overlapping_constraints_use_the_mip() -> None:
    seekers = [
        Seeker({0: 1, 1: 4}, 9, "a", facilitator=True),
        Seeker({0: 1, 1: 4}, 9, "b", facilitator=True),
        Seeker({0: 1}, 4, "a"),
        Seeker({0: 1}, 4, "b"),
    ]
    problem = TopicProblem(capacity=[2, 2], seekers=seekers, needs_facilitator=[True, True], org_cap=1)
    solution = solve_topics(problem)
    assert solution.method == "mip"
    assert solution.objective == _brute_force(problem)
