"""``clustermeet run``: the live operator console, or plain one-line-per-event output, for running the show."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import load
from clustermeet.cli.options import AgendaPath, LanguageOption, ParticipantsOption
from clustermeet.cli.output import echo, flag, handle_errors
from clustermeet.errors import UsageError
from clustermeet.show.console.plain import event_line, notice_line
from clustermeet.show.log import LogOfAnotherPlanError
from clustermeet.show.run import RunOptions, ShowSession, open_show
from clustermeet.show.steps import TrackRequiredError

if TYPE_CHECKING:
    from collections.abc import Callable

    from clustermeet.show.records import ShowEvent
    from clustermeet.show.serve.server import Serving


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
    serve: Annotated[
        str | None,
        typer.Option(
            "--serve",
            metavar="[HOST:]PORT",
            help="Serve live pages (operator, stage, rooms, backstage, foyer) and HTTP control; 127.0.0.1 unless a "
            "host is given (then tokens are required).",
        ),
    ] = None,
    osc: Annotated[
        int | None, typer.Option("--osc", min=1, max=65535, metavar="PORT", help="With --serve: OSC control (UDP).")
    ] = None,
    public_foyer: Annotated[
        bool, typer.Option("--public-foyer", help="With --serve: the foyer page needs no token.")
    ] = False,
    hook: Annotated[
        list[str] | None,
        typer.Option("--hook", metavar="CMD", help="With --serve: run CMD on every cue, the event as JSON on stdin."),
    ] = None,
    now_file: Annotated[
        Path | None,
        typer.Option(
            "--now-file", dir_okay=False, help="With --serve: keep FILE at the current segment and time left."
        ),
    ] = None,
    participants: ParticipantsOption = None,
    lang: LanguageOption = None,
) -> None:
    """Run the show: a live console with the countdown of the current segment, what comes next, the expected end
    and the drift, close warnings to paste and catch-up advice; keys n, b, space, +, -, c, q. Plain mode prints
    one line per event and follows the plan until the show is over. With --serve, the same show runs on live pages
    and takes HTTP and OSC control."""
    with handle_errors():
        loaded = load(agenda, participants=participants, language=lang.value if lang else None)
        plain_mode = plain or json_lines or not RUNTIME.is_terminal()
        served = (osc, public_foyer, hook, now_file)
        if serve is None and any(served):
            raise UsageError(
                f"{flag('osc')}, {flag('public_foyer')}, {flag('hook')} and {flag('now_file')} need {flag('serve')}"
            )
        options = RunOptions(
            track=track, plain=plain_mode, log=log, start_at=start_at, speed=speed, serve=serve is not None
        )
        try:
            session = open_show(loaded, options, now=RUNTIME.now, monotonic=RUNTIME.monotonic, agenda=str(agenda))
        except TrackRequiredError as exc:
            raise UsageError(exc.message, hint=f"add {flag('track')} with one of: {', '.join(exc.choices)}") from None
        except LogOfAnotherPlanError as exc:
            raise UsageError(exc.message, hint=f"give a new {flag('log')} file; the old log stays as it is") from None
        serving = None
        try:
            if serve is not None:
                serving = _serve(
                    session, serve, osc=osc, public_foyer=public_foyer, hooks=hook or [], now_file=now_file
                )
                if not plain_mode:  # the console hides the terminal's lines: it repeats where the pages are
                    where = "\n".join(f"{view}: {url}" for view, url in serving.urls()[:4])
                    session.notice = f"{session.notice}\n{where}".strip()
            if session.ended is not None:
                echo(
                    f"note: the show was planned to end {session.ended:%Y-%m-%d %H:%M}; "
                    f"rehearse it with {flag('speed')} 60 (or {flag('start_at')} HH:MM)",
                    err=True,
                )
            if plain_mode:
                _print_plain(session, json_lines, poll=0.25 if serving is not None else None)
            else:
                _console(session)
        finally:
            if serving is not None:
                serving.stop()
            session.close()


def _serve(
    session: ShowSession, address: str, *, osc: int | None, public_foyer: bool, hooks: list[str], now_file: Path | None
) -> Serving:
    """Start serving, and say where: each view's address (with its token) and a QR code for phones."""
    from clustermeet.show.serve.qr import qr_text  # noqa: PLC0415 slow import: segno, served runs only
    from clustermeet.show.serve.server import ServeOptions  # noqa: PLC0415 slow import: uvicorn, served runs only

    options = ServeOptions(address, osc=osc, public_foyer=public_foyer, hooks=tuple(hooks), now_file=now_file)
    serving = session.serve(options, os.environ)
    urls = serving.urls()
    for label, url in urls:  # the views' names in the event's language
        echo(f"{label:<12} {url}", err=True)
    if serving.osc_address:
        echo(f"{serving.osc_label():<12} {serving.osc_address}/clustermeet/<command>", err=True)
    if RUNTIME.is_terminal():
        for view, url in urls[:3]:
            echo(f"{view}:\n{qr_text(url)}", err=True)
    return serving


def _print_plain(session: ShowSession, json_lines: bool, *, poll: float | None = None) -> None:
    zone, language = session.zone, session.plan.language
    if session.notice:
        echo(notice_line(session.show.now(), session.notice, zone, language, json_lines=json_lines))
    for event in session.first:
        echo(event_line(event, zone, language, json_lines=json_lines))
    if poll is None:
        for event in session.follow(RUNTIME.sleep):
            echo(event_line(event, zone, language, json_lines=json_lines))
        return

    def say_all(events: list[ShowEvent]) -> None:  # served: the pages and control act too, from their thread
        for event in events:
            echo(event_line(event, zone, language, json_lines=json_lines))

    session.show.listener = say_all
    for _event in session.follow(RUNTIME.sleep, poll=poll):
        pass


def _console(session: ShowSession) -> None:
    from clustermeet.show.console.app import OperatorConsole  # noqa: PLC0415 slow import: Textual, only for a console

    plan = session.plan
    OperatorConsole(
        session.show, session.zone, plan.language, plan.title, speed=session.rate, notice=session.notice
    ).run()
