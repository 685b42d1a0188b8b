"""What ``assign`` gives back: the ``--json`` shape (docs/assign.md) and the summary the terminal shows.

Values and pure functions: an :class:`~clustermeet.breakouts.result.AssignmentResult` in, data or text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clustermeet.i18n import BREAKOUT_WORDS, lookup

if TYPE_CHECKING:
    from clustermeet.breakouts.result import AssignmentResult, BlockAssignment, BlockStats

#: a figure that does not apply to the block (mixing blocks have no ranks, topics blocks no repeated pairs)
NONE = "–"
#: the summary's rows, in order: the word for each, in BREAKOUT_WORDS
_ROWS = ("people", "rooms", "first_choice", "rank", "cost", "repeats", "room_sizes", "method")


@dataclass(frozen=True)
class SummaryTable:
    """A small table in the event's language; no headings means a column of labels and one of values."""

    title: str
    rows: list[tuple[str, ...]]
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class AssignOutcome:
    """The result of the ``assign`` use case: the assignment, every warning, the files written."""

    result: AssignmentResult
    warnings: list[str]
    written: list[str]
    language: str
    notes: list[str] = field(default_factory=list)  # how to open the rooms of the blocks not pre-assigned

    def to_dict(self) -> dict[str, Any]:
        """The documented ``--json`` shape (docs/assign.md)."""
        return {
            "blocks": [_block_json(block) for block in self.result.blocks],
            "moved": [
                {
                    "email": m.email,
                    "name": m.name,
                    "block": m.block,
                    "from": m.from_room,
                    "to": m.to_room,
                    "reason": m.reason,
                }
                for m in self.result.moved
            ],
            "left": [{"email": p.email, "name": p.name, "block": p.block, "room": p.room} for p in self.result.left],
            "warnings": self.warnings,
            "notes": self.notes,
            "written": self.written,
        }

    def block_tables(self) -> list[SummaryTable]:
        """One two-column table per block (round): its figures, those that apply."""
        tables = []
        for block in self.result.blocks:
            sizes = ", ".join(f"{room}: {count}" for room, count in block.stats.room_sizes.items())
            values = [str(block.stats.participants), str(block.stats.rooms), *stats_cells(block.stats), sizes]
            values.append(block.stats.method or NONE)  # the solver that chose among equal optima (docs/assign.md)
            rows: list[tuple[str, ...]] = [
                (self._word(key), value) for key, value in zip(_ROWS, values, strict=True) if value != NONE
            ]
            tables.append(SummaryTable(f"{self._word('assignment')}: {block.block}", rows))
        return tables

    def moved_table(self) -> SummaryTable | None:
        """Who is no longer where the previous assignment put them, and why; None when nobody moved."""
        if not self.result.moved:
            return None
        headings = tuple(self._word(key) for key in ("name", "block", "from", "to", "reason"))
        rows: list[tuple[str, ...]] = [(m.name, m.block, m.from_room, m.to_room, m.reason) for m in self.result.moved]
        return SummaryTable(self._word("moved"), rows, headings)

    def left_line(self) -> str | None:
        """The people of the previous assignment who are no longer registered; None when there are none."""
        if not self.result.left:
            return None
        return f"{self._word('left')}: {', '.join(p.name or p.email for p in self.result.left)}"

    def _word(self, key: str) -> str:
        return lookup(BREAKOUT_WORDS, key, self.language)


def _block_json(block: BlockAssignment) -> dict[str, Any]:
    stats = block.stats
    return {
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


def _percent(value: float | None) -> str:
    return NONE if value is None else f"{value * 100:.1f}%"


def stats_cells(stats: BlockStats) -> list[str]:
    """First choices (best possible), rank mean/worst, cost/bound (✓ when optimal), repeated pairs (minimum)."""
    first = (
        NONE
        if stats.first_choice_share is None
        else f"{_percent(stats.first_choice_share)} ({_percent(stats.first_choice_best)})"
    )
    rank = NONE if stats.mean_rank is None else f"{stats.mean_rank:.2f}/{stats.worst_rank}"
    cost = (
        NONE
        if stats.objective is None
        else f"{stats.objective}/{stats.lower_bound:g}" + (" ✓" if stats.optimal else "")
    )
    repeats = NONE if stats.repeat_pairs is None else f"{stats.repeat_pairs} ({stats.repeat_pairs_bound})"
    return [first, rank, cost, repeats]
