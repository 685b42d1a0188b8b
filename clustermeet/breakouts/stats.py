"""The figures of a placed topics block: how many got their first choice (and how many could have), the ranks."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from clustermeet.breakouts.result import BlockStats, How

if TYPE_CHECKING:
    from clustermeet.agenda.models import BreakoutRoom
    from clustermeet.breakouts.result import Seat

#: participant index -> (room index, rank or None, how they got there)
Placed = dict[int, tuple[int, int | None, How]]


def topic_stats(
    *,
    seats: list[Seat],
    rooms: list[BreakoutRoom],
    wishes: dict[int, list[int]],
    placed: Placed,
    remaining: list[int | None],
    objective: int,
    bound: float,
    method: str,
    fixed: int,
    participants: int,
) -> BlockStats:
    ranks: list[int] = []
    histogram: Counter[str] = Counter()
    first_wish: Counter[int] = Counter()
    for index, ranked in wishes.items():
        if not ranked:
            continue
        _, rank, _ = placed[index]
        effective = rank if rank is not None else len(ranked) + 1
        ranks.append(effective)
        histogram[str(rank) if rank is not None else "unranked"] += 1
        first_wish[ranked[0]] += 1
    best = 0
    for r, count in first_wish.items():
        left = remaining[r]
        best += count if left is None else min(count, left)
    with_wishes = len(ranks)
    first = histogram.get("1", 0)
    ordered = dict(sorted(((k, v) for k, v in histogram.items() if k != "unranked"), key=lambda kv: int(kv[0])))
    if histogram.get("unranked"):
        ordered["unranked"] = histogram["unranked"]
    sizes = Counter(seat.room for seat in seats if seat.how != "crew")
    return BlockStats(
        participants=participants,
        rooms=len(rooms),
        with_wishes=with_wishes,
        first_choices=first,
        first_choice_share=round(first / with_wishes, 4) if with_wishes else None,
        first_choice_best=round(best / with_wishes, 4) if with_wishes else None,
        mean_rank=round(sum(ranks) / with_wishes, 4) if with_wishes else None,
        worst_rank=max(ranks) if ranks else None,
        rank_histogram=ordered,
        fixed=fixed,
        objective=objective,
        lower_bound=round(bound, 3),
        optimal=objective - bound < 1,
        method=method,
        unplaced=0,
        room_sizes={room.id: sizes.get(room.id, 0) for room in rooms},
    )
