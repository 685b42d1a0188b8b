"""OR-Tools' min-cost flow and the classes of identical people against the bare HiGHS model (one column per person
and room, as before classes): the same least rank cost, the same balance, on instances too large to brute-force."""

from __future__ import annotations

import functools
import random
import sys
from typing import TYPE_CHECKING

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.breakouts import topics_block
from clustermeet.breakouts.assign import assign_rooms
from clustermeet.breakouts.outputs import assignments_csv
from clustermeet.breakouts.topics import NoSolutionError, Seeker, TopicProblem, flow, solve_topics
from tests.breakouts.test_assign_solver import _feasible, seeker
from tests.breakouts.test_balanced_rooms import _balance_cost
from tests.conftest import AGENDAS

if TYPE_CHECKING:
    from clustermeet.breakouts.topics import Solver

pytest.importorskip("ortools", reason="the optional extra clustermeet[fast] (OR-Tools) is not installed")


def _problem(rng: random.Random) -> TopicProblem:
    """Up to 60 people in up to 8 rooms: shared wish lists (ties), people without wishes, capped organisations,
    facilitators, previous rooms, rooms without a capacity."""
    rooms = rng.randint(1, 8)
    people = rng.randint(1, 60)
    squared = rng.random() < 0.5
    lists = [rng.sample(range(rooms), rng.randint(0, rooms)) for _ in range(rng.randint(1, 6))]
    needs = [rng.random() < 0.5 for _ in range(rooms)] if rng.random() < 0.3 else []
    with_previous = rng.random() < 0.2
    orgs = ["a", "b", "c", None]
    seekers = []
    for index in range(people):
        wishes = rng.choice(lists) if rng.random() < 0.7 else rng.sample(range(rooms), rng.randint(0, rooms))
        if rng.random() < 0.2:  # unranked: no wishes at all
            wishes = []
        seekers.append(
            seeker(
                wishes,
                squared,
                organisation=rng.choice(orgs),
                facilitator=index < sum(needs),
                previous=rng.randrange(rooms) if with_previous and rng.random() < 0.6 else None,
            )
        )
    spare = rng.choice([0, 1, 5, 20])
    capacity: list[int | None] = [None] * rooms
    if rng.random() < 0.8:
        seats = people + spare
        capacity = [seats // rooms + (1 if r < seats % rooms else 0) for r in range(rooms)]
        if rooms > 1 and rng.random() < 0.5:
            capacity[0] = (capacity[0] or 0) + 3
    fixed = [rng.randint(0, 3) for _ in range(rooms)] if rng.random() < 0.3 else []
    return TopicProblem(
        capacity=capacity,
        seekers=seekers,
        needs_facilitator=needs,
        org_cap=rng.choice([None, 2, 4, 8]),
        org_used={("a", 0): 1} if rng.random() < 0.2 else {},
        move_penalty=sum(s.unranked_cost for s in seekers) + 1 if with_previous else 0,
        fixed_count=fixed,
    )


def _solved(problem: TopicProblem, solver: Solver) -> tuple[int, int, float, str] | None:
    try:
        solution = solve_topics(problem, seed=3, solver=solver)
    except NoSolutionError:
        return None
    assert _feasible(problem, tuple(solution.rooms))
    return solution.objective, _balance_cost(problem, solution.rooms), solution.bound, solution.method


@pytest.mark.parametrize("seed", range(300))
def test_flow_and_classes_agree_with_bare_highs(seed: int) -> None:
    problem = _problem(random.Random(seed))
    bare = _solved(problem, "highs-bare")
    flow = _solved(problem, "auto")
    classes = _solved(problem, "highs")
    if bare is None:
        assert flow is None and classes is None
        return
    assert flow is not None and classes is not None
    overlapping = bool(problem.needs_facilitator and any(problem.needs_facilitator)) and flow[3] != "flow"
    assert flow[3] == ("mip" if overlapping else "flow")
    assert flow[:2] == bare[:2] == classes[:2]  # the same rank cost, then the same balance cost
    assert flow[2] == float(flow[0])  # the flow's bound is its optimum, the rank part of its weighted cost
    assert bare[0] - bare[2] < 1 and classes[0] - classes[2] < 1


def test_the_sample_covers_ties_unranked_people_and_every_path() -> None:
    """The 300 instances above hold shared wish lists, people without wishes, and all three methods."""
    methods, shared, unranked = set(), 0, 0
    for seed in range(300):
        problem = _problem(random.Random(seed))
        lists = [tuple(s.costs) for s in problem.seekers]
        shared += len(lists) > len(set(lists))
        unranked += any(not s.costs for s in problem.seekers)
        solved = _solved(problem, "auto")
        if solved is not None:
            methods.add(solved[3])
    assert methods == {"flow", "mip"}  # OR-Tools is installed: HiGHS only for the overlapping MIP
    assert shared > 200 and unranked > 200


def test_a_class_is_split_in_the_order_of_the_list() -> None:
    """Three people with the same wishes, two seats in their first choice: the first two get it."""
    same = Seeker({0: 1, 1: 4}, 9)
    problem = TopicProblem(capacity=[2, 2], seekers=[same, same, same])
    for solver in ("auto", "highs"):
        assert solve_topics(problem, solver=solver).rooms == [0, 0, 1]


def test_without_ortools_highs_solves_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default install has no OR-Tools: the same optimum by the HiGHS LP on the classes."""
    monkeypatch.setitem(sys.modules, "ortools", None)
    monkeypatch.setitem(sys.modules, "ortools.graph.python", None)
    problem = _problem(random.Random(7))
    fallback = _solved(problem, "auto")
    assert fallback is not None and fallback[3] == "lp"
    assert fallback[:2] == _solved(problem, "highs-bare")[:2]  # type: ignore[index]


def _demo_csv(monkeypatch: pytest.MonkeyPatch, solver: Solver) -> tuple[str, dict[str, object]]:
    monkeypatch.setattr(topics_block, "solve_topics", functools.partial(solve_topics, solver=solver))
    loaded = load_agenda(AGENDAS / "go-cluster-2022.yaml")
    assert loaded.participants is not None
    result = assign_rooms(loaded.agenda, loaded.participants)
    stats = result.blocks[0].stats
    figures = {"objective": stats.objective, "bound": stats.lower_bound, "histogram": stats.rank_histogram}
    return assignments_csv(result), figures


def test_the_demo_ties_the_same_way_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not the same bytes as before classes, and said so in docs/assign.md: the demo's least rank cost (93) and
    balance (3) are reached by several placements, and HiGHS on the classes (a smaller LP, another vertex) and
    OR-Tools' flow each land on another of them than the bare model did, a few people of equal rank cost in other
    rooms. Each is the same on every run (same input, same bytes), with the same figures."""
    bare, bare_figures = _demo_csv(monkeypatch, "highs-bare")
    results = {solver: _demo_csv(monkeypatch, solver) for solver in ("highs", "auto")}
    for solver, (text, figures) in results.items():
        assert figures == bare_figures
        assert _demo_csv(monkeypatch, solver)[0] == text  # type: ignore[arg-type]
        assert text != bare  # the tie: if this fails, the bytes are the same as before again (update the docs)
        old = {line.split(",")[0]: line for line in bare.splitlines()}
        moved = [line for line in text.splitlines() if old[line.split(",")[0]] != line]
        assert 0 < len(moved) < len(old) // 2


@pytest.mark.parametrize("seed", range(40))
def test_arcs_one_by_one_and_as_arrays_give_the_same_rooms(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small networks go to OR-Tools one arc at a call (no numpy import), large ones as arrays: the same arcs in
    the same order, so the same placement, not only the same costs."""
    problem = _problem(random.Random(seed))
    try:
        one_by_one = solve_topics(problem, solver="auto")
    except NoSolutionError:
        monkeypatch.setattr(flow, "ARCS_ONE_BY_ONE", -1)
        with pytest.raises(NoSolutionError):
            solve_topics(problem, solver="auto")
        return
    monkeypatch.setattr(flow, "ARCS_ONE_BY_ONE", -1)
    as_arrays = solve_topics(problem, solver="auto")
    assert as_arrays.rooms == one_by_one.rooms
    assert (as_arrays.objective, as_arrays.bound, as_arrays.method) == (
        one_by_one.objective,
        one_by_one.bound,
        one_by_one.method,
    )
