"""Groups for mixing blocks: near-equal rooms, several rounds, as few repeated pairs as possible.

With a prime number ``m`` of rooms and at most ``m * m`` people, person ``(x, y) = divmod(i, m)`` goes to room
``(y + t * x) mod m`` in round ``t``: two people share a room in at most one of ``m`` rounds, so there are no repeats
at all (an affine plane). Otherwise a greedy placement (each person into the open room with the fewest people they
have met) followed by a bounded swap search. Everything random comes from the seed.

With an organisation cap (``max_per_organisation``) each person goes only to a room where their organisation is
still below the cap, and swaps keep it so; where no room is (more people of one organisation than the cap times the
rooms), the person goes where their organisation has the fewest: spread as far as the bound allows, and counted in
``over_cap`` for the warning.
"""

from __future__ import annotations

import bisect
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
    over_cap: int = 0  # placements above the organisation cap, over all rounds


@dataclass(frozen=True)
class OrgCap:
    """Each person's organisation (None: none), the cap per room, and what pinned people use of it per room."""

    orgs: Sequence[str | None]
    cap: int
    pinned: dict[tuple[str, int], int]

    def used(self) -> Counter[tuple[str, int]]:
        return Counter(self.pinned)

    def fits(self, used: Counter[tuple[str, int]], person: int, room: int) -> bool:
        org = self.orgs[person]
        return org is None or used[(org, room)] < self.cap


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


def mix(
    count: int, rooms: int, rounds: int, *, seed: int, sizes: Sequence[int] | None = None, caps: OrgCap | None = None
) -> Mixing:
    """Place ``count`` people into ``rooms`` rooms for ``rounds`` rounds (``sizes``: free places per room;
    ``caps``: at most so many of one organisation per room)."""
    rng = random.Random(seed)
    order = list(range(count))
    rng.shuffle(order)
    wanted = list(sizes) if sizes is not None else target_sizes(count, rooms)
    if caps is None and sizes is None and is_prime(rooms) and count <= rooms * rooms and rounds <= rooms:
        plan = [[0] * count for _ in range(rounds)]
        for position, person in enumerate(order):
            x, y = divmod(position, rooms)
            for t in range(rounds):
                plan[t][person] = (y + t * x) % rooms
        return Mixing(plan, repeat_pairs(plan), repeat_bound(count, wanted, rounds), "affine-plane")
    plan, over, repeats = _greedy(count, rooms, rounds, wanted, rng, caps)
    return Mixing(plan, repeats, repeat_bound(count, wanted, rounds), "greedy-swap", over)


def _greedy(
    count: int, rooms: int, rounds: int, sizes: Sequence[int], rng: random.Random, caps: OrgCap | None
) -> tuple[list[list[int]], int, int]:
    """The rounds, the placements over the cap, and the repeated pairs (counted from who met whom)."""
    met: list[set[int]] = [{person} for person in range(count)]  # whom each has met (themselves included)
    plan: list[list[int]] = []
    over = 0
    together = 0  # pairs sharing a room, summed over the rounds
    for _ in range(rounds):
        room_of = [-1] * count
        free = list(sizes)
        members: list[list[int]] = [[] for _ in range(rooms)]
        open_rooms = _OpenRooms(free)
        used = caps.used() if caps is not None else Counter()
        order = list(range(count))
        rng.shuffle(order)
        if caps is not None:  # the largest organisations first, while their rooms are open
            size = Counter(caps.orgs)
            order.sort(key=lambda p: -size[caps.orgs[p]] if caps.orgs[p] is not None else 0)
        for person in order:
            org = caps.orgs[person] if caps is not None else None
            room = open_rooms.first_without(met[person], members, caps, used, person)
            if room is None:  # every allowed room holds someone they met (or none is allowed): count them all
                room, capped = _least_clash(person, room_of, met, members, free, caps, used)
                over += capped
            room_of[person] = room
            free[room] -= 1
            open_rooms.took(room, len(members[room]), free[room])
            members[room].append(person)
            if org is not None:
                used[(org, room)] += 1
        _swap_search(room_of, members, met, rng, caps)
        for group in members:
            together += len(group) * (len(group) - 1) // 2
            everyone = set(group)
            for person in group:
                met[person] |= everyone
        plan.append(room_of)
    distinct = sum(len(known) - 1 for known in met) // 2
    return plan, over, together - distinct


