"""The record ``vote`` writes and ``runsheet``/``run`` read is input: damaged, hostile or stale, it is a located
error, never a wrong name in the moderator's cue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.errors import InvalidInputError
from clustermeet.show.cues import CueKind
from clustermeet.show.runsheet import make_runsheet
from clustermeet.vote.counting import count_vote
from tests.conftest import FIXTURES

NIGHT = FIXTURES / "agendas" / "pitch-night.yaml"
REPORT = FIXTURES / "ballots" / "zoom-2021.csv"


def counted_night(tmp_path: Path, **options: object) -> Path:
    """The pitch night in ``tmp_path``, its vote counted (Solar Roofs wins); the record's path."""
    shutil.copy(NIGHT, tmp_path / "night.yaml")
    count_vote(load_agenda(tmp_path / "night.yaml"), [REPORT], **options)  # type: ignore[arg-type]
    return tmp_path / "night.vote.json"


def announced(tmp_path: Path) -> str | None:
    sheet = make_runsheet(load_agenda(tmp_path / "night.yaml"))
    (cue,) = [c for c in sheet.cues if c.kind is CueKind.announce]
    return cue.message


def edit_record(record: Path, **fields: object) -> None:
    data = json.loads(record.read_text(encoding="utf-8"))
    data["votes"]["vote"].update(fields)
    record.write_text(json.dumps(data, indent=2), encoding="utf-8")


def runsheet_problem(tmp_path: Path) -> str:
    with pytest.raises(InvalidInputError) as caught:
        make_runsheet(load_agenda(tmp_path / "night.yaml"))
    (problem,) = caught.value.problems
    return problem.text().replace(str(tmp_path) + "/", "")


def test_the_record_names_its_event_and_candidates(tmp_path: Path) -> None:
    record = counted_night(tmp_path)
    entry = json.loads(record.read_text(encoding="utf-8"))["votes"]["vote"]
    assert entry["event"] == "Pitch Night 2023-03-14"
    assert entry["candidates"] == ["Solar Roofs", "Bike Library", "Repair Cafe"]
    assert announced(tmp_path) == "The Pitch Night prize goes to Solar Roofs!"


@pytest.mark.parametrize(
    "fields",
    [
        {"winner_name": "Somebody Else"},  # not on the ballot
        {"winner_name": '=HYPERLINK("http://x")\n| a | b |'},  # a formula and a broken table row
        {"winner_name": None, "tied": ["Solar Roofs"]},  # a tie of one
        {"winner_name": None, "tied": ["Solar Roofs", "Mallory"]},
        {"tied": ["Bike Library", "Repair Cafe"]},  # a winner and a tie
        {"counted": True},
        {"counted": -3},
        {"candidates": "Solar Roofs"},
    ],
)
def test_a_hand_edited_entry_is_damaged_at_its_line(tmp_path: Path, fields: dict[str, object]) -> None:
    edit_record(counted_night(tmp_path), **fields)
    assert runsheet_problem(tmp_path) == "night.vote.json:4:5: error: votes.vote: damaged; count the vote again"


def test_a_record_nested_too_deeply_is_damaged_not_a_crash(tmp_path: Path) -> None:
    record = counted_night(tmp_path)
    record.write_text("[" * 100_000, encoding="utf-8")
    assert runsheet_problem(tmp_path).startswith("night.vote.json:1: error: not a vote result file")


def test_a_record_of_format_1_is_counted_again(tmp_path: Path) -> None:
    record = counted_night(tmp_path)
    entry = json.loads(record.read_text(encoding="utf-8"))["votes"]["vote"]
    old = {k: entry[k] for k in ("counted", "method", "tied", "title", "winner_name")}
    record.write_text(json.dumps({"format": 1, "votes": {"vote": old}}), encoding="utf-8")
    assert runsheet_problem(tmp_path).endswith("not a vote result file of format 2; count the vote again")


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (
            "date: 2023-03-14",
            "date: 2024-03-12",
            "counted for 'Pitch Night 2023-03-14', but the agenda is 'Pitch Night 2024-03-12'",
        ),
        (
            "{team: Repair Cafe, presenter: rita}",
            "{team: Repair Shop, presenter: rita}",
            "counted among Solar Roofs, Bike Library, Repair Cafe, but the vote's candidates are now Solar Roofs, "
            "Bike Library, Repair Shop",
        ),
        (
            "    poll:\n      question: Which",
            "    vote: {method: approval}\n    poll:\n      question: Which",
            "counted by plurality, but the agenda counts this vote by approval",
        ),
    ],
)
def test_a_record_the_agenda_has_moved_on_from_is_stale(tmp_path: Path, old: str, new: str, why: str) -> None:
    counted_night(tmp_path)
    agenda = tmp_path / "night.yaml"
    text = agenda.read_text(encoding="utf-8")
    assert old in text
    agenda.write_text(text.replace(old, new), encoding="utf-8")
    expected = f"night.vote.json:4:5: error: votes.vote: {why}; count the vote again (clustermeet vote)"
    assert runsheet_problem(tmp_path) == expected


def test_a_count_by_another_method_than_the_agendas_is_not_announced(tmp_path: Path) -> None:
    counted_night(tmp_path, method="approval", force=True)
    assert runsheet_problem(tmp_path).endswith(
        "votes.vote: counted by approval, but the agenda counts this vote by plurality; count the vote again "
        "(clustermeet vote)"
    )


def test_a_damaged_record_stops_the_count_before_anything_is_written(tmp_path: Path) -> None:
    shutil.copy(NIGHT, tmp_path / "night.yaml")
    record = tmp_path / "night.vote.json"
    record.write_text("garbage\n", encoding="utf-8")
    for force in (False, True):
        with pytest.raises(InvalidInputError) as caught:
            count_vote(load_agenda(tmp_path / "night.yaml"), [REPORT], force=force)
        assert caught.value.problems[0].message.endswith("; if it is this vote's record, delete it and count again")
        assert not (tmp_path / "night-vote").exists()
        assert record.read_text(encoding="utf-8") == "garbage\n"


def test_a_record_option_naming_the_agenda_by_mistake_leaves_it_alone(tmp_path: Path) -> None:
    shutil.copy(NIGHT, tmp_path / "night.yaml")
    before = (tmp_path / "night.yaml").read_bytes()
    with pytest.raises(InvalidInputError):
        count_vote(load_agenda(tmp_path / "night.yaml"), [REPORT], record=tmp_path / "night.yaml", force=True)
    assert (tmp_path / "night.yaml").read_bytes() == before


def test_a_count_where_no_ballot_counts_announces_nobody(tmp_path: Path) -> None:
    record = counted_night(tmp_path)
    before = record.read_bytes()
    agenda = tmp_path / "night.yaml"
    text = agenda.read_text(encoding="utf-8")
    agenda.write_text(
        text.replace(
            "    poll:\n      question: Which", "    vote: {tie_break: listed-order}\n    poll:\n      question: Which"
        ),
        encoding="utf-8",
    )
    outsiders = tmp_path / "outsiders.csv"
    outsiders.write_text("email,choice\nmallory@example.net,Repair Cafe\n", encoding="utf-8")
    result = count_vote(load_agenda(agenda), [outsiders], force=True)
    assert (result.tally.ballots, result.winner_name, result.tally.tie_break) == (0, None, None)
    nothing = "no ballot counts: there is nothing to announce, and the award cue stays as it was"
    assert (result.announcement, result.warnings) == (nothing, (nothing,))
    assert "result" not in result.written
    assert record.read_bytes() == before
    assert nothing in result.written["page"].read_text(encoding="utf-8")
