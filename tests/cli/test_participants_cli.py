"""``clustermeet participants`` (how the list was read) and ``--participants FILE`` on every command that reads a
participant list (issue 13; issue 11, item 7: a list kept outside the agenda's folder is given on the command line)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app

EXPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "participants" / "exports"
NOW = "2025-09-01T09:00:00Z"


def invoke(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The exports' event in a folder of its own, naming no list; the lists kept beside the folder, outside it."""
    folder = tmp_path / "repo"
    folder.mkdir()
    shutil.copy(EXPORTS / "event.yaml", folder / "agenda.yaml")
    shutil.copy(EXPORTS / "anmeldung.csv", tmp_path / "private.csv")
    (tmp_path / "broken.csv").write_text("Name;E-Mail\nAda;ada-at-example.org\n", encoding="utf-8")
    return folder


def test_participants_shows_how_the_list_was_read_in_the_events_language(repo: Path) -> None:
    code, out, _ = invoke("participants", repo / "agenda.yaml", "--participants", repo.parent / "private.csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Teilnehmendenliste {repo.parent / 'private.csv'}"
    assert lines[1] == "gelesen als utf-8-sig, Trennzeichen ';', Kopfzeile in Zeile 1"
    assert "  name          Vorname + Nachname" in lines
    assert "  preferences   Wunsch 1 + Wunsch 2 + Wunsch 3" in lines
    assert "  Nicht gelesen: Anmeldedatum" in lines
    assert "  ohne Wünsche: 1" in lines and "  Zeile 5: Cem Çelik <cem@example.org>" in lines
    assert any(line.endswith("warning: 1 column(s) not read: 'Anmeldedatum'") for line in lines)


def test_participants_json_is_stable(repo: Path) -> None:
    code, out, _ = invoke("participants", repo / "agenda.yaml", "-p", repo.parent / "private.csv", "--json")
    assert code == 0
    data = json.loads(out)
    source = str(repo.parent / "private.csv")
    assert data == {
        "source": source,
        "inline": False,
        "read_as": {"encoding": "utf-8-sig", "delimiter": ";", "sheet": None, "header_line": 1, "preset": None},
        "mapping": {
            "name": ["Vorname", "Nachname"],
            "email": ["E-Mail-Adresse"],
            "organisation": ["Organisation"],
            "preferences": ["Wunsch 1", "Wunsch 2", "Wunsch 3"],
        },
        "ignored": ["Anmeldedatum"],
        "counts": {
            "rows": 4,
            "people": 4,
            "facilitators": 0,
            "with_wishes": 3,
            "without_wishes": 1,
            "merged": 0,
            "wishes_by_title": 2,
        },
        "without_wishes": [{"line": 5, "name": "Cem Çelik", "email": "cem@example.org"}],
        "merged": [],
        "warnings": [
            {
                "path": source,
                "line": 1,
                "col": 0,
                "severity": "warning",
                "field": "",
                "message": "1 column(s) not read: 'Anmeldedatum'",
            }
        ],
    }
    assert invoke("participants", repo / "agenda.yaml", "-p", repo.parent / "private.csv", "--json")[1] == out


def test_participants_without_a_list_says_how_to_give_one(repo: Path) -> None:
    code, _, err = invoke("participants", repo / "agenda.yaml")
    assert code == 1
    assert "the agenda lists no participants" in err and "--participants FILE" in err


def _commands(repo: Path) -> dict[str, list[object]]:
    agenda = repo / "agenda.yaml"
    ballots = repo.parent / "ballots.csv"
    ballots.write_text("email,choice\nada@example.org,energie\n", encoding="utf-8")
    return {
        "validate": ["validate", agenda],
        "participants": ["participants", agenda],
        "assign": ["assign", agenda, "-o", repo.parent / "a.csv"],
        "ics": ["ics", agenda, "--per-person", repo.parent / "inv", "--now", NOW],
        "send": ["send", agenda, "--dry-run", repo.parent / "out", "--now", NOW],
        "run": ["run", agenda, "--plain", "--speed", "100000"],
        "runsheet": ["runsheet", agenda],
        "schedule": ["schedule", agenda],
        "export": ["export", "frab", agenda],
        "vote": ["vote", agenda, ballots],
    }


@pytest.mark.parametrize(
    "command", ["validate", "participants", "assign", "ics", "send", "run", "runsheet", "schedule", "export", "vote"]
)
def test_every_command_reads_the_list_given_with_participants(repo: Path, command: str) -> None:
    args = _commands(repo)[command]
    broken = repo.parent / "broken.csv"
    code, out, err = invoke(*args, "--participants", broken)
    assert code == 1, (out, err)
    expected = f"{broken}:2:5: error: email: 'ada-at-example.org' is not an e-mail address"
    assert expected in out + err, out + err


@pytest.mark.parametrize("command", ["validate", "assign", "ics", "runsheet"])
def test_a_list_outside_the_folder_works_from_the_command_line(repo: Path, command: str) -> None:
    code, out, err = invoke(*_commands(repo)[command], "-p", repo.parent / "private.csv")
    assert code == 0, (out, err)


def test_assign_places_the_people_of_the_given_list(repo: Path) -> None:
    out = repo.parent / "a.csv"
    code, _, err = invoke("assign", repo / "agenda.yaml", "-o", out, "-p", repo.parent / "private.csv")
    assert code == 0, err
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "email,name,block,room,rank"
    assert "joerg@example.org,Jörg Müller,workshops,energie,1" in rows
    assert len(rows) == 5


def test_ics_invites_the_people_of_the_given_list(repo: Path) -> None:
    folder = repo.parent / "inv"
    code, _, err = invoke("ics", repo / "agenda.yaml", "--per-person", folder, "-p", repo.parent / "private.csv",
                          "--now", NOW)  # fmt: skip
    assert code == 0, err
    assert sorted(path.name.split("-")[0] for path in folder.iterdir()) == ["Ada", "Ben", "Cem", "Jorg"]


def test_a_missing_list_on_the_command_line_is_a_usage_error(repo: Path) -> None:
    code, _, err = invoke("runsheet", repo / "agenda.yaml", "-p", repo.parent / "nowhere.csv")
    assert code == 2
    assert "nowhere.csv: no such file" in err


def test_participants_of_an_inline_list_in_english(tmp_path: Path) -> None:
    agenda = tmp_path / "agenda.yaml"
    text = (EXPORTS / "event.yaml").read_text(encoding="utf-8").replace("language: de", "language: en")
    text += (
        "participants:\n"
        "  - {name: Ada, email: ada@example.org, preferences: [Wasser und Klima]}\n"
        "  - {name: Ben, email: ben@example.org, role: facilitator}\n"
        "  - {name: Cem, email: cem@example.org}\n"
    )
    agenda.write_text(text, encoding="utf-8")
    code, out, _ = invoke("participants", agenda)
    assert code == 0
    assert out.splitlines()[:2] == [f"Participant list {agenda}", "read as in the agenda"]
    assert "  without wishes: 1" in out and "  line 3: Cem <cem@example.org>" in out  # the facilitator is not listed
    data = json.loads(invoke("participants", agenda, "--json")[1])
    assert (data["inline"], data["read_as"], data["mapping"]) == (True, None, {})
    assert data["counts"]["people"] == 3 and data["counts"]["facilitators"] == 1
