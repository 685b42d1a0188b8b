"""The topics network solved as a min-cost flow by OR-Tools (the optional extra ``clustermeet[fast]``).

One integer cost per arc, ``rank * W + balance`` with ``W = 2 * people + 1``: the balance cost of any placement
is below ``W``, so the least weighted cost has the least rank cost, and among those the least balance cost (the
lexicographic order of :mod:`clustermeet.breakouts.topics`). Nodes: one per class (its size as supply), per pool,
per (organisation, room) where the cap binds, per room that needs a facilitator (asking for one unit, while the
room supplies that unit on to the sink, so the facilitator counts in its capacity), per room, and the sink.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clustermeet.breakouts.topics.layout import INF, NoSolutionError

if TYPE_CHECKING:
    from clustermeet.breakouts.topics.layout import Layout

Flows = tuple[list[list[int]], dict[str | None, list[int]], float]


def solve_flow(layout: Layout) -> Flows | None:
    """The flows on each class's direct arcs and from each pool into each room, and the rank bound; None where
    OR-Tools is not installed or the costs are out of its range (then HiGHS solves it)."""
    try:
        from ortools.graph.python import min_cost_flow  # noqa: PLC0415 slow import: the optional extra, when solving
    except ImportError:
        return None
    problem, weight = layout.problem, layout.problem.weight
    size = len(layout.classes)
    pool_node = {key: size + i for i, key in enumerate(layout.pools)}
    org_node = {key: len(pool_node) + size + i for i, key in enumerate(layout.org_left)}
    first = size + len(pool_node) + len(org_node)
    fac_node = {r: first + i for i, r in enumerate(layout.needing)}
    room_node = first + len(fac_node)
    sink = room_node + problem.rooms
    total = len(problem.seekers)
    tails: list[int] = []
    heads: list[int] = []
    capacities: list[int] = []
    costs: list[int] = []

    def arc(tail: int, head: int, capacity: float, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        capacities.append(total if capacity == INF else max(0, int(capacity)))
        costs.append(cost)

    def entry(organisation: str | None, room: int) -> int:
        """The node a place in ``room`` enters by: its organisation's cap there, else the room."""
        return room_node + room if organisation is None else org_node.get((organisation, room), room_node + room)

    starts, ends = _class_arcs(layout, tails, heads, capacities, costs, fac_node, org_node, room_node, pool_node)
    pool_start = len(tails)
    for key in layout.pools:
        for r in range(problem.rooms):
            arc(pool_node[key], entry(key, r), INF, 0)
    for (name, r), left in layout.org_left.items():
        arc(org_node[(name, r)], room_node + r, left, 0)
    for r, cost, upper in layout.sink_arcs():
        arc(room_node + r, sink, upper, cost)
    supplies = [len(group.members) for group in layout.classes] + [0] * (sink + 1 - size)
    for r, node in fac_node.items():
        supplies[node] -= 1
        supplies[room_node + r] += 1
    supplies[sink] -= total
    top = max(costs[:pool_start], default=0) * weight
    if top * (total + 1) >= 2**62:  # the weighted costs would overflow 64 bits: HiGHS takes over
        return None
    flow = min_cost_flow.SimpleMinCostFlow()
    # the classes' arcs carry the rank costs, the arcs to the sink the balance
    values = _solved(flow, tails, heads, capacities, costs, supplies, pool_start, weight)
    if values is None:  # BAD_COST_RANGE and the like: HiGHS takes over
        return None
    direct = [values[start:end] for start, end in zip(starts, ends, strict=True)]
    pooled = {
        key: values[pool_start + i * problem.rooms : pool_start + (i + 1) * problem.rooms]
        for i, key in enumerate(layout.pools)
    }
    return direct, pooled, float(flow.optimal_cost() // weight)


#: Up to this many arcs the network goes to OR-Tools one arc at a call, without numpy: importing numpy (about
#: 60 ms) costs more than the calls (about 0.5 µs an arc each way) below it; above, as arrays in one call each.
#: Both give the solver the same arcs in the same order, so the same flows.
ARCS_ONE_BY_ONE = 100_000


def _solved(
    flow: Any,
    tails: list[int],
    heads: list[int],
    capacities: list[int],
    costs: list[int],
    supplies: list[int],
    pool_start: int,
    weight: int,
) -> list[int] | None:
    """The flow on each arc at the optimum (the first ``pool_start`` arcs' costs weighted by ``weight``); None
    where OR-Tools gives up on the costs."""
    count = len(tails)
    if count <= ARCS_ONE_BY_ONE:
        add = flow.add_arc_with_capacity_and_unit_cost
        weighted = [cost * weight for cost in costs[:pool_start]]
        for arc in zip(tails, heads, capacities, [*weighted, *costs[pool_start:]], strict=True):
            add(*arc)
        for node, supply in enumerate(supplies):
            flow.set_node_supply(node, supply)
    else:
        import numpy as np  # noqa: PLC0415 slow import: numpy, only for a large network

        weights = np.asarray(costs, dtype=np.int64)
        weights[:pool_start] *= weight
        flow.add_arcs_with_capacity_and_unit_cost(
            np.asarray(tails, dtype=np.int32),
            np.asarray(heads, dtype=np.int32),
            np.asarray(capacities, dtype=np.int64),
            weights,
        )
        flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), np.asarray(supplies, dtype=np.int64))
    status = flow.solve()
    if status in (flow.INFEASIBLE, flow.UNBALANCED):
        raise NoSolutionError("Infeasible")  # as HiGHS says it
    if status != flow.OPTIMAL:
        return None
    if count <= ARCS_ONE_BY_ONE:
        return list(map(flow.flow, range(count)))
    import numpy as np  # noqa: PLC0415 slow import: imported above already

    values: list[int] = flow.flows(np.arange(count, dtype=np.int32)).tolist()
    return values


def _class_arcs(
    layout: Layout,
    tails: list[int],
    heads: list[int],
    capacities: list[int],
    costs: list[int],
    fac_node: dict[int, int],
    org_node: dict[tuple[str, int], int],
    room_node: int,
    pool_node: dict[str | None, int],
) -> tuple[list[int], list[int]]:
    """Each class's direct arcs (in the order of its targets) then its pool arc, with rank costs (not yet
    weighted); the span of each class's direct arcs."""
    starts, ends = [], []
    for c, group in enumerate(layout.classes):
        seeker, members = group.seeker, len(group.members)
        targets = layout.targets(seeker)
        starts.append(len(tails))
        tails += [c] * len(targets)
        capacities += [members] * len(targets)
        if seeker.facilitator:
            heads += [fac_node[r] for r in targets]
        elif seeker.organisation in layout.capped_orgs:
            org = seeker.organisation
            heads += [org_node.get((org, r), room_node + r) for r in targets]
        else:
            heads += [room_node + r for r in targets]
        if seeker.facilitator or seeker.previous is not None:
            costs += [layout.arc_cost(seeker, r) for r in targets]
        else:  # the ranked rooms, in the order of the wishes
            costs += seeker.costs.values()
        ends.append(len(tails))
        if layout.uses_pool(seeker):
            tails.append(c)
            heads.append(pool_node[layout.pool_key(seeker)])
            capacities.append(members)
            costs.append(layout.pool_cost(seeker))
    return starts, ends
