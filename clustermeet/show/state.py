"""The state of a running show and what it says at a moment: which step, how long is left, which phase.

:class:`EngineState` holds what the actions of :mod:`clustermeet.show.engine` change (the current step, its runs,
pauses, carried delays, the cues fired) and answers the questions asked of it at ``now``; it never reads a clock.
:meth:`EngineState.checkpoint` and :meth:`EngineState.rollback` undo a change whose record the log could not take
(see :class:`clustermeet.show.driver.Show`), so the state never holds what the log does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from clustermeet.errors import UsageError
from clustermeet.show.records import Phase, StepRun

if TYPE_CHECKING:
    from clustermeet.show.cues import Cue
    from clustermeet.show.records import Action
    from clustermeet.show.steps import Step

ZERO = timedelta(0)
RANK = {Phase.waiting: 0, Phase.on_time: 1, Phase.warning: 2, Phase.overtime: 3, Phase.finished: 4}


@dataclass(frozen=True)
class Checkpoint:
    """A copy of everything an action or a tick may change (the actions only by their count: they are appended)."""

    index: int
    runs: dict[int, StepRun]
    paused_since: datetime | None
    actions: int
    fired: frozenset[str]
    last_cue: Cue | None
    floor: datetime | None
    carried: dict[int, timedelta]
    phase_seen: dict[int, Phase]


@dataclass
class EngineState:
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
    carried: dict[int, timedelta] = field(default_factory=dict)  # by step index: see earliest()
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

    def earliest(self, index: int) -> datetime | None:
        """When step ``index`` may start at the soonest (fixed start, or planned start plus a carried delay)."""
        step = self.steps[index]
        if step.fixed:
            return step.planned_start
        carried = self.carried.get(index)
        return step.planned_start + carried if carried else None

    def start_at(self, index: int) -> datetime:
        """When a step that has not started is due to start by itself (waiting for it)."""
        return self.earliest(index) or self.steps[index].planned_start

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
            return max(self.start_at(self.index) - now, ZERO)
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

    def checkpoint(self) -> Checkpoint:
        return Checkpoint(
            index=self.index,
            runs={i: replace(run) for i, run in self.runs.items()},
            paused_since=self.paused_since,
            actions=len(self.actions),
            fired=frozenset(self.fired),
            last_cue=self.last_cue,
            floor=self.floor,
            carried=dict(self.carried),
            phase_seen=dict(self._phase_seen),
        )

    def rollback(self, saved: Checkpoint) -> None:
        """Back to ``saved``, as if nothing had happened since."""
        self.index = saved.index
        self.runs = {i: replace(run) for i, run in saved.runs.items()}
        self.paused_since = saved.paused_since
        del self.actions[saved.actions :]
        self.fired = set(saved.fired)
        self.last_cue = saved.last_cue
        self.floor = saved.floor
        self.carried = dict(saved.carried)
        self._phase_seen = dict(saved.phase_seen)
