"""The counting methods, small and clear: plurality, approval, Borda, instant-runoff and Schulze.

Pure functions over a profile: the candidates in their listed order and the ballots, each a tuple of candidate ids
best first (a plurality ballot has one; an approval ballot lists the approved, in any order). Ballots are checked
before they get here: every id is a candidate, none twice, none empty. Each method finds its best candidates
(several on a tie); :func:`break_tie` then applies the agenda's rule, and a tie the rule cannot break stays a tie.

References: plurality, Borda (a ranked candidate gets one point for each candidate ranked below it or left
unranked; an unranked one gets none) and instant-runoff as in electowiki's "Effects of different voting systems
under similar circumstances" (the Tennessee example); Schulze with the strength of a link measured in winning
votes, as in Schulze's paper and its 45-voter example (liquisearch.com "Schulze Method - Example").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clustermeet.agenda.voting import TieBreak, VoteMethod

if TYPE_CHECKING:
    from collections.abc import Sequence

Ballot = tuple[str, ...]
#: how many sets of candidates still in an instant-runoff count follows through ties for last before it stops and
#: reports a tie of those still in (every set of ten candidates: a vote among ten pitches is always followed through)
MAX_STATES = 1024
Pair = tuple[str, str]


@dataclass(frozen=True)
class Round:
    """One instant-runoff round: the votes of every candidate still in, who goes out, ballots with nobody left."""

    counts: dict[str, int]
    eliminated: tuple[str, ...]
    exhausted: int


@dataclass(frozen=True)
class Tally:
    """What a method found: scores, rounds or the pairwise table, the best (``top``) and the winner.

    ``winner`` is None when ``top`` holds several and the tie-break rule could not pick one.
    """

    method: VoteMethod
    candidates: tuple[str, ...]
    ballots: int
    scores: dict[str, int]
    top: tuple[str, ...]
    winner: str | None
    tie_break: TieBreak | None = None
    rounds: tuple[Round, ...] = ()
    pairwise: dict[Pair, int] = field(default_factory=dict)
    strongest: dict[Pair, int] = field(default_factory=dict)

    @property
    def tied(self) -> bool:
        return self.winner is None


def count(method: VoteMethod, candidates: Sequence[str], ballots: Sequence[Ballot], rule: TieBreak) -> Tally:
    """Count ``ballots`` by ``method``, breaking a tie for first place by ``rule`` (and only by it)."""
    names = tuple(candidates)
    if method is VoteMethod.instant_runoff:
        return _instant_runoff(names, ballots, rule)
    if method is VoteMethod.schulze:
        pairwise = pairwise_table(names, ballots)
        strongest = strongest_paths(names, pairwise)
        scores = {x: sum(strongest[x, y] > strongest[y, x] for y in names if y != x) for x in names}
        top = schulze_winners(names, strongest)
        return _decided(method, names, ballots, scores, top, rule, pairwise=pairwise, strongest=strongest)
    scores = {
        VoteMethod.plurality: plurality_scores,
        VoteMethod.approval: approval_scores,
        VoteMethod.borda: borda_scores,
    }[method](names, ballots)
    return _decided(method, names, ballots, scores, best(scores), rule)


def best(scores: dict[str, int]) -> tuple[str, ...]:
    """The candidates with the highest score, in listed order."""
    if not scores:
        return ()
    high = max(scores.values())
    return tuple(c for c, s in scores.items() if s == high)


def plurality_scores(candidates: Sequence[str], ballots: Sequence[Ballot]) -> dict[str, int]:
    firsts = Counter(b[0] for b in ballots if b)
    return {c: firsts[c] for c in candidates}


def approval_scores(candidates: Sequence[str], ballots: Sequence[Ballot]) -> dict[str, int]:
    approved = Counter(c for b in ballots for c in set(b))
    return {c: approved[c] for c in candidates}


def borda_scores(candidates: Sequence[str], ballots: Sequence[Ballot]) -> dict[str, int]:
    """First of n gets n-1 points, last of n gets 0; an unranked candidate gets 0."""
    points = dict.fromkeys(candidates, 0)
    top = len(candidates) - 1
    for ballot in ballots:
        for place, candidate in enumerate(ballot):
            points[candidate] += top - place
    return points


def pairwise_table(candidates: Sequence[str], ballots: Sequence[Ballot]) -> dict[Pair, int]:
    """``d[x, y]``: how many ballots put x above y (a ranked candidate is above every unranked one)."""
    table = {(x, y): 0 for x in candidates for y in candidates if x != y}
    for ballot in ballots:
        place = {c: i for i, c in enumerate(ballot)}
        unranked = len(ballot)
        for x, y in table:
            if place.get(x, unranked) < place.get(y, unranked):
                table[x, y] += 1
    return table


def strongest_paths(candidates: Sequence[str], pairwise: dict[Pair, int]) -> dict[Pair, int]:
    """``p[x, y]``: the strength of the strongest path from x to y, a link's strength its winning votes (the
    Floyd-Warshall variant of Schulze's paper)."""
    strength = {(x, y): (d if d > pairwise[y, x] else 0) for (x, y), d in pairwise.items()}
    for via in candidates:
        for x in candidates:
            if x == via:
                continue
            for y in candidates:
                if y in (x, via):
                    continue
                strength[x, y] = max(strength[x, y], min(strength[x, via], strength[via, y]))
    return strength


