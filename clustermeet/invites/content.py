"""What a calendar event says, before it is iCalendar: the event content, the files it becomes, and identities.

- UIDs are digests of the data (event key, segment, room; event key, e-mail, day number): stable across runs,
  different between feed and personal invites.
- The description helpers here are shared by the feed (``invites.feed``) and the personal invites
  (``invites.personal``); both write in the event's language (``invites.words``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from clustermeet.invites.state import Draft, Status
from clustermeet.invites.words import text
from clustermeet.text import safe_filename

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.agenda.timing import Schedule

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


# --- description parts --------------------------------------------------------------------------------------------


def names(schedule: Schedule, ids: tuple[str, ...] | list[str]) -> str:
    """People by name, with their organisation; an id the agenda does not know stays as it is."""
    found = []
    for person_id in ids:
        person = schedule.agenda.person(person_id)
        if person is None:
            found.append(person_id)
        elif person.organisation:
            found.append(f"{person.name} ({person.organisation})")
        else:
            found.append(person.name)
    return ", ".join(found)


def clock(schedule: Schedule, moment: datetime) -> str:
    """``14:00`` in the schedule's zone."""
    return schedule.local(moment).strftime("%H:%M")


def join_lines(agenda: Agenda, url: str, language: str) -> list[str]:
    """The join link; meeting id and passcode when it is the platform's own link."""
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


def conference_label(agenda: Agenda) -> str:
    """The CONFERENCE label: the platform's product name, else the event's title."""
    kinds = {"zoom": "Zoom", "teams": "Microsoft Teams", "webex": "Webex", "bbb": "BigBlueButton", "jitsi": "Jitsi"}
    return kinds.get(agenda.event.platform.kind, agenda.event.title)


def alarm(agenda: Agenda, kind: str = "") -> timedelta | None:
    """The event's reminder, except before breaks."""
    return agenda.event.reminder if agenda.event.reminder and kind != "break" else None
