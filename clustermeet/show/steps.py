"""The running order as timers: every segment, or each pitch, changeover or round inside it, with planned times.

A *step* is what one timer of the live engine counts down. Pure: the schedule in, plain data out; titles are in
the event's language (de or en), from ``i18n.SHOW_WORDS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.timing import round_window
from clustermeet.errors import OptionError, UsageError
from clustermeet.show.words import say
from clustermeet.text import closest

if TYPE_CHECKING:
    from clustermeet.agenda.models import PitchBlock, Segment
    from clustermeet.agenda.timing import Schedule, ScheduledItem

ZERO = timedelta(0)


class StepKind(StrEnum):
    segment = "segment"
    pitch = "pitch"
    changeover = "changeover"
    round = "round"
    tail = "tail"


@dataclass(frozen=True)
class Step:
    """One timer of the running order, with its planned times (UTC)."""

    key: str
    segment_id: str
    kind: StepKind
    title: str
    segment_title: str
    planned_start: datetime
    planned_end: datetime
    fixed: bool = False
    flexible: bool = False
    min_duration: timedelta = ZERO
    warn_before: timedelta = timedelta(minutes=2)
    auto_end: bool = False
    part: int = 0
    parts: int = 0

    @property
    def duration(self) -> timedelta:
        return self.planned_end - self.planned_start

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "segment": self.segment_id,
            "kind": self.kind.value,
            "title": self.title,
            "segment_title": self.segment_title,
            "planned_start": self.planned_start.isoformat(),
            "planned_end": self.planned_end.isoformat(),
            "fixed": self.fixed,
            "flexible": self.flexible,
            "min_duration": int(self.min_duration.total_seconds()),
            "warn_before": int(self.warn_before.total_seconds()),
            "auto_end": self.auto_end,
            "part": self.part,
            "parts": self.parts,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Step:
        return cls(
            key=str(data["key"]),
            segment_id=str(data["segment"]),
            kind=StepKind(data["kind"]),
            title=str(data["title"]),
            segment_title=str(data["segment_title"]),
            planned_start=datetime.fromisoformat(data["planned_start"]),
            planned_end=datetime.fromisoformat(data["planned_end"]),
            fixed=bool(data["fixed"]),
            flexible=bool(data["flexible"]),
            min_duration=timedelta(seconds=int(data["min_duration"])),
            warn_before=timedelta(seconds=int(data["warn_before"])),
            auto_end=bool(data["auto_end"]),
            part=int(data["part"]),
            parts=int(data["parts"]),
        )


class TrackRequiredError(UsageError):
    """The agenda has parallel tracks and a run follows one of them, but none was chosen; ``choices``: the tracks."""

    def __init__(self, choices: list[str]) -> None:
        super().__init__("this agenda has parallel tracks; a run follows one of them")
        self.choices = tuple(choices)


def _warn_before(length: timedelta) -> timedelta:
    """When a timer turns to 'warning': 2 minutes before the end, or a quarter of a short timer."""
    return min(timedelta(minutes=2), length / 4)


def segment_steps(segment: Segment, start: datetime, end: datetime, language: str) -> list[Step]:
    """The timers of one segment: itself, or its pitches and changeovers, or its mixing rounds."""
    if segment.pitches is not None:
        return _pitch_steps(segment, segment.pitches, start, end, language)
    warnings = list(segment.breakout.close_warnings) if segment.breakout is not None else [ZERO]
    rounds = segment.breakout.rounds if segment.breakout is not None else 1
    if rounds > 1:
        return _round_steps(segment, rounds, max(warnings), start, end, language)
    flexible_min = segment.min_duration if segment.min_duration is not None else ZERO
    return [
        Step(
            key=segment.id,
            segment_id=segment.id,
            kind=StepKind.segment,
            title=segment.title,
            segment_title=segment.title,
            planned_start=start,
            planned_end=end,
            fixed=segment.start is not None,
            flexible=segment.flexible,
            min_duration=flexible_min if segment.flexible else end - start,
            warn_before=max(warnings) if segment.breakout is not None else _warn_before(end - start),
        )
    ]


def _pitch_steps(segment: Segment, block: PitchBlock, start: datetime, end: datetime, language: str) -> list[Step]:
    """Each pitch, the changeover after each but the last, and what is left of the segment (the tail)."""
    steps: list[Step] = []
    moment = start
    count = len(block.items)
    common: dict[str, Any] = {"segment_id": segment.id, "segment_title": segment.title, "parts": count}
    for number, pitch in enumerate(block.items, 1):
        steps.append(
            Step(
                key=f"{segment.id}#pitch-{number}",
                kind=StepKind.pitch,
                title=say("cue.pitch", language, part=number, parts=count, team=pitch.team),
                planned_start=moment,
                planned_end=moment + block.per_pitch,
                fixed=segment.start is not None and number == 1,
                warn_before=_warn_before(block.per_pitch),
                part=number,
                **common,
            )
        )
        moment += block.per_pitch
        if number < count and block.changeover > ZERO:
            steps.append(
                Step(
                    key=f"{segment.id}#change-{number}",
                    kind=StepKind.changeover,
                    title=say("cue.changeover", language),
                    planned_start=moment,
                    planned_end=moment + block.changeover,
                    warn_before=ZERO,
                    auto_end=True,
                    part=number,
                    **common,
                )
            )
            moment += block.changeover
    if moment < end:
        steps.append(
            Step(
                key=f"{segment.id}#tail",
                segment_id=segment.id,
                kind=StepKind.tail,
                title=say("cue.tail", language),
                segment_title=segment.title,
                planned_start=moment,
                planned_end=end,
                flexible=True,
                warn_before=_warn_before(end - moment),
            )
        )
    return steps


def _round_steps(
    segment: Segment, rounds: int, warning: timedelta, start: datetime, end: datetime, language: str
) -> list[Step]:
    """The mixing rounds of a breakout segment, one timer each."""
    windows = [round_window(start, end, rounds, number) for number in range(1, rounds + 1)]
    return [
        Step(
            key=f"{segment.id}#round-{number}",
            segment_id=segment.id,
            kind=StepKind.round,
            title=say("cue.round", language, part=number, parts=rounds),
            segment_title=segment.title,
            planned_start=round_start,
            planned_end=round_end,
            fixed=segment.start is not None and number == 1,
            warn_before=min(warning, round_end - round_start),
            part=number,
            parts=rounds,
        )
        for number, (round_start, round_end) in enumerate(windows, 1)
    ]


def lane_segments(schedule: Schedule, track: str | None) -> list[Segment]:
    """The segments one run follows: those of ``track`` and the plenary (every one when there are no tracks)."""
    agenda = schedule.agenda
    known = [t.id for t in agenda.tracks]
    if track is not None and track not in known:
        problem = "is not a track of this agenda" if known else "is not a track: this agenda has no tracks"
        raise OptionError("track", track, problem, choices=known, suggestion=closest(track, known))
    if known and track is None:
        raise TrackRequiredError(known)
    return [s for s in agenda.segments if s.track is None or s.track == track]


def steps_of(schedule: Schedule, segments: list[Segment]) -> list[Step]:
    language = schedule.agenda.event.language
    steps: list[Step] = []
    for segment in segments:
        item = _segment_item(schedule, segment.id)
        steps += segment_steps(segment, item.start, item.end, language)
    return steps


def _segment_item(schedule: Schedule, segment_id: str) -> ScheduledItem:
    return next(i for i in schedule.items if i.segment_id == segment_id and i.parent is None)
