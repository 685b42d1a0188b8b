"""Personal invites: one REQUEST calendar per person per event day with the day's programme and the person's own
breakout rooms, and a CANCEL calendar for each invite no longer issued.

Someone of the agenda's ``people`` also finds their call time (the tech check or check-in the runsheet plans,
``agenda.calls``), from which their invite starts, and their own segments marked; someone with a ``timezone`` of
their own reads their time beside the event's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from clustermeet.agenda.calls import call_of, segment_people
from clustermeet.agenda.timing import round_window
from clustermeet.i18n import BREAKOUT_WORDS, SHOW_WORDS, format_day, lookup, word
from clustermeet.invites.calendar import IcsExport, MakeRenderer, cancel_files, renderer_for, zone_of
from clustermeet.invites.content import (
    CalendarFile,
    EventContent,
    alarm,
    clock,
    conference_label,
    event_key,
    join_lines,
    make_uid,
    names,
    person_label,
)
from clustermeet.invites.recipients import RoomPlacement
from clustermeet.invites.state import IssuedEvent, reconcile, section_after
from clustermeet.invites.words import text

if TYPE_CHECKING:
    from datetime import datetime

    from clustermeet.agenda.calls import Call
    from clustermeet.agenda.models import BreakoutRoom, Segment
    from clustermeet.agenda.timing import Schedule, ScheduledItem
    from clustermeet.invites.recipients import Recipient


@dataclass(frozen=True)
class _Day:
    """One event day as every invite of that day shows it."""

    number: int
    items: list[ScheduledItem]
    heading: str  # the date in the event's language


@dataclass(frozen=True)
class _Rooms:
    """The agenda's breakout rooms, looked up per placement."""

    titles: dict[tuple[str, str], BreakoutRoom]
    rounds: dict[str, int]


@dataclass(frozen=True)
class _Viewer:
    """Whose invite it is: their ``people`` id (for their segments), their own zone (None: the event's) and their
    placements."""

    person_id: str | None
    zone: ZoneInfo | None
    mine: list[RoomPlacement]
    seated: bool  # a room of their own is still to come where none is placed

    def owns(self, segment: Segment) -> bool:
        return self.person_id is not None and self.person_id in segment_people(segment)


def _viewer(schedule: Schedule, person: Recipient, placed: list[RoomPlacement]) -> _Viewer:
    """The person's view; a room they facilitate counts as theirs where no placement says otherwise."""
    zone = ZoneInfo(person.timezone) if person.timezone and person.timezone != schedule.zone.key else None
    mine = list(placed)
    if person.person_id is not None:
        for segment in schedule.agenda.segments:
            if segment.breakout is None or any(p.block == segment.id for p in mine):
                continue
            mine += [
                RoomPlacement(segment.id, r.id) for r in segment.breakout.rooms if r.facilitator == person.person_id
            ]
    return _Viewer(person.person_id, zone, mine, person.seated)


def _own(viewer: _Viewer, start: datetime, end: datetime | None = None) -> str:
    """``08:00–08:30`` where the viewer is."""
    assert viewer.zone is not None
    return f"{start.astimezone(viewer.zone):%H:%M}" + (f"–{end.astimezone(viewer.zone):%H:%M}" if end else "")


def _times(schedule: Schedule, viewer: _Viewer, start: datetime, end: datetime | None = None) -> str:
    """``14:00–14:30`` in the event's zone, followed by the viewer's own time: ``14:00–14:30 (08:00–08:30)``; a
    day later or earlier where they are is ``(00:30–01:00 +1)``."""
    shown = clock(schedule, start) + (f"–{clock(schedule, end)}" if end is not None else "")
    if viewer.zone is None:
        return shown
    shift = (start.astimezone(viewer.zone).date() - schedule.local(start).date()).days
    return f"{shown} ({_own(viewer, start, end)}{f' {shift:+d}' if shift else ''})"


def _call_line(schedule: Schedule, viewer: _Viewer, call: Call) -> str:
    language = schedule.agenda.event.language
    what = lookup(SHOW_WORDS, f"cue.{call.kind}", language)
    return text("call", language, time=_times(schedule, viewer, call.at), what=what)


def _days(schedule: Schedule) -> list[_Day]:
    agenda = schedule.agenda
    days = []
    for day in schedule.days():
        number = agenda.event.days.index(day) + 1 if day in agenda.event.days else len(agenda.event.days) + 1
        items = [item for item in schedule.segments if schedule.local(item.start).date() == day]
        if items:
            days.append(_Day(number, items, format_day(day, agenda.event.language)))
    return days


def _rooms(schedule: Schedule) -> _Rooms:
    agenda = schedule.agenda
    titles = {
        (segment.id, room.id): room
        for segment in agenda.segments
        if segment.breakout is not None
        for room in segment.breakout.effective_rooms(agenda.event.language)
    }
    return _Rooms(titles, {s.id: s.breakout.rounds for s in agenda.segments if s.breakout is not None})


