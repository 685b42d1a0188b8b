"""What the platforms import: one pre-assigned block per meeting, names as written, Webex and BigBlueButton files
checked against their documented formats (tests/fixtures/platforms), unique file names (issue 12, item 3)."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

import jsonschema

from clustermeet.agenda.loading import load_agenda
from clustermeet.agenda.validation import validate_paths
from clustermeet.breakouts.assigning import assign_breakouts
from tests.breakouts.test_one_set_of_checks import agenda, person, write
from tests.conftest import FIXTURES

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.breakouts.summary import AssignOutcome

FORMATS = FIXTURES / "platforms"
TOPICS = {
    "mode": "topics",
    "rooms": [
        {"id": "privacy", "title": "@Privacy: by design"},
        {"id": "energy", "title": "Energy, and more"},
        {"id": "water", "title": "Water"},
    ],
}
MIXER = {"mode": "mixing", "groups": 2, "rounds": 2}


def _event(tmp_path: Path, kind: str = "zoom", preassign: str | None = None) -> Path:
    people = [person(n, preferences=["energy"] if n % 2 else []) for n in range(7)]
    data = agenda([TOPICS, MIXER], people)
    data["event"]["platform"]["kind"] = kind
    if preassign is not None:
        data["event"]["platform"]["preassign"] = preassign
    return write(tmp_path, data)


def _assign(tmp_path: Path, path: Path, **folders: Path) -> AssignOutcome:
    return assign_breakouts(load_agenda(path), output=tmp_path / "a.csv", **folders)  # type: ignore[arg-type]


def test_one_zoom_file_per_meeting_and_how_to_open_the_rest(tmp_path: Path) -> None:
    outcome = _assign(tmp_path, _event(tmp_path), zoom_dir=tmp_path / "zoom")
    assert sorted(p.name for p in (tmp_path / "zoom").iterdir()) == ["b1-zoom.csv"]
    assert outcome.notes == [
        "b2/1: Zoom: open 2 rooms, automatic assignment",
        "b2/2: Zoom: open 2 rooms, automatic assignment",
    ]
    rows = list(csv.reader(io.StringIO((tmp_path / "zoom" / "b1-zoom.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["Pre-assign Room Name", "Email Address"]
    assert {r[0] for r in rows[1:]} <= {"@Privacy: by design", "Energy, and more", "Water"}
    assert "@Privacy: by design" in {r[0] for r in rows[1:]}  # on main: "'@Privacy: by design"
    assert sorted(r[1] for r in rows[1:]) == sorted(f"p{n}@example.org" for n in range(7))


def test_the_agenda_names_the_pre_assigned_block(tmp_path: Path) -> None:
    outcome = _assign(tmp_path, _event(tmp_path, preassign="b2"), zoom_dir=tmp_path / "zoom")
    assert sorted(p.name for p in (tmp_path / "zoom").iterdir()) == ["b2-zoom.csv"]
    assert outcome.notes == [
        "b1: Zoom: open 3 self-select rooms named exactly: @Privacy: by design; Energy, and more; Water",
        "b2/2: Zoom: open 2 rooms, automatic assignment",
    ]


def test_an_unknown_pre_assigned_block_and_a_formula_title_are_reported(tmp_path: Path) -> None:
    lines = [p.text() for p in validate_paths([_event(tmp_path, preassign="b3")]).problems]
    assert any("event.platform.preassign: 'b3' is not the id of a breakout block" in x for x in lines), lines
    assert any("rooms[0].title: starts with '@'" in x and "warning" in x for x in lines)


def test_webex_files_follow_the_documented_formats(tmp_path: Path) -> None:
    _assign(tmp_path, _event(tmp_path, kind="webex"), webex_dir=tmp_path / "webex")
    assert sorted(p.name for p in (tmp_path / "webex").iterdir()) == ["b1-webex-sessions.json", "b1-webex.csv"]
    body = json.loads((tmp_path / "webex" / "b1-webex-sessions.json").read_text(encoding="utf-8"))
    jsonschema.validate(body, json.loads((FORMATS / "webex-breakout-sessions.schema.json").read_text()))
    invitees = [email for item in body["items"] for email in item["invitees"]]
    assert len(invitees) == len(set(invitees)) == 7  # one session per invitee, as the reference demands
    rows = list(csv.reader(io.StringIO((tmp_path / "webex" / "b1-webex.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["Breakout Session Name", "Email Address"]
    assert sorted((r[0], r[1]) for r in rows[1:]) == sorted(
        (item["name"], email) for item in body["items"] for email in item["invitees"]
    )


def test_bbb_groups_follow_the_documented_format(tmp_path: Path) -> None:
    schema: dict[str, Any] = json.loads((FORMATS / "bbb-groups.schema.json").read_text())
    jsonschema.validate(json.loads((FORMATS / "bbb-groups-documented.json").read_text()), schema)  # the docs' own
    _assign(tmp_path, _event(tmp_path, kind="bbb"), bbb_dir=tmp_path / "bbb")
    groups = json.loads((tmp_path / "bbb" / "b1-bbb-groups.json").read_text(encoding="utf-8"))
    jsonschema.validate(groups, schema)
    assert [g["id"] for g in groups] == ["privacy", "energy", "water"]
    assert [g["name"] for g in groups] == ["@Privacy: by design", "Energy, and more", "Water"]
    assert sorted(e for g in groups for e in g["roster"]) == sorted(f"p{n}@example.org" for n in range(7))


def test_teams_gets_the_manual_move_list(tmp_path: Path) -> None:
    outcome = _assign(tmp_path, _event(tmp_path, kind="teams"), rosters_dir=tmp_path / "rosters")
    assert outcome.notes[0] == "b1: Teams: open 3 rooms and move people by hand from the list per room (no import)"


def test_no_file_lost_to_a_name_clash(tmp_path: Path) -> None:
    """Block ``bo`` room ``1-x`` and block ``bo-1`` room ``x`` both made ``bo-1-x.md``; ids sharing their first 80
    characters made one name too. Every roster is written, under a name with a deterministic suffix."""
    long = "r" + "o" * 90
    blocks = [
        {"mode": "topics", "rooms": [{"id": "1-x", "title": "One"}, {"id": f"{long}a", "title": "A"}]},
        {"mode": "topics", "rooms": [{"id": "x", "title": "X"}, {"id": f"{long}b", "title": "B"}]},
    ]
    data = agenda(blocks, [person(n) for n in range(4)])
    data["segments"][1]["id"], data["segments"][2]["id"] = "bo", "bo-1"
    path = write(tmp_path, data)
    outcome = _assign(tmp_path, path, rosters_dir=tmp_path / "rosters")
    names = sorted(p.name for p in (tmp_path / "rosters").iterdir())
    assert len(names) == 4 == len(outcome.written) - 1
    assert "bo-1-x.md" in names and "bo-1-x-2.md" in names
    assert all(len(name) <= 83 for name in names)
    again = tmp_path / "again"
    assign_breakouts(load_agenda(path), output=again / "a.csv", rosters_dir=again / "rosters")
    assert sorted(p.name for p in (again / "rosters").iterdir()) == names  # the same names every run


def test_an_unknown_platform_gets_no_note(tmp_path: Path) -> None:
    outcome = _assign(tmp_path, _event(tmp_path, kind="other"))
    assert outcome.notes == []


def test_a_block_with_a_join_link_of_its_own_is_another_meeting(tmp_path: Path) -> None:
    second = {"mode": "topics", "rooms": [{"id": "north", "title": "North"}, {"id": "south", "title": "South"}]}
    data = agenda([TOPICS, second, MIXER], [person(n) for n in range(6)])
    data["segments"][2]["url"] = "https://zoom.example.org/j/2"  # block 2 runs in a meeting of its own
    outcome = _assign(tmp_path, write(tmp_path, data), zoom_dir=tmp_path / "zoom")
    assert sorted(p.name for p in (tmp_path / "zoom").iterdir()) == ["b1-zoom.csv", "b2-zoom.csv"]
    assert [note.split(":")[0] for note in outcome.notes] == ["b3/1", "b3/2"]
