"""`carry`: the current overrun carried into every segment up to the next fixed start. Not an announcement only:
no such segment starts before its planned start plus the delay, the projection (foyer, backstage, operator) follows
it, it is an engine action in the log (a resume after `kill -9` has it), and `report` shows it."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

from clustermeet.show.driver import FakeClock, Show
from clustermeet.show.engine import Engine
from clustermeet.show.log import LogContents, read_log
from clustermeet.show.records import Action, Phase
from clustermeet.show.report import build_report
from clustermeet.show.serve.board import Board
from tests.show.serve_support import CLUSTERMEET, Served, demo_board


def _carry_at_10_14() -> tuple[Board, FakeClock, list[dict[str, Any]]]:
    board, clock, records = demo_board()
    clock.advance(timedelta(minutes=9))  # 10:14: the welcome (10:00-10:10, a fixed start) is 4 minutes over
    board.command("carry")
    return board, clock, records


def _item(board: Board, title: str) -> dict[str, Any]:
    return next(i for i in board.views()["foyer"]["items"] if i["title"].startswith(title))


def test_a_carried_segment_starts_no_earlier_than_planned_plus_the_delay() -> None:
    board, clock, records = _carry_at_10_14()
    engine = board.show.engine
    assert [r for r in records if r.get("action") == "carry"] == [
        {"type": "action", "action": "carry", "at": clock.moment.isoformat(), "seconds": 240}
    ]
    assert {board.plan.steps[i].segment_id for i in engine.carried} == {"eroeffnung", "impuls-wissen", "pause-1"}
    board.command("next")  # the opening starts at 10:14, as announced
    clock.advance(timedelta(minutes=6))  # 10:20: the opening ends 9 minutes early
    board.command("next")
    assert engine.current is not None and engine.current.segment_id == "impuls-wissen"
    status = board.show.status()
    assert status.phase is Phase.waiting and status.remaining == timedelta(minutes=9)  # until 10:29, not 10:25
    assert _item(board, "Impuls").get("time") == "10:29" and _item(board, "Impuls")["announced"] == "10:29"
    assert _item(board, board.plan.steps[3].segment_title)["time"] == "10:54"  # the break after it: 10:29 + 25
    clock.advance(timedelta(minutes=9))
    board.show.tick()
    run = engine.run
    assert run is not None and run.start == clock.moment  # it started by itself at 10:29
    fixed = _item(board, board.plan.steps[4].segment_title)
    assert fixed["planned"] == "11:00" and fixed["announced"] == ""  # nothing is carried past the fixed start


def test_the_projection_backstage_and_operator_follow_the_carried_delay() -> None:
    board, _clock, _records = _carry_at_10_14()
    board.command("next")  # the opening, 10:14-10:29
    board.command("minus")
    board.command("minus")  # ... now expected to end at 10:27, but the next segment was announced for 10:29
    views = board.views()
    assert _item(board, "Impuls")["time"] == "10:29"
    assert "10:29" in views["operator"]["next"]
    assert views["operator"]["carried"] and "4:00" in views["operator"]["carried"]
    starts = {c.title for c in board.plan.cues if c.step == "impuls-wissen" and c.anchor == "start"}
    shown = [c for c in views["backstage"]["cues"] if c["title"] in starts and c["planned"] == "10:25"]
    assert shown and all(c["time"] == "10:29" for c in shown), views["backstage"]["cues"]


def test_a_resume_and_the_report_see_the_carried_delay(tmp_path: Path) -> None:
    board, clock, records = _carry_at_10_14()
    actions = [Action.from_json(r) for r in records if r["type"] == "action"]
    again = Engine(board.plan.steps, board.plan.cues)
    again.restore(actions, set(), clock.moment)
    assert again.carried == board.show.engine.carried
    resumed = Board(Show(again, clock), board.plan, board.schedule)
    assert _item(resumed, "Impuls")["announced"] == "10:29"
    header = {"type": "show", "steps": [s.to_json() for s in board.plan.steps], "title": "t", "zone": "Europe/Berlin"}
    report = build_report(LogContents("log", header=header, actions=actions, records=[header]))
    rows = {r.segment: r for r in report.rows if r.part == 0}
    assert rows["impuls-wissen"].announced_start == rows["impuls-wissen"].planned_start + timedelta(minutes=4)
    assert rows["breakouts"].announced_start is None
    data = report.to_dict()
    assert next(s for s in data["segments"] if s["segment"] == "impuls-wissen")["announced_start"].endswith("+00:00")
    markdown = report.text("markdown")
    assert "announced 10:29" in markdown or "angekündigt 10:29" in markdown


def test_a_carry_over_http_survives_kill_9(tmp_path: Path) -> None:
    log = tmp_path / "show.jsonl"
    served = Served(log, "--speed", "1", "--start-at", "10:07")
    try:
        assert served.post("adjust", 300) == 200  # the welcome now ends at 10:15: 5 minutes over its 10:10
        assert served.post("carry") == 200
        assert next(i for i in served.state("foyer")["items"] if i["title"].startswith("Eröffnung"))["announced"] == (
            "10:15"
        )
        served.kill9()
        served.start()
        foyer = served.state("foyer")
        assert next(i for i in foyer["items"] if i["title"].startswith("Eröffnung"))["announced"] == "10:15"
        assert served.state("operator")["carried"]
    finally:
        served.stop()
    assert any(r.get("action") == "carry" and r["seconds"] == 300 for r in read_log(log).records)
    argv = [*CLUSTERMEET, "report", str(log), "-f", "json"]
    report = json.loads(subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True).stdout)
    opening = next(s for s in report["segments"] if s["segment"] == "eroeffnung")
    assert opening["announced_start"] is not None


def test_a_delay_is_carried_into_segments_not_into_the_pitches_inside_one() -> None:
    board, clock, _records = demo_board()
    talk = next(s for s in board.plan.steps if s.segment_id == "impuls-cdi")
    clock.moment = talk.planned_start
    board.command("jump", "impuls-cdi")
    clock.advance(timedelta(minutes=25))  # the talk (20 min) is 5 minutes over
    board.command("carry")
    carried = {board.plan.steps[i].key for i in board.show.engine.carried}
    assert "pitches#pitch-1" in carried and "abstimmung" in carried
    assert set(board.show.engine.carried.values()) == {timedelta(minutes=5)}
    assert not [k for k in carried if k.startswith("pitches#") and k != "pitches#pitch-1"]