def schulze_winners(candidates: Sequence[str], strongest: dict[Pair, int]) -> tuple[str, ...]:
    return tuple(x for x in candidates if all(strongest[x, y] >= strongest[y, x] for y in candidates if y != x))


def break_tie(
    tied: Sequence[str], candidates: Sequence[str], ballots: Sequence[Ballot], rule: TieBreak
) -> tuple[str, ...]:
    """What ``rule`` leaves of ``tied``: one candidate, or several when it cannot decide (a count without ballots
    never gets here: listed order would name a winner nobody voted for)."""
    if len(tied) <= 1 or rule is TieBreak.none:
        return tuple(tied)
    if rule is TieBreak.listed_order:
        return (min(tied, key=list(candidates).index),)
    return best({c: s for c, s in plurality_scores(candidates, ballots).items() if c in tied})


def _decided(
    method: VoteMethod,
    candidates: tuple[str, ...],
    ballots: Sequence[Ballot],
    scores: dict[str, int],
    top: tuple[str, ...],
    rule: TieBreak,
    *,
    rounds: tuple[Round, ...] = (),
    pairwise: dict[Pair, int] | None = None,
    strongest: dict[Pair, int] | None = None,
) -> Tally:
    left = break_tie(top, candidates, ballots, rule) if ballots else tuple(top)  # no rule makes a winner of nothing
    used = rule if len(top) > 1 and len(left) == 1 else None
    winner = left[0] if len(left) == 1 else None
    return Tally(method, candidates, len(ballots), scores, top, winner, used, rounds, pairwise or {}, strongest or {})


def _instant_runoff(candidates: tuple[str, ...], ballots: Sequence[Ballot], rule: TieBreak) -> Tally:
    """Count first choices among the candidates still in; a majority of the ballots still counting wins, else the
    last goes out. A tie for last is broken by ``rule`` where it can (fewest first choices in the first round; the
    one listed last). Where it cannot, the tied go out together only when that cannot change the outcome (their
    votes together are fewer than anybody else's); otherwise the count is followed each way the tie could go: one
    winner every way is the winner (the rounds shown are those with the first listed going out), different
    winners are a tie among them for the rule to break or to report. Past :data:`MAX_STATES` ways, a tie for
    last that matters is a tie of all still in."""
    first_round = plurality_scores(candidates, ballots)
    memo: dict[frozenset[str], tuple[tuple[Round, ...], tuple[str, ...]]] = {}
    rounds, top = _runoff(tuple(candidates), _Count(candidates, ballots, rule, first_round, memo))
    counts = rounds[-1].counts
    return _decided(VoteMethod.instant_runoff, candidates, ballots, counts, top, rule, rounds=rounds)


@dataclass(frozen=True)
class _Count:
    """What every step of one instant-runoff count shares; ``memo``: the rounds and winners from each set of
    candidates still in (the count from there on depends on nothing else)."""

    candidates: tuple[str, ...]
    ballots: Sequence[Ballot]
    rule: TieBreak
    first_round: dict[str, int]
    memo: dict[frozenset[str], tuple[tuple[Round, ...], tuple[str, ...]]]


def _runoff(remaining: tuple[str, ...], run: _Count) -> tuple[tuple[Round, ...], tuple[str, ...]]:
    """The rounds from ``remaining`` on and who wins from there (several: a tie for first)."""
    key = frozenset(remaining)
    if key not in run.memo:
        run.memo[key] = _runoff_from(remaining, run)
    return run.memo[key]


def _runoff_from(remaining: tuple[str, ...], run: _Count) -> tuple[tuple[Round, ...], tuple[str, ...]]:
    firsts = Counter(next(c for c in b if c in remaining) for b in run.ballots if any(c in remaining for c in b))
    counts = {c: firsts[c] for c in remaining}
    active = sum(counts.values())
    exhausted = len(run.ballots) - active
    leader = best(counts)
    low = min(counts.values())
    last = [c for c in remaining if counts[c] == low]
    if len(remaining) == 1 or (len(leader) == 1 and 2 * counts[leader[0]] > active) or len(last) == len(remaining):
        return (Round(counts, (), exhausted),), leader  # a winner, or everybody tied: a tie for first place
    out = _loser(last, run.candidates, run.first_round, run.rule)
    if len(out) == 1 or sum(counts[c] for c in out) < min(v for c, v in counts.items() if c not in out):
        later, top = _runoff(tuple(c for c in remaining if c not in out), run)
        return (Round(counts, out, exhausted), *later), top
    if len(run.memo) >= MAX_STATES:  # too many ways to follow: who can win is not known, so it is not guessed
        return (Round(counts, (), exhausted),), tuple(c for c in run.candidates if c in remaining)
    ways = [(c, *_runoff(tuple(x for x in remaining if x != c), run)) for c in out]
    winners = {w for _, _, top in ways for w in top}
    if len(winners) == 1:
        gone, later, top = ways[0]
        return (Round(counts, (gone,), exhausted), *later), top
    return (Round(counts, (), exhausted),), tuple(c for c in run.candidates if c in winners)


def _loser(
    last: list[str], candidates: tuple[str, ...], first_round: dict[str, int], rule: TieBreak
) -> tuple[str, ...]:
    if len(last) == 1 or rule is TieBreak.none:
        return tuple(last)
    if rule is TieBreak.listed_order:
        return (max(last, key=candidates.index),)
    fewest = min(first_round[c] for c in last)
    return tuple(c for c in last if first_round[c] == fewest)
