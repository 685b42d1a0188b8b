"""What the engine's state means for the rest of the show: expected times, drift, catch-up advice, the status.

Pure functions of an :class:`~clustermeet.show.engine.Engine` and ``now``: the console redraws from
:func:`status`; drift is how much later than planned the current step is expected to end, and the expected end of
the show follows from it, with fixed starts absorbing delays where the plan has slack; a step with a carried
delay is not expected before its planned start plus that delay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clustermeet.show.cues import Cue
    from clustermeet.show.engine import Engine
    from clustermeet.show.records import Phase
    from clustermeet.show.steps import Step

ZERO = timedelta(0)


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


# --- projection ----------------------------------------------------------------------------------------


def projection(engine: Engine, now: datetime) -> list[tuple[datetime, datetime]]:
    """Expected (start, end) of the current step and every later one, as things stand."""
    if engine.finished:
        return []
    out: list[tuple[datetime, datetime]] = []
    run = engine.run
    step = engine.steps[engine.index]
    if run is None:
        start = max(now, engine.start_at(engine.index))
        end = start + step.duration
    else:
        start = run.start
        end = now + max(engine.remaining(now), ZERO)
    out.append((start, end))
    for index in range(engine.index + 1, len(engine.steps)):
        earliest = engine.earliest(index)  # a fixed start, or the planned start plus a carried delay
        start = max(end, earliest) if earliest is not None else end
        end = start + engine.steps[index].duration
        out.append((start, end))
    return out


def catch_up(engine: Engine, now: datetime, expected: list[tuple[datetime, datetime]] | None = None) -> CatchUp | None:
    """Which flexible steps can absorb the delay before the next fixed start (or the end of the show)."""
    if engine.finished:
        return None
    projected = expected if expected is not None else projection(engine, now)
    target_offset = next((n for n, s in enumerate(engine.steps[engine.index + 1 :], 1) if s.fixed), None)
    if target_offset is not None:
        target: Step | None = engine.steps[engine.index + target_offset]
        delay = projected[target_offset][0] - engine.steps[engine.index + target_offset].planned_start
        between = engine.steps[engine.index + 1 : engine.index + target_offset]
    else:
        target = None
        delay = projected[-1][1] - engine.steps[-1].planned_end
        between = engine.steps[engine.index + 1 :]
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


def status(engine: Engine, now: datetime) -> Status:
    """Everything the console shows at ``now``."""
    planned_end = engine.steps[-1].planned_end
    projected = projection(engine, now)
    if engine.finished:
        last_run = engine.runs.get(len(engine.steps) - 1)
        expected_end = last_run.end if last_run and last_run.end else now
        drift = ZERO
    else:
        expected_end = projected[-1][1]
        drift = projected[0][1] - engine.steps[engine.index].planned_end
    step = engine.current
    following = engine.steps[engine.index + 1] if engine.index + 1 < len(engine.steps) else None
    return Status(
        now=now,
        phase=engine.phase(now),
        paused=engine.paused_since is not None,
        index=engine.index,
        step=step,
        remaining=engine.remaining(now),
        elapsed=engine.elapsed(now),
        allotted=engine.allotted(engine.index) if step else ZERO,
        next_step=following,
        next_start=projected[1][0] if len(projected) > 1 else None,
        planned_end=planned_end,
        expected_end=expected_end,
        drift=drift,
        show_drift=expected_end - planned_end,
        last_cue=engine.last_cue,
        catch_up=catch_up(engine, now, projected),
    )


def expected_spans(engine: Engine, now: datetime) -> dict[str, tuple[datetime, datetime]]:
    """Expected (start, end) of the current step and every later one, by step key."""
    keys = [s.key for s in engine.steps[engine.index :]]
    return dict(zip(keys, projection(engine, now), strict=False))


def shifted_time(cue: Cue, spans: dict[str, tuple[datetime, datetime]]) -> datetime:
    """When ``cue`` falls due as things stand: its step's expected start or end; its planned time for a cue of a
    step already over, or one anchored to the clock (tech check, check-in)."""
    span = spans.get(cue.step)
    if span is None or cue.anchor == "show":
        return cue.at
    if cue.anchor == "start":
        return span[0]
    return span[1] - cue.before
