"""The agenda's vote and award blocks: who is on the ballot, how it is counted, who may vote, how a tie is broken.

A ``kind: vote`` segment may carry a ``vote:`` block; without one it counts by plurality among the pitches of the
nearest pitches segment before it. A ``kind: award`` segment may carry an ``award:`` block naming the vote it
announces and the announcement's text. The cross-checks (candidates to take from somewhere, poll options that
match them, the award's vote) are :func:`check_votes`, run by ``validate``.
"""

from __future__ import annotations

import string
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from clustermeet.agenda.findings import Finding
from clustermeet.agenda.types import Gap, Id
from clustermeet.text import slugify

if TYPE_CHECKING:
    from collections.abc import Iterable

    from clustermeet.agenda.models import Agenda, Segment


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class VoteMethod(StrEnum):
    plurality = "plurality"
    approval = "approval"
    borda = "borda"
    instant_runoff = "instant-runoff"
    schulze = "schulze"


class TieBreak(StrEnum):
    none = "none"
    """Report the tie: the organisers decide (the default; nothing is guessed)."""
    first_choices = "first-choices"
    """Among the tied, the one with the most first choices; still tied is reported."""
    listed_order = "listed-order"
    """Among the tied, the one listed first (the pitch order): only when the organisers announced it beforehand."""


class Candidate(_Model):
    id: Id
    name: str = Field(min_length=1, description="As announced: the team, project or organisation.")
    option: str | None = Field(default=None, description="The poll's answer text for it, if not the name.")
    team: str | None = Field(default=None, description="The organisation behind it, for the own-team rule.")


class VoteBlock(_Model):
    """How a vote is counted and who may vote."""

    candidates: list[Candidate] = Field(
        default=[], description="Who is on the ballot; default the pitches of the pitches segment before it."
    )
    method: VoteMethod = VoteMethod.plurality
    voters: Literal["registered", "anyone"] = Field(
        default="registered", description="registered: participants only, one ballot each; anyone: every ballot."
    )
    exclude_organisers: bool = Field(default=False, description="The crew and the organiser do not vote.")
    no_own_team: bool = Field(default=False, description="Nobody votes for their own organisation's candidate.")
    tie_break: TieBreak = TieBreak.none
    grace: Gap = Field(
        default=timedelta(minutes=10),
        description="Ballots this long before the planned start or after the planned end still count.",
    )
    question: str | None = Field(default=None, description="The report's question to count; default the poll's.")


class AwardBlock(_Model):
    """What an award segment announces."""

    vote: Id | None = Field(default=None, description="The vote segment it announces; default the last one before.")
    announcement: str | None = Field(
        default=None, description="What the moderator says, with {winner}; default a sentence in the event's language."
    )

    @field_validator("announcement")
    @classmethod
    def _has_winner(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError:
            fields = set()
        if fields != {"winner"}:
            raise ValueError("the announcement needs the placeholder {winner} and no other (write {{ for a brace)")
        return value


def first_choices_cannot_break(method: VoteMethod, rule: TieBreak) -> str | None:
    """Why ``rule`` cannot break a tie of ``method`` (None when it can): in a plurality vote every ballot is a
    first choice, and an approval ballot has none (its order is the form's, not the voter's)."""
    if rule is not TieBreak.first_choices or method not in (VoteMethod.plurality, VoteMethod.approval):
        return None
    if method is VoteMethod.plurality:
        return "first-choices cannot break a plurality tie (every ballot is a first choice); use none or listed-order"
    return "first-choices cannot break an approval tie (approval ballots have no order); use none or listed-order"


def pitches_before(agenda: Agenda, index: int) -> Segment | None:
    """The nearest pitches segment before segment ``index``."""
    for segment in reversed(agenda.segments[:index]):
        if segment.pitches is not None:
            return segment
    return None


def vote_candidates(agenda: Agenda, index: int) -> list[Candidate]:
    """The candidates of vote segment ``index``: listed, or the pitches before it (the poll's options, in order,
    are their answer texts when there are as many)."""
    segment = agenda.segments[index]
    block = segment.vote or VoteBlock()
    if block.candidates:
        return list(block.candidates)
    source = pitches_before(agenda, index)
    if source is None or source.pitches is None:
        return []
    options = segment.poll.options if segment.poll is not None else []
    out = []
    for i, pitch in enumerate(source.pitches.items):
        presenter = agenda.person(pitch.presenter) if pitch.presenter else None
        team = presenter.organisation if presenter and presenter.organisation else pitch.team
        option = options[i] if len(options) == len(source.pitches.items) else None
        out.append(Candidate(id=slugify(pitch.team, f"candidate-{i + 1}"), name=pitch.team, option=option, team=team))
    return out


def award_vote(agenda: Agenda, index: int) -> int | None:
    """The index of the vote segment that award segment ``index`` announces."""
    segment = agenda.segments[index]
    wanted = segment.award.vote if segment.award is not None else None
    for i, other in enumerate(agenda.segments):
        if wanted is not None and other.id == wanted:
            return i if other.kind.value == "vote" else None
    if wanted is not None:
        return None
    return next((i for i in range(index - 1, -1, -1) if agenda.segments[i].kind.value == "vote"), None)


def check_votes(agenda: Agenda) -> Iterable[Finding]:
    """Every vote has candidates, ids once each, poll options that match them; every award names a vote."""
    for index, segment in enumerate(agenda.segments):
        if segment.kind.value == "vote":
            yield from _check_vote(agenda, index)
        if segment.award is not None and award_vote(agenda, index) is None:
            loc = ("segments", index, "award", "vote") if segment.award.vote else ("segments", index, "award")
            what = (
                f"'{segment.award.vote}' is not a vote segment" if segment.award.vote else "no vote segment before it"
            )
            yield Finding(loc, "error", f"the award announces a vote: {what}")


def _check_vote(agenda: Agenda, index: int) -> Iterable[Finding]:
    segment = agenda.segments[index]
    block = segment.vote or VoteBlock()
    here = ("segments", index, "vote") if segment.vote is not None else ("segments", index)
    candidates = vote_candidates(agenda, index)
    if not candidates:
        yield Finding(here, "error", "a vote needs candidates: list them, or put a pitches segment before it")
        return
    if len(candidates) < 2:
        yield Finding(here, "warning", "a vote with one candidate: it wins whatever the ballots say")
    seen: dict[str, int] = {}
    for i, candidate in enumerate(candidates):
        if candidate.id in seen:
            loc = ("segments", index, "vote", "candidates", i, "id") if block.candidates else here
            yield Finding(
                loc, "error", f"duplicate candidate id '{candidate.id}' (first is number {seen[candidate.id] + 1})"
            )
        seen.setdefault(candidate.id, i)
    options = segment.poll.options if segment.poll is not None else []
    if options and not block.candidates and len(options) != len(candidates):
        yield Finding(
            ("segments", index, "poll", "options"),
            "error",
            f"{len(options)} poll options but {len(candidates)} pitches before the vote: give one option per pitch",
        )
    unordered = first_choices_cannot_break(block.method, block.tie_break)
    if unordered:
        yield Finding(("segments", index, "vote", "tie_break"), "error", unordered)
    if block.no_own_team and not any(c.team for c in candidates):
        yield Finding(("segments", index, "vote", "no_own_team"), "warning", "no candidate names a team")
