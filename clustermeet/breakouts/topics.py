"""The exact optimum of one topics block: who goes to which room, solved as an LP (or a MIP) with HiGHS.

The model is a min-cost flow written as a linear programme::

    person p --x[p,r]--> room r                     cost: the rank cost of r for p (r ranked by p)
    person p --y[p]----> pool(org) --z[org,r]--> r  cost: the cost of an unranked room (rank k+1)

One pool per organisation (or one for everybody) stands for "any room this person did not rank": every unranked
room costs the same, so a single arc replaces up to rooms-many arcs per person. No optimum sends someone through
the pool into a room they ranked (the direct arc is cheaper), so any split of the pool's people over the rooms the
pool feeds is optimal too. Rows: each person exactly once; room capacities; the organisation cap per (organisation,
room); exactly one facilitator per room that needs one.

Capacities alone, or capacities with organisation caps, or with facilitators, keep the constraint matrix a network
matrix (the row families nest), so the LP optimum found by the simplex method is integral. Organisation caps *and*
facilitators together overlap (a facilitator counts in both), so that case is solved as a MIP. The result is
checked for integrality either way, falling back to the MIP if the LP ever answers with fractions.

Why HiGHS (``highspy``): a 3 MB wheel depending on numpy only, imported in ~0.1 s, LP and MIP in one library;
10,000 people in 0.3 s, 100,000 people over 1,000 rooms in ~12 s on a 2-core machine. OR-Tools' min-cost flow is
faster (0.05 s / 1 s) but an 80 MB install with pandas and protobuf, and its CP-SAT was far slower than HiGHS on
the overlapping case (notes/breakout-rooms.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Costs are integers, so a proved gap below one proves optimality.
_ABS_GAP = 0.5


@dataclass(frozen=True)
class Seeker:
    """Someone the solver places: ranked room indices with their costs, and the cost of any other room."""

    costs: dict[int, int]
    unranked_cost: int
    organisation: str | None = None
    facilitator: bool = False
    previous: int | None = None

    def cost(self, room: int) -> int:
        return self.costs.get(room, self.unranked_cost)


@dataclass(frozen=True)
class TopicProblem:
    """Rooms (by index) with what is left of them after fixed places, and the people still to place."""

    capacity: Sequence[int | None]
    seekers: Sequence[Seeker]
    needs_facilitator: Sequence[bool] = ()
    org_cap: int | None = None
    org_used: dict[tuple[str, int], int] = field(default_factory=dict)
    move_penalty: int = 0

    @property
    def rooms(self) -> int:
        return len(self.capacity)

    def total_cost(self, rooms: Sequence[int]) -> int:
        """The objective of a placement: rank costs plus the penalty for each move away from a previous room."""
        total = 0
        for seeker, room in zip(self.seekers, rooms, strict=True):
            total += seeker.cost(room)
            if seeker.previous is not None and room != seeker.previous:
                total += self.move_penalty
        return total


@dataclass(frozen=True)
class TopicSolution:
    rooms: list[int]
    objective: int
    bound: float
    method: str  # "lp" or "mip"


class NoSolutionError(Exception):
    """The constraints leave no feasible placement (or HiGHS could not prove one)."""


@dataclass
class _Model:
    costs: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)

    def row(self, lower: float, upper: float) -> int:
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return len(self.row_lower) - 1

    def column(self, cost: float, upper: float, rows: list[int], values: list[float] | None = None) -> int:
        self.costs.append(cost)
        self.upper.append(upper)
        self.index += rows
        self.value += values if values is not None else [1.0] * len(rows)
        self.starts.append(len(self.index))
        return len(self.costs) - 1


def solve_topics(problem: TopicProblem, *, seed: int = 0) -> TopicSolution:
    """Place every seeker in one room at the least total cost; raise ``NoSolutionError`` when impossible."""
    inf = float("inf")
    model = _Model()
    seekers = problem.seekers
    rooms = range(problem.rooms)
    for _ in seekers:
        model.row(1.0, 1.0)
    room_row: dict[int, int] = {}
    for r in rooms:
        capacity = problem.capacity[r]
        if capacity is not None:
            room_row[r] = model.row(-inf, float(capacity))
    fac_row: dict[int, int] = {}
    for r in rooms:
        if problem.needs_facilitator and problem.needs_facilitator[r]:
            fac_row[r] = model.row(1.0, 1.0)

    org_row: dict[tuple[str, int], int] = {}
    if problem.org_cap is not None:
        members: dict[str, int] = {}
        for seeker in seekers:
            if seeker.organisation is not None:
                members[seeker.organisation] = members.get(seeker.organisation, 0) + 1
        for name, count in members.items():
            for r in rooms:
                left = problem.org_cap - problem.org_used.get((name, r), 0)
                if count > left:  # an organisation that cannot exceed its cap needs no row
                    org_row[(name, r)] = model.row(-inf, float(left))
    capped_orgs = {org for org, _ in org_row}

    def pool_key(seeker: Seeker) -> str | None:
        return seeker.organisation if seeker.organisation in capped_orgs else None

    pool_row: dict[str | None, int] = {}
    for seeker in seekers:
        if not seeker.facilitator and len(seeker.costs) < problem.rooms:
            key = pool_key(seeker)
            if key not in pool_row:
                pool_row[key] = model.row(0.0, 0.0)

    penalty = problem.move_penalty
    columns: list[tuple[int, int, int]] = []  # (seeker, room, column) of each direct arc
    pool_members: dict[str | None, list[int]] = {}
    for p, seeker in enumerate(seekers):
        org = seeker.organisation
        if seeker.facilitator:
            targets = [r for r in rooms if r in fac_row]
        else:
            targets = list(seeker.costs)
            if seeker.previous is not None and seeker.previous not in seeker.costs:
                targets.append(seeker.previous)
        for r in targets:
            rows = [p]
            if r in room_row:
                rows.append(room_row[r])
            if org is not None and (org, r) in org_row:
                rows.append(org_row[(org, r)])
            if seeker.facilitator:
                rows.append(fac_row[r])
            cost = seeker.cost(r) + (penalty if seeker.previous is not None and r != seeker.previous else 0)
            columns.append((p, r, model.column(float(cost), 1.0, rows)))
        if not seeker.facilitator and len(seeker.costs) < problem.rooms:
            key = pool_key(seeker)
            pool_members.setdefault(key, []).append(p)
            cost = seeker.unranked_cost + (penalty if seeker.previous is not None else 0)
            model.column(float(cost), 1.0, [p, pool_row[key]])
    pool_columns: list[tuple[str | None, int, int]] = []
    for key, row in pool_row.items():
        for r in rooms:
            rows = [row]
            values = [-1.0]
            if r in room_row:
                rows.append(room_row[r])
                values.append(1.0)
            if key is not None and (key, r) in org_row:
                rows.append(org_row[(key, r)])
                values.append(1.0)
            pool_columns.append((key, r, model.column(0.0, inf, rows, values)))

    integral_needed = bool(fac_row) and bool(org_row)
    values, bound, method = _run(model, seed=seed, mip=integral_needed)
    if not _integral(values):
        values, bound, method = _run(model, seed=seed, mip=True)

    placed: list[int | None] = [None] * len(seekers)
    for p, r, column in columns:
        if values[column] > 0.5:
            placed[p] = r
    for key, members_of_pool in pool_members.items():
        slots: list[int] = []
        for column_key, r, column in pool_columns:
            if column_key == key:
                slots += [r] * round(values[column])
        waiting = [p for p in members_of_pool if placed[p] is None]
        for p, r in zip(waiting, slots, strict=False):
            placed[p] = r
    if any(r is None for r in placed):
        raise NoSolutionError("the solver's answer left someone without a room")
    final = [r for r in placed if r is not None]
    return TopicSolution(final, problem.total_cost(final), max(bound, 0.0), method)


def _integral(values: list[float]) -> bool:
    return all(abs(v - round(v)) < 1e-6 for v in values)


def _run(model: _Model, *, seed: int, mip: bool) -> tuple[list[float], float, str]:
    import numpy as np  # noqa: PLC0415 slow import: numpy and HiGHS (~0.1 s), only when a topics block is solved
    from highspy import _core  # noqa: PLC0415 slow import: numpy and HiGHS (~0.1 s), only when a topics block is solved

    # The public highspy.Highs prints a banner on stdout when it is created; the core class does not.
    highs: Any = _core._Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", seed % 2_147_483_647)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", _ABS_GAP)
    lp = _core.HighsLp()
    columns, rows = len(model.costs), len(model.row_lower)
    lp.num_col_ = columns
    lp.num_row_ = rows
    lp.col_cost_ = np.asarray(model.costs, dtype=np.float64)
    lp.col_lower_ = np.zeros(columns)
    lp.col_upper_ = np.asarray(model.upper, dtype=np.float64)
    lp.row_lower_ = np.asarray(model.row_lower, dtype=np.float64)
    lp.row_upper_ = np.asarray(model.row_upper, dtype=np.float64)
    lp.a_matrix_.format_ = _core.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.asarray(model.starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(model.index, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(model.value, dtype=np.float64)
    if mip:
        lp.integrality_ = [_core.HighsVarType.kInteger] * columns
    highs.passModel(lp)
    highs.run()
    status = highs.getModelStatus()
    if status != _core.HighsModelStatus.kOptimal:
        raise NoSolutionError(highs.modelStatusToString(status))
    info = highs.getInfo()
    values = list(highs.getSolution().col_value)
    objective = float(info.objective_function_value)
    bound = float(info.mip_dual_bound) if mip else objective
    return values, bound, "mip" if mip else "lp"
