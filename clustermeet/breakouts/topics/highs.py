"""The exact optimum of one topics block: who goes to which room, solved as an LP (or a MIP) with HiGHS.

The model is a min-cost flow written as a linear programme::

    person p --x[p,r]--> room r                     cost: the rank cost of r for p (r ranked by p)
    person p --y[p]----> pool(org) --z[org,r]--> r  cost: the cost of an unranked room (rank k+1)

One pool per organisation (or one for everybody) stands for "any room this person did not rank": every unranked
room costs the same, so a single arc replaces up to rooms-many arcs per person. No optimum sends someone through
the pool into a room they ranked (the direct arc is cheaper), so any split of the pool's people over the rooms the
pool feeds is optimal too. Rows: each person exactly once; each room's flow on to the sink; the organisation cap
per (organisation, room); exactly one facilitator per room that needs one.

Balance, second: each room passes its flow to the sink over three arcs, ``room --> sink``: up to its even share
(balance cost 0; the shares fill the rooms evenly with fixed places counted, within capacities), one more person
(1), the rest up to its capacity (2 each). Lexicographically: the LP of the rank costs is solved first; then
complementary slackness with its duals fixes every column with a positive reduced cost at zero, every one with a
negative reduced cost at its bound, and every inequality row with a nonzero dual at its bound, which leaves exactly
the set of rank-optimal placements (any primal and any dual optimum are complementary), and the balance cost alone
is minimised over it, warm-started. Fixing bounds keeps the network matrix, so the answer is integral and its rank
cost is exactly the least. The MIP case (organisation caps and facilitators) instead minimises one objective, the
rank cost times ``W = 2 * people + 1`` plus the balance cost: W is more than any placement's balance cost, so one
unit of rank cost outweighs all of it (the same order, by weighting). People without wishes cost the same anywhere,
so they go where the rooms are emptiest. The objective and bound reported are the rank part alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.seating import target_sizes

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Costs are integers, so a proved gap below one proves optimality.
_ABS_GAP = 0.5
_INF = float("inf")


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
    fixed_count: Sequence[int] = ()  # people already seated in each room (fixed places), for the even shares

    @property
    def rooms(self) -> int:
        return len(self.capacity)

    @property
    def weight(self) -> int:
        """What one unit of rank cost weighs against the balance costs: more than all of them together."""
        return 2 * len(self.seekers) + 1

    def shares(self) -> list[int]:
        """How many seekers each room takes when the rooms, fixed places counted, are filled evenly."""
        fixed = list(self.fixed_count) or [0] * self.rooms
        totals = [None if c is None else c + f for c, f in zip(self.capacity, fixed, strict=True)]
        return target_sizes(len(self.seekers), self.rooms, fixed, totals)

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
    balance: list[float] = field(default_factory=list)  # each column's balance cost (the arcs to the sink)

    def weighted(self, weight: int) -> list[float]:
        """One objective for both: the rank cost times ``weight`` plus the balance cost."""
        return [cost * weight + extra for cost, extra in zip(self.costs, self.balance, strict=True)]

    def row(self, lower: float, upper: float) -> int:
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return len(self.row_lower) - 1

    def column(
        self, cost: float, upper: float, rows: list[int], values: list[float] | None = None, balance: float = 0.0
    ) -> int:
        self.costs.append(cost)
        self.balance.append(balance)
        self.upper.append(upper)
        self.index += rows
        self.value += values if values is not None else [1.0] * len(rows)
        self.starts.append(len(self.index))
        return len(self.costs) - 1


def solve_topics(problem: TopicProblem, *, seed: int = 0) -> TopicSolution:
    """Place every seeker in one room at the least total cost; raise ``NoSolutionError`` when impossible."""
    if not problem.seekers:  # everyone has a fixed place: nothing to solve (HiGHS answers an empty model "Empty")
        return TopicSolution([], 0, 0.0, "lp")
    model = _Model()
    rows = _Rows.build(model, problem)
    arcs = _Arcs.build(model, problem, rows)
    values: list[float] | None = None
    if not (rows.facilitator and rows.org):  # a network matrix: the rank LP, then the balance on its optimal face
        values, bound, method = _run_lexicographic(model, seed=seed)
    if values is None or not _integral(values):  # the overlapping case (or fractions): one weighted MIP
        values, weighted, method = _run(model, model.weighted(problem.weight), seed=seed, mip=True)
        # the bound B >= W * rank + balance - 1/2 with balance < W: floor((B + 1/2) / W) bounds the rank cost
        bound = float((weighted + _ABS_GAP) // problem.weight)
    final = arcs.placement(values, len(problem.seekers))
    return TopicSolution(final, problem.total_cost(final), max(bound, 0.0), method)


def _uses_pool(seeker: Seeker, problem: TopicProblem) -> bool:
    """Whether the seeker may go to a room they did not rank (through their pool)."""
    return not seeker.facilitator and len(seeker.costs) < problem.rooms


@dataclass(frozen=True)
class _Rows:
    """The model's rows, in this order: one per seeker (its index is the seeker's), then the rest by key."""

    room: dict[int, int]  # room -> its row: what comes in goes on to the sink (within its capacity)
    facilitator: dict[int, int]  # room -> its facilitator row, for rooms that need one
    org: dict[tuple[str, int], int]  # (organisation, room) -> its cap row, where the cap can bind
    pool: dict[str | None, int]  # pool key -> its flow-conservation row
    capped_orgs: frozenset[str]  # the organisations with a cap row somewhere: each has a pool of its own

    @classmethod
    def build(cls, model: _Model, problem: TopicProblem) -> _Rows:
        for _ in problem.seekers:
            model.row(1.0, 1.0)
        room = {r: model.row(0.0, 0.0) for r in range(problem.rooms)}  # in = on to the sink
        needs = problem.needs_facilitator
        facilitator = {r: model.row(1.0, 1.0) for r in range(problem.rooms) if needs and needs[r]}
        org = _org_rows(model, problem)
        rows = cls(room, facilitator, org, {}, frozenset(name for name, _ in org))
        for seeker in problem.seekers:
            if _uses_pool(seeker, problem):
                key = rows.pool_key(seeker)
                if key not in rows.pool:
                    rows.pool[key] = model.row(0.0, 0.0)
        return rows

    def pool_key(self, seeker: Seeker) -> str | None:
        """The seeker's own organisation's pool when it is capped anywhere, else the pool of everybody."""
        return seeker.organisation if seeker.organisation in self.capped_orgs else None

    def capacity_rows(self, organisation: str | None, room: int) -> list[int]:
        """The rows a place in ``room`` counts in: its capacity and its organisation's cap there."""
        rows = [self.room[room]] if room in self.room else []
        if organisation is not None and (organisation, room) in self.org:
            rows.append(self.org[(organisation, room)])
        return rows


