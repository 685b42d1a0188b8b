"""The cue sheet: cues in order with planned times, per role, and the runsheet command's formats (golden files)."""

from __future__ import annotations

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.agenda.loading import load_agenda
from clustermeet.cli import app
from clustermeet.errors import UsageError
from clustermeet.show.cues import CueKind, build_plan, close_message, cues_for
from tests.conftest import AGENDAS, ROOT
from tests.conftest import GOLDEN as GOLDEN_ROOT

DEMO = ROOT / "agendas" / "go-cluster-2022.yaml"
TRACKS = ROOT / "agendas" / "open-transform-2023.yaml"
GOLDEN = GOLDEN_ROOT / "runsheet"
runner = CliRunner()


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return load_agenda(DEMO, "agendas/go-cluster-2022.yaml")


def _local(loaded, moment) -> str:  # type: ignore[no-untyped-def]
    return f"{loaded.schedule.local(moment):%H:%M}"


def test_pre_show_cues_come_first(demo) -> None:  # type: ignore[no-untyped-def]
    plan = build_plan(demo.schedule)
    first, second = plan.cues[:2]
    assert (first.kind, _local(demo, first.at)) == (CueKind.tech_check, "09:30")
    assert (second.kind, _local(demo, second.at)) == (CueKind.check_in, "09:45")
    assert "Katrin Vogel" in second.who
    assert [c.at for c in plan.cues] == sorted(c.at for c in plan.cues)


def test_breakout_close_warnings_with_broadcast_text(demo) -> None:  # type: ignore[no-untyped-def]
    plan = build_plan(demo.schedule)
    warnings = [c for c in plan.cues if c.kind is CueKind.close_warning]
    assert [_local(demo, c.at) for c in warnings] == ["11:40", "11:43", "11:44"]
    assert all(c.message for c in warnings)
    assert "5 Minuten" in (warnings[0].message or "")
    assert "1 Minute " in (warnings[2].message or "")
    opened = next(c for c in plan.cues if c.kind is CueKind.open_rooms)
    assert "3 Räume" in opened.action
    closing = next(c for c in plan.cues if c.kind is CueKind.close_rooms)
    assert _local(demo, closing.at) == "11:45"


def test_pitches_poll_and_spotlight(demo) -> None:  # type: ignore[no-untyped-def]
    plan = build_plan(demo.schedule)
    pitches = [c for c in plan.cues if c.kind is CueKind.pitch]
    assert [_local(demo, c.at) for c in pitches] == ["12:15", "12:19", "12:23"]
    assert pitches[1].who == ("Jana Hofmann",)
    assert [_local(demo, c.at) for c in plan.cues if c.kind is CueKind.changeover] == ["12:18", "12:22"]
    poll = next(c for c in plan.cues if c.kind is CueKind.launch_poll)
    assert "Welcher Beitrag" in poll.action and _local(demo, poll.at) == "12:30"
    spot = next(c for c in plan.cues if c.segment_id == "eroeffnung")
    assert spot.kind is CueKind.spotlight and "Dr. Ole Janssen" in spot.action
    assert plan.cues[-1].kind is CueKind.show_end and _local(demo, plan.cues[-1].at) == "13:00"


def test_pitch_block_steps_have_changeovers_and_a_tail(demo) -> None:  # type: ignore[no-untyped-def]
    plan = build_plan(demo.schedule)
    keys = [s.key for s in plan.steps if s.segment_id == "pitches"]
    assert keys == [
        "pitches#pitch-1",
        "pitches#change-1",
        "pitches#pitch-2",
        "pitches#change-2",
        "pitches#pitch-3",
        "pitches#tail",
    ]
    assert sum((s.duration for s in plan.steps if s.segment_id == "pitches"), timedelta()) == timedelta(minutes=15)


def test_role_filter(demo) -> None:  # type: ignore[no-untyped-def]
    plan = build_plan(demo.schedule)
    lange = cues_for(plan, "lange")
    assert {c.kind for c in lange} >= {CueKind.check_in, CueKind.pitch}
    assert all("lange" in c.people for c in lange)
    tech = cues_for(plan, "brunner")
    assert any(c.kind is CueKind.close_warning for c in tech)  # the tech person does the platform actions
    assert len(lange) < len(plan.cues)


def test_close_message_in_english() -> None:
    assert close_message(timedelta(minutes=2), "en") == (
        "Heads-up: the breakout rooms close in 2 minutes. Please start wrapping up."
    )
    assert close_message(timedelta(seconds=30), "en") == "The breakout rooms close in 30 seconds."


def test_tracks_need_a_choice_to_run_but_not_for_the_sheet() -> None:
    loaded = load_agenda(TRACKS)
    with pytest.raises(UsageError):
        build_plan(loaded.schedule)
    sheet = build_plan(loaded.schedule, all_tracks=True)
    days = {loaded.schedule.local(c.at).date() for c in sheet.cues if c.kind is CueKind.tech_check}
    assert len(days) == 2  # one tech check per day
    track = loaded.agenda.tracks[0].id
    assert build_plan(loaded.schedule, track).steps


