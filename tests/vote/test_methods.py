"""The counting methods on textbook profiles with known, differing winners, on ties, and against references."""

from __future__ import annotations

from itertools import pairwise, permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clustermeet.agenda.voting import TieBreak, VoteMethod
from clustermeet.vote.methods import Ballot, count, pairwise_table

M = VoteMethod


def profile(*groups: tuple[int, str]) -> list[Ballot]:
    """``(42, "MNCK")`` is 42 ballots M > N > C > K."""
    return [tuple(order) for n, order in groups for _ in range(n)]


# Tennessee (electowiki "Effects of different voting systems under similar circumstances")
TENNESSEE = profile((42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM"))
# Schulze's 45 voters (liquisearch.com "Schulze Method - Example")
SCHULZE_45 = profile(
    (5, "ACBED"), (5, "ADECB"), (8, "BEDAC"), (3, "CABED"), (7, "CAEBD"), (2, "CBADE"), (7, "DCEBA"), (8, "EBADC")
)
CYCLE = profile((1, "ABC"), (1, "BCA"), (1, "CAB"))


@pytest.mark.parametrize(
    ("method", "winner"),
    [(M.plurality, "M"), (M.instant_runoff, "K"), (M.borda, "N"), (M.schulze, "N")],
)
def test_tennessee_each_method_its_own_capital(method: VoteMethod, winner: str) -> None:
    assert count(method, "MNCK", TENNESSEE, TieBreak.none).winner == winner


def test_tennessee_scores_and_rounds() -> None:
    assert count(M.borda, "MNCK", TENNESSEE, TieBreak.none).scores == {"M": 126, "N": 194, "C": 173, "K": 107}
    irv = count(M.instant_runoff, "MNCK", TENNESSEE, TieBreak.none)
    assert [r.eliminated for r in irv.rounds] == [("C",), ("N",), ()]
    assert irv.rounds[-1].counts == {"M": 42, "K": 58}
    assert count(M.plurality, "MNCK", TENNESSEE, TieBreak.none).scores == {"M": 42, "N": 26, "C": 15, "K": 17}


@pytest.mark.parametrize(
    ("method", "winner"),
    [(M.schulze, "E"), (M.borda, "E"), (M.plurality, "C"), (M.instant_runoff, "C")],
)
def test_schulze_45_voters(method: VoteMethod, winner: str) -> None:
    assert count(method, "ABCDE", SCHULZE_45, TieBreak.none).winner == winner


def test_schulze_45_pairwise_and_strongest_paths_as_published() -> None:
    tally = count(M.schulze, "ABCDE", SCHULZE_45, TieBreak.none)
    pairwise = [[20, 26, 30, 22], [25, 16, 33, 18], [19, 29, 17, 24], [15, 12, 28, 14], [23, 27, 21, 31]]
    strongest = [[28, 28, 30, 24], [25, 28, 33, 24], [25, 29, 29, 24], [25, 28, 28, 24], [25, 28, 28, 31]]
    for row, x in enumerate("ABCDE"):
        others = [y for y in "ABCDE" if y != x]
        assert [tally.pairwise[x, y] for y in others] == pairwise[row]
        assert [tally.strongest[x, y] for y in others] == strongest[row]


def test_approval_counts_each_approved_once() -> None:
    ballots = [("A", "B"), ("B",), ("B", "C"), ("A",), ("C", "A")]
    tally = count(M.approval, "ABC", ballots, TieBreak.none)
    assert tally.scores == {"A": 3, "B": 3, "C": 2}
    assert tally.top == ("A", "B")
    assert tally.winner is None


def test_constructed_profile_borda_differs() -> None:
    ballots = profile((3, "ABC"), (2, "BCA"))
    assert count(M.borda, "ABC", ballots, TieBreak.none).scores == {"A": 6, "B": 7, "C": 2}
    for method in (M.plurality, M.instant_runoff, M.schulze):
        assert count(method, "ABC", ballots, TieBreak.none).winner == "A"


# --- ties ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", [M.borda, M.instant_runoff, M.schulze])
def test_a_cycle_is_a_tie_no_rule_can_break_by_first_choices(method: VoteMethod) -> None:
    tally = count(method, "ABC", CYCLE, TieBreak.first_choices)
    assert tally.top == ("A", "B", "C")
    assert tally.winner is None
    assert tally.tied


@pytest.mark.parametrize("method", list(M))
def test_listed_order_breaks_every_tie(method: VoteMethod) -> None:
    tally = count(method, "CBA", CYCLE, TieBreak.listed_order)
    assert tally.winner == "C"
    assert tally.tie_break is TieBreak.listed_order


def test_no_rule_reports_the_plurality_tie() -> None:
    tally = count(M.plurality, "AB", [("A",), ("B",)], TieBreak.none)
    assert (tally.top, tally.winner, tally.tie_break) == (("A", "B"), None, None)


def test_first_choices_breaks_a_borda_tie() -> None:
    # A: 2+0+1 = 3... A and B tie on points, A has more first choices
    ballots = [("A", "C", "B"), ("A", "B", "C"), ("B", "C", "A"), ("C", "B", "A")]
    tally = count(M.borda, "ABC", ballots, TieBreak.first_choices)
    assert tally.scores["A"] == tally.scores["B"] == 4
    assert tally.winner == "A"
    assert tally.tie_break is TieBreak.first_choices


def test_schulze_45_voters_instant_runoff_is_c_whichever_way_the_tie_for_last_goes() -> None:
    """Round 2 ties B and E for last (8 each, A has 10): B out gives C 24 to E 21, E out gives C 29 to B 16
    (pyrankvote agrees). Putting both out at once (pref_voting's default) would give A, which no order gives."""
    tally = count(M.instant_runoff, "ABCDE", SCHULZE_45, TieBreak.none)
    assert [r.eliminated for r in tally.rounds] == [("D",), ("B",), ("A",), ()]
    assert tally.rounds[1].counts == {"A": 10, "B": 8, "C": 19, "E": 8}
    assert tally.rounds[-1].counts == {"C": 24, "E": 21}


def test_instant_runoff_tie_for_last_that_decides_is_reported_not_guessed() -> None:
    """B and C tie for last; whichever goes out, the other wins 4 to 3; both out at once would elect A."""
    ballots = profile((3, "A"), (2, "BC"), (2, "CB"))
    for rule in (TieBreak.none, TieBreak.first_choices):
        tally = count(M.instant_runoff, "ABC", ballots, rule)
        assert (tally.top, tally.winner) == (("B", "C"), None)
        assert [r.eliminated for r in tally.rounds] == [()]
    assert count(M.instant_runoff, "ABC", ballots, TieBreak.listed_order).winner == "B"


def test_instant_runoff_tie_for_last_that_cannot_matter_goes_out_together() -> None:
    ballots = profile((5, "A"), (4, "D"), (1, "BD"), (1, "CD"))
    tally = count(M.instant_runoff, "ABCD", ballots, TieBreak.none)
    assert tally.rounds[0].eliminated == ("B", "C")
    assert tally.winner == "D"


def test_instant_runoff_tie_for_last_that_gives_one_winner_either_way() -> None:
    ballots = profile((4, "A"), (2, "BA"), (2, "CA"), (3, "D"))
    tally = count(M.instant_runoff, "ABCD", ballots, TieBreak.none)
    assert tally.rounds[0].eliminated == ("B",)  # C out instead gives A the same 6 of 11
    assert (tally.winner, tally.tie_break) == ("A", None)


def test_instant_runoff_tie_for_last_by_listed_order_takes_the_last_listed() -> None:
    # D and E tie for last with 2 each (D alone last would test nothing): the one listed last, E, goes out
    ballots = profile((5, "A"), (3, "BC"), (3, "CB"), (2, "DB"), (2, "EC"))
    tally = count(M.instant_runoff, "ABCDE", ballots, TieBreak.listed_order)
    assert tally.rounds[0].counts == {"A": 5, "B": 3, "C": 3, "D": 2, "E": 2}
    assert tally.rounds[0].eliminated == ("E",)
    assert count(M.instant_runoff, "ABCED", ballots, TieBreak.listed_order).rounds[0].eliminated == ("D",)


def test_no_ballots_is_a_tie_of_everybody() -> None:
    for method in M:
        assert count(method, "AB", [], TieBreak.none).top == ("A", "B")


@pytest.mark.parametrize("rule", list(TieBreak))
def test_no_rule_makes_a_winner_of_no_ballots(rule: TieBreak) -> None:
    for method in M:
        tally = count(method, "AB", [], rule)
        assert (tally.winner, tally.tie_break) == (None, None)


# --- against references on random profiles -------------------------------------------------------------------


def _ref_schulze(names: str, ballots: list[Ballot]) -> set[str]:
    """Schulze by enumerating every path (winning votes), for small candidate sets."""
    d = pairwise_table(names, ballots)

    def link(x: str, y: str) -> int:
        return d[x, y] if d[x, y] > d[y, x] else 0

    def strongest(x: str, y: str) -> int:
        others = [c for c in names if c not in (x, y)]
        out = link(x, y)
        for n in range(1, len(others) + 1):
            for middle in permutations(others, n):
                path = (x, *middle, y)
                out = max(out, min(link(a, b) for a, b in pairwise(path)))
        return out

    return {x for x in names if all(strongest(x, y) >= strongest(y, x) for y in names if y != x)}


def _ref_borda(names: str, ballots: list[Ballot]) -> dict[str, int]:
    """Borda as the number of candidates each one beats on each ballot."""
    return {
        c: sum(1 for b in ballots if c in b for y in names if y != c and (y not in b or b.index(y) > b.index(c)))
        for c in names
    }


def _ref_irv(names: str, ballots: list[Ballot]) -> str | None:
    """Instant-runoff the long way; None when a tie for last or first would need a rule."""
    left = set(names)
    while True:
        tops = [next((c for c in b if c in left), None) for b in ballots]
        votes = {c: tops.count(c) for c in left}
        total = sum(votes.values())
        for c, v in votes.items():
            if 2 * v > total or len(left) == 1:
                return c
        low = min(votes.values())
        losers = [c for c in left if votes[c] == low]
        if len(losers) > 1:
            return None
        left -= set(losers)


ballot_lists = st.integers(3, 5).flatmap(
    lambda n: st.tuples(
        st.just("ABCDE"[:n]),
        st.lists(
            st.permutations(list("ABCDE"[:n])).flatmap(lambda p: st.integers(1, len(p)).map(lambda k: tuple(p[:k]))),
            min_size=1,
            max_size=25,
        ),
    )
)


@settings(max_examples=150, deadline=None)
@given(ballot_lists)
def test_counts_equal_the_references(case: tuple[str, list[Ballot]]) -> None:
    names, ballots = case
    assert count(M.borda, names, ballots, TieBreak.none).scores == _ref_borda(names, ballots)
    assert set(count(M.schulze, names, ballots, TieBreak.none).top) == _ref_schulze(names, ballots)
    plurality = count(M.plurality, names, ballots, TieBreak.none).scores
    assert plurality == {c: sum(b[0] == c for b in ballots) for c in names}
    approval = count(M.approval, names, ballots, TieBreak.none).scores
    assert approval == {c: sum(c in b for b in ballots) for c in names}
    expected = _ref_irv(names, ballots)
    if expected is not None:
        assert count(M.instant_runoff, names, ballots, TieBreak.none).winner == expected


def _ref_irv_every_way(names: str, ballots: list[Ballot]) -> set[str]:
    """Who can win instant-runoff when each tie for last may go any way (one out at a time); everybody tied is a
    tie of them all."""
    ways = set()
    stack = [frozenset(names)]
    seen: set[frozenset[str]] = set()
    while stack:
        left = stack.pop()
        if left in seen:
            continue
        seen.add(left)
        tops = [next((c for c in b if c in left), None) for b in ballots]
        votes = {c: tops.count(c) for c in left}
        total = sum(votes.values())
        majority = [c for c, v in votes.items() if 2 * v > total]
        if len(left) == 1 or majority:
            ways.add((majority or list(left))[0])
            continue
        low = min(votes.values())
        losers = [c for c in left if votes[c] == low]
        if len(losers) == len(left):
            ways |= left
            continue
        stack += [left - {c} for c in losers]
    return ways


@settings(max_examples=300, deadline=None)
@given(ballot_lists)
def test_instant_runoff_reports_who_can_win_every_way_a_tie_goes(case: tuple[str, list[Ballot]]) -> None:
    names, ballots = case
    assert set(count(M.instant_runoff, names, ballots, TieBreak.none).top) == _ref_irv_every_way(names, ballots)


@settings(max_examples=150, deadline=None)
@given(ballot_lists)
def test_instant_runoff_equals_pyrankvote(case: tuple[str, list[Ballot]]) -> None:
    pyrankvote = pytest.importorskip("pyrankvote")
    names, ballots = case
    every_way = _ref_irv_every_way(names, ballots)
    if len(every_way) > 1:  # pyrankvote breaks a tie for last by its own rule; we take none unless the agenda does
        return
    (expected,) = every_way  # one winner whichever way a tie goes: whatever pyrankvote's rule, it finds it too
    assert count(M.instant_runoff, names, ballots, TieBreak.none).winner == expected
    people = {c: pyrankvote.Candidate(c) for c in names}
    result = pyrankvote.instant_runoff_voting(
        list(people.values()), [pyrankvote.Ballot(ranked_candidates=[people[c] for c in b]) for b in ballots]
    )
    assert result.get_winners()[0].name == expected


def test_instant_runoff_follows_ties_for_last_a_bounded_number_of_ways() -> None:
    """Fifteen bullet votes of one each tie for last at every step (2^15 ways); the count stops following them
    and reports a tie of all still in rather than guess or run for minutes."""
    names = "ABCDEFGHIJKLMNOP"
    ballots = [("A",), ("A",), *[(c,) for c in names[1:]]]
    tally = count(M.instant_runoff, names, ballots, TieBreak.none)
    assert tally.winner is None
    assert "A" in tally.top
    small = "ABCDEF"  # few enough to follow every way: A wins whichever single goes out first
    assert count(M.instant_runoff, small, [("A",), ("A",), *[(c,) for c in small[1:]]], TieBreak.none).winner == "A"
