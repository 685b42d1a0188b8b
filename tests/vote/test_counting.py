"""The vote use case: the demo's poll report, the files it writes, privacy, the record and the award cue."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.errors import InputError, InvalidInputError, OptionError, OutputExistsError
from clustermeet.show.cues import CueKind
from clustermeet.show.runsheet import make_runsheet
from clustermeet.vote.counting import count_vote
from tests.conftest import AGENDAS, FIXTURES

DEMO = AGENDAS / "go-cluster-2022.yaml"
REPORT = AGENDAS / "go-cluster-2022-abstimmung.csv"
NIGHT = FIXTURES / "agendas" / "pitch-night.yaml"
BALLOTS = FIXTURES / "ballots"


def demo_count(tmp_path: Path, **options: object):  # type: ignore[no-untyped-def]
    loaded = load_agenda(DEMO, "agendas/go-cluster-2022.yaml")
    return count_vote(loaded, [REPORT], output=tmp_path / "vote", record=tmp_path / "r.json", **options)  # type: ignore[arg-type]


def test_the_demo_vote_goes_to_niro_with_one_duplicate_one_outsider_one_late(tmp_path: Path) -> None:
    result = demo_count(tmp_path)
    assert result.winner_name == "Netzwerk Industrie RuhrOst e. V. (NIRO)"
    assert result.set_aside == {"not_registered": 1, "late": 1, "duplicate": 1}
    assert (len(result.decisions), result.tally.ballots) == (61, 58)
    assert result.announcement == "Der ClusterERFOLG 2022 geht an: Netzwerk Industrie RuhrOst e. V. (NIRO)!"


def test_the_demo_report_votes_with_the_demo_participants(tmp_path: Path) -> None:
    listed = {
        row["email"]: row["name"] for row in csv.DictReader((AGENDAS / "go-cluster-2022-teilnehmende.csv").open())
    }
    assert len(listed) == 60
    result = demo_count(tmp_path)
    strangers = {(b.name, b.email) for d in result.decisions if (b := d.ballot).email not in listed}
    assert len(strangers) == 1  # the one outsider
    assert all(listed[d.ballot.email] == d.ballot.name for d in result.decisions if d.ballot.email in listed)


def test_writes_page_audit_and_record_the_same_bytes_each_time(tmp_path: Path) -> None:
    first = demo_count(tmp_path)
    page, audit = first.written["page"].read_bytes(), first.written["audit"].read_bytes()
    demo_count(tmp_path, force=True)
    assert (first.written["page"].read_bytes(), first.written["audit"].read_bytes()) == (page, audit)
    rows = list(csv.reader(audit.decode("utf-8").splitlines()))
    assert rows[0] == ["file", "line", "name", "email", "submitted", "answers", "counted_for", "status", "reason"]
    assert len(rows) == 62
    assert {r[7] for r in rows[1:]} == {"counted", "not_registered", "late", "duplicate"}
    late = next(r for r in rows if r[7] == "late")
    assert late[8] == "nach Ende der Abstimmung"
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert record["votes"]["abstimmung"]["winner_name"] == "Netzwerk Industrie RuhrOst e. V. (NIRO)"


def test_nothing_is_replaced_without_force(tmp_path: Path) -> None:
    demo_count(tmp_path)
    with pytest.raises(OutputExistsError):
        demo_count(tmp_path)


def test_the_page_and_the_json_name_no_voter(tmp_path: Path) -> None:
    result = demo_count(tmp_path)
    page = result.written["page"].read_text(encoding="utf-8")
    record = (tmp_path / "r.json").read_text(encoding="utf-8")
    public = json.dumps(result.to_dict())
    for text in (page, record, public):
        assert "@" not in text
        assert "Anna Albrecht" not in text
    assert "anna.albrecht@cluster-9.example.org" in json.dumps(result.to_dict(audit=True))
    assert 'lang="de"' in page
    assert "Content-Security-Policy" in page
    assert "<script" not in page
    assert "src=" not in page.replace("default-src", "").replace("style-src", "").replace("img-src", "")


def copy_night(tmp_path: Path) -> Path:
    shutil.copy(NIGHT, tmp_path / "night.yaml")
    return tmp_path / "night.yaml"


def test_the_award_cue_names_the_winner_once_counted(tmp_path: Path) -> None:
    agenda = copy_night(tmp_path)

    def announce() -> str:
        sheet = make_runsheet(load_agenda(agenda))
        (cue,) = [c for c in sheet.cues if c.kind is CueKind.announce]
        assert cue.segment_id == "award"
        return f"{cue.action} | {cue.message}"

    assert announce() == "Count 'The vote' with clustermeet vote, then announce the result | None"
    count_vote(load_agenda(agenda), [BALLOTS / "zoom-2021.csv"])
    assert (tmp_path / "night.vote.json").is_file()
    assert (tmp_path / "night-vote" / "result.html").is_file()
    assert announce() == "Show the result page and announce | The Pitch Night prize goes to Solar Roofs!"
    count_vote(load_agenda(agenda), [BALLOTS / "zoom-2020.csv"], force=True)
    assert announce().endswith("| A tie between Solar Roofs, Bike Library, Repair Cafe: the organisers decide.")


@pytest.mark.parametrize(
    ("method", "winner", "extra"),
    [
        ("borda", "solar-roofs", None),
        ("instant-runoff", "solar-roofs", "rounds"),
        ("schulze", "solar-roofs", "pairwise"),
    ],
)
def test_ranked_methods_from_a_ranking_file(tmp_path: Path, method: str, winner: str, extra: str | None) -> None:
    agenda = copy_night(tmp_path)
    result = count_vote(load_agenda(agenda), [BALLOTS / "plain-ranked.csv"], method=method)
    assert result.tally.winner == winner
    assert extra is None or extra in result.to_dict()


def test_a_damaged_record_is_a_located_error(tmp_path: Path) -> None:
    agenda = copy_night(tmp_path)
    (tmp_path / "night.vote.json").write_text('{"format": 2,\n "votes": {"vote": {"title": 3}}}', encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        make_runsheet(load_agenda(agenda))
    assert caught.value.problems[0].text().startswith(f"{tmp_path / 'night.vote.json'}:2:12: error: votes.vote")
    (tmp_path / "night.vote.json").write_text('{"format": 2,\n "votes": {', encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        make_runsheet(load_agenda(agenda))
    assert caught.value.problems[0].line == 2


def test_options_name_what_would_do(tmp_path: Path) -> None:
    loaded = load_agenda(copy_night(tmp_path))
    with pytest.raises(OptionError) as caught:
        count_vote(loaded, [BALLOTS / "plain-choice.csv"], method="shulze")
    assert caught.value.suggestion == "schulze"
    with pytest.raises(OptionError) as caught:
        count_vote(loaded, [BALLOTS / "plain-choice.csv"], segment="votes")
    assert caught.value.choices == ("vote",)


def test_a_method_that_does_not_go_with_the_tie_break_is_refused(tmp_path: Path) -> None:
    agenda = copy_night(tmp_path)
    text = agenda.read_text(encoding="utf-8")
    agenda.write_text(
        text.replace(
            "    poll:\n      question: Which",
            "    vote: {method: borda, tie_break: first-choices}\n    poll:\n      question: Which",
        ),
        encoding="utf-8",
    )
    with pytest.raises(OptionError) as caught:
        count_vote(load_agenda(agenda), [BALLOTS / "plain-ranked.csv"], method="approval")
    assert caught.value.option == "method"
    assert "cannot break an approval tie" in caught.value.message
    assert not (tmp_path / "night-vote").exists()


def test_registered_voters_need_a_participant_list(tmp_path: Path) -> None:
    text = NIGHT.read_text(encoding="utf-8").split("\nparticipants:")[0]
    text = text.replace("email: olga@example.org}\n  - {id: sam", "}\n  - {id: sam")
    (tmp_path / "night.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        count_vote(load_agenda(tmp_path / "night.yaml"), [BALLOTS / "plain-choice.csv"])
    assert "lists no participants" in caught.value.message
    anyone = text.replace(
        "    poll:\n      question: Which", "    vote: {voters: anyone}\n    poll:\n      question: Which"
    )
    (tmp_path / "night.yaml").write_text(anyone, encoding="utf-8")
    result = count_vote(load_agenda(tmp_path / "night.yaml"), [BALLOTS / "plain-choice.csv"])
    assert result.winner_name == "Solar Roofs"


def test_report_times_in_another_zone(tmp_path: Path) -> None:
    report = tmp_path / "utc.csv"
    report.write_text(
        "email,submitted,choice\n"
        "anna.albrecht@cluster-9.example.org,2022-10-20 10:31:00,NIRO – Nachhaltigkeit ins Netzwerk bringen\n",
        encoding="utf-8",
    )
    loaded = load_agenda(DEMO)
    wrong = count_vote(loaded, [report], output=tmp_path / "a", record=tmp_path / "r.json")
    assert wrong.set_aside == {"early": 1}
    assert wrong.warnings == (
        "kein Stimmzettel mit Zeit gezählt, 1 außerhalb der Abstimmung: stehen die Zeiten des Berichts in einer "
        "anderen Zeitzone als Europe/Berlin? (Zoom schreibt die Zeitzone des Kontos)",
        "kein Stimmzettel gezählt: es gibt nichts zu verkünden, der Hinweis zur Ehrung bleibt, wie er war",
    )
    assert "result" not in wrong.written
    right = count_vote(loaded, [report], output=tmp_path / "b", record=tmp_path / "r.json", report_tz="UTC")
    assert (right.tally.ballots, right.warnings) == (1, ())
    with pytest.raises(OptionError) as caught:
        count_vote(loaded, [report], output=tmp_path / "c", record=tmp_path / "r.json", report_tz="Europe/Berln")
    assert caught.value.option == "report_tz"
