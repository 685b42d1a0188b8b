"""``clustermeet run``: the live operator console, or plain one-line-per-event output, for running the show."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import load
from clustermeet.cli.options import AgendaPath, LanguageOption
from clustermeet.cli.output import echo, flag, handle_errors
from clustermeet.errors import UsageError
from clustermeet.show.console.plain import event_line, notice_line
from clustermeet.show.log import LogOfAnotherPlanError
from clustermeet.show.run import RunOptions, ShowSession, open_show
from clustermeet.show.steps import TrackRequiredError

if TYPE_CHECKING:
    from collections.abc import Callable


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
        plain_mode = plain or json_lines or not RUNTIME.is_terminal()
        options = RunOptions(track=track, plain=plain_mode, log=log, start_at=start_at, speed=speed)
        try:
            session = open_show(loaded, options, now=RUNTIME.now, monotonic=RUNTIME.monotonic, agenda=str(agenda))
        except TrackRequiredError as exc:
            raise UsageError(exc.message, hint=f"add {flag('track')} with one of: {', '.join(exc.choices)}") from None
        except LogOfAnotherPlanError as exc:
            raise UsageError(exc.message, hint=f"give a new {flag('log')} file; the old log stays as it is") from None
        try:
            if session.ended is not None:
                echo(
                    f"note: the show was planned to end {session.ended:%Y-%m-%d %H:%M}; "
                    f"rehearse it with {flag('speed')} 60 (or {flag('start_at')} HH:MM)",
                    err=True,
                )
            if plain_mode:
                _print_plain(session, json_lines)
            else:
                _console(session)
        finally:
            session.close()


def _print_plain(session: ShowSession, json_lines: bool) -> None:
    zone, language = session.zone, session.plan.language
    if session.notice:
        echo(notice_line(session.show.now(), session.notice, zone, language, json_lines=json_lines))
    for event in session.first:
        echo(event_line(event, zone, language, json_lines=json_lines))
    for event in session.follow(RUNTIME.sleep):
        echo(event_line(event, zone, language, json_lines=json_lines))


def _console(session: ShowSession) -> None:
    from clustermeet.show.console.app import OperatorConsole  # noqa: PLC0415 slow import: Textual, only for a console

    plan = session.plan
    OperatorConsole(
        session.show, session.zone, plan.language, plan.title, speed=session.rate, notice=session.notice
    ).run()
