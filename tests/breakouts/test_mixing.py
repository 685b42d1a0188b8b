"""Mixing rounds on random sizes and organisation caps: the repeated pairs the greedy counts from who met whom
are the pairs counted from the rounds themselves, the rooms take what they should, the caps hold where they can."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from clustermeet.agenda.seating import target_sizes
from clustermeet.breakouts.mixing import OrgCap, mix, repeat_pairs


@pytest.mark.parametrize("seed", range(60))
def test_counted_repeats_are_the_rounds_repeats(seed: int) -> None:
    rng = random.Random(seed)
    count, rooms, rounds = rng.randint(2, 90), rng.randint(2, 12), rng.randint(1, 8)
    sizes = target_sizes(count, rooms) if rng.random() < 0.5 else None
    caps = None
    if rng.random() < 0.5:
        orgs = [rng.choice(["a", "b", "c", None]) for _ in range(count)]
        caps = OrgCap(orgs, rng.randint(1, 4), {})
    result = mix(count, rooms, rounds, seed=seed, sizes=sizes, caps=caps)
    assert result.repeat_pairs == repeat_pairs(result.rounds)
    assert result.repeat_pairs >= result.bound
    wanted = sizes if sizes is not None else target_sizes(count, rooms)
    for plan in result.rounds:
        got = [Counter(plan)[r] for r in range(rooms)]
        if result.method == "affine-plane":  # near-equal, the larger rooms wherever the plane puts them
            assert max(got) - min(got) <= 1 and sum(got) == count
        else:
            assert got == wanted
        if caps is not None and result.over_cap == 0:
            per_room = Counter((caps.orgs[p], room) for p, room in enumerate(plan) if caps.orgs[p] is not None)
            assert max(per_room.values(), default=0) <= caps.cap
    assert mix(count, rooms, rounds, seed=seed, sizes=sizes, caps=caps) == result
