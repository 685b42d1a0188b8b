"""The network of a topics block, shared by both solvers: the classes of identical people, the pools, the nodes
of the organisation caps and the facilitators, the arcs to the sink, and the placement read back from the flows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from clustermeet.breakouts.topics import Seeker, TopicProblem

INF = float("inf")


class NoSolutionError(Exception):
    """The constraints leave no feasible placement (or the solver could not prove one)."""


class SeekerClass(NamedTuple):
    """People the model cannot tell apart: one of them stands for all, ``members`` are their seeker indices."""

    seeker: Seeker
    members: list[int]


@dataclass(frozen=True)
class Layout:
    problem: TopicProblem
    classes: list[SeekerClass]
    org_left: dict[tuple[str, int], int]  # (organisation, room) -> seats it may still take, where the cap can bind
    pools: dict[str | None, list[int]]  # pool key -> its classes (indices), in order of first appearance
    needing: list[int]  # the rooms that need a facilitator
    capped_orgs: frozenset[str]  # the organisations with a cap node somewhere: each has a pool of its own

    @property
    def overlapping(self) -> bool:
        """Organisation caps and facilitators together: a facilitator counts in both, no longer a network."""
        return bool(self.needing) and bool(self.org_left)

    @classmethod
    def build(cls, problem: TopicProblem, *, aggregate: bool = True) -> Layout:
        org_left = _org_left(problem)
        capped = frozenset(name for name, _ in org_left)
        classes: list[SeekerClass] = []
        seen: dict[tuple[object, ...], list[int]] = {}
        for p, seeker in enumerate(problem.seekers):
            if not aggregate:
                classes.append(SeekerClass(seeker, [p]))
                continue
            org = seeker.organisation if capped and seeker.organisation in capped else None
            key = (tuple(seeker.costs.items()), seeker.unranked_cost, org, seeker.facilitator, seeker.previous)
            members = seen.get(key)
            if members is not None:
                members.append(p)
            else:
                seen[key] = members = [p]
                classes.append(SeekerClass(seeker, members))
        pools: dict[str | None, list[int]] = {}
        needs = problem.needs_facilitator
        needing = [r for r in range(problem.rooms) if needs and needs[r]]
        layout = cls(problem, classes, org_left, pools, needing, capped)
        for c, group in enumerate(classes):
            if layout.uses_pool(group.seeker):
                pools.setdefault(layout.pool_key(group.seeker), []).append(c)
        return layout

    def uses_pool(self, seeker: Seeker) -> bool:
        """Whether the seeker may go to a room they did not rank (through their pool)."""
        return not seeker.facilitator and len(seeker.costs) < self.problem.rooms

    def pool_key(self, seeker: Seeker) -> str | None:
        """The seeker's own organisation's pool when it is capped anywhere, else the pool of everybody."""
        return seeker.organisation if seeker.organisation in self.capped_orgs else None

    def targets(self, seeker: Seeker) -> list[int]:
        """The rooms a seeker gets a direct arc to: a facilitator's rooms that need one, else ranked and previous."""
        if seeker.facilitator:
            return list(self.needing)
        targets = list(seeker.costs)
        if seeker.previous is not None and seeker.previous not in seeker.costs:
            targets.append(seeker.previous)
        return targets

    def arc_cost(self, seeker: Seeker, room: int) -> int:
        moved = seeker.previous is not None and room != seeker.previous
        return seeker.cost(room) + (self.problem.move_penalty if moved else 0)

    def pool_cost(self, seeker: Seeker) -> int:
        return seeker.unranked_cost + (self.problem.move_penalty if seeker.previous is not None else 0)

    def sink_arcs(self) -> list[tuple[int, int, float]]:
        """(room, balance cost, upper): each room's even share free, one more at 1, the rest at 2 each."""
        arcs = []
        for r, even in enumerate(self.problem.shares()):
            capacity = self.problem.capacity[r]
            room_left = INF if capacity is None else float(capacity)
            share = even if capacity is None else min(even, capacity)  # more people than seats: no share beyond them
            one_more = min(1.0, room_left - share)
            for cost, upper in ((0, float(share)), (1, one_more), (2, room_left - share - one_more)):
                if upper > 0:
                    arcs.append((r, cost, upper))
        return arcs

    def placement(self, direct: list[list[int]], pooled: dict[str | None, list[int]]) -> list[int]:
        """Each seeker's room from the flows: ``direct[c]`` on class ``c``'s arcs (in the order of its targets),
        ``pooled[key]`` from each pool into each room. Members take them in order: the direct arcs first, then
        the pool's rooms in turn."""
        placed: list[int | None] = [None] * len(self.problem.seekers)
        waiting: list[list[int]] = []
        for group, flows in zip(self.classes, direct, strict=True):
            if len(group.members) == 1 and 1 in flows:  # one person on one direct arc: the most common case
                placed[group.members[0]] = self.targets(group.seeker)[flows.index(1)]
                waiting.append([])
                continue
            members = iter(group.members)
            for room, amount in zip(self.targets(group.seeker), flows, strict=True):
                for _ in range(amount):
                    placed[next(members)] = room
            waiting.append(list(members))
        for key, classes in self.pools.items():
            slots = [r for r, amount in enumerate(pooled.get(key, [])) for _ in range(amount)]
            people = [p for c in classes for p in waiting[c]]
            for p, r in zip(people, slots, strict=False):
                placed[p] = r
        if any(r is None for r in placed):
            raise NoSolutionError("the solver's answer left someone without a room")
        return [r for r in placed if r is not None]


def _org_left(problem: TopicProblem) -> dict[tuple[str, int], int]:
    """(organisation, room) -> what it may still send there, where it has more members than that."""
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
                rows[(name, r)] = left
    return rows