def _demo_copy(folder: Path) -> Path:
    """The demo agenda and its participants in ``folder/agendas/``: the golden cue sheets show the award cue
    before the count, whatever ``clustermeet vote`` has recorded beside the real one (agendas/*.vote.json)."""
    (folder / "agendas").mkdir()
    for name in ("go-cluster-2022.yaml", "go-cluster-2022-teilnehmende.csv"):
        shutil.copy(ROOT / "agendas" / name, folder / "agendas" / name)
    return folder


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("markdown", "go-cluster-2022.md"), ("csv", "go-cluster-2022.csv"), ("json", "go-cluster-2022.json")],
)
def test_runsheet_golden(fmt: str, name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(_demo_copy(tmp_path))
    result = runner.invoke(app, ["runsheet", "agendas/go-cluster-2022.yaml", "--format", fmt])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_runsheet_role_golden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(_demo_copy(tmp_path))
    result = runner.invoke(app, ["runsheet", "agendas/go-cluster-2022.yaml", "-f", "markdown", "--role", "lange"])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "go-cluster-2022-lange.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_runsheet_table_and_json_shape() -> None:
    result = runner.invoke(app, ["runsheet", str(DEMO)])
    assert result.exit_code == 0, result.output
    assert "Technik-Check" in result.stdout and "Schließ-Hinweis T-5" in result.stdout
    data = json.loads(runner.invoke(app, ["runsheet", str(DEMO), "-f", "json"]).stdout)
    assert set(data) == {"event", "time_zone", "language", "role", "role_time_zone", "cues"}
    assert data["cues"][0]["time"] == "09:30"
    assert set(data["cues"][0]) >= {"at", "kind", "title", "who", "owner", "action", "message", "notes"}


def test_runsheet_unknown_role_is_a_usage_error() -> None:
    result = runner.invoke(app, ["runsheet", str(DEMO), "--role", "nobody"])
    assert result.exit_code == 2
    assert "--role: 'nobody' is not a person of the agenda" in result.stderr and "Traceback" not in result.output


def test_runsheet_output_file_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "sheet.md"
    assert runner.invoke(app, ["runsheet", str(DEMO), "-f", "markdown", "-o", str(target)]).exit_code == 0
    again = runner.invoke(app, ["runsheet", str(DEMO), "-f", "markdown", "-o", str(target)])
    assert again.exit_code == 2


def test_role_abroad_sees_their_own_time_too() -> None:
    """A speaker with people[].timezone gets each cue in their zone as well, across the DST change of the event."""
    summit = AGENDAS / "open-transform-2023.yaml"
    result = runner.invoke(app, ["runsheet", str(summit), "--role", "tanaka", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["role_time_zone"] == "Asia/Tokyo"
    check_ins = [c for c in data["cues"] if c["kind"] == "check_in"]
    assert [c["role_at"] for c in check_ins] == ["2023-03-26T19:45:00+09:00"]  # he speaks on day 2 only
    miller = json.loads(runner.invoke(app, ["runsheet", str(summit), "--role", "miller", "-f", "json"]).stdout)
    assert [c["role_at"] for c in miller["cues"] if c["kind"] == "check_in"] == [
        "2023-03-25T06:45:00-05:00",  # Berlin UTC+1, Chicago UTC-5 (on summer time since 12 March)
        "2023-03-26T05:45:00-05:00",  # Berlin is on summer time now: one hour less apart
    ]
    markdown = runner.invoke(app, ["runsheet", str(summit), "--role", "tanaka", "-f", "markdown"]).stdout
    assert "| 2023-03-26 12:45 (19:45 Asia/Tokyo) |" in markdown
    plain = runner.invoke(app, ["runsheet", str(summit), "--role", "novak", "-f", "json"]).stdout
    assert json.loads(plain)["role_time_zone"] is None  # no zone of her own: event times only


def test_a_days_check_in_calls_those_with_a_part_that_day() -> None:
    """Two days: the crew comes to every day's tech check, a speaker only to the check-in of a day they speak on."""
    loaded = load_agenda(AGENDAS / "open-transform-2023.yaml")
    plan = build_plan(loaded.schedule, all_tracks=True)
    check_ins = [c for c in plan.cues if c.kind == CueKind.check_in]
    tech_checks = [c for c in plan.cues if c.kind == CueKind.tech_check]
    assert len(check_ins) == len(tech_checks) == 2
    assert all("lee" in c.people for c in tech_checks)  # the tech, both days
    assert ("okafor" in check_ins[0].people, "okafor" in check_ins[1].people) == (True, False)  # day-1 keynote
    assert ("tanaka" in check_ins[0].people, "tanaka" in check_ins[1].people) == (False, True)  # day-2 panel
    assert "Hiroshi Tanaka" not in check_ins[0].who and "Hiroshi Tanaka" in check_ins[1].who
