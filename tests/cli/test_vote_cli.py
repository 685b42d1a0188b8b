"""``clustermeet vote`` on the command line: the tally, --json without and with --audit, errors and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import AGENDAS, FIXTURES

DEMO = str(AGENDAS / "go-cluster-2022.yaml")
REPORT = str(AGENDAS / "go-cluster-2022-abstimmung.csv")


def vote(runner: CliRunner, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    where = ["--output", str(tmp_path / "vote"), "--record", str(tmp_path / "r.json")]
    return runner.invoke(app, ["vote", *args, *where])


def test_prints_the_tally_and_the_announcement(runner: CliRunner, tmp_path: Path) -> None:
    result = vote(runner, tmp_path, DEMO, REPORT)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Ergebnis: Abstimmung ClusterERFOLG 2022", "58 von 61 Stimmzetteln gezählt (Mehrheitswahl)"]
    assert any("Netzwerk Industrie RuhrOst e. V. (NIRO)" in line and "30" in line for line in lines)
    assert lines[-1] == "Der ClusterERFOLG 2022 geht an: Netzwerk Industrie RuhrOst e. V. (NIRO)!"
    assert f"geschrieben: {tmp_path / 'vote' / 'result.html'}" in result.stderr


def test_instant_runoff_prints_its_rounds_and_schulze_its_tables(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "agendas" / "pitch-night.yaml", tmp_path / "night.yaml")
    ballots = str(FIXTURES / "ballots" / "plain-ranked.csv")
    irv = vote(runner, tmp_path, str(tmp_path / "night.yaml"), ballots, "--method", "instant-runoff")
    assert irv.exit_code == 0, irv.output
    assert "Round 1" in irv.stdout
    schulze = vote(runner, tmp_path, str(tmp_path / "night.yaml"), ballots, "--method", "schulze", "--force")
    assert schulze.exit_code == 0, schulze.output
    assert "Pairwise: row over column" in schulze.stdout
    assert "Strongest paths" in schulze.stdout


def test_json_names_no_voter_unless_audit(runner: CliRunner, tmp_path: Path) -> None:
    result = vote(runner, tmp_path, DEMO, REPORT, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["winner_name"] == "Netzwerk Industrie RuhrOst e. V. (NIRO)"
    assert data["ballots"] == {"read": 61, "counted": 58, "set_aside": {"not_registered": 1, "late": 1, "duplicate": 1}}
    assert "@" not in result.stdout
    audited = json.loads(vote(runner, tmp_path, DEMO, REPORT, "--json", "--audit", "--force").stdout)
    statuses = {row["status"] for row in audited["audit"]}
    assert statuses == {"counted", "not_registered", "late", "duplicate"}
    assert all("@" in row["email"] for row in audited["audit"])


def test_a_damaged_report_is_exit_1_with_its_place(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("email,choice,submitted\nada@example.org,NIRO,gestern\n", encoding="utf-8")
    result = vote(runner, tmp_path, DEMO, str(bad))
    assert result.exit_code == 1
    assert f"{bad}:2:22: error: 'gestern' is not a date and time" in result.stderr


def test_wrong_options_and_files_are_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = vote(runner, tmp_path, DEMO, str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr
    method = vote(runner, tmp_path, DEMO, REPORT, "--method", "majority")
    assert method.exit_code == 2
    segment = vote(runner, tmp_path, DEMO, REPORT, "--segment", "abstimung")
    assert segment.exit_code == 2
    assert "error: --segment: 'abstimung' is not a vote segment; did you mean 'abstimmung'?" in segment.stderr
    assert vote(runner, tmp_path, DEMO, REPORT).exit_code == 0
    again = vote(runner, tmp_path, DEMO, REPORT)
    assert again.exit_code == 2
    assert "--force" in again.stderr


def test_lang_switches_the_words_not_the_agendas_own_text(runner: CliRunner, tmp_path: Path) -> None:
    result = vote(runner, tmp_path, DEMO, REPORT, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Result: Abstimmung ClusterERFOLG 2022", "58 of 61 ballots counted (plurality)"]
    assert f"  {REPORT}:67: after the vote closed" in lines
    assert lines[-1] == "Der ClusterERFOLG 2022 geht an: Netzwerk Industrie RuhrOst e. V. (NIRO)!"  # the agenda's words
