"""``clustermeet run``: the live operator console, or plain one-line-per-event output, for running the show."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clustermeet.cli.common import load
from clustermeet.cli.options import AgendaPath, LanguageOption
from clustermeet.cli.output import echo, handle_errors

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from clustermeet.show.cues import Plan
    from clustermeet.show.engine import Clock, Show
    from clustermeet.show.log import LogContents


def _wall_now() -> datetime:
    return datetime.now(UTC)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@dataclass
class Runtime:
    """What ``run`` takes from the machine; tests swap it for a fake clock and a sleeper that moves it."""

    now: Callable[[], datetime] = field(default=_wall_now)
    monotonic: Callable[[], float] = field(default=time.monotonic)
    sleep: Callable[[float], None] = field(default=time.sleep)
    is_terminal: Callable[[], bool] = field(default=_stdout_is_terminal)


RUNTIME = Runtime()


def run(
    agenda: AgendaPath,
    plain: Annotated[
        bool, typer.Option("--plain", help="One line per event, following the plan (automatic when not a terminal).")
    ] = False,
    json_lines: Annotated[
        bool, typer.Option("--json-lines", help="Plain mode with one JSON object per event.")
    ] = False,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log", help="Append every action and event to this JSON-lines file; resume from it.", dir_okay=False
        ),
    ] = None,
    start_at: Annotated[
        str | None, typer.Option("--start-at", help="Start a simulated clock at this time (HH:MM or YYYY-MM-DD HH:MM).")
    ] = None,
    speed: Annotated[
        float | None,
        typer.Option("--speed", min=0.01, max=100000, help="Run a simulated clock N times faster (rehearsals)."),
    ] = None,
    track: Annotated[str | None, typer.Option("--track", help="The track to follow (agendas with tracks).")] = None,
    lang: LanguageOption = None,
) -> None:
    """Run the show: a live console with the countdown of the current segment, what comes next, the expected end
    and the drift, close warnings to paste and catch-up advice; keys n, b, space, +, -, c, q. Plain mode prints
    one line per event and follows the plan until the show is over."""
    with handle_errors():
        loaded = load(agenda, language=lang.value if lang else None)
        from clustermeet.show.cues import build_plan
        from clustermeet.show.engine import Engine, FakeClock, Show, SimulatedClock
        from clustermeet.show.log import ShowLog, check_resumable, read_log

        schedule = loaded.schedule
        plan = build_plan(schedule, track)
        plain_mode = plain or json_lines or not RUNTIME.is_terminal()
        contents = read_log(log) if log is not None else None
        if contents is not None:
            check_resumable(contents, plan.steps)
        resuming = contents is not None and not contents.empty
        simulated = speed is not None or start_at is not None
        rate = speed if speed is not None else 1.0
        clock: Clock
        if simulated:
            if resuming and contents is not None and contents.last_at is not None:
                origin = contents.last_at
            elif start_at is not None:
                origin = _start_at(start_at, schedule.zone, plan)
            else:
                origin = plan.steps[0].planned_start
            # A plain rehearsal follows the plan by itself: its clock steps exactly to each due time, so the same
            # agenda and options give the same lines. The console, which takes keys, runs on real (scaled) time.
            clock = FakeClock(origin) if plain_mode else SimulatedClock(origin, rate, RUNTIME.monotonic)
        else:
            clock = RUNTIME.now
        engine = Engine(plan.steps, plan.cues, auto_advance=plain_mode)
        writer = ShowLog(log) if log is not None else None
        try:
            show = Show(engine, clock, writer.write if writer is not None else _discard)
            notice = _begin(show, plan, contents, writer, str(log), agenda, schedule.zone.key, rate)
            if not simulated and not resuming and clock() > plan.steps[-1].planned_end:
                echo(
                    f"note: the show was planned to end {schedule.local(plan.steps[-1].planned_end):%Y-%m-%d %H:%M}; "
                    "rehearse it with --speed 60 (or --start-at HH:MM)",
                    err=True,
                )
            if plain_mode:
                _run_plain(show, plan, schedule.zone, notice, json_lines, rate)
                return
            from clustermeet.show.console.app import OperatorConsole  # slow import: Textual only when a console runs

            OperatorConsole(show, schedule.zone, plan.language, plan.title, speed=rate, notice=notice[0]).run()
        finally:
            if writer is not None:
                writer.write({"type": "quit", "at": clock().isoformat()})
                writer.close()


def _discard(_record: dict[str, Any]) -> None:
    return None


def _begin(
    show: Show,
    plan: Plan,
    contents: LogContents | None,
    writer: Any,
    log_name: str,
    agenda: Path,
    zone: str,
    rate: float,
) -> tuple[str, list[Any]]:
    """Open a fresh show, or resume it from its log; returns the notice to show and the first events."""
    from clustermeet.show.console.words import say
    from clustermeet.show.engine import SimulatedClock
    from clustermeet.show.log import header_record

    engine = show.engine
    if isinstance(show.clock, SimulatedClock):
        show.clock.restart()
    now = show.now()
    if contents is not None and not contents.empty:
        engine.restore(contents.actions, contents.fired, now)
        show.mark_written()
        step = engine.current
        where = step.title if step is not None else say("finished", plan.language)
        if writer is not None:
            writer.write({"type": "resume", "at": now.isoformat(), "step": step.key if step else None, "speed": rate})
        local = now.astimezone(_zone_of(zone))
        return say("resumed_from", plan.language, log=log_name, step=where, time=f"{local:%H:%M:%S}"), []
    if writer is not None:
        writer.write(
            header_record(
                plan.steps, title=plan.title, agenda=str(agenda), zone=zone, language=plan.language, at=now, speed=rate
            )
        )
    return "", show.open()


def _zone_of(name: str) -> ZoneInfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _run_plain(
    show: Show, plan: Plan, zone: ZoneInfo, notice: tuple[str, list[Any]], json_lines: bool, rate: float
) -> None:
    import json

    from clustermeet.show.console.plain import event_line
    from clustermeet.show.console.words import say
    from clustermeet.show.engine import FakeClock, drive

    text, first = notice
    if text:
        if json_lines:
            echo(json.dumps({"event": "resume", "at": show.now().isoformat(), "message": text}, ensure_ascii=False))
        else:
            echo(f"{show.now().astimezone(zone):%H:%M:%S} {say('resumed', plan.language):<11} {text}")
    for event in first:
        echo(event_line(event, zone, plan.language, json_lines=json_lines))

    def sleep(delta: timedelta) -> None:
        RUNTIME.sleep(delta.total_seconds() / rate)
        if isinstance(show.clock, FakeClock):
            show.clock.advance(delta)

    for event in drive(show, sleep):
        echo(event_line(event, zone, plan.language, json_lines=json_lines))


def _start_at(value: str, zone: ZoneInfo, plan: Plan) -> datetime:
    from clustermeet.agenda.timing import resolve_wall_time
    from clustermeet.agenda.types import parse_start
    from clustermeet.errors import UsageError

    try:
        start = parse_start(value)
    except ValueError as exc:
        raise UsageError(f"--start-at: {exc}", hint="for example --start-at 09:55") from None
    day = start.date or plan.steps[0].planned_start.astimezone(zone).date()
    moment, problem, _is_error = resolve_wall_time(day, start, zone)
    if moment is None:
        raise UsageError(f"--start-at: {problem}")
    first, last = plan.steps[0].planned_start, plan.steps[-1].planned_end
    if not first - timedelta(days=1) <= moment <= last:
        raise UsageError(
            f"--start-at: {value} is not during the show or the day before it "
            f"({first.astimezone(zone):%Y-%m-%d %H:%M} to {last.astimezone(zone):%Y-%m-%d %H:%M})"
        )
    return moment.astimezone(UTC)
