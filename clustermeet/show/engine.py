"""The run-of-show engine: what is on now, how long is left, what comes next, how late the show runs.

The state is a fold over *actions* (next, previous, pause, resume, adjust, jump), each with the moment it happened,
so the same actions always give the same state: that is how a show resumes from its log after a crash, and how
``report`` rebuilds the actual times. Time never comes from the system: :class:`Engine` takes ``now`` in every
call and :class:`~clustermeet.show.driver.Show` takes an injectable clock (a callable returning an aware
datetime), so tests use a fake clock and never sleep.

Rules:
- Before the show (and before a segment with a fixed start, when the show is early) the engine *waits* and counts
  down to the planned start; it starts the step on its own at that moment.
- A running step ends when the operator says next. With ``auto_advance`` (plain mode) it ends at the end of its
  allotted time; changeovers between pitches always do.
- A step is *on time* until ``warn_before`` its end, then *warning*, then *overtime* (the countdown goes negative).
- *Carry* gives every segment after the current step, up to the next fixed start, a carried delay: its first
  step starts no earlier than its planned start plus that delay (the time the attendees were told), waiting for it
  like a fixed start; the projection (expected times, shifted cues) follows. A later carry replaces it.
- What the state says at a moment (time left, phase) is :mod:`.state`; what it means for the rest of the show
  (expected end, drift, catch-up) is :mod:`.projection`; the engine with its clock and its log is :mod:`.driver`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from clustermeet.show import projection as _projection
from clustermeet.show.records import Action, ActionKind, Phase, ShowEvent, StepRun
from clustermeet.show.state import RANK, ZERO, EngineState

if TYPE_CHECKING:
    from clustermeet.show.cues import Cue
    from clustermeet.show.projection import CatchUp, Status
    from clustermeet.show.steps import Step


@dataclass
class Engine(EngineState):
    """A show's state and the actions and clock that change it. Every method takes ``now``; nothing reads a clock."""

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

    def act(self, kind: ActionKind | str, now: datetime, *, seconds: int = 0, step: int = -1) -> list[ShowEvent]:
        """An operator action at ``now`` (``step``: where a jump goes; ``seconds``: adjust's, carry's); first catches
        up with what the clock did."""
        events = self.tick(now)
        action = Action(ActionKind(kind), max(now, self.floor or now), seconds=seconds, step=step)
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
                    self._phase_seen.get(self.index, Phase.on_time), self.phase(at), key=RANK.__getitem__
                )
            return [ShowEvent("adjust", at, self.current, seconds=int((run.extra - before).total_seconds()))]
        if kind is ActionKind.jump:
            self.runs.clear()
            self.index = action.step
            if self.finished:
                return [ShowEvent("finished", at)]
            step = self.steps[self.index]
            hold = self.earliest(self.index)
            if hold is not None and hold > at:
                return [self._wait(at, action.auto)]
            self.runs[self.index] = StepRun(start=min(step.planned_start, at))
            label = "start" if self.index == 0 else "jump"  # nothing skipped: just the start
            return [ShowEvent(label, at, step, auto=action.auto), *self._start_cues(at)]
        if kind is ActionKind.carry:
            return self._carry(at, timedelta(seconds=max(action.seconds, 0)))
        events = self._resume(at)
        if kind is ActionKind.next:
            events += self._next(at, action.auto)
        elif kind is ActionKind.previous:
            events += self._previous(at)
        return events

    def _wait(self, at: datetime, auto: bool) -> ShowEvent:
        """Waiting for the current step's fixed or carried start (``seconds``: the delay carried into it)."""
        carried = ZERO if self.steps[self.index].fixed else self.carried.get(self.index, ZERO)
        return ShowEvent("wait", at, self.current, seconds=int(carried.total_seconds()), auto=auto)

    def _carry(self, at: datetime, delay: timedelta) -> list[ShowEvent]:
        """Carry ``delay`` (none: clear it) into the first step of each later segment up to the next fixed start."""
        if self.finished:
            return []
        for index in range(self.index + 1, len(self.steps)):
            step = self.steps[index]
            if step.fixed:
                break
            if step.segment_id == self.steps[index - 1].segment_id:
                continue
            if delay > ZERO:
                self.carried[index] = delay
            else:
                self.carried.pop(index, None)
        return [ShowEvent("carry", at, self.current, seconds=int(delay.total_seconds()))]

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
        hold = self.earliest(self.index)
        if hold is not None and hold > at:
            events.append(self._wait(at, auto))
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
            return self.start_at(self.index)
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
        if phase in {Phase.warning, Phase.overtime} and RANK[phase] > RANK[seen]:
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

    # --- what it means (clustermeet.show.projection) ---------------------------------------------------------

    def projection(self, now: datetime) -> list[tuple[datetime, datetime]]:
        """Expected (start, end) of the current step and every later one, as things stand."""
        return _projection.projection(self, now)

    def catch_up(self, now: datetime, projection: list[tuple[datetime, datetime]] | None = None) -> CatchUp | None:
        """Which flexible steps can absorb the delay before the next fixed start (or the end of the show)."""
        return _projection.catch_up(self, now, projection)

    def status(self, now: datetime) -> Status:
        """Everything the console shows, at ``now``."""
        return _projection.status(self, now)
