"""iCalendar files: the whole-event feed (PUBLISH) and personal invites (REQUEST, CANCEL).

- Feed: one VEVENT per plenary segment, per track segment and per breakout room; ORGANIZER, no ATTENDEE.
- Personal: one calendar per person per event day, holding exactly one VEVENT (Outlook applies REQUEST updates
  only with one event per message): the day's programme in the description, the person's own breakout room(s),
  ORGANIZER and that person as the only ATTENDEE.
- UIDs are digests of the data (event key, segment, room; event key, e-mail, day number): stable across runs,
  different between feed and personal invites. SEQUENCE and DTSTAMP come from the invite state
  (``clustermeet.invites.state``), so unchanged input gives unchanged bytes.
- Times carry a TZID with a VTIMEZONE in the one form all parsers read alike (``ical_tz``), checked for every
  instant of the file; otherwise they are written in UTC.
- The calendars are built and serialised with icalendar (``ical_render``, imported only when rendering).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from clustermeet.agenda.timing import round_window
from clustermeet.files import safe_filename
from clustermeet.invites.state import Draft, Issue, IssuedEvent, Status, reconcile, section_after
from clustermeet.invites.vtimezone import ZoneRules, calendar_zone
from clustermeet.invites.words import text

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.agenda.timing import Schedule, ScheduledItem
    from clustermeet.invites.recipients import Recipient, RoomPlacement
    from clustermeet.invites.render import Renderer

UID_DOMAIN = "clustermeet"
Method = Literal["PUBLISH", "REQUEST", "CANCEL"]


@dataclass(frozen=True)
class EventContent:
    """Everything a VEVENT says, except SEQUENCE and DTSTAMP (which the invite state decides)."""

    uid: str
    label: str
    summary: str
    start: datetime
    end: datetime
    description: str
    location: str
    url: str
    conference_label: str
    attendee_email: str | None = None
    attendee_name: str | None = None
    alarm: timedelta | None = None

    def digest(self) -> str:
        fields: dict[str, object] = dict(vars(self))
        fields.update(start=self.start.isoformat(), end=self.end.isoformat())
        fields["alarm"] = self.alarm.total_seconds() if self.alarm is not None else None
        fields.pop("label")
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:32]

    def draft(self) -> Draft:
        return Draft(
            uid=self.uid,
            digest=self.digest(),
            label=self.label,
            summary=self.summary,
            start=self.start,
            end=self.end,
            attendee_email=self.attendee_email,
            attendee_name=self.attendee_name,
        )


@dataclass(frozen=True)
class CalendarFile:
    """One .ics file to write (or send)."""

    name: str
    method: Method
    uid: str
    sequence: int
    status: Status
    data: bytes
    summary: str
    start: datetime
    end: datetime
    description: str = ""
    recipient_email: str | None = None
    recipient_name: str | None = None

    @property
    def send_key(self) -> str:
        """What the send log records this calendar's delivery under: one key per UID, SEQUENCE and METHOD."""
        return f"{self.uid}#{self.sequence}#{self.method}"


@dataclass(frozen=True)
class IcsExport:
    files: list[CalendarFile]
    section: dict[str, IssuedEvent]
    timezone: str  # the TZID used, or "UTC"

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("new", "updated", "unchanged", "cancelled", "cancelled-before"), 0)
        for file in self.files:
            counts[file.status] += 1
        return counts


# --- identities ---------------------------------------------------------------------------------------------------


def event_key(agenda: Agenda) -> str:
    """What the UIDs of an event hang on: its acronym, else its title."""
    return agenda.event.acronym or agenda.event.title


