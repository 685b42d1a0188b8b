"""I/O: the ``run`` use case: a show opened for the console or the plain runner, fresh or resumed from its log.

:func:`open_show` builds the plan of a track, picks the clock (the wall clock; a simulated one for rehearsals),
reads the log and resumes from it or writes its header, and returns a :class:`ShowSession`; cli/ then either
prints the events of :meth:`ShowSession.follow` or starts the console, and closes the session (a ``quit`` record).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.timing import resolve_wall_time
from clustermeet.agenda.types import parse_start
from clustermeet.errors import OptionError
from clustermeet.show.awards import with_awards
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show, SimulatedClock, drive
from clustermeet.show.engine import Engine
from clustermeet.show.log import LogWriteError, ShowLog, check_resumable, header_record, read_log
from clustermeet.show.words import say

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.agenda.timing import Schedule
    from clustermeet.show.cues import Plan
    from clustermeet.show.driver import Clock
    from clustermeet.show.log import LogContents
    from clustermeet.show.records import ShowEvent
    from clustermeet.show.serve.server import ServeOptions, Serving


@dataclass(frozen=True)
class RunOptions:
    """How to run: ``plain`` follows the plan by itself (the console waits for keys); ``speed`` or ``start_at``
    run a simulated clock (a rehearsal); ``log`` is the file to append to and resume from."""

    track: str | None = None
    plain: bool = False
    log: Path | None = None
    start_at: str | None = None
    speed: float | None = None
    #: served (pages, HTTP and OSC control): the operator drives the show from there too, so the plain runner
    #: neither advances on its own nor steps its clock from one due time to the next
    serve: bool = False


@dataclass
class ShowSession:
    """An opened show: what the console or the plain runner drives, and what they say first."""

    show: Show
    plan: Plan
    schedule: Schedule
    rate: float
    notice: str = ""
    first: list[ShowEvent] = field(default_factory=list)
    #: the planned end, in the event's zone, when the wall clock is past it already (nothing left to run)
    ended: datetime | None = None
    writer: ShowLog | None = None

    @property
    def zone(self) -> ZoneInfo:
        return self.schedule.zone

    def follow(self, sleep: Callable[[float], None], *, poll: float | None = None) -> Iterator[ShowEvent]:
        """Follow the plan until the show is over; ``sleep`` waits real seconds (show time divided by the speed);
        ``poll``: look again at least this often (real seconds), for a show also driven from elsewhere."""
        clock = self.show.clock
        most = timedelta(seconds=poll * self.rate) if poll is not None else timedelta(minutes=1)

        def wait(delta: timedelta) -> None:
            sleep(delta.total_seconds() / self.rate)
            if isinstance(clock, FakeClock):
                clock.advance(delta)

        while True:
            try:
                yield from drive(self.show, wait, max_wait=most)
                return
            except LogWriteError:
                if poll is None:
                    raise
                # served: the pages and the control go on (the change was undone); it is tried again, and logged,
                # at a tick the log can take it
                wait(most)

    def serve(self, options: ServeOptions, environ: Mapping[str, str]) -> Serving:
        """Serve the show's pages and control beside the console or the plain runner (stop it before closing)."""
        from clustermeet.show.serve.server import (  # noqa: PLC0415 slow import: uvicorn and Starlette, served runs only
            start_serving,
        )

        return start_serving(self, options, environ)

    def close(self) -> None:
        """End the log with a ``quit`` record; the show can be resumed from it."""
        if self.writer is not None:
            self.writer.write({"type": "quit", "at": self.show.now().isoformat()})
            self.writer.close()
            self.writer = None


