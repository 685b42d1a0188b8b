"""Rooms people accept: the rank cost stays the least there is, and among its optima the rooms are even (issue 12)."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from typing import TYPE_CHECKING

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.agenda.validation import validate_paths
from clustermeet.breakouts.assign import assign_rooms
from clustermeet.breakouts.topics import Seeker, TopicProblem, solve_topics
from tests.breakouts.test_assign_solver import SOLVERS, _feasible, _random_problem
from tests.breakouts.test_one_set_of_checks import agenda, person, write

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


def _balance_cost(problem: TopicProblem, rooms: Sequence[int]) -> int:
    """The documented balance cost: nothing up to a room's even share, 1 for one more, 2 for each after that."""
    cost = 0
    for room, share in enumerate(problem.shares()):
        over = sum(1 for r in rooms if r == room) - share
        cost += 0 if over <= 0 else 1 + 2 * (over - 1)
    return cost


@pytest.mark.parametrize("seed", range(300))
def test_least_rank_cost_then_the_most_even(seed: int) -> None:
    """Brute force over every placement: the solver's is (least rank cost, then least balance cost)."""
    problem = _random_problem(random.Random(seed))
    best = None
    for rooms in itertools.product(range(problem.rooms), repeat=len(problem.seekers)):
        if _feasible(problem, rooms):
            key = (problem.total_cost(rooms), _balance_cost(problem, rooms))
            best = key if best is None else min(best, key)
    if best is None:
        return
    for solver in SOLVERS:
        solution = solve_topics(problem, solver=solver)
        assert (solution.objective, _balance_cost(problem, solution.rooms)) == best


@pytest.mark.parametrize("seed", range(100))
def test_without_wishes_sizes_differ_by_at_most_one(seed: int) -> None:
    rng = random.Random(seed)
    rooms = rng.randint(1, 8)
    people = rng.randint(0, 60)
    fixed = [rng.randint(0, 3) for _ in range(rooms)] if rng.random() < 0.5 else [0] * rooms
    problem = TopicProblem(capacity=[None] * rooms, seekers=[Seeker({}, 1)] * people, fixed_count=fixed)
    solution = solve_topics(problem)
    totals = [fixed[r] + solution.rooms.count(r) for r in range(rooms)]
    # even where the fixed places allow: no room above the least full one by more than one, unless fixed there
    assert max(totals) - min(totals) <= 1 or all(t == fixed[r] for r, t in enumerate(totals) if t == max(totals))
    assert [solution.rooms.count(r) for r in range(rooms)] == problem.shares()


def _sizes(
    tmp_path: Path, rooms: list[dict[str, object]], people: list[dict[str, object]]
) -> tuple[list[int], list[str]]:
    path = write(tmp_path, agenda([{"mode": "topics", "facilitators": True, "rooms": rooms}], people))
    loaded = load_agenda(path)
    assert loaded.participants is not None
    result = assign_rooms(loaded.agenda, loaded.participants)
    sizes = result.blocks[0].stats.room_sizes
    assert sizes is not None
    return [sizes[str(room["id"])] for room in rooms], result.warnings


def test_no_wishes_no_longer_8_8_1_8(tmp_path: Path) -> None:
    """On main, 25 people without wishes in 4 rooms came out 8/8/1/8 without a word."""
    rooms = [{"id": f"r{n}", "title": f"Room {n}"} for n in range(4)]
    people = [person(n, role="facilitator") for n in range(4)] + [person(n) for n in range(4, 25)]
    sizes, warnings = _sizes(tmp_path, rooms, people)
    assert sorted(sizes) == [6, 6, 6, 7]
    assert any("25 of 25 participants have no wishes" in w and "keep the rooms even" in w for w in warnings)


def test_capacity_20_no_longer_20_2_0_3(tmp_path: Path) -> None:
    """On main, with capacity 20 the same people came out 20/2/0/3 (a room with only its facilitator)."""
    rooms = [{"id": f"r{n}", "title": f"Room {n}", "capacity": 20} for n in range(4)]
    people = [person(n, role="facilitator") for n in range(4)] + [person(n) for n in range(4, 25)]
    people[5]["preferences"] = ["r2"]
    sizes, _ = _sizes(tmp_path, rooms, people)
    assert max(sizes) - min(sizes) <= 1


def _mixer(tmp_path: Path, orgs: list[str | None], cap: int) -> tuple[list[dict[str, int]], list[str], list[str]]:
    people = [person(n, **({"organisation": org} if org else {})) for n, org in enumerate(orgs)]
    path = write(tmp_path, agenda([{"mode": "mixing", "groups": 3, "rounds": 3, "max_per_organisation": cap}], people))
    lines = [p.text() for p in validate_paths([path]).problems]
    loaded = load_agenda(path)
    assert loaded.participants is not None
    result = assign_rooms(loaded.agenda, loaded.participants)
    by_email = {p["email"]: p.get("organisation") for p in people}
    counts = []
    for block in result.blocks:
        per_room: Counter[str] = Counter()
        for seat in block.seats:
            if by_email[seat.email]:
                per_room[f"{by_email[seat.email]}@{seat.room}"] += 1
        counts.append(dict(per_room))
    return counts, result.warnings, lines


def test_mixing_rounds_honour_the_organisation_cap(tmp_path: Path) -> None:
    """On main mixing rounds ignored max_per_organisation."""
    orgs = ["Acme"] * 3 + ["Beta"] * 3 + [None] * 6
    counts, warnings, lines = _mixer(tmp_path, orgs, 1)
    assert len(counts) == 3 and all(max(c.values()) <= 1 for c in counts)
    assert warnings == [] and lines == []


def test_mixing_rounds_spread_an_organisation_too_large_for_its_cap(tmp_path: Path) -> None:
    orgs = ["Acme"] * 7 + [None] * 2
    counts, warnings, lines = _mixer(tmp_path, orgs, 1)
    assert all(max(c.values()) <= 3 for c in counts)  # 7 over 3 rooms: 3, 2, 2 at the most
    assert any("over max_per_organisation 1" in w for w in warnings)
    assert any("warning: segments[1].breakout.max_per_organisation: 7 people of Acme" in x for x in lines)


def test_previous_keeps_mixing_groups(tmp_path: Path) -> None:
    """On main --previous applied to topics blocks only: every mixing round was drawn anew for everyone."""
    from clustermeet.breakouts.assignments_file import parse_assignments_csv
    from clustermeet.breakouts.outputs import assignments_csv

    people = [person(n) for n in range(9)]
    block = {"mode": "mixing", "groups": 3, "rounds": 2}
    first = load_agenda(write(tmp_path, agenda([block], people)))
    assert first.participants is not None
    before = assign_rooms(first.agenda, first.participants, seed=1)
    previous = parse_assignments_csv(assignments_csv(before), "a.csv")
    later = load_agenda(write(tmp_path, agenda([block], [*people, person(9)]), "later.yaml"))
    assert later.participants is not None
    after = assign_rooms(later.agenda, later.participants, seed=2, previous=previous)
    for old, new in zip(before.blocks, after.blocks, strict=True):
        rooms = {s.email: s.room for s in new.seats}
        assert all(rooms[s.email] == s.room for s in old.seats)
        assert "p9@example.org" in rooms
        sizes = Counter(rooms.values())
        assert max(sizes.values()) - min(sizes.values()) <= 1
