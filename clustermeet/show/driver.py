"""I/O: the show in real time: an engine with its clock and its log (every action and event written as it
happens), the loop that follows the plan by sleeping until the next due moment, and the clocks of rehearsals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from clustermeet.show.records import event_record

if TYPE_CHECKING:
    from clustermeet.show.engine import Engine
    from clustermeet.show.projection import Status
    from clustermeet.show.records import ActionKind, ShowEvent

Clock = Callable[[], datetime]
ZERO = timedelta(0)


@dataclass
class Show:
    """An engine with its clock and its log: what the runners and the console drive."""

    engine: Engine
    clock: Clock
    record: Callable[[dict[str, Any]], None] = lambda _record: None
    #: writes a batch of records all or nothing (:meth:`~clustermeet.show.log.ShowLog.append`); else ``record``
    append: Callable[[list[dict[str, Any]]], None] | None = None
    #: held around every change and read: a served show is driven from the console and the server's thread
    guard: AbstractContextManager[Any] = field(default_factory=nullcontext)
    #: told every batch of events, whoever caused them (a served show's plain output prints them all)
    listener: Callable[[list[ShowEvent]], None] | None = None
    _written: int = field(default=0, init=False)

    def now(self) -> datetime:
        return self.clock()

    def write(self, records: list[dict[str, Any]]) -> None:
        """Log ``records``, all or none (raises :class:`~clustermeet.show.log.LogWriteError` where none)."""
        if self.append is not None:
            self.append(records)
        else:
            for record in records:
                self.record(record)

    def _change(self, change: Callable[[datetime], list[ShowEvent]]) -> list[ShowEvent]:
        """Apply ``change`` at now and log what it did, or, where the log cannot take it, undo it and raise: the
        state never holds an action the log does not (a retry then applies and logs it once)."""
        with self.guard:
            saved = self.engine.checkpoint()
            events = change(self.now())
            records = [a.to_json() for a in self.engine.actions[self._written :]]
            records += [event_record(e) for e in events]
            if records:
                try:
                    self.write(records)
                except BaseException:
                    self.engine.rollback(saved)
                    raise
            self._written = len(self.engine.actions)
            if events and self.listener is not None:
                self.listener(events)
        return events

    def __post_init__(self) -> None:
        self._written = len(self.engine.actions)

    def open(self, *, jump: bool = True) -> list[ShowEvent]:
        return self._change(lambda now: self.engine.open(now, jump=jump))

    def tick(self) -> list[ShowEvent]:
        return self._change(self.engine.tick)

    def act(self, kind: ActionKind | str, seconds: int = 0, step: int = -1) -> list[ShowEvent]:
        return self._change(lambda now: self.engine.act(kind, now, seconds=seconds, step=step))

    def status(self) -> Status:
        with self.guard:
            return self.engine.status(self.now())

    def mark_written(self) -> None:
        self._written = len(self.engine.actions)


def drive(
    show: Show, sleep: Callable[[timedelta], None], *, max_wait: timedelta = timedelta(minutes=1)
) -> Iterator[ShowEvent]:
    """Follow the plan on its own until the show is over, yielding each event; ``sleep`` waits in show time."""
    engine = show.engine
    idle = 0
    while True:
        yield from show.tick()
        if engine.finished:
            return
        now = show.now()
        due = engine.next_due(now)
        wait = min(due - now, max_wait) if due is not None else max_wait
        if wait <= ZERO:
            idle += 1
            if idle > 1000:
                raise RuntimeError("the show clock does not move")
            continue
        idle = 0
        sleep(wait)


class SimulatedClock:
    """Show time running ``speed`` times faster than ``monotonic`` from ``origin``; for rehearsals."""

    def __init__(self, origin: datetime, speed: float, monotonic: Callable[[], float]) -> None:
        self.origin = origin
        self.speed = speed
        self._monotonic = monotonic
        self._base = monotonic()

    def __call__(self) -> datetime:
        return self.origin + timedelta(seconds=(self._monotonic() - self._base) * self.speed)

    def restart(self) -> None:
        """Start counting from ``origin`` again (after loading, so start-up time does not count N times)."""
        self._base = self._monotonic()


class FakeClock:
    """A clock that only moves when told: for tests, and for plain rehearsals, which step from one due time to the
    next."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta
