"""An assignment as the ``assign --json`` shape (docs/assign.md), and the summary cells the terminal table shows.

Pure functions: an :class:`~clustermeet.breakouts.assign.AssignmentResult` in, data or text out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clustermeet.breakouts.assign import AssignmentResult, BlockStats


def result_json(result: AssignmentResult, warnings: list[str], written: list[str]) -> dict[str, Any]:
    """The documented ``--json`` shape (docs/assign.md)."""
    blocks = []
    for block in result.blocks:
        stats = block.stats
        blocks.append(
            {
                "block": block.block,
                "segment": block.segment.id,
                "round": block.round,
                "mode": block.segment.breakout.mode if block.segment.breakout else "topics",
                "participants": stats.participants,
                "rooms": stats.rooms,
                "with_wishes": stats.with_wishes,
                "first_choice_share": stats.first_choice_share,
                "first_choice_best": stats.first_choice_best,
                "mean_rank": stats.mean_rank,
                "worst_rank": stats.worst_rank,
                "rank_histogram": stats.rank_histogram,
                "fixed": stats.fixed,
                "objective": stats.objective,
                "lower_bound": stats.lower_bound,
                "optimal": stats.optimal,
                "method": stats.method,
                "unplaced": stats.unplaced,
                "repeat_pairs": stats.repeat_pairs,
                "repeat_pairs_bound": stats.repeat_pairs_bound,
                "room_sizes": stats.room_sizes,
            }
        )
    return {
        "blocks": blocks,
        "moved": [
            {
                "email": m.email,
                "name": m.name,
                "block": m.block,
                "from": m.from_room,
                "to": m.to_room,
                "reason": m.reason,
            }
            for m in result.moved
        ],
        "left": [{"email": p.email, "name": p.name, "block": p.block, "room": p.room} for p in result.left],
        "warnings": warnings,
        "written": written,
    }


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def stats_cells(stats: BlockStats) -> list[str]:
    """First choices (best possible), rank mean/worst, cost/bound (✓ when optimal), repeated pairs (minimum)."""
    first = (
        "–"
        if stats.first_choice_share is None
        else f"{_percent(stats.first_choice_share)} ({_percent(stats.first_choice_best)})"
    )
    rank = "–" if stats.mean_rank is None else f"{stats.mean_rank:.2f}/{stats.worst_rank}"
    cost = (
        "–" if stats.objective is None else f"{stats.objective}/{stats.lower_bound:g}" + (" ✓" if stats.optimal else "")
    )
    repeats = "–" if stats.repeat_pairs is None else f"{stats.repeat_pairs} ({stats.repeat_pairs_bound})"
    return [first, rank, cost, repeats]
