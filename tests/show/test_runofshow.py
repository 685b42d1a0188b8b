"""The engine with a fake clock: phases, drift, expected end, catch-up advice, operator actions, replay, the log."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.errors import UsageError
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show, SimulatedClock, drive
from clustermeet.show.engine import Engine
from clustermeet.show.log import ShowLog, check_resumable, header_record, read_log
from clustermeet.show.records import Phase
from clustermeet.show.report import build_report
from tests.conftest import AGENDAS

DEMO = AGENDAS / "go-cluster-2022.yaml"
MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return load_agenda(DEMO)


@pytest.fixture
def plan(loaded):  # type: ignore[no-untyped-def]
    return build_plan(loaded.schedule)


def _show(plan, offset: timedelta = -5 * MIN, *, auto: bool = False):  # type: ignore[no-untyped-def]
    clock = FakeClock(plan.steps[0].planned_start + offset)
    show = Show(Engine(plan.steps, plan.cues, auto_advance=auto), clock)
    show.open()
    return show, clock


def test_waits_for_the_start_then_starts_by_itself(plan) -> None:  # type: ignore[no-untyped-def]
    show, clock = _show(plan)
    status = show.status()
    assert status.phase is Phase.waiting and status.remaining == 5 * MIN
    clock.advance(5 * MIN + timedelta(seconds=1))
    events = show.tick()
    assert [e.kind for e in events][:2] == ["start", "cue"]
    assert events[0].at == plan.steps[0].planned_start  # started at the planned moment, not at the tick
    assert show.status().phase is Phase.on_time


def test_phases_on_time_warning_overtime(plan) -> None:  # type: ignore[no-untyped-def]
    show, clock = _show(plan, timedelta(0))
    show.tick()
    clock.advance(7 * MIN)
    assert show.status().phase is Phase.on_time
    clock.advance(90 * timedelta(seconds=1))
    assert [e.kind for e in show.tick()] == ["warning"]
    assert show.status().phase is Phase.warning
    clock.advance(2 * MIN)
    assert [e.kind for e in show.tick()] == ["overtime"]
    status = show.status()
    assert status.phase is Phase.overtime and status.remaining == -timedelta(seconds=30)
    assert status.drift == timedelta(seconds=30)
    assert status.expected_end - status.planned_end == timedelta(seconds=30)


def test_catch_up_advice_uses_flexible_breaks_before_the_fixed_start(plan) -> None:  # type: ignore[no-untyped-def]
    show, clock = _show(plan, timedelta(0))
    show.tick()
    clock.advance(13 * MIN)  # the 10-minute welcome runs 3 minutes over
    show.act("next")
    advice = show.status().catch_up
    assert advice is not None
    assert advice.target is not None and advice.target.key == "breakouts"
    assert advice.delay == 3 * MIN
    assert [(c.step.key, c.new) for c in advice.cuts] == [("pause-1", 7 * MIN)]
    assert advice.remaining == timedelta(0)
    clock.advance(25 * MIN)  # 10 more minutes late: the coffee break can give only 5 (min_duration 5m)
    advice = show.status().catch_up
    assert advice is not None and advice.cuts[0].new == 5 * MIN
    assert advice.remaining > timedelta(0)
    # the fixed start absorbs nothing here, so the show end moves too
    assert show.status().expected_end > show.status().planned_end


def test_operator_actions_pause_adjust_previous(plan) -> None:  # type: ignore[no-untyped-def]
    show, clock = _show(plan, timedelta(0))
    show.tick()
    clock.advance(2 * MIN)
    show.act("pause")
    clock.advance(3 * MIN)
    status = show.status()
    assert status.paused and status.elapsed == 2 * MIN
    show.act("resume")
    show.act("adjust", seconds=60)
    assert show.status().allotted == 11 * MIN
    show.act("adjust", seconds=-120)
    assert show.status().allotted == 9 * MIN
    show.act("next")
    assert show.engine.index == 1
    clock.advance(MIN)
    show.act("previous")  # undo: back to the welcome with its own start and pause
    status = show.status()
    assert status.index == 0 and status.elapsed == 3 * MIN
    show.act("previous")  # before the first step: un-start it
    assert show.status().phase is Phase.waiting


def test_plain_drive_follows_the_plan_and_finishes(plan) -> None:  # type: ignore[no-untyped-def]
    show, clock = _show(plan, -40 * MIN, auto=True)
    events = list(drive(show, clock.advance))
    assert events[-1].kind == "finished"
    assert events[-1].at == plan.steps[-1].planned_end
    ends = [e for e in events if e.kind == "end"]
    assert len(ends) == len(plan.steps) and all(e.overrun == timedelta(0) for e in ends)
    kinds = [e.cue.kind.value for e in events if e.cue is not None]
    assert kinds[:2] == ["tech_check", "check_in"]
    assert kinds.count("close_warning") == 3
    assert not [e for e in events if e.kind == "overtime"]


def test_pitch_overrun_recorded_and_changeover_ends_by_itself(plan) -> None:  # type: ignore[no-untyped-def]
    first_pitch = next(i for i, s in enumerate(plan.steps) if s.key == "pitches#pitch-1")
    clock = FakeClock(plan.steps[first_pitch].planned_start)
    engine = Engine(plan.steps, plan.cues)
    show = Show(engine, clock)
    show.open()
    assert engine.current is not None and engine.current.key == "pitches#pitch-1"
    clock.advance(3 * MIN + timedelta(seconds=40))
    events = show.act("next")
    end = next(e for e in events if e.kind == "end")
    assert end.overrun == timedelta(seconds=40)
    clock.advance(MIN + timedelta(seconds=1))
    show.tick()
    assert engine.current is not None and engine.current.key == "pitches#pitch-2"


def test_jump_when_opened_mid_show(plan) -> None:  # type: ignore[no-untyped-def]
    show, _clock = _show(plan, 62 * MIN)  # 11:02, two minutes into the breakouts
    status = show.status()
    assert status.step is not None and status.step.key == "breakouts"
    assert status.elapsed == 2 * MIN and status.drift == timedelta(0)


def test_replayed_actions_give_the_same_state(plan) -> None:  # type: ignore[no-untyped-def]
    show, clock = _show(plan, timedelta(0))
    for minutes, action in [(3, "next"), (1, "pause"), (2, "resume"), (14, "adjust"), (5, "next"), (1, "previous")]:
        clock.advance(minutes * MIN)
        show.act(action, seconds=60)
    twin = Engine(plan.steps, plan.cues)
    twin.restore(list(show.engine.actions), set(show.engine.fired), clock())
    assert twin.index == show.engine.index
    assert twin.runs == show.engine.runs
    assert twin.status(clock()) == show.engine.status(clock())


def test_simulated_clock_runs_faster() -> None:
    ticks = iter([100.0, 101.0])
    from datetime import UTC, datetime

    origin = datetime(2022, 10, 20, 8, tzinfo=UTC)
    clock = SimulatedClock(origin, 60, lambda: next(ticks))
    assert clock() == origin + MIN


def test_log_is_append_only_and_tolerates_a_torn_line(plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "show.jsonl"
    clock = FakeClock(plan.steps[0].planned_start)
    log = ShowLog(path, sync=False)
    log.write(
        header_record(plan.steps, title="t", agenda="a", zone="Europe/Berlin", language="de", at=clock(), speed=1)
    )
    show = Show(Engine(plan.steps, plan.cues), clock, log.write)
    show.open()
    show.tick()
    clock.advance(12 * MIN)
    show.act("next")
    log.close()
    before = path.read_bytes()
    with path.open("ab") as stream:  # a crash in the middle of a write
        stream.write(b'{"type":"action","act')
    contents = read_log(path)
    assert contents.bad_lines == [len(before.splitlines()) + 1]
    check_resumable(contents, plan.steps)
    assert [a.kind.value for a in contents.actions] == [a.kind.value for a in show.engine.actions]
    again = ShowLog(path, sync=False)
    again.write({"type": "resume", "at": clock().isoformat()})
    again.close()
    after = path.read_bytes()
    assert after.startswith(before + b'{"type":"action","act\n')  # nothing rewritten; the torn line closed
    assert json.loads(after.splitlines()[-1])["type"] == "resume"
    report = build_report(read_log(path))
    assert report.rows[0].overrun == 2 * MIN


def test_log_of_another_plan_is_refused(plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "show.jsonl"
    log = ShowLog(path, sync=False)
    log.write(
        header_record(
            plan.steps[1:], title="t", agenda="a", zone="UTC", language="en", at=plan.steps[0].planned_start, speed=1
        )
    )
    log.close()
    with pytest.raises(UsageError):
        check_resumable(read_log(path), plan.steps)


def test_empty_plan_is_refused() -> None:
    with pytest.raises(UsageError):
        Engine([])


def test_a_show_opened_after_its_end_logs_a_jump_the_reader_takes(plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Opened after the last step, the engine records a jump to one past it ("over"): its own log must read back."""
    path = tmp_path / "late.jsonl"
    clock = FakeClock(plan.steps[-1].planned_end + MIN)
    log = ShowLog(path, sync=False)
    log.write(header_record(plan.steps, title="t", agenda="a", zone="UTC", language="de", at=clock(), speed=1))
    show = Show(Engine(plan.steps, plan.cues), clock, log.write)
    show.open()
    log.close()
    contents = read_log(path)
    assert [(a.kind.value, a.step) for a in contents.actions] == [("jump", len(plan.steps))]
    check_resumable(contents, plan.steps)
