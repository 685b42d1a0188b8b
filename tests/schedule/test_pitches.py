"""What people look for: every pitch (team, title, presenter) in every schedule format, the page and the runsheet
(issue 12, item 6). On main none of the schedule formats or the page named a pitch."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from clustermeet.agenda.loading import load_agenda
from clustermeet.cli import app
from clustermeet.schedule.formats import schedule_to_csv, schedule_to_json, schedule_to_markdown
from clustermeet.schedule.page import schedule_to_html
from clustermeet.schedule.table import SegmentCell, schedule_tables
from tests.conftest import AGENDAS

DEMO = AGENDAS / "go-cluster-2022.yaml"


def _pitches() -> list[tuple[str, str, str]]:
    agenda = load_agenda(DEMO).agenda
    block = next(s.pitches for s in agenda.segments if s.pitches is not None)
    found = []
    for pitch in block.items:
        person = agenda.person(pitch.presenter) if pitch.presenter else None
        assert pitch.title is not None and person is not None
        found.append((pitch.team, pitch.title, person.name))
    assert len(found) >= 3
    return found


@pytest.mark.parametrize("render", [schedule_to_markdown, schedule_to_csv, schedule_to_html])
def test_every_text_format_names_every_pitch(render: object) -> None:
    schedule = load_agenda(DEMO).schedule
    text = render(schedule)  # type: ignore[operator]
    for team, title, presenter in _pitches():
        for part in (team, title, presenter):
            assert part.replace("&", "&amp;") in text or part in text, part


def test_json_lists_the_pitches_with_their_times() -> None:
    data = json.loads(schedule_to_json(load_agenda(DEMO).schedule))
    item = next(i for i in data["items"] if i["kind"] == "pitches")
    assert [(p["team"], p["title"], p["presenter"]) for p in item["pitches"]] == _pitches()
    assert item["pitches"][0]["start"] == item["start"]
    assert all(p["end"] <= q["start"] for p, q in zip(item["pitches"], item["pitches"][1:], strict=False))
    assert all(i["pitches"] == [] for i in data["items"] if i["kind"] != "pitches")


def test_csv_has_a_pitches_column() -> None:
    rows = list(csv.DictReader(io.StringIO(schedule_to_csv(load_agenda(DEMO).schedule))))
    cell = next(r["pitches"] for r in rows if r["kind"] == "pitches")
    assert cell.split("; ") == [f"{team} – {title} ({who})" for team, title, who in _pitches()]


def test_the_terminal_table_and_the_runsheet_name_them() -> None:
    schedule = load_agenda(DEMO).schedule
    cells = [c for day in schedule_tables(schedule, "de").days for row in day.rows for c in row.cells]
    pitches = next(c.pitches for c in cells if isinstance(c, SegmentCell) and c.pitches)
    assert [p.split(" ", 1)[1] for p in pitches] == [f"{t} – {ti} ({w})" for t, ti, w in _pitches()]
    runsheet = CliRunner().invoke(app, ["runsheet", str(DEMO), "--format", "markdown"]).stdout
    for team, title, presenter in _pitches():
        assert team in runsheet and title in runsheet and presenter in runsheet
