"""The exact optimum of one topics block: who goes to which room.

The model is a min-cost flow::

    class c --x[c,r]--> room r                      cost: the rank cost of r for c (r ranked by c)
    class c --y[c]----> pool(org) --z[org,r]--> r   cost: the cost of an unranked room (rank k+1)
    room r  ---------->  sink                       three arcs: the balance costs 0, 1, 2 (below)

People whose wishes and constraints are identical (the same ranked rooms in the same order, the same cost of any
other room, the same previous room, both facilitators or neither, the same organisation where its cap can bind)
are one class, a supply of as many units (:mod:`.layout`); afterwards the members of each class take its arcs'
flows in order of the list, first the ranked rooms in the order of the wishes, then the pool's rooms in room order,
so the same input gives the same placement. One pool per capped organisation (or one for everybody) stands for
"any room this person did not rank": every unranked room costs the same, so a single arc replaces up to
rooms-many arcs per class. No optimum sends someone through the pool into a room they ranked (the direct arc is
cheaper), so any split of the pool's people over the rooms the pool feeds is optimal too. The organisation cap
is a node per (organisation, room) in front of the room, where the cap can bind; exactly one facilitator per room
that needs one is a node per such room that the facilitators' classes feed and that asks for one unit.

Balance, second: each room passes its flow to the sink over three arcs: up to its even share (balance cost 0; the
shares fill the rooms evenly with fixed places counted, within capacities), one more person (1), the rest up to its
capacity (2 each). The order is lexicographic: rank cost first, then balance. Three ways to solve it, all exact:

- the pure flow (no room needs a facilitator where organisation caps bind too): OR-Tools' min-cost flow
  (:mod:`.flow`, the optional extra ``clustermeet[fast]``) with the one integer cost ``rank * W + balance``,
  ``W = 2 * people + 1`` more than any placement's balance cost, so one unit of rank cost outweighs all of it;
- the same without OR-Tools: the HiGHS LP of the rank costs, then the balance alone on its optimal face
  (complementary slackness with the duals fixes the rest; :mod:`.highs`), still a network matrix, so integral;
- organisation caps and facilitators together overlap (a facilitator counts in both): a HiGHS MIP of the same
  weighted cost.

The objective and bound reported are the rank part alone: for the flow both are its optimum (a min-cost flow is
optimal by construction: no negative cycle is left), for HiGHS the LP optimum or the MIP dual bound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from clustermeet.agenda.seating import target_sizes
from clustermeet.breakouts.topics.layout import Layout, NoSolutionError

__all__ = ["Layout", "NoSolutionError", "Seeker", "Solver", "TopicProblem", "TopicSolution", "solve_topics"]

if TYPE_CHECKING:
    from collections.abc import Sequence

Solver = Literal["auto", "highs", "highs-bare"]


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
    method: str  # "flow" (OR-Tools), "lp" or "mip" (HiGHS)


def solve_topics(problem: TopicProblem, *, seed: int = 0, solver: Solver = "auto") -> TopicSolution:
    """Place every seeker in one room at the least total cost; raise ``NoSolutionError`` when impossible.

    ``solver``: ``auto`` takes OR-Tools' min-cost flow where the block is a pure flow and OR-Tools is installed,
    else HiGHS on the classes; ``highs`` always HiGHS on the classes; ``highs-bare`` HiGHS with one class per
    person, the model as it was before classes (the benchmark's and the tests' reference)."""
    if not problem.seekers:  # everyone has a fixed place: nothing to solve (HiGHS answers an empty model "Empty")
        return TopicSolution([], 0, 0.0, "lp")
    layout = Layout.build(problem, aggregate=solver != "highs-bare")
    if solver == "auto" and not layout.overlapping:
        from clustermeet.breakouts.topics.flow import solve_flow  # noqa: PLC0415 slow import: OR-Tools and numpy

        flows = solve_flow(layout)
        if flows is not None:
            direct, pooled, bound = flows
            rooms = layout.placement(direct, pooled)
            return TopicSolution(rooms, problem.total_cost(rooms), bound, "flow")
    from clustermeet.breakouts.topics.highs import solve_highs  # noqa: PLC0415 slow import: HiGHS and numpy

    return solve_highs(layout, seed=seed)