def _org_rows(model: _Model, problem: TopicProblem) -> dict[tuple[str, int], int]:
    """One row per (organisation, room) where the organisation has more members than it may still send there."""
    rows: dict[tuple[str, int], int] = {}
    if problem.org_cap is None:
        return rows
    members: dict[str, int] = {}
    for seeker in problem.seekers:
        if seeker.organisation is not None:
            members[seeker.organisation] = members.get(seeker.organisation, 0) + 1
    for name, count in members.items():
        for r in range(problem.rooms):
            left = problem.org_cap - problem.org_used.get((name, r), 0)
            if count > left:  # an organisation that cannot exceed its cap needs no row
                rows[(name, r)] = model.row(-_INF, float(left))
    return rows


@dataclass
class _Arcs:
    """The model's columns, in this order: per seeker its direct arcs and its pool arc, then the pools' arcs."""

    direct: list[tuple[int, int, int]] = field(default_factory=list)  # (seeker, room, column)
    pool_members: dict[str | None, list[int]] = field(default_factory=dict)  # pool key -> seekers
    pool: list[tuple[str | None, int, int]] = field(default_factory=list)  # (pool key, room, column)

    @classmethod
    def build(cls, model: _Model, problem: TopicProblem, rows: _Rows) -> _Arcs:
        arcs = cls()
        penalty = problem.move_penalty
        for p, seeker in enumerate(problem.seekers):
            for r in _targets(seeker, problem, rows):
                extra = [rows.facilitator[r]] if seeker.facilitator else []
                cost = seeker.cost(r) + (penalty if seeker.previous is not None and r != seeker.previous else 0)
                column = model.column(float(cost), 1.0, [p, *rows.capacity_rows(seeker.organisation, r), *extra])
                arcs.direct.append((p, r, column))
            if _uses_pool(seeker, problem):
                key = rows.pool_key(seeker)
                arcs.pool_members.setdefault(key, []).append(p)
                cost = seeker.unranked_cost + (penalty if seeker.previous is not None else 0)
                model.column(float(cost), 1.0, [p, rows.pool[key]])
        for key, row in rows.pool.items():
            for r in range(problem.rooms):
                into = rows.capacity_rows(key, r)
                column = model.column(0.0, _INF, [row, *into], [-1.0] + [1.0] * len(into))
                arcs.pool.append((key, r, column))
        _to_sink(model, problem, rows)
        return arcs

    def placement(self, values: list[float], seekers: int) -> list[int]:
        """Each seeker's room from the solver's values: direct arcs first, then the pools' rooms in turn."""
        placed: list[int | None] = [None] * seekers
        for p, r, column in self.direct:
            if values[column] > 0.5:
                placed[p] = r
        for key, members in self.pool_members.items():
            slots: list[int] = []
            for column_key, r, column in self.pool:
                if column_key == key:
                    slots += [r] * round(values[column])
            waiting = [p for p in members if placed[p] is None]
            for p, r in zip(waiting, slots, strict=False):
                placed[p] = r
        if any(r is None for r in placed):
            raise NoSolutionError("the solver's answer left someone without a room")
        return [r for r in placed if r is not None]