class _OpenRooms:
    """The rooms with a seat left by how many people they hold, each level in room order: the first room of the
    lowest level that holds nobody a person met is the least (clashes, people, room) there is."""

    def __init__(self, free: Sequence[int]) -> None:
        self.levels: dict[int, list[int]] = {0: [r for r, seats in enumerate(free) if seats > 0]}

    def took(self, room: int, before: int, seats_left: int) -> None:
        level = self.levels[before]
        level.remove(room)
        if not level:
            del self.levels[before]
        if seats_left > 0:
            bisect.insort(self.levels.setdefault(before + 1, []), room)

    def first_without(
        self,
        known: set[int],
        members: list[list[int]],
        caps: OrgCap | None,
        used: Counter[tuple[str, int]],
        person: int,
    ) -> int | None:
        for size in sorted(self.levels):
            for room in self.levels[size]:
                if (caps is None or caps.fits(used, person, room)) and known.isdisjoint(members[room]):
                    return room
        return None


def _least_clash(
    person: int,
    room_of: list[int],
    met: list[set[int]],
    members: list[list[int]],
    free: list[int],
    caps: OrgCap | None,
    used: Counter[tuple[str, int]],
) -> tuple[int, int]:
    """The open room with the fewest people ``person`` met, then the fewest people, then the lowest index (within
    the cap; where no room is, where the organisation has the fewest); 1 when that is over the cap."""
    rooms = len(members)
    clash = [0] * rooms
    for other in met[person]:
        if room_of[other] >= 0:
            clash[room_of[other]] += 1
    open_rooms = [r for r in range(rooms) if free[r] > 0]
    allowed = [r for r in open_rooms if caps is None or caps.fits(used, person, r)]
    over = 0
    if not allowed:  # the cap cannot hold: where the organisation has the fewest
        org = caps.orgs[person] if caps is not None else None
        over = 1
        allowed = [min(open_rooms, key=lambda r: (used[(org or "", r)], r))]
    return min(allowed, key=lambda r: (clash[r], len(members[r]), r)), over


def _swap_search(
    room_of: list[int],
    members: list[list[int]],
    met: list[set[int]],
    rng: random.Random,
    caps: OrgCap | None = None,
) -> None:
    """Swap two people of different rooms when that lowers the number of people meeting again (and keeps every
    organisation within its cap: only people of one organisation, or none, trade places then). Random pairs,
    ``_SWAP_TRIES`` per person; who meets how many they met in their own room is kept per person, so a pair of
    people without any costs two draws (as ``randrange`` draws them) and a look-up."""
    count = len(room_of)
    if count < 2 or len(members) < 2:
        return

    def clashes(person: int, room: int, without: int) -> int:
        known = met[person]
        return sum(1 for other in members[room] if other not in (person, without) and other in known)

    own = [0] * count  # whom each has met among the others in their room (met holds themselves: minus one)
    for group in members:
        for person in group:
            own[person] = len(met[person].intersection(group)) - 1
    getrandbits, bits = rng.getrandbits, count.bit_length()
    for _ in range(_SWAP_TRIES * count):
        a = getrandbits(bits)  # Random.randrange(count), drawn the same way
        while a >= count:
            a = getrandbits(bits)
        b = getrandbits(bits)
        while b >= count:
            b = getrandbits(bits)
        before = own[a] + own[b]
        room_a, room_b = room_of[a], room_of[b]
        if before == 0 or room_a == room_b or (caps is not None and caps.orgs[a] != caps.orgs[b]):
            continue
        after = clashes(a, room_b, b) + clashes(b, room_a, a)
        if after < before:
            members[room_a][members[room_a].index(a)] = b
            members[room_b][members[room_b].index(b)] = a
            room_of[a], room_of[b] = room_b, room_a
            for person in (*members[room_a], *members[room_b]):
                own[person] = clashes(person, room_of[person], person)
