"""The live console, driven headless with Textual's Pilot and a fake clock."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest

pytest.importorskip("textual")

from clustermeet.agenda.loading import load_agenda
from clustermeet.show.console.app import OperatorConsole
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show
from clustermeet.show.engine import Engine
from tests.conftest import AGENDAS

DEMO = AGENDAS / "go-cluster-2022.yaml"
MIN = timedelta(minutes=1)


def _console(offset: timedelta) -> tuple[OperatorConsole, FakeClock, Show]:
    loaded = load_agenda(DEMO)
    plan = build_plan(loaded.schedule)
    clock = FakeClock(plan.steps[0].planned_start + offset)
    show = Show(Engine(plan.steps, plan.cues), clock)
    show.open()
    app = OperatorConsole(show, loaded.schedule.zone, plan.language, plan.title, tick_interval=0)
    return app, clock, show


def _drive(app: OperatorConsole, size: tuple[int, int], scenario: Callable[[Any], Awaitable[None]]) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(pilot)

    asyncio.run(asyncio.wait_for(main(), timeout=30))


def test_countdown_next_drift_and_keys() -> None:
    app, clock, show = _console(-2 * MIN)

    async def scenario(pilot: Any) -> None:
        assert app.texts["phase"].startswith("● WARTEN")
        assert app.texts["digits"] == "2:00"
        clock.advance(2 * MIN + timedelta(seconds=30))
        app.refresh_status()
        await pilot.pause()
        assert app.texts["phase"].startswith("● IM PLAN")
        assert app.texts["title"] == "Begrüßung und Ablauf"
        assert app.texts["digits"] == "9:30"
        assert app.texts["next"].startswith("DANACH: Eröffnung")
        assert "n weiter" in app.texts["keys"]
        await pilot.press("plus")
        assert app.texts["digits"] == "10:30"
        await pilot.press("minus", "minus")
        assert app.texts["digits"] == "8:30"
        clock.advance(10 * MIN)
        app.refresh_status()
        await pilot.pause()
        assert app.texts["phase"].startswith("● ÜBERZEIT") and app.texts["digits"] == "-1:30"
        assert "Verzug +0:30" in app.texts["timing"]  # 30 s past the planned end (the minus keys shortened it)
        assert "Kaffeepause 10:00 → 9:30" in app.texts["advice"]
        await pilot.press("space")
        assert "PAUSIERT" in app.texts["top"]
        await pilot.press("space")
        await pilot.press("n")
        assert app.texts["title"].startswith("Eröffnung")
        await pilot.press("b")
        assert app.texts["title"] == "Begrüßung und Ablauf"
        await pilot.press("q")

    _drive(app, (100, 30), scenario)
    assert [a.kind.value for a in show.engine.actions if not a.auto] == [
        "adjust",
        "adjust",
        "adjust",
        "pause",
        "resume",
        "next",
        "previous",
    ]


def test_breakout_warning_shows_the_message_to_paste() -> None:
    app, clock, _show = _console(100 * MIN)  # 11:40, five minutes before the rooms close

    async def scenario(pilot: Any) -> None:
        clock.advance(timedelta(seconds=1))
        app.refresh_status()
        await pilot.pause()
        assert app.texts["phase"].startswith("● WARNUNG")
        assert "Schließ-Hinweis T-5" in app.texts["cue"]
        assert "schließen in 5 Minuten" in app.texts["cue"]
        await pilot.press("c")
        assert app.clipboard.startswith("Hinweis: Die Breakout-Räume")

    _drive(app, (100, 30), scenario)


def test_small_terminal_is_compact_and_does_not_crash() -> None:
    app, _clock, _show = _console(MIN)

    async def scenario(pilot: Any) -> None:
        assert app.screen.has_class("compact")
        assert app.texts["count"] == "9:00"
        assert app.texts["keys"] == "n b ␣ + - c q"
        await pilot.press("n")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.screen.has_class("compact")

    _drive(app, (40, 12), scenario)


def test_q_asks_first_while_the_show_runs_and_ctrl_c_says_so_in_the_event_language() -> None:
    app, _clock, _show = _console(MIN)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Zum Beenden q drücken"]
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert "Die Show läuft: q noch einmal zum Beenden" in [n.message for n in app._notifications]
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    _drive(app, (100, 30), scenario)


def test_cue_lines_show_when_the_cue_fell_due_not_the_plan() -> None:
    app, clock, show = _console(MIN)  # 10:01 in the welcome (planned until 10:10)

    async def scenario(pilot: Any) -> None:
        clock.advance(12 * MIN)  # 10:13: the welcome ran 3 minutes over
        app.refresh_status()
        await pilot.press("n")  # the opening starts now: its spotlight cue falls due at 10:13, planned 10:10
        assert app.texts["cue"].startswith("CUE 10:13: Eröffnung"), app.texts["cue"]

    _drive(app, (100, 30), scenario)
    assert show.engine.last_cue is not None and f"{show.engine.last_cue.at:%H:%M}" == "08:10"  # planned, UTC
