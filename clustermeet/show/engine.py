"""The run-of-show engine: what is on now, how long is left, what comes next, how late the show runs.

The state is a fold over *actions* (next, previous, pause, resume, adjust, jump), each with the moment it happened,
so the same actions always give the same state: that is how a show resumes from its log after a crash, and how
``report`` rebuilds the actual times. Time never comes from the system: :class:`Engine` takes ``now`` in every
call and :class:`Show` takes an injectable clock (a callable returning an aware datetime), so tests use a fake
clock and never sleep.

Rules:
- Before the show (and before a segment with a fixed start, when the show is early) the engine *waits* and counts
  down to the planned start; it starts the step on its own at that moment.
- A running step ends when the operator says next. With ``auto_advance`` (plain mode) it ends at the end of its
  allotted time; changeovers between pitches always do.
- A step is *on time* until ``warn_before`` its end, then *warning*, then *overtime* (the countdown goes negative).
- Drift is how much later than planned the current step is expected to end; the expected end of the show follows
  from it, with fixed starts absorbing delays where the plan has slack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from clustermeet.errors import UsageError
from clustermeet.show.cues import Cue, Step

Clock = Callable[[], datetime]
ZERO = timedelta(0)


class Phase(StrEnum):
    waiting = "waiting"
    on_time = "on_time"
    warning = "warning"
    overtime = "overtime"
    finished = "finished"


_RANK = {Phase.waiting: 0, Phase.on_time: 1, Phase.warning: 2, Phase.overtime: 3, Phase.finished: 4}


class ActionKind(StrEnum):
    next = "next"
    previous = "previous"
    pause = "pause"
    resume = "resume"
    adjust = "adjust"
    jump = "jump"


@dataclass(frozen=True)
class Action:
    """One change of state: by the operator, or by the engine itself (``auto``)."""

    kind: ActionKind
    at: datetime
    seconds: int = 0
    step: int = -1
    auto: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "action", "action": self.kind.value, "at": self.at.isoformat()}
        if self.kind is ActionKind.adjust:
            data["seconds"] = self.seconds
        if self.kind is ActionKind.jump:
            data["step"] = self.step
        if self.auto:
            data["auto"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Action:
        return cls(
            kind=ActionKind(data["action"]),
            at=datetime.fromisoformat(data["at"]),
            seconds=int(data.get("seconds", 0)),
            step=int(data.get("step", -1)),
            auto=bool(data.get("auto", False)),
        )


@dataclass
class StepRun:
    """What actually happened to one step."""

    start: datetime
    end: datetime | None = None
    paused: timedelta = ZERO
    extra: timedelta = ZERO


@dataclass(frozen=True)
class ShowEvent:
    """Something to tell the operator (one line in plain mode, one record in the log)."""

    kind: str  # start, end, wait, warning, overtime, cue, pause, resume, adjust, previous, jump, finished
    at: datetime
    step: Step | None = None
    cue: Cue | None = None
    duration: timedelta | None = None
    overrun: timedelta | None = None
    seconds: int = 0
    auto: bool = False


@dataclass(frozen=True)
class Cut:
    """Shorten a flexible step from its planned length to ``new``."""

    step: Step
    planned: timedelta
    new: timedelta

    @property
    def saved(self) -> timedelta:
        return self.planned - self.new


@dataclass(frozen=True)
class CatchUp:
    """How to absorb a delay before ``target`` (the next fixed-start step; None: the end of the show)."""

    delay: timedelta
    target: Step | None
    cuts: tuple[Cut, ...]
    remaining: timedelta


@dataclass(frozen=True)
class Status:
    """Everything the console shows, at one moment."""

    now: datetime
    phase: Phase
    paused: bool
    index: int
    step: Step | None
    remaining: timedelta
    elapsed: timedelta
    allotted: timedelta
    next_step: Step | None
    next_start: datetime | None
    planned_end: datetime
    expected_end: datetime
    drift: timedelta
    show_drift: timedelta
    last_cue: Cue | None
    catch_up: CatchUp | None


@dataclass
class Engine:
    """The state of one show. Every method takes ``now``; nothing reads a clock."""

    steps: list[Step]
    cues: list[Cue] = field(default_factory=list)
    auto_advance: bool = False
    index: int = 0
    runs: dict[int, StepRun] = field(default_factory=dict)
    paused_since: datetime | None = None
    actions: list[Action] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)
    last_cue: Cue | None = None
    floor: datetime | None = None
    _phase_seen: dict[int, Phase] = field(default_factory=dict)
    # The cues of each step, in plan order: every tick looks only at the current step's cues, so a long agenda
    # (hundreds of segments, thousands of cues) does not make each tick scan them all.
    _step_cues: dict[str, list[Cue]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        if not self.steps:
            raise UsageError("the agenda has no segments to run")
        for cue in self.cues:
            self._step_cues.setdefault(cue.step, []).append(cue)

    # --- state ---------------------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.index >= len(self.steps)

    @property
    def current(self) -> Step | None:
        return None if self.finished else self.steps[self.index]

    @property
    def run(self) -> StepRun | None:
        return self.runs.get(self.index)

    @property
    def waiting(self) -> bool:
        return not self.finished and self.run is None

    def allotted(self, index: int) -> timedelta:
        run = self.runs.get(index)
        return self.steps[index].duration + (run.extra if run else ZERO)

    def elapsed(self, now: datetime) -> timedelta:
        """Active time of the current step (pauses left out)."""
        run = self.run
        if run is None:
            return ZERO
        until = run.end or now
        active = until - run.start - run.paused
        if self.paused_since is not None and run.end is None:
            active -= now - self.paused_since
        return max(active, ZERO)

    def remaining(self, now: datetime) -> timedelta:
        if self.finished:
            return ZERO
        if self.run is None:
            return max(self.steps[self.index].planned_start - now, ZERO)
        return self.allotted(self.index) - self.elapsed(now)

    def phase(self, now: datetime) -> Phase:
        if self.finished:
            return Phase.finished
        if self.run is None:
            return Phase.waiting
        left = self.remaining(now)
        step = self.steps[self.index]
        if left < ZERO:
            return Phase.overtime
        if step.warn_before > ZERO and left <= step.warn_before:
            return Phase.warning
        return Phase.on_time

    # --- starting ------------------------------------------------------------------------------------------

    def open(self, now: datetime, *, jump: bool = True) -> list[ShowEvent]:
        """Start a fresh show at ``now``; past the planned start, ``jump`` to the step planned for now."""
        self.floor = now
        events: list[ShowEvent] = []
        if jump and now >= self.steps[0].planned_start:
            target = next((i for i, s in enumerate(self.steps) if s.planned_end > now), len(self.steps))
            events += self._apply(Action(ActionKind.jump, now, step=target, auto=True))
            self._mark_past_cues(now)
        elif self.waiting:
            events.append(ShowEvent("wait", now, self.current))
        self._settle_phase(now)
        events += self._scan(now)
        return events

    def restore(self, actions: list[Action], fired: set[str], now: datetime) -> None:
        """Rebuild the state from logged actions (after a crash); say nothing about what happened before."""
        self.replay(actions)
        self.fired |= fired
        self.floor = max([now, *(a.at for a in actions)])
        self._settle_phase(now)
        self.last_cue = next((c for c in reversed(self.cues) if c.key in self.fired), None)

    def replay(self, actions: list[Action]) -> None:
        """Apply logged actions as they were (no clock, no events)."""
        for action in actions:
            self._apply(action)

    def _mark_past_cues(self, now: datetime) -> None:
        """Cues of the steps a jump passed over are not due any more."""
        for cue in self.cues:
            step_index = self._step_index(cue.step)
            if step_index < self.index or (cue.anchor == "show" and step_index == self.index and not self.waiting):
                self.fired.add(cue.key)

    def _step_index(self, key: str) -> int:
        return next((i for i, s in enumerate(self.steps) if s.key == key), -1)

    def _settle_phase(self, now: datetime) -> None:
        if not self.finished:
            self._phase_seen[self.index] = self.phase(now)

    # --- actions -------------------------------------------------------------------------------------------

    def act(self, kind: ActionKind | str, now: datetime, *, seconds: int = 0) -> list[ShowEvent]:
        """An operator action at ``now``; first catches up with what the clock did."""
        events = self.tick(now)
        action = Action(ActionKind(kind), max(now, self.floor or now), seconds=seconds)
        events += self._apply(action)
        events += self._scan(action.at)
        return events

    def _apply(self, action: Action) -> list[ShowEvent]:
        self.actions.append(action)
        self.floor = max(self.floor or action.at, action.at)
        at = action.at
        kind = action.kind
        if kind is ActionKind.pause:
            if self.paused_since is None and not self.finished:
                self.paused_since = at
                return [ShowEvent("pause", at, self.current)]
            return []
        if kind is ActionKind.resume:
            return self._resume(at)
        if kind is ActionKind.adjust:
            run = self.run
            if run is None:
                return []
            before = run.extra
            run.extra = max(run.extra + timedelta(seconds=action.seconds), -self.steps[self.index].duration)
            if run.extra != before:
                self._phase_seen[self.index] = min(
                    self._phase_seen.get(self.index, Phase.on_time), self.phase(at), key=_RANK.__getitem__
                )
            return [ShowEvent("adjust", at, self.current, seconds=int((run.extra - before).total_seconds()))]
        if kind is ActionKind.jump:
            self.runs.clear()
            self.index = action.step
            if self.finished:
                return [ShowEvent("finished", at)]
            step = self.steps[self.index]
            if step.fixed and step.planned_start > at:
                return [ShowEvent("wait", at, step, auto=action.auto)]
            self.runs[self.index] = StepRun(start=min(step.planned_start, at))
            label = "start" if self.index == 0 else "jump"  # nothing skipped: just the start
            return [ShowEvent(label, at, step, auto=action.auto), *self._start_cues(at)]
        events = self._resume(at)
        if kind is ActionKind.next:
            events += self._next(at, action.auto)
        elif kind is ActionKind.previous:
            events += self._previous(at)
        return events

    def _resume(self, at: datetime) -> list[ShowEvent]:
        if self.paused_since is None:
            return []
        run = self.run
        if run is not None and run.end is None:
            run.paused += at - self.paused_since
        self.paused_since = None
        return [ShowEvent("resume", at, self.current)]

    def _next(self, at: datetime, auto: bool) -> list[ShowEvent]:
        if self.finished:
            return []
        run = self.run
        if run is None:
            self.runs[self.index] = StepRun(start=at)
            return [ShowEvent("start", at, self.current, auto=auto), *self._start_cues(at)]
        events = self._final_cues(at)
        run.end = at
        step = self.steps[self.index]
        duration = at - run.start - run.paused
        events.append(ShowEvent("end", at, step, duration=duration, overrun=duration - step.duration, auto=auto))
        self.index += 1
        if self.finished:
            events.append(ShowEvent("finished", at, auto=auto))
            return events
        following = self.steps[self.index]
        if following.fixed and following.planned_start > at:
            events.append(ShowEvent("wait", at, following, auto=auto))
        else:
            self.runs[self.index] = StepRun(start=at)
            events += [ShowEvent("start", at, following, auto=auto), *self._start_cues(at)]
        self._phase_seen.pop(self.index, None)
        return events

    def _previous(self, at: datetime) -> list[ShowEvent]:
        if self.finished:
            self.index = len(self.steps) - 1
        elif self.run is not None and self.index == 0:
            del self.runs[0]
            return [ShowEvent("previous", at, self.current)]
        elif self.index == 0:
            return []
        else:
            self.runs.pop(self.index, None)
            self.index -= 1
        run = self.runs.get(self.index)
        if run is not None:
            run.end = None
        self._phase_seen[self.index] = self.phase(at)
        return [ShowEvent("previous", at, self.current)]

    # --- the clock -----------------------------------------------------------------------------------------

    def _auto_due(self) -> datetime | None:
        if self.finished or self.paused_since is not None:
            return None
        step = self.steps[self.index]
        run = self.run
        if run is None:
            return step.planned_start
        if self.auto_advance or step.auto_end:
            return run.start + run.paused + self.allotted(self.index)
        return None

    def tick(self, now: datetime) -> list[ShowEvent]:
        """Catch up with the clock: start waiting steps, end timed ones, fire due warnings and cues."""
        events: list[ShowEvent] = []
        for _ in range(2 * len(self.steps) + 2):  # each pass ends or starts a step, so this bounds the loop
            due = self._auto_due()
            if due is None or due > now:
                break
            at = max(due, self.floor or due)
            events += self._scan(at)
            events += self._apply(Action(ActionKind.next, at, auto=True))
        events += self._scan(now)
        return events

    def next_due(self, now: datetime) -> datetime | None:
        """The next moment something happens by itself (for a runner that sleeps until then)."""
        moments: list[datetime] = []
        due = self._auto_due()
        if due is not None:
            moments.append(due)
        if not self.finished and self.paused_since is None:
            step = self.steps[self.index]
            run = self.run
            if run is not None:
                end = run.start + run.paused + self.allotted(self.index)
                moments += [end, end + timedelta(seconds=1), end - step.warn_before]
                moments += [end - c.before for c in self._cues_of(step) if c.anchor == "end"]
            else:
                moments += [c.at for c in self._cues_of(step) if c.anchor == "show"]
        later = [m for m in moments if m > now]
        return min(later) if later else None

    def _scan(self, now: datetime) -> list[ShowEvent]:
        events: list[ShowEvent] = []
        if self.finished:
            return events
        phase = self.phase(now)
        seen = self._phase_seen.get(self.index, Phase.waiting)
        if phase in {Phase.warning, Phase.overtime} and _RANK[phase] > _RANK[seen]:
            events.append(ShowEvent(phase.value, now, self.current))
        self._phase_seen[self.index] = phase
        step = self.steps[self.index]
        for cue in self._cues_of(step):
            if cue.key in self.fired:
                continue
            if cue.anchor == "show" and self.waiting and now >= cue.at:
                events.append(self._fire(cue, now))
            elif cue.anchor == "end" and self.run is not None and self.remaining(now) <= cue.before:
                events.append(self._fire(cue, now))
        return events

    def _start_cues(self, at: datetime) -> list[ShowEvent]:
        step = self.steps[self.index]
        return [self._fire(c, at) for c in self._cues_of(step) if c.anchor == "start" and c.key not in self.fired]

    def _final_cues(self, at: datetime) -> list[ShowEvent]:
        """Ending a step early still closes the rooms (and ends the show)."""
        step = self.steps[self.index]
        return [
            self._fire(c, at)
            for c in self._cues_of(step)
            if c.anchor == "end" and c.before == ZERO and c.key not in self.fired
        ]

    def _cues_of(self, step: Step) -> list[Cue]:
        return self._step_cues.get(step.key, [])

    def _fire(self, cue: Cue, at: datetime) -> ShowEvent:
        self.fired.add(cue.key)
        self.last_cue = cue
        return ShowEvent("cue", at, self.current, cue=cue)

    # --- projection ----------------------------------------------------------------------------------------

    def projection(self, now: datetime) -> list[tuple[datetime, datetime]]:
        """Expected (start, end) of the current step and every later one, as things stand."""
        if self.finished:
            return []
        out: list[tuple[datetime, datetime]] = []
        run = self.run
        step = self.steps[self.index]
        if run is None:
            start = max(now, step.planned_start)
            end = start + step.duration
        else:
            start = run.start
            end = now + max(self.remaining(now), ZERO)
        out.append((start, end))
        for later in self.steps[self.index + 1 :]:
            start = max(end, later.planned_start) if later.fixed else end
            end = start + later.duration
            out.append((start, end))
        return out

    def catch_up(self, now: datetime, projection: list[tuple[datetime, datetime]] | None = None) -> CatchUp | None:
        """Which flexible steps can absorb the delay before the next fixed start (or the end of the show)."""
        if self.finished:
            return None
        projected = projection if projection is not None else self.projection(now)
        target_offset = next((n for n, s in enumerate(self.steps[self.index + 1 :], 1) if s.fixed), None)
        if target_offset is not None:
            target: Step | None = self.steps[self.index + target_offset]
            delay = projected[target_offset][0] - self.steps[self.index + target_offset].planned_start
            between = self.steps[self.index + 1 : self.index + target_offset]
        else:
            target = None
            delay = projected[-1][1] - self.steps[-1].planned_end
            between = self.steps[self.index + 1 :]
        if delay <= ZERO:
            return None
        cuts: list[Cut] = []
        left = delay
        for candidate in between:
            if left <= ZERO:
                break
            spare = candidate.duration - candidate.min_duration
            if not candidate.flexible or spare <= ZERO:
                continue
            saved = min(spare, left)
            cuts.append(Cut(candidate, candidate.duration, candidate.duration - saved))
            left -= saved
        return CatchUp(delay, target, tuple(cuts), left)

    def status(self, now: datetime) -> Status:
        planned_end = self.steps[-1].planned_end
        projected = self.projection(now)
        if self.finished:
            last_run = self.runs.get(len(self.steps) - 1)
            expected_end = last_run.end if last_run and last_run.end else now
            drift = ZERO
        else:
            expected_end = projected[-1][1]
            drift = projected[0][1] - self.steps[self.index].planned_end
        step = self.current
        following = self.steps[self.index + 1] if self.index + 1 < len(self.steps) else None
        return Status(
            now=now,
            phase=self.phase(now),
            paused=self.paused_since is not None,
            index=self.index,
            step=step,
            remaining=self.remaining(now),
            elapsed=self.elapsed(now),
            allotted=self.allotted(self.index) if step else ZERO,
            next_step=following,
            next_start=projected[1][0] if len(projected) > 1 else None,
            planned_end=planned_end,
            expected_end=expected_end,
            drift=drift,
            show_drift=expected_end - planned_end,
            last_cue=self.last_cue,
            catch_up=self.catch_up(now, projected),
        )


@dataclass
class Show:
    """An engine with its clock and its log: what the runners and the console drive."""

    engine: Engine
    clock: Clock
    record: Callable[[dict[str, Any]], None] = lambda _record: None
    _written: int = field(default=0, init=False)

    def now(self) -> datetime:
        return self.clock()

    def _log(self, events: list[ShowEvent]) -> list[ShowEvent]:
        logged = len(self.engine.actions)
        for action in self.engine.actions[self._written :]:
            self.record(action.to_json())
        self._written = logged
        for event in events:
            self.record(event_record(event))
        return events

    def __post_init__(self) -> None:
        self._written = len(self.engine.actions)

    def open(self, *, jump: bool = True) -> list[ShowEvent]:
        return self._log(self.engine.open(self.now(), jump=jump))

    def tick(self) -> list[ShowEvent]:
        return self._log(self.engine.tick(self.now()))

    def act(self, kind: ActionKind | str, seconds: int = 0) -> list[ShowEvent]:
        return self._log(self.engine.act(kind, self.now(), seconds=seconds))

    def status(self) -> Status:
        return self.engine.status(self.now())

    def mark_written(self) -> None:
        self._written = len(self.engine.actions)


def event_record(event: ShowEvent) -> dict[str, Any]:
    """The stable JSON shape of one event (``--json-lines`` and the log)."""
    data: dict[str, Any] = {"type": "event", "event": event.kind, "at": event.at.isoformat()}
    if event.step is not None:
        data["step"] = event.step.key
        data["segment"] = event.step.segment_id
        data["title"] = event.step.title
        data["planned_start"] = event.step.planned_start.isoformat()
        data["planned_end"] = event.step.planned_end.isoformat()
    if event.duration is not None:
        data["duration"] = int(event.duration.total_seconds())
    if event.overrun is not None:
        data["overrun"] = int(event.overrun.total_seconds())
    if event.kind == "adjust":
        data["seconds"] = event.seconds
    if event.cue is not None:
        data["cue"] = event.cue.key
        data["cue_kind"] = event.cue.kind.value
        data["cue_title"] = event.cue.title
        data["action"] = event.cue.action
        if event.cue.message:
            data["message"] = event.cue.message
    if event.auto:
        data["auto"] = True
    return data


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
