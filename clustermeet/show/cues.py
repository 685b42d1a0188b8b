"""The cue sheet: every cue of the crew, with planned times, over the steps of :mod:`clustermeet.show.steps`.

A *cue* is something a person has to do at a moment: check the tech, open the breakout rooms, broadcast the close
warning, launch the poll, spotlight a speaker. Cues are anchored to a step (at its start, or some time before its
end) or to the show's start, so that the live engine can fire them at the *actual* times while the cue sheet
prints them at the planned ones.

Pure: the schedule in, plain data out. Texts are in the event's language (de or en), from ``i18n.SHOW_WORDS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from clustermeet.agenda import calls
from clustermeet.agenda.calls import CHECK_IN_BEFORE, TECH_CHECK_BEFORE, segment_people
from clustermeet.agenda.meetings import room_opening
from clustermeet.agenda.timing import person_name
from clustermeet.errors import OptionError
from clustermeet.show.steps import Step, StepKind, lane_segments, steps_of
from clustermeet.show.words import say
from clustermeet.text import closest

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, Breakout, Segment
    from clustermeet.agenda.timing import Schedule

POLL_CLOSE_BEFORE = timedelta(minutes=1)
ZERO = timedelta(0)


class CueKind(StrEnum):
    tech_check = "tech_check"
    check_in = "check_in"
    start = "start"
    open_rooms = "open_rooms"
    close_warning = "close_warning"
    close_rooms = "close_rooms"
    launch_poll = "launch_poll"
    close_poll = "close_poll"
    spotlight = "spotlight"
    start_recording = "start_recording"
    pitch = "pitch"
    changeover = "changeover"
    show_end = "show_end"
    announce = "announce"  # the award's announcement (show.awards adds it from the counted vote)


Anchor = Literal["show", "start", "end"]


@dataclass(frozen=True)
class Cue:
    """Something to do at a moment: ``before`` the ``anchor`` (the show's start, or a step's start or end)."""

    at: datetime
    step: str
    segment_id: str | None
    segment_title: str
    anchor: Anchor
    before: timedelta
    kind: CueKind
    title: str
    action: str = ""
    message: str | None = None
    who: tuple[str, ...] = ()
    owner: str | None = None
    notes: str | None = None
    people: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> str:
        return f"{self.step}:{self.kind.value}:{int(self.before.total_seconds())}"


@dataclass(frozen=True)
class Plan:
    """The steps in running order and the cues in time order."""

    steps: list[Step]
    cues: list[Cue]
    language: str
    title: str


def text(key: str, language: str, **values: object) -> str:
    """A cue's word (``SHOW_WORDS["cue." + key]``)."""
    return say(f"cue.{key}", language, **values)


