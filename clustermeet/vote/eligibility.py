"""Who may vote and which ballots count: match each ballot to a voter, set aside the rest with one reason each.

Pure: the voters, the candidates, the vote's rules and time window, and the raw ballots in; one
:class:`Decision` per ballot out, in the order the ballots came. The steps, in the order they are applied:

1. **who**: the ballot's e-mail address is a registered voter's; else its name is exactly one voter's name
   (accents and case aside), which counts with a warning; else it is an outsider (or anonymous), who counts only
   when the vote lets anyone vote;
2. **organisers** are set aside when the vote excludes them;
3. **when**: a ballot submitted before the vote's planned start or after its planned end, each widened by the
   grace time, is set aside (a ballot without a time passes);
4. **what**: an empty ballot, an answer that names no candidate, a candidate ranked twice, several answers
   where the method takes one, several answers that are no ranking (a multiple choice) for a ranked method, or
   one rank given to several candidates (where the method needs an order) are set aside; under the own-team
   rule the voter's own team is struck from the ballot, and a ballot left empty by that is set aside;
5. **once**: of one voter's valid ballots the first submitted counts (Zoom lets nobody change a submitted
   answer, so a later one comes from a re-launched poll or another device), one with the voter's address before
   one matched by name; the others are duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from clustermeet.agenda.voting import VoteMethod
from clustermeet.text import fold_ascii

if TYPE_CHECKING:
    from collections.abc import Sequence
    from zoneinfo import ZoneInfo

    from clustermeet.agenda.voting import Candidate, VoteBlock
    from clustermeet.vote.ballots import RawBallot

#: what the tools write in place of who voted in an anonymous poll (Zoom's report is localized; its API says
#: "Anonymous Attendee")
ANONYMOUS = frozenset({"", "anonym", "anonymous", "anonymous attendee", "anonyme", "anonimo"})


class Reason(StrEnum):
    counted = "counted"
    anonymous = "anonymous"
    not_registered = "not_registered"
    organiser = "organiser"
    early = "early"
    late = "late"
    empty = "empty"
    unknown_choice = "unknown_choice"
    ranked_twice = "ranked_twice"
    several_choices = "several_choices"
    same_rank = "same_rank"
    not_ranked = "not_ranked"
    own_team = "own_team"
    duplicate = "duplicate"


@dataclass(frozen=True)
class Voter:
    """Someone who may vote: a participant, or one of the people with an address."""

    email: str
    name: str
    organisation: str | None
    organiser: bool


@dataclass(frozen=True)
class Window:
    """When ballots count: from ``opens`` to ``closes`` (instants; None for no bound)."""

    opens: datetime | None
    closes: datetime | None
    zone: ZoneInfo


@dataclass(frozen=True)
class Decision:
    """What became of one ballot: its voter (None: not matched), the candidate ids it counts for, and why."""

    ballot: RawBallot
    voter: Voter | None
    choices: tuple[str, ...]
    reason: Reason
    detail: str = ""
    by_name: bool = False
    struck: tuple[str, ...] = ()

    @property
    def counted(self) -> bool:
        return self.reason is Reason.counted


def folded(text: str) -> str:
    """Text as ballots and lists are compared: accents, case, dashes and runs of spaces aside."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(fold_ascii(text).casefold().split())


def decide(
    ballots: Sequence[RawBallot],
    voters: Sequence[Voter],
    candidates: Sequence[Candidate],
    rules: VoteBlock,
    window: Window,
) -> list[Decision]:
    """One decision per ballot (see the module's steps), in the ballots' order."""
    by_email = {v.email.casefold(): v for v in voters}
    by_name: dict[str, list[Voter]] = {}
    for voter in voters:
        by_name.setdefault(folded(voter.name), []).append(voter)
    answers = _answer_keys(candidates)
    first: list[Decision] = []
    for ballot in ballots:
        decision = _who(ballot, by_email, by_name, rules)
        if decision.reason is Reason.counted:
            decision = _when(decision, window)
        if decision.reason is Reason.counted:
            decision = _what(decision, answers, candidates, rules)
        first.append(decision)
    return _once(first, window)


def _who(ballot: RawBallot, by_email: dict[str, Voter], by_name: dict[str, list[Voter]], rules: VoteBlock) -> Decision:
    email, name = ballot.email.strip().casefold(), folded(ballot.name)
    if email in by_email:
        voter = by_email[email]
        if voter.organiser and rules.exclude_organisers:
            return Decision(ballot, voter, (), Reason.organiser)
        return Decision(ballot, voter, (), Reason.counted)
    named = by_name.get(name, [])
    if len(named) == 1 and name not in ANONYMOUS:
        voter = named[0]
        if voter.organiser and rules.exclude_organisers:
            return Decision(ballot, voter, (), Reason.organiser, by_name=True)
        return Decision(ballot, voter, (), Reason.counted, by_name=True)
    anonymous = email in ANONYMOUS and name in ANONYMOUS
    if rules.voters == "anyone":  # counted; one ballot each where the ballot says who (anonymous ones cannot)
        walk_in = None if anonymous else Voter(email or f"name:{name}", ballot.name, None, organiser=False)
        return Decision(ballot, walk_in, (), Reason.counted)
    return Decision(ballot, None, (), Reason.anonymous if anonymous else Reason.not_registered)