def open_show(
    loaded: LoadedAgenda, options: RunOptions, *, now: Clock, monotonic: Callable[[], float], agenda: str
) -> ShowSession:
    """Open the show of ``loaded`` as ``options`` say; ``now`` and ``monotonic`` are the machine's clocks and
    ``agenda`` the agenda's name for the log's header."""
    schedule = loaded.schedule
    plan = with_awards(build_plan(schedule, options.track), loaded)
    contents = read_log(options.log) if options.log is not None else None
    if contents is not None:
        check_resumable(contents, plan.steps)
    resuming = contents is not None and not contents.empty
    simulated = options.speed is not None or options.start_at is not None
    rate = options.speed if options.speed is not None else 1.0
    clock = _clock(options, plan, schedule, contents, now, monotonic) if simulated else now
    engine = Engine(plan.steps, plan.cues, auto_advance=options.plain and not options.serve)
    writer = ShowLog(options.log) if options.log is not None else None
    show = Show(engine, clock, writer.write if writer else _discard, append=writer.append if writer else None)
    session = ShowSession(show, plan, schedule, rate, writer=writer)
    try:
        _begin(session, contents, str(options.log), agenda)
    except BaseException:
        session.close()
        raise
    if not simulated and not resuming and clock() > plan.steps[-1].planned_end:
        session.ended = schedule.local(plan.steps[-1].planned_end)
    return session


def _discard(_record: dict[str, Any]) -> None:
    return None


def _clock(
    options: RunOptions,
    plan: Plan,
    schedule: Schedule,
    contents: LogContents | None,
    now: Clock,
    monotonic: Callable[[], float],
) -> Clock:
    """The clock of a rehearsal: from where the log stopped, the time asked for, or the planned start."""
    if contents is not None and not contents.empty and contents.last_at is not None:
        origin = contents.last_at
    elif options.start_at is not None:
        origin = start_moment(options.start_at, schedule.zone, plan)
    else:
        origin = plan.steps[0].planned_start
    # A plain rehearsal follows the plan by itself: its clock steps exactly to each due time, so the same agenda and
    # options give the same lines. The console, which takes keys, runs on real (scaled) time.
    rate = options.speed if options.speed is not None else 1.0
    return FakeClock(origin) if options.plain and not options.serve else SimulatedClock(origin, rate, monotonic)


def _begin(session: ShowSession, contents: LogContents | None, log_name: str, agenda: str) -> None:
    """Open a fresh show, or resume it from its log (then say so in the notice)."""
    show, plan, writer = session.show, session.plan, session.writer
    engine = show.engine
    if isinstance(show.clock, SimulatedClock):
        show.clock.restart()  # start-up time does not count N times
    now = show.now()
    if contents is not None and not contents.empty:
        engine.restore(contents.actions, contents.fired, now)
        show.mark_written()
        step = engine.current
        where = step.title if step is not None else say("console.finished", plan.language)
        if writer is not None:
            writer.write(
                {"type": "resume", "at": now.isoformat(), "step": step.key if step else None, "speed": session.rate}
            )
        local = now.astimezone(session.zone)
        session.notice = say("console.resumed_from", plan.language, log=log_name, step=where, time=f"{local:%H:%M:%S}")
        return
    if writer is not None:
        writer.write(
            header_record(
                plan.steps,
                title=plan.title,
                agenda=agenda,
                zone=session.zone.key,
                language=plan.language,
                at=now,
                speed=session.rate,
            )
        )
    session.first = show.open()


def start_moment(value: str, zone: ZoneInfo, plan: Plan) -> datetime:
    """Where a rehearsal's clock starts: ``HH:MM`` on the show's first day, or ``YYYY-MM-DD HH:MM``, in ``zone``;
    during the show or the day before it."""
    try:
        start = parse_start(value)
    except ValueError as exc:
        # most of parse_start's messages start with the value, which OptionError puts first already
        said, quoted = str(exc), f"{value!r} "
        wrong = said.removeprefix(quoted) if said.startswith(quoted) else f"is not a start time: {said}"
        raise OptionError("start_at", value, wrong, example="09:55") from None
    day = start.date or plan.steps[0].planned_start.astimezone(zone).date()
    moment, problem, _is_error = resolve_wall_time(day, start, zone)
    if moment is None:
        raise OptionError("start_at", value, f"is not a time there: {problem or 'no such wall time'}")
    first, last = plan.steps[0].planned_start, plan.steps[-1].planned_end
    if not first - timedelta(days=1) <= moment <= last:
        raise OptionError(
            "start_at",
            value,
            "is not during the show or the day before it "
            f"({first.astimezone(zone):%Y-%m-%d %H:%M} to {last.astimezone(zone):%Y-%m-%d %H:%M})",
        )
    return moment.astimezone(UTC)
