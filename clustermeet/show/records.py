"""The values the run-of-show engine folds and tells: actions, the runs of steps, events, and their JSON records.

An *action* (next, previous, pause, resume, adjust, jump, carry) is a change of state at a moment; the engine's state is
a fold over them, which is how a show resumes from its log. An *event* is something to tell the operator (one line
in plain mode, one record in the log).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clustermeet.show.cues import Cue
    from clustermeet.show.steps import Step

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
    #: carry a delay (``seconds``) into every step after the current one up to the next fixed start
    carry = "carry"


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
        if self.kind in {ActionKind.adjust, ActionKind.carry}:
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

    kind: str  # start, end, wait, warning, overtime, cue, pause, resume, adjust, previous, jump, carry, finished
    # adjust: the seconds added; carry: the delay carried; wait: the delay carried into the step waited for
    at: datetime
    step: Step | None = None
    cue: Cue | None = None
    duration: timedelta | None = None
    overrun: timedelta | None = None
    seconds: int = 0
    auto: bool = False


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
    if event.kind in {"adjust", "carry"} or (event.kind == "wait" and event.seconds):
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