def _minutes(value: timedelta) -> str:
    """``2`` for whole minutes, else ``1:30``."""
    seconds = int(value.total_seconds())
    if seconds % 60:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return str(seconds // 60)


def close_message(before: timedelta, language: str) -> str:
    """The ready-to-paste text for the platform's "message all rooms"."""
    seconds = int(before.total_seconds())
    if seconds < 60 or seconds % 60:
        return text("close_message_seconds", language, seconds=seconds)
    if seconds == 60:
        return text("close_message_one", language)
    return text("close_message_many", language, minutes=seconds // 60)


# --- the plan --------------------------------------------------------------------------------------------------


def build_plan(schedule: Schedule, track: str | None = None, *, all_tracks: bool = False) -> Plan:
    """Steps and cues of the show; ``all_tracks`` lists the cues of every track (for the cue sheet)."""
    agenda = schedule.agenda
    language = agenda.event.language
    segments = list(agenda.segments) if all_tracks and agenda.tracks else lane_segments(schedule, track)
    steps = steps_of(schedule, segments)
    if not steps:
        return Plan(steps, [], language, agenda.event.title)
    crew = calls.crew(agenda)
    by_segment = {s.id: s for s in segments}
    days: dict[object, list[Step]] = {}
    for step in steps:
        days.setdefault(schedule.local(step.planned_start).date(), []).append(step)
    cues: list[Cue] = []
    for day in days.values():  # a day's check-in calls those with a part that day
        on_day = {p for segment_id in {s.segment_id for s in day} for p in segment_people(by_segment[segment_id])}
        on_stage = sorted(on_day, key=lambda p: person_name(agenda, p))
        cues += _pre_show(agenda, day[0], crew, on_stage, frozenset(on_stage) | crew)
    seen: set[str] = set()
    for step in steps:
        first_of_segment = step.segment_id not in seen
        seen.add(step.segment_id)
        cues += _step_cues(_StepCues(agenda, by_segment[step.segment_id], step, crew), first_of_segment)
    first = min(steps, key=lambda s: s.planned_start)  # the show's end stops the recording (show_end_action)
    cues.append(_StepCues(agenda, by_segment[first.segment_id], first, crew).start_recording())
    cues.append(_show_end(max(steps, key=lambda s: s.planned_end), crew, language))
    order = {id(c): n for n, c in enumerate(cues)}
    cues.sort(key=lambda c: (c.at, order[id(c)]))
    return Plan(steps, cues, language, agenda.event.title)


def _pre_show(
    agenda: Agenda, first: Step, crew: frozenset[str], on_stage: list[str], everyone: frozenset[str]
) -> list[Cue]:
    """Tech check and speakers' check-in before the first step of a day, for ``on_stage``: those with a part in it."""
    language = agenda.event.language
    common: dict[str, Any] = {"step": first.key, "segment_id": None, "segment_title": "", "anchor": "show"}
    return [
        Cue(
            at=first.planned_start - TECH_CHECK_BEFORE,
            before=TECH_CHECK_BEFORE,
            kind=CueKind.tech_check,
            title=text("tech_check", language),
            action=text("tech_check_action", language),
            who=tuple(person_name(agenda, p) for p in sorted(crew)),
            people=crew,
            **common,
        ),
        Cue(
            at=first.planned_start - CHECK_IN_BEFORE,
            before=CHECK_IN_BEFORE,
            kind=CueKind.check_in,
            title=text("check_in", language),
            action=text("check_in_action", language),
            who=tuple(person_name(agenda, p) for p in on_stage),
            people=everyone,
            **common,
        ),
    ]


def _show_end(last: Step, crew: frozenset[str], language: str) -> Cue:
    return Cue(
        at=last.planned_end,
        step=last.key,
        segment_id=last.segment_id,
        segment_title=last.segment_title,
        anchor="end",
        before=ZERO,
        kind=CueKind.show_end,
        title=text("show_end", language),
        action=text("show_end_action", language),
        people=crew,
    )


# --- the cues of one step --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _StepCues:
    """What every cue of one step shares: its segment, its owner and the crew."""

    agenda: Agenda
    segment: Segment
    step: Step
    crew: frozenset[str]

    @property
    def language(self) -> str:
        return self.agenda.event.language

    def name(self, person: str) -> str:
        return person_name(self.agenda, person)

    def start_recording(self) -> Cue:
        return self.cue(CueKind.start_recording, text("start_recording", self.language), action="")

    def cue(
        self, kind: CueKind, title: str, *, anchor: Anchor = "start", before: timedelta = ZERO, **extra: Any
    ) -> Cue:
        step, segment, owner = self.step, self.segment, self.segment.owner
        at = step.planned_start if anchor == "start" else step.planned_end - before
        people = frozenset(extra.pop("people", frozenset())) | frozenset({owner} if owner else set()) | self.crew
        return Cue(
            at=at,
            step=step.key,
            segment_id=segment.id,
            segment_title=segment.title,
            anchor=anchor,
            before=before,
            kind=kind,
            title=title,
            owner=owner,
            people=people,
            **extra,
        )


def _step_cues(at: _StepCues, first: bool) -> list[Cue]:
    """The cues of one step; the crew's notes of a segment go with its first step."""
    kind = at.step.kind
    if kind is StepKind.pitch:
        return [_pitch_cue(at, first)]
    if kind is StepKind.changeover:
        return [_changeover_cue(at)]
    if kind is StepKind.tail:
        return []
    if at.segment.breakout is not None:
        return _breakout_cues(at, at.segment.breakout, first)
    return _talk_cues(at)


def _pitch_cue(at: _StepCues, first: bool) -> Cue:
    step, segment, language = at.step, at.segment, at.language
    assert segment.pitches is not None
    pitch = segment.pitches.items[step.part - 1]
    presenter = at.name(pitch.presenter) if pitch.presenter else pitch.team
    title = text("pitch", language, part=step.part, parts=step.parts, team=pitch.team)
    if pitch.title:
        title += f" – {pitch.title}"
    minutes = _minutes(step.duration)
    if not step.duration.total_seconds() % 60:
        minutes = text("minutes", language, minutes=minutes)
    return at.cue(
        CueKind.pitch,
        title,
        action=text("pitch_action", language, names=presenter, minutes=minutes),
        who=(presenter,),
        notes=segment.notes if first else None,
        people={pitch.presenter} if pitch.presenter else set(),
    )


def _changeover_cue(at: _StepCues) -> Cue:
    assert at.segment.pitches is not None
    following = at.segment.pitches.items[at.step.part]
    name = at.name(following.presenter) if following.presenter else following.team
    return at.cue(
        CueKind.changeover,
        text("changeover", at.language),
        action=text("changeover_action", at.language, next=name),
        who=(name,),
        people={following.presenter} if following.presenter else set(),
    )


def _breakout_cues(at: _StepCues, block: Breakout, first: bool) -> list[Cue]:
    """Open the rooms (or reopen them for a round), the close warnings to broadcast, close the rooms."""
    step, segment, language = at.step, at.segment, at.language
    rooms = block.effective_rooms(language)
    facilitators = frozenset(r.facilitator for r in rooms if r.facilitator)
    how = room_opening(at.agenda, segment, step.part if step.kind is StepKind.round else None).text(language)
    if step.kind is StepKind.round:  # how: the platform's way to open them (None: pre-assigned, the usual action)
        title = f"{segment.title} – {text('round', language, part=step.part, parts=step.parts)}"
        action = how or text("round_action", language, part=step.part)
        if step.part == 1 and not how:
            action = text("open_rooms_action", language, rooms=len(rooms))
    else:
        title = text("open_rooms", language) + f": {segment.title}"
        action = how or text("open_rooms_action", language, rooms=len(rooms))
    out = [
        at.cue(
            CueKind.open_rooms,
            title,
            action=action,
            who=tuple(at.name(f) for f in sorted(facilitators, key=at.name)),
            notes=segment.notes if first else None,
            people=facilitators,
        )
    ]
    for before in sorted(block.close_warnings, reverse=True):
        if before >= step.duration:
            continue
        out.append(
            at.cue(
                CueKind.close_warning,
                text("close_warning", language, minutes=_minutes(before)),
                anchor="end",
                before=before,
                action=text("close_warning_action", language),
                message=close_message(before, language),
                people=facilitators,
            )
        )
    out.append(
        at.cue(
            CueKind.close_rooms,
            text("close_rooms", language),
            anchor="end",
            action=text("close_rooms_action", language),
            people=facilitators,
        )
    )
    return out


def _talk_cues(at: _StepCues) -> list[Cue]:
    """A plain segment: spotlight its speakers (or show the break slide), and run its poll."""
    step, segment, language = at.step, at.segment, at.language
    speakers = tuple(at.name(p) for p in segment.speakers)
    action = ""
    kind = CueKind.start
    if segment.speakers:
        kind = CueKind.spotlight
        action = text("spotlight_action", language, names=", ".join(speakers))
    elif segment.kind.value == "break":
        action = text("break_action", language)
    out = [at.cue(kind, segment.title, action=action, who=speakers, notes=segment.notes, people=set(segment.speakers))]
    if segment.poll is None:
        return out
    options = " / ".join(segment.poll.options)
    question = segment.poll.question + (f" ({options})" if options else "")
    out.append(
        at.cue(
            CueKind.launch_poll,
            text("launch_poll", language),
            action=text("launch_poll_action", language, question=question),
        )
    )
    if step.duration > 2 * POLL_CLOSE_BEFORE:
        out.append(
            at.cue(
                CueKind.close_poll,
                text("close_poll", language),
                anchor="end",
                before=POLL_CLOSE_BEFORE,
                action=text("close_poll_action", language),
            )
        )
    return out


# --- whose cues ------------------------------------------------------------------------------------------------


def cues_for(plan: Plan, person: str) -> list[Cue]:
    """The cues one person (by people id) has a part in."""
    return [c for c in plan.cues if person in c.people]


def runsheet_cues(schedule: Schedule, role: str | None, track: str | None) -> tuple[Plan, list[Cue]]:
    """The plan of a track (all tracks when ``track`` is None) and the cues of ``role`` (a people id), or all."""
    agenda = schedule.agenda
    plan = build_plan(schedule, track, all_tracks=track is None)
    if role is None:
        return plan, list(plan.cues)
    if agenda.person(role) is None:
        ids = [p.id for p in agenda.people]
        raise OptionError("role", role, "is not a person of the agenda", choices=ids, suggestion=closest(role, ids))
    return plan, cues_for(plan, role)