def make_uid(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def person_label(email: str, name: str) -> str:
    """A safe, stable file name stem: the name for people, a digest of the e-mail so that namesakes differ."""
    tag = hashlib.sha256(email.lower().encode("utf-8")).hexdigest()[:8]
    return f"{safe_filename(name, 'person', 60)}-{tag}"


# --- content ------------------------------------------------------------------------------------------------------


def _names(schedule: Schedule, ids: tuple[str, ...] | list[str]) -> str:
    names = []
    for person_id in ids:
        person = schedule.agenda.person(person_id)
        if person is None:
            names.append(person_id)
        elif person.organisation:
            names.append(f"{person.name} ({person.organisation})")
        else:
            names.append(person.name)
    return ", ".join(names)


def _clock(schedule: Schedule, moment: datetime) -> str:
    return schedule.local(moment).strftime("%H:%M")


def _join_lines(agenda: Agenda, url: str, language: str) -> list[str]:
    platform = agenda.event.platform
    lines = [f"{text('join', language)}: {url}"]
    if url == platform.url:
        extras = []
        if platform.meeting_id:
            extras.append(f"{text('meeting_id', language)}: {platform.meeting_id}")
        if platform.passcode:
            extras.append(f"{text('passcode', language)}: {platform.passcode}")
        if extras:
            lines.append(" · ".join(extras))
    return lines


def _conference_label(agenda: Agenda) -> str:
    kinds = {"zoom": "Zoom", "teams": "Microsoft Teams", "webex": "Webex", "bbb": "BigBlueButton", "jitsi": "Jitsi"}
    return kinds.get(agenda.event.platform.kind, agenda.event.title)


def _alarm(agenda: Agenda, kind: str = "") -> timedelta | None:
    return agenda.event.reminder if agenda.event.reminder and kind != "break" else None


def feed_contents(schedule: Schedule) -> list[EventContent]:
    """The feed's events: plenary and track segments, and each room of a breakout block instead of the block."""
    from clustermeet.i18n import kind_label

    agenda = schedule.agenda
    language = agenda.event.language
    key = event_key(agenda)
    with_rooms = {item.parent for item in schedule.items if item.parent is not None}
    segments = {segment.id: segment for segment in agenda.segments}
    contents: list[EventContent] = []
    for item in schedule.items:
        if item.id in with_rooms:
            continue
        segment = segments[item.segment_id]
        url = item.url or agenda.event.platform.url
        lines: list[str] = []
        if item.parent is not None:
            summary = f"{segment.title}: {item.title}"
            lines.append(f"{kind_label(segment.kind.value, language)} · {segment.title}")
            room = next(
                (
                    r
                    for r in (segment.breakout.effective_rooms(language) if segment.breakout else [])
                    if r.id == item.room
                ),
                None,
            )
            if room is not None and room.description:
                lines.append(room.description)
        else:
            summary = item.title
            label = kind_label(item.kind.value, language)
            lines.append(f"{label} · {item.room_title}" if item.room_title else label)
        if item.people:
            lines.append(f"{text('speakers', language)}: {_names(schedule, item.people)}")
        if segment.description:
            lines += ["", segment.description]
        if segment.pitches is not None:
            lines.append("")
            for pitch in segment.pitches.items:
                who = f" ({_names(schedule, [pitch.presenter])})" if pitch.presenter else ""
                lines.append(f"– {pitch.team}{': ' + pitch.title if pitch.title else ''}{who}")
        lines += ["", *_join_lines(agenda, url, language)]
        uid = make_uid("feed", key, item.segment_id, item.room or "")
        contents.append(
            EventContent(
                uid=uid,
                label=safe_filename(item.id.replace("/", "-"), "segment"),
                summary=summary,
                start=item.start,
                end=item.end,
                description="\n".join(lines),
                location=url,
                url=url,
                conference_label=_conference_label(agenda),
                alarm=_alarm(agenda, item.kind.value),
            )
        )
    return contents


def personal_contents(
    schedule: Schedule, recipients: list[Recipient], rooms: dict[str, list[RoomPlacement]]
) -> list[EventContent]:
    """One event per person per day: the day's programme with the person's own rooms."""
    from clustermeet.i18n import format_day

    agenda = schedule.agenda
    language = agenda.event.language
    key = event_key(agenda)
    days = schedule.days()
    multi_day = len(agenda.event.days) > 1 or len(days) > 1
    room_titles = {
        (segment.id, room.id): room
        for segment in agenda.segments
        if segment.breakout is not None
        for room in segment.breakout.effective_rooms(language)
    }
    rounds_of = {s.id: s.breakout.rounds for s in agenda.segments if s.breakout is not None}
    plan: list[tuple[int, list[ScheduledItem], str]] = []  # per day: number, items, heading
    for day in days:
        number = agenda.event.days.index(day) + 1 if day in agenda.event.days else len(agenda.event.days) + 1
        items = [item for item in schedule.segments if schedule.local(item.start).date() == day]
        if items:
            plan.append((number, items, format_day(day, language)))
    contents: list[EventContent] = []
    platform_url = agenda.event.platform.url
    for person in recipients:
        mine = rooms.get(person.email.lower(), [])
        for number, items, day_text in plan:
            start, end = min(i.start for i in items), max(i.end for i in items)
            lines = [
                agenda.event.title,
                f"{day_text}, {_clock(schedule, start)}–{_clock(schedule, end)} ({schedule.zone.key})",
                "",
                *_join_lines(agenda, platform_url, language),
            ]
            own: list[str] = []
            programme: list[str] = [
                "",
                f"{text('programme', language)} ({text('times_in', language)} {schedule.zone.key}):",
            ]
            for item in items:
                who = f" – {_names(schedule, item.people)}" if item.people else ""
                if item.room_title:
                    who += f" [{item.room_title}]"
                programme.append(f"{_clock(schedule, item.start)}–{_clock(schedule, item.end)} {item.title}{who}")
                if item.kind.value != "breakout":
                    continue
                placed = sorted((p for p in mine if p.block == item.segment_id), key=lambda p: p.round or 0)
                if not placed:
                    programme.append(f"    {text('room_tba', language)}")
                for placement in placed:
                    room = room_titles[(placement.block, placement.room)]
                    prefix = f"{text('round', language)} {placement.round}: " if placement.round else ""
                    url = room.url or item.url or platform_url
                    line = f"{text('your_room', language)}: {prefix}{room.title}"
                    programme.append(f"    {line}" + (f" – {url}" if url != platform_url else ""))
                    begin, finish = item.start, item.end
                    rounds = rounds_of.get(item.segment_id, 1)
                    if placement.round and rounds > 1:
                        begin, finish = round_window(item.start, item.end, rounds, placement.round)
                    own.append(f"{line} ({_clock(schedule, begin)}–{_clock(schedule, finish)}) – {url}")
            if own:
                lines += ["", *own]
            lines += programme
            if agenda.event.description:
                lines += ["", agenda.event.description]
            summary = agenda.event.title + (f" ({text('day', language)} {number})" if multi_day else "")
            label = person_label(person.email, person.name) + (f"-day{number}" if multi_day else "")
            contents.append(
                EventContent(
                    uid=make_uid("invite", key, person.email.lower(), str(number)),
                    label=label,
                    summary=summary,
                    start=start,
                    end=end,
                    description="\n".join(lines),
                    location=platform_url,
                    url=platform_url,
                    conference_label=_conference_label(agenda),
                    attendee_email=person.email,
                    attendee_name=person.name,
                    alarm=_alarm(agenda),
                )
            )
    return contents


# --- rendering ----------------------------------------------------------------------------------------------------


def _renderer(schedule: Schedule, contents: list[EventContent], previous: dict[str, IssuedEvent]) -> Renderer:
    """The renderer of one export, with the VTIMEZONE every instant it writes (cancels included) agrees with."""
    from clustermeet.invites.render import Renderer  # slow import: keeps --help fast (icalendar)

    return Renderer(schedule.agenda, _rules_for(schedule, contents, previous))


def _rules_for(schedule: Schedule, contents: list[EventContent], previous: dict[str, IssuedEvent]) -> ZoneRules | None:
    instants = {c.start for c in contents} | {c.end for c in contents}
    instants |= {e.start for e in previous.values()} | {e.end for e in previous.values()}
    return calendar_zone(schedule.zone.key, sorted(instants))


def export_feed(
    schedule: Schedule, previous: dict[str, IssuedEvent], now: datetime, cancel_stem: str = "feed"
) -> IcsExport:
    """The whole event as one PUBLISH calendar, plus one CANCEL calendar per event removed since last time.

    The feed file is ``files[0]`` (named ``""``: the caller names it); cancels are ``<cancel_stem>-cancel-*.ics``.
    """
    contents = feed_contents(schedule)
    issues = reconcile(previous, [c.draft() for c in contents], now)
    renderer = _renderer(schedule, contents, previous)
    by_uid = {issue.event.uid: issue for issue in issues}
    events = [renderer.event(content, by_uid[content.uid].event) for content in contents]
    feed_status: Status = "unchanged"
    if any(by_uid[c.uid].status != "unchanged" for c in contents) or any(
        issue.status == "cancelled" for issue in issues
    ):
        feed_status = "updated" if previous else "new"
    files = [
        CalendarFile(
            name="",
            method="PUBLISH",
            uid="",
            sequence=max((by_uid[c.uid].event.sequence for c in contents), default=0),
            status=feed_status,
            data=renderer.calendar("PUBLISH", events, schedule.agenda.event.title),
            summary=schedule.agenda.event.title,
            start=schedule.start,
            end=schedule.end,
        )
    ]
    files += _cancel_files(renderer, issues, f"{cancel_stem}-cancel-")
    return IcsExport(files, section_after(issues), renderer.rules.key if renderer.rules else "UTC")


def export_personal(
    schedule: Schedule,
    recipients: list[Recipient],
    rooms: dict[str, list[RoomPlacement]],
    previous: dict[str, IssuedEvent],
    now: datetime,
) -> IcsExport:
    """One REQUEST calendar per person per day, and a CANCEL calendar for each invite no longer issued."""
    contents = personal_contents(schedule, recipients, rooms)
    issues = reconcile(previous, [c.draft() for c in contents], now)
    renderer = _renderer(schedule, contents, previous)
    files: list[CalendarFile] = []
    for content, issue in zip(contents, issues, strict=False):  # reconcile keeps the drafts' order first
        files.append(
            CalendarFile(
                name=f"{content.label}.ics",
                method="REQUEST",
                uid=content.uid,
                sequence=issue.event.sequence,
                status=issue.status,
                data=renderer.calendar("REQUEST", [renderer.event(content, issue.event)]),
                summary=content.summary,
                start=content.start,
                end=content.end,
                description=content.description,
                recipient_email=content.attendee_email,
                recipient_name=content.attendee_name,
            )
        )
    files += _cancel_files(renderer, issues, "cancel-")
    return IcsExport(files, section_after(issues), renderer.rules.key if renderer.rules else "UTC")


def _cancel_files(renderer: Renderer, issues: list[Issue], prefix: str) -> list[CalendarFile]:
    return [
        CalendarFile(
            name=f"{prefix}{issue.event.label}.ics",
            method="CANCEL",
            uid=issue.event.uid,
            sequence=issue.event.sequence,
            status=issue.status,
            data=renderer.calendar("CANCEL", [renderer.cancel_event(issue.event)]),
            summary=issue.event.summary,
            start=issue.event.start,
            end=issue.event.end,
            recipient_email=issue.event.attendee_email,
            recipient_name=issue.event.attendee_name,
        )
        for issue in issues
        if issue.is_cancel
    ]
