"""``clustermeet report``: planned against actual from a log made with a fake clock."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.agenda.loading import load_agenda
from clustermeet.cli import app
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show
from clustermeet.show.engine import Engine
from clustermeet.show.log import ShowLog, header_record
from tests.conftest import AGENDAS

DEMO = AGENDAS / "go-cluster-2022.yaml"
MIN = timedelta(minutes=1)
runner = CliRunner()


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """The welcome 2 min over, pitch 2 40 s over, a 1-minute pause in the keynote; the rest on time."""
    loaded = load_agenda(DEMO)
    plan = build_plan(loaded.schedule)
    path = tmp_path / "show.jsonl"
    clock = FakeClock(plan.steps[0].planned_start)
    writer = ShowLog(path, sync=False)
    writer.write(
        header_record(
            plan.steps, title=plan.title, agenda="demo", zone="Europe/Berlin", language="de", at=clock(), speed=1
        )
    )
    show = Show(Engine(plan.steps, plan.cues), clock, writer.write)
    show.open()
    for step in plan.steps:
        extra = timedelta(0)
        if step.key == "begruessung":
            extra = 2 * MIN
        if step.key == "pitches#pitch-2":
            extra = timedelta(seconds=40)
        if step.key == "impuls-wissen":
            clock.advance(MIN)
            show.act("pause")
            clock.advance(MIN)
            show.act("resume")
            clock.advance(step.duration - MIN)
        else:
            clock.advance(step.duration + extra)
        if not step.auto_end:
            show.act("next")
        else:
            show.tick()
        if step.key == "pause-1":  # the fixed start of the breakouts: wait for it if early
            clock.advance(MIN)
            show.tick()
    writer.close()
    return path


def test_report_json(log: Path) -> None:
    result = runner.invoke(app, ["report", str(log), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    segments = {s["segment"]: s for s in data["segments"]}
    assert segments["begruessung"]["overrun_seconds"] == 120
    assert segments["eroeffnung"]["start_delay_seconds"] == 120
    assert segments["impuls-wissen"]["paused_seconds"] == 60
    assert segments["impuls-wissen"]["actual_seconds"] == segments["impuls-wissen"]["planned_seconds"]
    assert segments["impuls-wissen"]["overrun_seconds"] == 60  # the pause counts: the show lost that minute
    assert segments["breakouts"]["start_delay_seconds"] == 180  # 2 min overrun + 1 min paused, the break not cut
    pitches = {p["part"]: p["overrun_seconds"] for p in data["pitches"]}
    assert pitches == {1: 0, 2: 40, 3: 0}
    assert data["finished"] is True
    assert data["drift_seconds"] == data["segments"][-1]["start_delay_seconds"]


def test_report_table_markdown_csv(log: Path) -> None:
    table = runner.invoke(app, ["report", str(log)])
    assert table.exit_code == 0, table.output
    assert "Gesamtverzug" in table.stdout and "Begrüßung" in table.stdout
    markdown = runner.invoke(app, ["report", str(log), "-f", "markdown"]).stdout
    assert (
        markdown.startswith("# Soll/Ist: ")
        and "| Begrüßung und Ablauf | 10:00–10:10 | 10:00:00–10:12:00 | +2:00 |" in markdown
    )
    csv_text = runner.invoke(app, ["report", str(log), "-f", "csv"]).stdout
    assert csv_text.splitlines()[0].startswith("segment,part,title,planned_start")
    assert len(csv_text.splitlines()) == 1 + 12 + 3


def test_report_unfinished_show(log: Path, tmp_path: Path) -> None:
    lines = log.read_text(encoding="utf-8").splitlines()
    short = tmp_path / "short.jsonl"
    short.write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["report", str(short), "-f", "json"]).stdout)
    assert data["finished"] is False and data["drift_seconds"] is None
    assert data["segments"][-1]["actual_start"] is None


def test_report_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["report", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    junk = tmp_path / "junk.jsonl"
    junk.write_text('{"type": "event"}\n', encoding="utf-8")
    bad = runner.invoke(app, ["report", str(junk)])
    assert bad.exit_code == 1 and "not a clustermeet show log" in bad.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert runner.invoke(app, ["report", str(empty)]).exit_code == 1