def _when(decision: Decision, window: Window) -> Decision:
    submitted = decision.ballot.submitted
    if submitted is None:
        return decision
    moment = submitted.replace(tzinfo=window.zone)
    if window.opens is not None and moment < window.opens:
        return replace(decision, reason=Reason.early)
    if window.closes is not None and moment > window.closes:
        return replace(decision, reason=Reason.late)
    return decision


def _answer_keys(candidates: Sequence[Candidate]) -> dict[str, str]:
    """Each way a ballot may name a candidate (its poll option, name or id), folded, to its id."""
    keys: dict[str, str] = {}
    for candidate in candidates:
        for text in (candidate.option, candidate.name, candidate.id):
            if text:
                keys.setdefault(folded(text), candidate.id)
    return keys


def _what(decision: Decision, answers: dict[str, str], candidates: Sequence[Candidate], rules: VoteBlock) -> Decision:
    ballot = decision.ballot
    if not ballot.answers:
        return replace(decision, reason=Reason.empty)
    ids = []
    for answer in _split_lists(ballot.answers, answers):
        found = answers.get(folded(answer))
        if found is None:
            return replace(decision, reason=Reason.unknown_choice, detail=answer)
        if found in ids:
            return replace(decision, reason=Reason.ranked_twice, detail=answer)
        ids.append(found)
    if ballot.same_rank and rules.method is not VoteMethod.approval:
        return replace(decision, reason=Reason.same_rank, detail=ballot.same_rank)
    if len(ids) > 1 and not ballot.ranked and rules.method is not VoteMethod.approval:
        several = Reason.several_choices if rules.method is VoteMethod.plurality else Reason.not_ranked
        return replace(decision, reason=several, detail=str(len(ids)))
    if rules.method is VoteMethod.plurality:
        ids = ids[:1]
    struck: tuple[str, ...] = ()
    if rules.no_own_team and decision.voter is not None and decision.voter.organisation:
        own = folded(decision.voter.organisation)
        struck = tuple(c.id for c in candidates if c.id in ids and _same_team(own, c))
        ids = [i for i in ids if i not in struck]
        if not ids:
            return replace(decision, reason=Reason.own_team, struck=struck)
    return replace(decision, choices=tuple(ids), struck=struck)


def _split_lists(given: tuple[str, ...], answers: dict[str, str]) -> list[str]:
    """The answers, an answer that names no candidate but whose ``, ``-separated parts all do taken apart: Google
    Sheets joins the ticked boxes of a checkbox question so (a candidate's name with a comma stays whole)."""
    out: list[str] = []
    for answer in given:
        parts = [part.strip() for part in answer.split(", ")]
        whole = folded(answer) in answers or len(parts) == 1
        out += [answer] if whole or not all(folded(p) in answers for p in parts) else parts
    return out


def _same_team(organisation: str, candidate: Candidate) -> bool:
    """The voter's organisation (folded) is the candidate's team or name, either of them in its short form in
    brackets: ``NIRO`` is ``Netzwerk Industrie RuhrOst e. V. (NIRO)``, and the other way round."""
    ours = _forms(organisation)
    return any(ours & _forms(folded(team)) for team in (candidate.team or "", candidate.name) if team)


def _forms(name: str) -> set[str]:
    """A folded name and, when it ends in one, its short form in brackets."""
    short = re.search(r"\(([^()]+)\)\s*$", name)
    return {name, short.group(1).strip()} if short else {name}


def _once(decisions: list[Decision], window: Window) -> list[Decision]:
    """The first valid ballot of each voter counts; the later ones are duplicates of it. A ballot that came with
    the voter's address goes before one matched by name only: anybody can type a name into Zoom, so a stranger
    with a participant's name cannot make the participant's own ballot a duplicate by being quicker."""
    floor = datetime.min.replace(tzinfo=window.zone)

    def submitted(i: int) -> tuple[bool, datetime, int]:
        moment = decisions[i].ballot.submitted
        return (decisions[i].by_name, moment.replace(tzinfo=window.zone) if moment is not None else floor, i)

    order = sorted(range(len(decisions)), key=submitted)
    kept: dict[str, Decision] = {}
    out = list(decisions)
    for i in order:
        decision = decisions[i]
        if not decision.counted or decision.voter is None:
            continue
        key = decision.voter.email.casefold()
        if key in kept:
            first = kept[key].ballot
            out[i] = replace(decision, reason=Reason.duplicate, detail=f"{first.source}:{first.line}")
        else:
            kept[key] = decision
    return out
