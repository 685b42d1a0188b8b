"""Personal invites: one REQUEST calendar per person per event day with the day's programme and the person's own
breakout rooms, and a CANCEL calendar for each invite no longer issued."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clustermeet.agenda.timing import round_window
from clustermeet.i18n import BREAKOUT_WORDS, format_day, lookup
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
from clustermeet.invites.state import IssuedEvent, reconcile, section_after
from clustermeet.invites.words import text

if TYPE_CHECKING:
    from datetime import datetime

    from clustermeet.agenda.models import BreakoutRoom
    from clustermeet.agenda.timing import Schedule, ScheduledItem
    from clustermeet.invites.recipients import Recipient, RoomPlacement


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


def _programme(schedule: Schedule, day: _Day, mine: list[RoomPlacement], rooms: _Rooms) -> tuple[list[str], list[str]]:
    """The day's programme with the person's rooms under each breakout, and the lines of their own rooms."""
    language = schedule.agenda.event.language
    platform_url = schedule.agenda.event.platform.url
    own: list[str] = []
    programme = ["", f"{text('programme', language)} ({text('times_in', language)} {schedule.zone.key}):"]
    for item in day.items:
        who = f" – {names(schedule, item.people)}" if item.people else ""
        if item.room_title:
            who += f" [{item.room_title}]"
        programme.append(f"{clock(schedule, item.start)}–{clock(schedule, item.end)} {item.title}{who}")
        if item.kind.value != "breakout":
            continue
        placed = sorted((p for p in mine if p.block == item.segment_id), key=lambda p: p.round or 0)
        if not placed:
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
            own.append(f"{line} ({clock(schedule, begin)}–{clock(schedule, finish)}) – {url}")
    return programme, own


def personal_contents(
    schedule: Schedule, recipients: list[Recipient], rooms: dict[str, list[RoomPlacement]]
) -> list[EventContent]:
    """One event per person per day: the day's programme with the person's own rooms."""
    agenda = schedule.agenda
    language = agenda.event.language
    key = event_key(agenda)
    days = _days(schedule)
    multi_day = len(agenda.event.days) > 1 or len(schedule.days()) > 1
    breakout_rooms = _rooms(schedule)
    platform_url = agenda.event.platform.url
    contents: list[EventContent] = []
    for person in recipients:
        mine = rooms.get(person.email.lower(), [])
        for day in days:
            start, end = min(i.start for i in day.items), max(i.end for i in day.items)
            lines = [
                agenda.event.title,
                f"{day.heading}, {clock(schedule, start)}–{clock(schedule, end)} ({schedule.zone.key})",
                "",
                *join_lines(agenda, platform_url, language),
            ]
            programme, own = _programme(schedule, day, mine, breakout_rooms)
            if own:
                lines += ["", *own]
            if own and agenda.event.platform.kind == "zoom":  # Zoom places only those signed in with this address
                lines.append(lookup(BREAKOUT_WORDS, "sign_in_zoom", language).format(email=person.email))
            lines += programme
            if agenda.event.description:
                lines += ["", agenda.event.description]
            summary = agenda.event.title + (f" ({text('day', language)} {day.number})" if multi_day else "")
            label = person_label(person.email, person.name) + (f"-day{day.number}" if multi_day else "")
            contents.append(
                EventContent(
                    uid=make_uid("invite", key, person.email.lower(), str(day.number)),
                    label=label,
                    summary=summary,
                    start=start,
                    end=end,
                    description="\n".join(lines),
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
