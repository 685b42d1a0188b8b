"""validate checks the vote and award blocks: candidates, method, eligibility, tie-break, the award's vote."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.agenda.voting import TieBreak, VoteMethod, vote_candidates
from clustermeet.errors import InvalidInputError
from tests.conftest import AGENDAS

HEAD = """event:
  title: Pitch Night
  date: 2023-03-14
  timezone: Europe/London
  organiser: {name: Olga, email: olga@example.org}
  platform: {kind: zoom, url: https://zoom.example.org/j/1}
people:
  - {id: sam, name: Sam Solar, organisation: Solar Roofs GmbH (SR)}
segments:
"""
PITCHES = """  - id: pitches
    title: Pitches
    kind: pitches
    start: "15:00"
    pitches:
      per_pitch: 3m
      items: [{team: Solar Roofs, presenter: sam}, {team: Bike Library}]
"""


def problems(tmp_path: Path, segments: str) -> list[str]:
    path = tmp_path / "a.yaml"
    path.write_text(HEAD + segments, encoding="utf-8")
    try:
        loaded = load_agenda(path, "a.yaml")
    except InvalidInputError as exc:
        return [p.text() for p in exc.problems]
    return [p.text() for p in loaded.warnings]


def test_the_demo_vote_takes_the_pitches_before_it_with_the_poll_options() -> None:
    loaded = load_agenda(AGENDAS / "go-cluster-2022.yaml")
    index = next(i for i, s in enumerate(loaded.agenda.segments) if s.id == "abstimmung")
    candidates = vote_candidates(loaded.agenda, index)
    assert candidates[0].name == "Netzwerk Industrie RuhrOst e. V. (NIRO)"
    assert candidates[0].option == "NIRO – Nachhaltigkeit ins Netzwerk bringen"
    assert candidates[0].team == "Netzwerk Industrie RuhrOst e. V. (NIRO)"
    block = loaded.agenda.segments[index].vote
    assert block is not None
    assert (block.method, block.tie_break, block.voters) == (VoteMethod.plurality, TieBreak.none, "registered")


def test_a_valid_vote_and_award(tmp_path: Path) -> None:
    vote = """  - id: vote
    title: Vote
    kind: vote
    duration: 5m
    vote: {method: schulze, tie_break: first-choices, no_own_team: true, exclude_organisers: true, grace: 2m}
  - {id: award, title: Award, kind: award, duration: 5m, award: {vote: vote, announcement: "{winner} wins!"}}
"""
    assert problems(tmp_path, PITCHES + vote) == []


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        (
            "  - {id: vote, title: Vote, kind: vote, start: '15:00', duration: 5m}\n",
            "a.yaml:10:5: error: segments[0]: a vote needs candidates: list them, or put a pitches segment before it",
        ),
        (
            PITCHES + "  - {id: vote, title: V, kind: vote, duration: 5m, poll: {question: Q, options: [A, B, C]}}\n",
            "a.yaml:17:72: error: segments[1].poll.options: 3 poll options but 2 pitches before the vote",
        ),
        (
            PITCHES + "  - {id: vote, title: V, kind: vote, duration: 5m, vote: {tie_break: first-choices}}\n",
            "a.yaml:17:59: error: segments[1].vote.tie_break: first-choices cannot break a plurality tie",
        ),
        (
            PITCHES + "  - {id: vote, title: V, kind: vote, duration: 5m,"
            " vote: {method: approval, tie_break: first-choices}}\n",
            "a.yaml:17:77: error: segments[1].vote.tie_break: first-choices cannot break an approval tie",
        ),
        (
            PITCHES + "  - {id: vote, title: V, kind: vote, duration: 5m, vote: {method: majority}}\n",
            "a.yaml:17:59: error: segments[1].vote.method: Input should be 'plurality', 'approval', 'borda', "
            "'instant-runoff' or 'schulze' (got 'majority')",
        ),
        (
            PITCHES + "  - {id: vote, title: V, kind: vote, duration: 5m,"
            " vote: {candidates: [{id: a, name: A}, {id: a, name: B}]}}\n",
            "a.yaml:17:91: error: segments[1].vote.candidates[1].id: duplicate candidate id 'a' (first is number 1)",
        ),
        (
            PITCHES + "  - {id: vote, title: V, kind: vote, duration: 5m, vote: {voters: everybody}}\n",
            "a.yaml:17:59: error: segments[1].vote.voters: Input should be 'registered' or 'anyone' (got 'everybody')",
        ),
        (
            PITCHES + "  - {id: talk, title: T, kind: talk, duration: 5m, vote: {}}\n",
            "vote is only allowed on kind: vote, not on kind: talk",
        ),
        (
            PITCHES + "  - {id: award, title: A, kind: award, duration: 5m, award: {}}\n",
            "a.yaml:17:54: error: segments[1].award: the award announces a vote: no vote segment before it",
        ),
        (
            PITCHES + "  - {id: award, title: A, kind: award, duration: 5m, award: {vote: pitches}}\n",
            "a.yaml:17:62: error: segments[1].award.vote: the award announces a vote: 'pitches' is not a vote segment",
        ),
        (
            PITCHES + "  - {id: award, title: A, kind: award, duration: 5m, award: {announcement: Hurray}}\n",
            "the announcement needs the placeholder {winner} and no other",
        ),
        (
            PITCHES
            + "  - {id: award, title: A, kind: award, duration: 5m, award: {announcement: '{winner} {team}'}}\n",
            "the announcement needs the placeholder {winner} and no other",
        ),
    ],
)
def test_what_validate_finds(tmp_path: Path, segments: str, expected: str) -> None:
    found = problems(tmp_path, segments)
    assert any(expected in p for p in found), found


def test_one_candidate_is_a_warning(tmp_path: Path) -> None:
    vote = (
        "  - {id: vote, title: V, kind: vote, start: '15:00', duration: 5m, vote: {candidates: [{id: a, name: A}]}}\n"
    )
    assert problems(tmp_path, vote) == [
        "a.yaml:10:68: warning: segments[0].vote: a vote with one candidate: it wins whatever the ballots say"
    ]