def _to_sink(model: _Model, problem: TopicProblem, rows: _Rows) -> None:
    """Each room's three arcs on to the sink: its even share free, one more at 1, the rest at 2 each."""
    for r, even in enumerate(problem.shares()):
        capacity = problem.capacity[r]
        room_left = _INF if capacity is None else float(capacity)
        share = even if capacity is None else min(even, capacity)  # more people than seats: no share beyond them
        one_more = min(1.0, room_left - share)
        for cost, upper in ((0.0, float(share)), (1.0, one_more), (2.0, room_left - share - one_more)):
            if upper > 0:
                model.column(0.0, upper, [rows.room[r]], [-1.0], balance=cost)


def _targets(seeker: Seeker, problem: TopicProblem, rows: _Rows) -> list[int]:
    """The rooms a seeker gets a direct arc to: a facilitator's rooms that need one, else ranked and previous."""
    if seeker.facilitator:
        return [r for r in range(problem.rooms) if r in rows.facilitator]
    targets = list(seeker.costs)
    if seeker.previous is not None and seeker.previous not in seeker.costs:
        targets.append(seeker.previous)
    return targets


def _integral(values: list[float]) -> bool:
    return all(abs(v - round(v)) < 1e-6 for v in values)


def _run(model: _Model, costs: list[float], *, seed: int, mip: bool) -> tuple[list[float], float, str]:
    """Solve ``model`` under ``costs``: the values, the objective's bound (the objective itself for an LP), method."""
    highs = _solved(model, costs, seed=seed, mip=mip)
    info = highs.getInfo()
    values = list(highs.getSolution().col_value)
    bound = float(info.mip_dual_bound) if mip else float(info.objective_function_value)
    return values, bound, "mip" if mip else "lp"


#: a reduced cost or dual this far from zero is not zero (costs are whole numbers)
_DUAL_EPS = 1e-6


def _run_lexicographic(model: _Model, *, seed: int) -> tuple[list[float] | None, float, str]:
    """The least rank cost, then the least balance cost among the placements that have it: fix what
    complementary slackness with the first LP's duals fixes (a column with a positive reduced cost at zero, a
    negative one at its bound, a row with a dual at its bound), which leaves exactly the optimal face, and solve
    again for the balance alone, warm. Still a network matrix, so integral. None when the second solve fails."""
    highs = _solved(model, model.costs, seed=seed, mip=False)
    bound = float(highs.getInfo().objective_function_value)
    solution = highs.getSolution()
    first = list(solution.col_value)
    lower, upper = [0.0] * len(model.costs), list(model.upper)
    for j, reduced in enumerate(solution.col_dual):
        if reduced > _DUAL_EPS:
            upper[j] = 0.0
        elif reduced < -_DUAL_EPS and upper[j] < _INF:
            lower[j] = upper[j]
    row_lower, row_upper = list(model.row_lower), list(model.row_upper)
    for i, dual in enumerate(solution.row_dual):
        if abs(dual) > _DUAL_EPS and row_lower[i] == -_INF:
            row_lower[i] = row_upper[i]
    _change(highs, lower, upper, row_lower, row_upper, model.balance)
    highs.run()
    from highspy import _core  # noqa: PLC0415 slow import: numpy and HiGHS (~0.1 s), only when a topics block is solved

    if highs.getModelStatus() != _core.HighsModelStatus.kOptimal:
        return (first if _integral(first) else None), bound, "lp"
    return list(highs.getSolution().col_value), bound, "lp"


def _change(
    highs: Any,
    lower: list[float],
    upper: list[float],
    row_lower: list[float],
    row_upper: list[float],
    cost: list[float],
) -> None:
    import numpy as np  # noqa: PLC0415 slow import: numpy and HiGHS (~0.1 s), only when a topics block is solved

    columns = np.arange(len(lower), dtype=np.int32)
    rows = np.arange(len(row_lower), dtype=np.int32)
    highs.changeColsBounds(len(lower), columns, np.asarray(lower), np.asarray(upper))
    highs.changeRowsBounds(len(row_lower), rows, np.asarray(row_lower), np.asarray(row_upper))
    highs.changeColsCost(len(cost), columns, np.asarray(cost, dtype=np.float64))


def _solved(model: _Model, costs: list[float], *, seed: int, mip: bool) -> Any:
    """A HiGHS instance that has solved ``model`` under ``costs`` to optimality (else ``NoSolutionError``)."""
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
    lp.col_cost_ = np.asarray(costs, dtype=np.float64)
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
    return highs
