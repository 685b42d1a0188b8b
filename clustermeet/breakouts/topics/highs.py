"""The topics network as a linear programme (or a MIP) solved with HiGHS.

Rows: each class exactly its size; each room's flow on to the sink; the organisation cap per (organisation, room);
exactly one facilitator per room that needs one; each pool's flow conservation. Columns: per class its direct arcs
and its pool arc, then the pools' arcs into the rooms, then the arcs to the sink.

Lexicographically: the LP of the rank costs is solved first; then complementary slackness with its duals fixes
every column with a positive reduced cost at zero, every one with a negative reduced cost at its bound, and every
inequality row with a nonzero dual at its bound, which leaves exactly the set of rank-optimal placements (any
primal and any dual optimum are complementary), and the balance cost alone is minimised over it, warm-started.
Fixing bounds keeps the network matrix, so the answer is integral and its rank cost is exactly the least. The MIP
case (organisation caps and facilitators) instead minimises the one weighted cost ``rank * W + balance``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clustermeet.breakouts.topics import TopicSolution
from clustermeet.breakouts.topics.layout import INF, NoSolutionError

if TYPE_CHECKING:
    from clustermeet.breakouts.topics.layout import Layout

#: Costs are integers, so a proved gap below one proves optimality.
_ABS_GAP = 0.5


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


def solve_highs(layout: Layout, *, seed: int) -> TopicSolution:
    """The optimum by HiGHS: the rank LP and then the balance on its optimal face, or one weighted MIP."""
    problem = layout.problem
    model = _Model()
    rows = _Rows.build(model, layout)
    direct, pool = _columns(model, layout, rows)
    values: list[float] | None = None
    if not layout.overlapping:  # a network matrix: the rank LP, then the balance on its optimal face
        values, bound, method = _run_lexicographic(model, seed=seed)
    if values is None or not _integral(values):  # the overlapping case (or fractions): one weighted MIP
        values, weighted, method = _run(model, model.weighted(problem.weight), seed=seed, mip=True)
        # the bound B >= W * rank + balance - 1/2 with balance < W: floor((B + 1/2) / W) bounds the rank cost
        bound = float((weighted + _ABS_GAP) // problem.weight)
    flows = [[round(values[j]) for j in columns] for columns in direct]
    pooled = {key: [round(values[j]) for j in columns] for key, columns in pool.items()}
    final = layout.placement(flows, pooled)
    return TopicSolution(final, problem.total_cost(final), max(bound, 0.0), method)


@dataclass(frozen=True)
class _Rows:
    """The model's rows, in this order: one per class (its index is the class's), then the rest by key."""

    room: dict[int, int]  # room -> its row: what comes in goes on to the sink (within its capacity)
    facilitator: dict[int, int]  # room -> its facilitator row, for rooms that need one
    org: dict[tuple[str, int], int]  # (organisation, room) -> its cap row, where the cap can bind
    pool: dict[str | None, int]  # pool key -> its flow-conservation row

    @classmethod
    def build(cls, model: _Model, layout: Layout) -> _Rows:
        for group in layout.classes:
            size = float(len(group.members))
            model.row(size, size)
        rooms = range(layout.problem.rooms)
        room = {r: model.row(0.0, 0.0) for r in rooms}  # in = on to the sink
        facilitator = {r: model.row(1.0, 1.0) for r in layout.needing}
        org = {key: model.row(-INF, float(left)) for key, left in layout.org_left.items()}
        return cls(room, facilitator, org, {key: model.row(0.0, 0.0) for key in layout.pools})

    def capacity_rows(self, organisation: str | None, room: int) -> list[int]:
        """The rows a place in ``room`` counts in: its capacity and its organisation's cap there."""
        rows = [self.room[room]]
        if organisation is not None and (organisation, room) in self.org:
            rows.append(self.org[(organisation, room)])
        return rows


def _columns(model: _Model, layout: Layout, rows: _Rows) -> tuple[list[list[int]], dict[str | None, list[int]]]:
    """Per class its direct columns (in the order of its targets) and its pool column; then per pool its column
    into each room; then the arcs to the sink. Returns the direct columns per class and the pools' columns."""
    direct: list[list[int]] = []
    for c, group in enumerate(layout.classes):
        seeker, size = group.seeker, float(len(group.members))
        columns = []
        for r in layout.targets(seeker):
            extra = [rows.facilitator[r]] if seeker.facilitator else []
            into = rows.capacity_rows(seeker.organisation, r)
            columns.append(model.column(float(layout.arc_cost(seeker, r)), size, [c, *into, *extra]))
        direct.append(columns)
        if layout.uses_pool(seeker):
            model.column(float(layout.pool_cost(seeker)), size, [c, rows.pool[layout.pool_key(seeker)]])
    pool: dict[str | None, list[int]] = {}
    for key, row in rows.pool.items():
        for r in range(layout.problem.rooms):
            into = rows.capacity_rows(key, r)
            pool.setdefault(key, []).append(model.column(0.0, INF, [row, *into], [-1.0] + [1.0] * len(into)))
    for r, cost, upper in layout.sink_arcs():
        model.column(0.0, upper, [rows.room[r]], [-1.0], balance=float(cost))
    return direct, pool


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
        elif reduced < -_DUAL_EPS and upper[j] < INF:
            lower[j] = upper[j]
    row_lower, row_upper = list(model.row_lower), list(model.row_upper)
    for i, dual in enumerate(solution.row_dual):
        if abs(dual) > _DUAL_EPS and row_lower[i] == -INF:
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