def _programme(schedule: Schedule, day: _Day, viewer: _Viewer, rooms: _Rooms) -> tuple[list[str], list[str]]:
    """The day's programme with the person's rooms under each breakout and their own segments marked, and the
    lines of their own rooms."""
    language = schedule.agenda.event.language
    platform_url = schedule.agenda.event.platform.url
    segments = {segment.id: segment for segment in schedule.agenda.segments}
    own: list[str] = []
    programme = ["", f"{text('programme', language)} ({text('times_in', language)} {schedule.zone.key}):"]
    if viewer.zone is not None:
        programme.insert(1, word("your_time_zone", language).format(zone=viewer.zone.key))
    for item in day.items:
        who = f" – {names(schedule, item.people)}" if item.people else ""
        if item.room_title:
            who += f" [{item.room_title}]"
        mark = f" ← {text('your_part', language)}" if viewer.owns(segments[item.segment_id]) else ""
        programme.append(f"{_times(schedule, viewer, item.start, item.end)} {item.title}{who}{mark}")
        if item.kind.value != "breakout":
            continue
        placed = sorted((p for p in viewer.mine if p.block == item.segment_id), key=lambda p: p.round or 0)
        if not placed and viewer.seated and not mark:  # who runs the block has no room of their own to wait for
            programme.append(f"    {text('room_tba', language)}")
        for placement in placed:
            room = rooms.titles[(placement.block, placement.room)]
            prefix = f"{text('round', language)} {placement.round}: " if placement.round else ""
            url = room.url or item.url or platform_url
            line = f"{text('your_room', language)}: {prefix}{room.title}"
            programme.append(f"    {line}" + (f" – {url}" if url != platform_url else ""))
            begin, finish = item.start, item.end
            rounds = rooms.rounds.get(item.segment_id, 1)
            if placement.round and rounds > 1:
                begin, finish = round_window(item.start, item.end, rounds, placement.round)
            own.append(f"{line} ({_times(schedule, viewer, begin, finish)}) – {url}")
            timer = schedule.agenda.event.room_timer(room.id)
            if timer is not None and room.facilitator is not None and room.facilitator == viewer.person_id:
                own.append(f"{text('room_timer', language)}: {timer}")
    return programme, own


def _day_call(schedule: Schedule, viewer: _Viewer, day: _Day, start: datetime) -> Call | None:
    """The viewer's tech check or check-in on ``day``, which starts at ``start``, as the runsheet's cue sheet plans
    it: the crew every day, anyone else on the days they have a part."""
    if viewer.person_id is None:
        return None
    segments = {segment.id: segment for segment in schedule.agenda.segments}
    on_day = [segments[segment_id] for segment_id in dict.fromkeys(item.segment_id for item in day.items)]
    return call_of(schedule.agenda, viewer.person_id, start, on_day)


def _description(
    schedule: Schedule, day: _Day, viewer: _Viewer, rooms: _Rooms, call: Call | None, viewer_email: str
) -> str:
    """The invite's text: the day and its times, the join link, the call time, own rooms, programme, the event."""
    agenda = schedule.agenda
    language = agenda.event.language
    start, end = min(i.start for i in day.items), max(i.end for i in day.items)
    lines = [
        agenda.event.title,
        f"{day.heading}, {clock(schedule, start)}–{clock(schedule, end)} ({schedule.zone.key})",
    ]
    if viewer.zone is not None:
        own_day = format_day(start.astimezone(viewer.zone).date(), language)
        label = word("your_time", language)
        lines.append(f"{label[:1].upper()}{label[1:]}: {own_day}, {_own(viewer, start, end)} ({viewer.zone.key})")
    lines += ["", *join_lines(agenda, agenda.event.platform.url, language)]
    if call is not None:
        lines += ["", _call_line(schedule, viewer, call)]
    programme, own = _programme(schedule, day, viewer, rooms)
    if own:
        lines += ["", *own]
    if own and agenda.event.platform.kind == "zoom":  # Zoom places only those signed in with this address
        lines.append(lookup(BREAKOUT_WORDS, "sign_in_zoom", language).format(email=viewer_email))
    lines += programme
    if agenda.event.description:
        lines += ["", agenda.event.description]
    return "\n".join(lines)


def personal_contents(
    schedule: Schedule, recipients: list[Recipient], rooms: dict[str, list[RoomPlacement]]
) -> list[EventContent]:
    """One event per person per day: the day's programme with the person's own rooms and segments; for someone
    called before the show, from their call time."""
    agenda = schedule.agenda
    language = agenda.event.language
    key = event_key(agenda)
    days = _days(schedule)
    multi_day = len(agenda.event.days) > 1 or len(schedule.days()) > 1
    breakout_rooms = _rooms(schedule)
    platform_url = agenda.event.platform.url
    contents: list[EventContent] = []
    for person in recipients:
        viewer = _viewer(schedule, person, rooms.get(person.email.lower(), []))
        for day in days:
            start, end = min(i.start for i in day.items), max(i.end for i in day.items)
            call = _day_call(schedule, viewer, day, start)
            summary = agenda.event.title + (f" ({text('day', language)} {day.number})" if multi_day else "")
            label = person_label(person.email, person.name) + (f"-day{day.number}" if multi_day else "")
            contents.append(
                EventContent(
                    uid=make_uid("invite", key, person.email.lower(), str(day.number)),
                    label=label,
                    summary=summary,
                    start=call.at if call is not None else start,
                    end=end,
                    description=_description(schedule, day, viewer, breakout_rooms, call, person.email),
                    location=platform_url,
                    url=platform_url,
                    conference_label=conference_label(agenda),
                    attendee_email=person.email,
                    attendee_name=person.name,
                    alarm=alarm(agenda),
                )
            )
    return contents


def export_personal(
    schedule: Schedule,
    recipients: list[Recipient],
    rooms: dict[str, list[RoomPlacement]],
    previous: dict[str, IssuedEvent],
    now: datetime,
    make_renderer: MakeRenderer,
) -> IcsExport:
    """One REQUEST calendar per person per day, and a CANCEL calendar for each invite no longer issued."""
    contents = personal_contents(schedule, recipients, rooms)
    issues = reconcile(previous, [c.draft() for c in contents], now)
    renderer = renderer_for(make_renderer, schedule, contents, previous)
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
    files += cancel_files(renderer, issues, "cancel-")
    return IcsExport(files, section_after(issues), zone_of(renderer))
