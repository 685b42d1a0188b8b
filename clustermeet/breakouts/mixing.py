"""Groups for mixing blocks: near-equal rooms, several rounds, as few repeated pairs as possible.

With a prime number ``m`` of rooms and at most ``m * m`` people, person ``(x, y) = divmod(i, m)`` goes to room
``(y + t * x) mod m`` in round ``t``: two people share a room in at most one of ``m`` rounds, so there are no repeats
at all (an affine plane). Otherwise a greedy placement (each person into the open room with the fewest people they
have met) followed by a bounded swap search. Everything random comes from the seed.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clustermeet.agenda.seating import target_sizes

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Swap attempts per person and round: bounds the search (about 0.1 s for 1,000 people).
_SWAP_TRIES = 10


@dataclass(frozen=True)
class Mixing:
    """``rounds[t][i]`` is the room of person ``i`` in round ``t``; the room sizes of each round are near-equal."""

    rounds: list[list[int]]
    repeat_pairs: int
    bound: int
    method: str  # "affine-plane" or "greedy-swap"


def is_prime(value: int) -> bool:
    if value < 2:
        return False
    return all(value % d for d in range(2, int(value**0.5) + 1))


def repeat_pairs(rounds: Sequence[Sequence[int]]) -> int:
    """Sum over pairs of people of (times they shared a room - 1), for pairs that met at all."""
    meetings: Counter[tuple[int, int]] = Counter()
    for rooms in rounds:
        members: dict[int, list[int]] = {}
        for person, room in enumerate(rooms):
            members.setdefault(room, []).append(person)
        for group in members.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    meetings[(a, b)] += 1
    return sum(times - 1 for times in meetings.values())


def repeat_bound(count: int, sizes: Sequence[int], rounds: int) -> int:
    """A lower bound on repeated pairs, the larger of two counting arguments.

    Each person meets ``size - 1`` people a round but only ``count - 1`` exist; and from one round to the next,
    a room of ``g`` people drawn from ``m`` rooms holds at least the pairs of the most even split of ``g`` into ``m``.
    """
    groups = [size for size in sizes if size > 0]
    if count < 2 or not groups or rounds < 2:
        return 0
    smallest = min(groups)
    per_person = (count * max(0, rounds * (smallest - 1) - (count - 1)) + 1) // 2
    rooms = len(groups)
    per_round = 0
    for size in groups:
        whole, extra = divmod(size, rooms)
        per_round += extra * (whole + 1) * whole // 2 + (rooms - extra) * whole * (whole - 1) // 2
    return max(per_person, (rounds - 1) * per_round)


def mix(count: int, rooms: int, rounds: int, *, seed: int, sizes: Sequence[int] | None = None) -> Mixing:
    """Place ``count`` people into ``rooms`` rooms for ``rounds`` rounds (``sizes``: free places per room)."""
    rng = random.Random(seed)
    order = list(range(count))
    rng.shuffle(order)
    wanted = list(sizes) if sizes is not None else target_sizes(count, rooms)
    if sizes is None and is_prime(rooms) and count <= rooms * rooms and rounds <= rooms:
        plan = [[0] * count for _ in range(rounds)]
        for position, person in enumerate(order):
            x, y = divmod(position, rooms)
            for t in range(rounds):
                plan[t][person] = (y + t * x) % rooms
        return Mixing(plan, repeat_pairs(plan), repeat_bound(count, wanted, rounds), "affine-plane")
    plan = _greedy(count, rooms, rounds, wanted, rng)
    return Mixing(plan, repeat_pairs(plan), repeat_bound(count, wanted, rounds), "greedy-swap")


def _greedy(count: int, rooms: int, rounds: int, sizes: Sequence[int], rng: random.Random) -> list[list[int]]:
    met: list[Counter[int]] = [Counter() for _ in range(count)]
    plan: list[list[int]] = []
    for _ in range(rounds):
        room_of = [-1] * count
        free = list(sizes)
        members: list[list[int]] = [[] for _ in range(rooms)]
        order = list(range(count))
        rng.shuffle(order)
        for person in order:
            clash = [0] * rooms
            for other in met[person]:
                if room_of[other] >= 0:
                    clash[room_of[other]] += 1
            room = min((r for r in range(rooms) if free[r] > 0), key=lambda r: (clash[r], len(members[r]), r))
            room_of[person] = room
            free[room] -= 1
            members[room].append(person)
        _swap_search(room_of, members, met, rng)
        for group in members:
            for a in group:
                for b in group:
                    if a != b:
                        met[a][b] += 1
        plan.append(room_of)
    return plan


def _swap_search(room_of: list[int], members: list[list[int]], met: list[Counter[int]], rng: random.Random) -> None:
    """Swap two people of different rooms when that lowers the number of people meeting again."""
    count = len(room_of)
    if count < 2 or len(members) < 2:
        return

    def clashes(person: int, room: int, without: int) -> int:
        return sum(1 for other in members[room] if other not in (person, without) and met[person][other])

    for _ in range(_SWAP_TRIES * count):
        a, b = rng.randrange(count), rng.randrange(count)
        room_a, room_b = room_of[a], room_of[b]
        if room_a == room_b:
            continue
        before = clashes(a, room_a, b) + clashes(b, room_b, a)
        if before == 0:
            continue
        after = clashes(a, room_b, b) + clashes(b, room_a, a)
        if after < before:
            members[room_a][members[room_a].index(a)] = b
            members[room_b][members[room_b].index(b)] = a
            room_of[a], room_of[b] = room_b, room_a
