"""The cue sheet: every step of the running order and every cue of the crew, with planned times.

A *step* is what one timer counts down: a segment, or one pitch, changeover or round inside a segment. A *cue* is
something a person has to do at a moment: check the tech, open the breakout rooms, broadcast the close warning,
launch the poll, spotlight a speaker. Cues are anchored to a step (at its start, or some time before its end) or
to the show's start, so that the live engine can fire them at the *actual* times while the cue sheet prints them at
the planned ones.

Pure: the schedule in, plain data out. Texts are in the event's language (de or en), from the tables below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from clustermeet.agenda.timing import person_name, round_window
from clustermeet.errors import UsageError
from clustermeet.i18n import lookup

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, Segment
    from clustermeet.agenda.timing import Schedule

TECH_CHECK_BEFORE = timedelta(minutes=30)
CHECK_IN_BEFORE = timedelta(minutes=15)
POLL_CLOSE_BEFORE = timedelta(minutes=1)


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
    min_duration: timedelta = timedelta(0)
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
    pitch = "pitch"
    changeover = "changeover"
    show_end = "show_end"


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


# --- words -----------------------------------------------------------------------------------------------------

_TEXT: dict[str, dict[str, str]] = {
    "tech_check": {"de": "Technik-Check", "en": "Tech check"},
    "tech_check_action": {
        "de": "Meeting öffnen; Ton, Bild, Folien und Aufnahme prüfen",
        "en": "Open the meeting; check sound, video, slides and recording",
    },
    "check_in": {"de": "Check-in der Mitwirkenden", "en": "Speakers' check-in"},
    "check_in_action": {
        "de": "Mitwirkende zu Co-Hosts machen; Ablauf und Zeichen absprechen",
        "en": "Make the speakers co-hosts; go through the running order and signals",
    },
    "open_rooms": {"de": "Breakout-Räume öffnen", "en": "Open breakout rooms"},
    "open_rooms_action": {
        "de": "{rooms} Räume öffnen, Teilnehmende zuweisen",
        "en": "Open {rooms} rooms and assign the participants",
    },
    "round": {"de": "Runde {part} von {parts}", "en": "Round {part} of {parts}"},
    "round_action": {
        "de": "Räume neu mischen und öffnen (Runde {part})",
        "en": "Shuffle and reopen the rooms (round {part})",
    },
    "close_warning": {"de": "Schließ-Hinweis T-{minutes}", "en": "Close warning T-{minutes}"},
    "close_warning_action": {"de": "Nachricht an alle Räume senden", "en": "Broadcast a message to all rooms"},
    "close_message_many": {
        "de": "Hinweis: Die Breakout-Räume schließen in {minutes} Minuten. Bitte kommen Sie langsam zum Ende.",
        "en": "Heads-up: the breakout rooms close in {minutes} minutes. Please start wrapping up.",
    },
    "close_message_one": {
        "de": "Die Breakout-Räume schließen in 1 Minute – gleich geht es im Plenum weiter.",
        "en": "The breakout rooms close in 1 minute – see you back in the main room.",
    },
    "close_message_seconds": {
        "de": "Die Breakout-Räume schließen in {seconds} Sekunden.",
        "en": "The breakout rooms close in {seconds} seconds.",
    },
    "close_rooms": {"de": "Breakout-Räume schließen", "en": "Close breakout rooms"},
    "close_rooms_action": {
        "de": "Alle Räume schließen; alle zurück ins Plenum",
        "en": "Close all rooms; everybody back to the main room",
    },
    "launch_poll": {"de": "Umfrage starten", "en": "Launch the poll"},
    "launch_poll_action": {"de": "Umfrage starten: {question}", "en": "Launch the poll: {question}"},
    "close_poll": {"de": "Umfrage beenden", "en": "End the poll"},
    "close_poll_action": {"de": "Umfrage beenden und Ergebnis teilen", "en": "End the poll and share the result"},
    "spotlight": {"de": "Spotlight", "en": "Spotlight"},
    "spotlight_action": {"de": "Spotlight auf {names}", "en": "Spotlight {names}"},
    "start": {"de": "Beginn", "en": "Start"},
    "break_action": {"de": "Pausenfolie mit Countdown zeigen", "en": "Show the break slide with a countdown"},
    "pitch": {"de": "Pitch {part} von {parts}: {team}", "en": "Pitch {part} of {parts}: {team}"},
    "pitch_action": {
        "de": "Spotlight auf {names}; Folien teilen; Timer {minutes} starten",
        "en": "Spotlight {names}; share the slides; start the {minutes} timer",
    },
    "changeover": {"de": "Wechsel", "en": "Changeover"},
    "changeover_action": {"de": "Nächste Person bereit: {next}", "en": "Next up, get ready: {next}"},
    "tail": {"de": "Abschluss", "en": "Wrap-up"},
    "show_end": {"de": "Ende der Veranstaltung", "en": "End of the show"},
    "show_end_action": {"de": "Aufnahme stoppen; Meeting beenden", "en": "Stop the recording; end the meeting"},
}


def text(key: str, language: str, **values: object) -> str:
    return lookup(_TEXT, key, language).format(**values)


def _minutes(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    if seconds % 60:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 60} min"


def close_message(before: timedelta, language: str) -> str:
    """The ready-to-paste text for the platform's "message all rooms"."""
    seconds = int(before.total_seconds())
    if seconds < 60 or seconds % 60:
        return text("close_message_seconds", language, seconds=seconds)
    if seconds == 60:
        return text("close_message_one", language)
    return text("close_message_many", language, minutes=seconds // 60)


# --- steps -----------------------------------------------------------------------------------------------------


def _warn_before(length: timedelta) -> timedelta:
    """When a timer turns to 'warning': 2 minutes before the end, or a quarter of a short timer."""
    return min(timedelta(minutes=2), length / 4)


def segment_steps(segment: Segment, start: datetime, end: datetime, language: str) -> list[Step]:
    """The timers of one segment: itself, or its pitches and changeovers, or its mixing rounds."""
    fixed = segment.start is not None
    if segment.pitches is not None:
        block = segment.pitches
        steps: list[Step] = []
        moment = start
        count = len(block.items)
        for number, pitch in enumerate(block.items, 1):
            steps.append(
                Step(
                    key=f"{segment.id}#pitch-{number}",
                    segment_id=segment.id,
                    kind=StepKind.pitch,
                    title=text("pitch", language, part=number, parts=count, team=pitch.team),
                    segment_title=segment.title,
                    planned_start=moment,
                    planned_end=moment + block.per_pitch,
                    fixed=fixed and number == 1,
                    warn_before=_warn_before(block.per_pitch),
                    part=number,
                    parts=count,
                )
            )
            moment += block.per_pitch
            if number < count and block.changeover > timedelta(0):
                steps.append(
                    Step(
                        key=f"{segment.id}#change-{number}",
                        segment_id=segment.id,
                        kind=StepKind.changeover,
                        title=text("changeover", language),
                        segment_title=segment.title,
                        planned_start=moment,
                        planned_end=moment + block.changeover,
                        warn_before=timedelta(0),
                        auto_end=True,
                        part=number,
                        parts=count,
                    )
                )
                moment += block.changeover
        if moment < end:
            steps.append(
                Step(
                    key=f"{segment.id}#tail",
                    segment_id=segment.id,
                    kind=StepKind.tail,
                    title=text("tail", language),
                    segment_title=segment.title,
                    planned_start=moment,
                    planned_end=end,
                    flexible=True,
                    warn_before=_warn_before(end - moment),
                )
            )
        return steps
    warnings = [timedelta(0)]
    if segment.breakout is not None:
        warnings = list(segment.breakout.close_warnings)
    rounds = segment.breakout.rounds if segment.breakout is not None else 1
    if rounds > 1:
        windows = [round_window(start, end, rounds, number) for number in range(1, rounds + 1)]
        return [
            Step(
                key=f"{segment.id}#round-{number}",
                segment_id=segment.id,
                kind=StepKind.round,
                title=text("round", language, part=number, parts=rounds),
                segment_title=segment.title,
                planned_start=round_start,
                planned_end=round_end,
                fixed=fixed and number == 1,
                warn_before=min(max(warnings), round_end - round_start),
                part=number,
                parts=rounds,
            )
            for number, (round_start, round_end) in enumerate(windows, 1)
        ]
    flexible_min = segment.min_duration if segment.min_duration is not None else timedelta(0)
    return [
        Step(
            key=segment.id,
            segment_id=segment.id,
            kind=StepKind.segment,
            title=segment.title,
            segment_title=segment.title,
            planned_start=start,
            planned_end=end,
            fixed=fixed,
            flexible=segment.flexible,
            min_duration=flexible_min if segment.flexible else end - start,
            warn_before=max(warnings) if segment.breakout is not None else _warn_before(end - start),
        )
    ]


def _lane_segments(schedule: Schedule, track: str | None) -> list[Segment]:
    agenda = schedule.agenda
    known = [t.id for t in agenda.tracks]
    if track is not None and track not in known:
        hint = f"tracks: {', '.join(known)}" if known else "this agenda has no tracks"
        raise UsageError(f"--track: no track {track!r}", hint=hint)
    if known and track is None:
        raise UsageError(
            "this agenda has parallel tracks; a run follows one of them",
            hint=f"add --track with one of: {', '.join(known)}",
        )
    return [s for s in agenda.segments if s.track is None or s.track == track]


def build_steps(schedule: Schedule, track: str | None = None) -> list[Step]:
    """Every timer of the running order (of one track, when the agenda has tracks), in order."""
    return _steps_of(schedule, _lane_segments(schedule, track))


def _steps_of(schedule: Schedule, segments: list[Segment]) -> list[Step]:
    language = schedule.agenda.event.language
    steps: list[Step] = []
    for segment in segments:
        item = _segment_item(schedule, segment.id)
        steps += segment_steps(segment, item.start, item.end, language)
    return steps


def _segment_item(schedule: Schedule, segment_id: str) -> Any:
    return next(i for i in schedule.items if i.segment_id == segment_id and i.parent is None)


# --- cues ------------------------------------------------------------------------------------------------------


def _crew(agenda: Agenda) -> frozenset[str]:
    """People who do the platform actions: tech, producer and host."""
    return frozenset(p.id for p in agenda.people if p.role.value in {"tech", "producer", "host"})


def build_plan(schedule: Schedule, track: str | None = None, *, all_tracks: bool = False) -> Plan:
    """Steps and cues of the show; ``all_tracks`` lists the cues of every track (for the cue sheet)."""
    agenda = schedule.agenda
    language = agenda.event.language
    segments = list(agenda.segments) if all_tracks and agenda.tracks else _lane_segments(schedule, track)
    steps = _steps_of(schedule, segments)
    crew = _crew(agenda)
    by_segment = {s.id: s for s in segments}
    cues: list[Cue] = []
    if not steps:
        return Plan(steps, cues, language, agenda.event.title)

    on_stage = sorted({p for s in segments for p in _segment_people(s)}, key=lambda p: person_name(agenda, p))
    everyone = frozenset(on_stage) | crew
    day_firsts: dict[object, Step] = {}
    for step in steps:
        day_firsts.setdefault(schedule.local(step.planned_start).date(), step)
    for first in day_firsts.values():
        cues += _pre_show(agenda, first, crew, on_stage, everyone)
    seen: set[str] = set()
    for step in steps:
        segment = by_segment[step.segment_id]
        first_of_segment = step.segment_id not in seen
        seen.add(step.segment_id)
        cues += _step_cues(agenda, segment, step, first_of_segment, steps, crew)
    last = max(steps, key=lambda s: s.planned_end)
    cues.append(
        Cue(
            at=last.planned_end,
            step=last.key,
            segment_id=last.segment_id,
            segment_title=last.segment_title,
            anchor="end",
            before=timedelta(0),
            kind=CueKind.show_end,
            title=text("show_end", language),
            action=text("show_end_action", language),
            people=crew,
        )
    )
    order = {id(c): n for n, c in enumerate(cues)}
    cues.sort(key=lambda c: (c.at, order[id(c)]))
    return Plan(steps, cues, language, agenda.event.title)


def _pre_show(
    agenda: Agenda, first: Step, crew: frozenset[str], on_stage: list[str], everyone: frozenset[str]
) -> list[Cue]:
    """Tech check and speakers' check-in before the first step of a day."""
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


def _segment_people(segment: Segment) -> list[str]:
    people = list(segment.speakers)
    if segment.owner:
        people.append(segment.owner)
    if segment.pitches is not None:
        people += [p.presenter for p in segment.pitches.items if p.presenter]
    if segment.breakout is not None:
        people += [r.facilitator for r in segment.breakout.rooms if r.facilitator]
    return people


def _step_cues(
    agenda: Agenda, segment: Segment, step: Step, first: bool, steps: list[Step], crew: frozenset[str]
) -> list[Cue]:
    language = agenda.event.language
    owner = segment.owner
    base = frozenset({owner} if owner else set()) | crew
    speakers = tuple(person_name(agenda, p) for p in segment.speakers)

    def cue(
        kind: CueKind, title: str, *, anchor: Anchor = "start", before: timedelta = timedelta(0), **extra: Any
    ) -> Cue:
        at = step.planned_start if anchor == "start" else step.planned_end - before
        people = frozenset(extra.pop("people", frozenset())) | base
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

    out: list[Cue] = []
    if step.kind is StepKind.pitch:
        assert segment.pitches is not None
        pitch = segment.pitches.items[step.part - 1]
        presenter = person_name(agenda, pitch.presenter) if pitch.presenter else pitch.team
        title = text("pitch", language, part=step.part, parts=step.parts, team=pitch.team)
        if pitch.title:
            title += f" – {pitch.title}"
        out.append(
            cue(
                CueKind.pitch,
                title,
                action=text("pitch_action", language, names=presenter, minutes=_minutes(step.duration)),
                who=(presenter,),
                notes=segment.notes if first else None,
                people={pitch.presenter} if pitch.presenter else set(),
            )
        )
        return out
    if step.kind is StepKind.changeover:
        assert segment.pitches is not None
        following = segment.pitches.items[step.part]
        name = person_name(agenda, following.presenter) if following.presenter else following.team
        out.append(
            cue(
                CueKind.changeover,
                text("changeover", language),
                action=text("changeover_action", language, next=name),
                who=(name,),
                people={following.presenter} if following.presenter else set(),
            )
        )
        return out
    if step.kind is StepKind.tail:
        return out

    if segment.breakout is not None:
        block = segment.breakout
        rooms = block.effective_rooms(language)
        facilitators = frozenset(r.facilitator for r in rooms if r.facilitator)
        if step.kind is StepKind.round:
            title = f"{segment.title} – {text('round', language, part=step.part, parts=step.parts)}"
            action = text("round_action", language, part=step.part)
            if step.part == 1:
                action = text("open_rooms_action", language, rooms=len(rooms))
        else:
            title = text("open_rooms", language) + f": {segment.title}"
            action = text("open_rooms_action", language, rooms=len(rooms))
        out.append(
            cue(
                CueKind.open_rooms,
                title,
                action=action,
                who=tuple(person_name(agenda, f) for f in sorted(facilitators, key=lambda f: person_name(agenda, f))),
                notes=segment.notes if first else None,
                people=facilitators,
            )
        )
        for before in sorted(block.close_warnings, reverse=True):
            if before >= step.duration:
                continue
            seconds = int(before.total_seconds())
            minutes = str(seconds // 60) if seconds % 60 == 0 else f"{seconds // 60}:{seconds % 60:02d}"
            out.append(
                cue(
                    CueKind.close_warning,
                    text("close_warning", language, minutes=minutes),
                    anchor="end",
                    before=before,
                    action=text("close_warning_action", language),
                    message=close_message(before, language),
                    people=facilitators,
                )
            )
        out.append(
            cue(
                CueKind.close_rooms,
                text("close_rooms", language),
                anchor="end",
                action=text("close_rooms_action", language),
                people=facilitators,
            )
        )
        return out

    action = ""
    kind = CueKind.start
    if segment.speakers:
        kind = CueKind.spotlight
        action = text("spotlight_action", language, names=", ".join(speakers))
    elif segment.kind.value == "break":
        action = text("break_action", language)
    out.append(
        cue(
            kind,
            segment.title,
            action=action,
            who=speakers,
            notes=segment.notes,
            people=set(segment.speakers),
        )
    )
    if segment.poll is not None:
        options = " / ".join(segment.poll.options)
        question = segment.poll.question + (f" ({options})" if options else "")
        out.append(
            cue(
                CueKind.launch_poll,
                text("launch_poll", language),
                action=text("launch_poll_action", language, question=question),
            )
        )
        if step.duration > 2 * POLL_CLOSE_BEFORE:
            out.append(
                cue(
                    CueKind.close_poll,
                    text("close_poll", language),
                    anchor="end",
                    before=POLL_CLOSE_BEFORE,
                    action=text("close_poll_action", language),
                )
            )
    return out


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
        import difflib

        ids = [p.id for p in agenda.people]
        close = difflib.get_close_matches(role, ids, n=1)
        guess = f"; did you mean {close[0]!r}?" if close else ""
        raise UsageError(
            f"--role: no person {role!r} in the agenda{guess}", hint=f"people ids: {', '.join(ids) or 'none'}"
        )
    return plan, cues_for(plan, role)
