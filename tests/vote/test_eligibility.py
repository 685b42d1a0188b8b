"""Who may vote and which ballots count: every rule, one reason each."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from clustermeet.agenda.voting import Candidate, VoteBlock, VoteMethod
from clustermeet.vote.ballots import RawBallot
from clustermeet.vote.eligibility import Reason, Voter, Window, decide

ZONE = ZoneInfo("Europe/London")
OPENS = datetime(2023, 3, 14, 15, 16, tzinfo=ZONE)
WINDOW = Window(OPENS, OPENS + timedelta(minutes=35), ZONE)
CANDIDATES = [
    Candidate(id="solar", name="Solar Roofs", option="Solar Roofs - clean power", team="Solar Roofs"),
    Candidate(id="bike", name="Bike Library", team="Bike Library (BL)"),
    Candidate(id="repair", name="Repair Cafe"),
]
VOTERS = [
    Voter("ada@example.org", "Ada Lovelace", "Solar Roofs", organiser=False),
    Voter("alan@example.org", "Alan Turing", "BL", organiser=False),
    Voter("olga@example.org", "Olga Organiser", None, organiser=True),
    Voter("jo1@example.org", "Jo Smith", None, organiser=False),
    Voter("jo2@example.org", "Jo Smith", None, organiser=False),
]


def ballot(email: str, *answers: str, name: str = "", minute: int | None = 20, ranked: bool = False) -> RawBallot:
    when = datetime(2023, 3, 14, 15, minute) if minute is not None else None
    return RawBallot("b.csv", 2, name, email, when, answers, ranked, "Q")


def one(item: RawBallot, **rules: object):  # type: ignore[no-untyped-def]
    (decision,) = decide([item], VOTERS, CANDIDATES, VoteBlock.model_validate(rules), WINDOW)
    return decision


def test_a_registered_voter_counts_by_address_in_any_case() -> None:
    decision = one(ballot("ADA@example.org ", "Repair Cafe"))
    assert (decision.reason, decision.choices, decision.by_name) == (Reason.counted, ("repair",), False)


def test_an_answer_names_a_candidate_by_option_name_or_id() -> None:
    for answer in ("Solar Roofs – clean power", "solar roofs", "SOLAR", "Solar  Roofs"):
        assert one(ballot("ada@example.org", answer)).choices == ("solar",)


def test_by_name_when_the_address_is_unknown_with_a_warning() -> None:
    decision = one(ballot("ada.private@example.net", "Bike Library", name="ada lovelace"))
    assert decision.reason is Reason.counted
    assert decision.by_name
    assert decision.voter is not None
    assert decision.voter.email == "ada@example.org"


def test_a_name_two_voters_share_matches_nobody() -> None:
    assert one(ballot("jo@example.net", "Bike Library", name="Jo Smith")).reason is Reason.not_registered


def test_outsiders_and_anonymous_ballots_are_set_aside_when_only_registered_vote() -> None:
    assert one(ballot("guest@example.net", "Bike Library", name="Guest")).reason is Reason.not_registered
    assert one(ballot("", "Bike Library", name="Anonymous Attendee")).reason is Reason.anonymous
    assert one(ballot("anonym", "Bike Library", name="anonym")).reason is Reason.anonymous


def test_anyone_may_vote_once_each_but_anonymous_ballots_cannot_be_told_apart() -> None:
    rules = VoteBlock(voters="anyone")
    ballots = [
        ballot("guest@example.net", "Bike Library", minute=20),
        ballot("guest@example.net", "Repair Cafe", minute=21),
        ballot("", "Repair Cafe", name="anonymous"),
        ballot("", "Repair Cafe", name="anonymous"),
    ]
    reasons = [d.reason for d in decide(ballots, VOTERS, CANDIDATES, rules, WINDOW)]
    assert reasons == [Reason.counted, Reason.duplicate, Reason.counted, Reason.counted]


def test_organisers_vote_unless_excluded() -> None:
    assert one(ballot("olga@example.org", "Bike Library")).reason is Reason.counted
    assert one(ballot("olga@example.org", "Bike Library"), exclude_organisers=True).reason is Reason.organiser


@pytest.mark.parametrize(("minute", "reason"), [(15, Reason.early), (16, Reason.counted), (51, Reason.counted),
                                                 (52, Reason.late), (None, Reason.counted)])  # fmt: skip
def test_the_time_window_with_its_grace(minute: int | None, reason: Reason) -> None:
    assert one(ballot("ada@example.org", "Bike Library", minute=minute)).reason is reason


@pytest.mark.parametrize(
    ("answers", "ranked", "method", "reason", "detail"),
    [
        ((), False, "plurality", Reason.empty, ""),
        (("Wind Farm",), False, "plurality", Reason.unknown_choice, "Wind Farm"),
        (("Bike Library", "bike"), True, "borda", Reason.ranked_twice, "bike"),
        (("Bike Library", "Repair Cafe"), False, "plurality", Reason.several_choices, "2"),
        (("Bike Library", "Repair Cafe"), False, "schulze", Reason.not_ranked, "2"),
    ],
)
def test_what_a_ballot_says(answers: tuple[str, ...], ranked: bool, method: str, reason: Reason, detail: str) -> None:
    decision = one(ballot("alan@example.org", *answers, ranked=ranked), method=method)
    assert (decision.reason, decision.detail) == (reason, detail)


def test_approval_takes_several_answers_and_plurality_a_ranking_first_choice() -> None:
    approval = one(ballot("alan@example.org", "Bike Library", "Repair Cafe"), method="approval")
    assert approval.choices == ("bike", "repair")
    ranked = one(ballot("alan@example.org", "Repair Cafe", "Bike Library", ranked=True))
    assert ranked.choices == ("repair",)
    assert one(ballot("alan@example.org", "Repair Cafe", "Bike Library", ranked=True), method="borda").choices == (
        "repair",
        "bike",
    )


def test_no_own_team_strikes_it_by_name_or_short_form() -> None:
    rules = {"no_own_team": True, "method": VoteMethod.borda}
    ada = one(ballot("ada@example.org", "Solar Roofs", "Repair Cafe", ranked=True), **rules)
    assert (ada.reason, ada.choices, ada.struck) == (Reason.counted, ("repair",), ("solar",))
    alan = one(ballot("alan@example.org", "Bike Library"), **rules)
    assert (alan.reason, alan.struck) == (Reason.own_team, ("bike",))
    assert one(ballot("ada@example.org", "Solar Roofs")).reason is Reason.counted  # the rule is off by default


def test_of_one_voters_ballots_the_first_submitted_counts_wherever_it_stands() -> None:
    ballots = [
        ballot("ada@example.org", "Repair Cafe", minute=25),
        ballot("ada@example.org", "Bike Library", minute=21),
        ballot("ada@example.org", "Wind Farm", minute=20),  # invalid: does not take the place of a valid one
    ]
    decisions = decide(ballots, VOTERS, CANDIDATES, VoteBlock(), WINDOW)
    assert [d.reason for d in decisions] == [Reason.duplicate, Reason.counted, Reason.unknown_choice]
    assert decisions[0].detail == "b.csv:2"


def test_ticked_boxes_joined_by_commas_are_several_answers() -> None:
    approval = one(ballot("alan@example.org", "Bike Library, Repair Cafe"), method="approval")
    assert approval.choices == ("bike", "repair")
    assert one(ballot("alan@example.org", "Bike Library, Repair Cafe")).reason is Reason.several_choices
    unknown = one(ballot("alan@example.org", "Bike Library, Wind Farm"), method="approval")
    assert (unknown.reason, unknown.detail) == (Reason.unknown_choice, "Bike Library, Wind Farm")


def test_one_rank_for_several_candidates_has_no_order_except_for_approval() -> None:
    shared = RawBallot("b.csv", 2, "", "ada@example.org", None, ("Bike Library", "Repair Cafe"), True, "Q", "1")
    for method in (VoteMethod.plurality, VoteMethod.borda, VoteMethod.instant_runoff, VoteMethod.schulze):
        decision = one(shared, method=method)
        assert (decision.reason, decision.detail) == (Reason.same_rank, "1")
    assert one(shared, method=VoteMethod.approval).choices == ("bike", "repair")


def test_a_ballot_by_address_beats_an_earlier_one_matched_by_name() -> None:
    """A display name is typed by whoever joins: a stranger calling himself Ada Lovelace, quicker than Ada, must
    not turn Ada's own ballot into a duplicate."""
    ballots = [
        ballot("mallory@example.net", "Repair Cafe", name="Ada Lovelace", minute=20),
        ballot("ada@example.org", "Bike Library", minute=24),
    ]
    decisions = decide(ballots, VOTERS, CANDIDATES, VoteBlock(), WINDOW)
    assert [d.reason for d in decisions] == [Reason.duplicate, Reason.counted]
    assert decisions[1].choices == ("bike",)


def test_no_own_team_knows_the_short_form_on_the_voters_side_too() -> None:
    voters = [Voter("nina@example.org", "Nina Niro", "Netzwerk Industrie RuhrOst e. V. (NIRO)", organiser=False)]
    candidates = [Candidate(id="niro", name="NIRO"), Candidate(id="nord", name="Cluster Nord")]
    rules = VoteBlock(no_own_team=True, method=VoteMethod.borda)
    (decision,) = decide(
        [ballot("nina@example.org", "NIRO", "Cluster Nord", ranked=True)], voters, candidates, rules, WINDOW
    )
    assert (decision.choices, decision.struck) == (("nord",), ("niro",))
