"""What ``vote`` found: the count, every ballot's fate, the announcement; its ``--json`` shape and the audit rows.

Pure. :meth:`VoteResult.to_dict` carries no voter's address unless asked for the audit (``audit=True``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clustermeet.i18n import VOTE_WORDS, lookup
from clustermeet.vote.eligibility import Reason

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.agenda.voting import Candidate, TieBreak
    from clustermeet.vote.ballots import BallotFile
    from clustermeet.vote.eligibility import Decision
    from clustermeet.vote.methods import Tally

AUDIT_COLUMNS = ("file", "line", "name", "email", "submitted", "answers", "counted_for", "status", "reason")


def say(key: str, language: str, **values: object) -> str:
    """``VOTE_WORDS[key]`` in ``language``, with ``values`` filled in."""
    return lookup(VOTE_WORDS, key, language).format(**values)


def reason_text(decision: Decision, language: str) -> str:
    return say(f"reason.{decision.reason.value}", language, detail=decision.detail)


@dataclass(frozen=True)
class VoteResult:
    """One vote counted: ``tally`` over the counted ballots, ``decisions`` for every ballot read."""

    segment_id: str
    title: str
    language: str
    candidates: list[Candidate]
    tally: Tally
    decisions: list[Decision]
    files: list[BallotFile]
    announcement: str
    rule: TieBreak
    written: dict[str, Path] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def name(self, candidate_id: str) -> str:
        return next(c.name for c in self.candidates if c.id == candidate_id)

    @property
    def winner_name(self) -> str | None:
        return self.name(self.tally.winner) if self.tally.winner is not None else None

    @property
    def tied_names(self) -> list[str]:
        return [self.name(c) for c in self.tally.top] if self.tally.winner is None else []

    @property
    def set_aside(self) -> dict[str, int]:
        """How many ballots each reason set aside, in the order of the reasons."""
        counts = Counter(d.reason for d in self.decisions if not d.counted)
        return {r.value: counts[r] for r in Reason if counts[r]}

    @property
    def by_name(self) -> list[Decision]:
        """Counted ballots matched by name only: the organiser should look at them."""
        return [d for d in self.decisions if d.by_name and d.counted]

    def method_name(self) -> str:
        return say(f"method.{self.tally.method.value}", self.language)

    def to_dict(self, *, audit: bool = False) -> dict[str, Any]:
        """The stable ``--json`` shape (docs/vote.md); ``audit`` adds every ballot with its address."""
        tally = self.tally
        out: dict[str, Any] = {
            "vote": self.segment_id,
            "title": self.title,
            "method": tally.method.value,
            "candidates": [{"id": c.id, "name": c.name} for c in self.candidates],
            "ballots": {"read": len(self.decisions), "counted": tally.ballots, "set_aside": self.set_aside},
            "scores": tally.scores,
            "top": list(tally.top),
            "winner": tally.winner,
            "winner_name": self.winner_name,
            "tie_broken_by": tally.tie_break.value if tally.tie_break else None,
            "announcement": self.announcement,
            "files": [{"file": f.source, "layout": f.layout, "ballots": len(f.ballots)} for f in self.files],
            "warnings": list(self.warnings),
        }
        if tally.rounds:
            out["rounds"] = [
                {"counts": r.counts, "eliminated": list(r.eliminated), "exhausted": r.exhausted} for r in tally.rounds
            ]
        if tally.pairwise:
            out["pairwise"] = _matrix(tally.candidates, tally.pairwise)
            out["strongest_paths"] = _matrix(tally.candidates, tally.strongest)
        if self.written:
            out["written"] = {kind: str(path) for kind, path in self.written.items()}
        if audit:
            out["audit"] = [dict(zip(AUDIT_COLUMNS, row, strict=True)) for row in audit_rows(self)]
        return out


def _matrix(candidates: tuple[str, ...], table: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    return {x: {y: table[x, y] for y in candidates if y != x} for x in candidates}


def audit_rows(result: VoteResult) -> list[tuple[str, ...]]:
    """One row per ballot read, counted or not, in the order of the files: the audit file's body."""
    rows: list[tuple[str, ...]] = []
    for decision in result.decisions:
        ballot = decision.ballot
        submitted = ballot.submitted.isoformat(sep=" ") if ballot.submitted else ""
        counted_for = " > ".join(result.name(c) for c in decision.choices) if decision.counted else ""
        reason = reason_text(decision, result.language) if not decision.counted else ""
        if decision.counted and decision.by_name and decision.voter is not None:
            reason = say("by_name", result.language, name=decision.voter.name)
        rows.append(
            (
                ballot.source,
                str(ballot.line),
                ballot.name,
                ballot.email,
                submitted,
                "; ".join(ballot.answers),
                counted_for,
                decision.reason.value,
                reason,
            )
        )
    return rows
