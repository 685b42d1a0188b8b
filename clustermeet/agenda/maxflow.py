"""The largest flow through a small network (Dinic's algorithm), for the seating checks' "does everyone fit".

Pure Python on purpose: ``validate`` must stay fast to start and may not import the solver (HiGHS lives in
``breakouts.topics``). The networks are organisations x rooms, a few thousand arcs; Dinic's blocking flows need few
phases on such layered graphs (Dinic 1970; see e.g. Kleinberg and Tardos, Algorithm Design, ch. 7).
"""

from __future__ import annotations

from collections import deque


class FlowNetwork:
    """Nodes are ints from 0; arcs are added with a capacity; :meth:`max_flow` answers the largest s-t flow."""

    def __init__(self, nodes: int) -> None:
        self.head: list[list[int]] = [[] for _ in range(nodes)]  # node -> its arc indices
        self.to: list[int] = []
        self.cap: list[int] = []

    def add(self, start: int, end: int, capacity: int) -> None:
        for a, b, c in ((start, end, capacity), (end, start, 0)):
            self.head[a].append(len(self.to))
            self.to.append(b)
            self.cap.append(c)

    def max_flow(self, source: int, sink: int) -> int:
        total = 0
        while (level := self._levels(source, sink)) is not None:
            pointer = [0] * len(self.head)
            while pushed := self._push(source, sink, level, pointer):
                total += pushed
        return total

    def _levels(self, source: int, sink: int) -> list[int] | None:
        level = [-1] * len(self.head)
        level[source] = 0
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for arc in self.head[node]:
                if self.cap[arc] > 0 and level[self.to[arc]] < 0:
                    level[self.to[arc]] = level[node] + 1
                    queue.append(self.to[arc])
        return level if level[sink] >= 0 else None

    def _push(self, source: int, sink: int, level: list[int], pointer: list[int]) -> int:
        """One augmenting path along the levels (iterative depth-first search); its flow, 0 when there is none."""
        path: list[int] = []
        node = source
        while True:
            if node == sink:
                pushed = min(self.cap[arc] for arc in path)
                for arc in path:
                    self.cap[arc] -= pushed
                    self.cap[arc ^ 1] += pushed
                return pushed
            arcs = self.head[node]
            while pointer[node] < len(arcs):
                arc = arcs[pointer[node]]
                if self.cap[arc] > 0 and level[self.to[arc]] == level[node] + 1:
                    break
                pointer[node] += 1
            if pointer[node] == len(arcs):  # a dead end: step back and never come here again in this phase
                if not path:
                    return 0
                level[node] = -1
                node = self.to[path.pop() ^ 1]
                pointer[node] += 1
                continue
            arc = arcs[pointer[node]]
            path.append(arc)
            node = self.to[arc]
