"""Calendars built and serialised with icalendar: VCALENDAR, VTIMEZONE, VEVENT, VALARM.

icalendar escapes TEXT, quotes parameters, formats every value and folds lines at 75 octets without splitting a
UTF-8 character. What it leaves to the caller, and this module does:

- Control characters: RFC 5545 allows none in TEXT but tab and line breaks; icalendar passes them through, so they
  are dropped here. Parameter values get no control characters or double quotes (we write ``'`` rather than
  RFC 6868's ``^'``, which vobject shows literally).
- ``\\N``: icalendar takes a backslash followed by ``N`` as an already escaped line break; in our texts it is a
  backslash and an N (a Windows path), so :class:`PlainText` escapes that backslash.
- Order: properties and parameters in the order we add them (``to_ical(sorted=False)``): UID first, as clients'
  logs show it. Same input, same order, same bytes.
- The VTIMEZONE (at most one STANDARD and one DAYLIGHT section with yearly RRULEs, from ``invites.vtimezone``),
  the ORGANIZER and each VALARM are built once per export and shared by all its calendars.
  ``add_missing_timezones()`` is never used: its RDATE zones are read an hour off by ical.js and vobject.

The one home of icalendar (a slow import): the use cases import this module when they render and hand
:class:`Renderer` to the exports (``invites.calendar``); it depends on the content, never the other way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vRecur,
    vText,
    vUri,
)

from clustermeet.text import strip_controls

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.invites.content import EventContent, Method
    from clustermeet.invites.state import IssuedEvent
    from clustermeet.invites.vtimezone import ZoneRules

PRODID = "-//clustermeet//clustermeet//EN"


def clean_text(value: str) -> str:
    """A TEXT value without the control characters RFC 5545 forbids (tab and line breaks stay; a lone CR goes)."""
    if "\r" in value:
        value = value.replace("\r\n", "\n")
    # line by line: a line without controls is strip_controls' fast path, a whole description never is
    return "\n".join(strip_controls(line, keep="\t") for line in value.split("\n"))


def clean_param(value: str) -> str:
    """A parameter value: control characters become spaces, double quotes single ones (RFC 5545 has no escape)."""
    return strip_controls(value, replace=" ").replace('"', "'").strip()


class PlainText(vText):
    """vText for plain text: a literal backslash before ``N`` stays a backslash (icalendar reads it as ``\\n``)."""

    def to_ical(self) -> bytes:
        if "\\N" not in self:
            return super().to_ical()
        return b"\\\\N".join(vText(part).to_ical() for part in self.split("\\N"))


def text_value(value: str) -> PlainText:
    return PlainText(clean_text(value))


class Renderer:
    """Writes the calendars of one export, sharing its VTIMEZONE, ORGANIZER and VALARM components."""

    def __init__(self, agenda: Agenda, rules: ZoneRules | None) -> None:
        self.rules = rules
        self.zone = ZoneInfo(rules.key) if rules is not None else None
        self.timezone = _vtimezone(rules) if rules is not None else None
        organiser = agenda.event.organiser
        self.organizer = vCalAddress(f"mailto:{organiser.email}", params={"CN": clean_param(organiser.name)})
        self._alarms: dict[tuple[str, timedelta], Alarm] = {}

    def _time(self, moment: datetime) -> datetime:
        """Wall time with the zone's TZID when the rules hold for this export, else UTC."""
        return moment.astimezone(self.zone if self.zone is not None else UTC)

    def calendar(self, method: Method, events: list[Event], name: str | None = None) -> bytes:
        calendar = Calendar()
        calendar.add("VERSION", "2.0")
        calendar.add("PRODID", PRODID)
        calendar.add("CALSCALE", "GREGORIAN")
        calendar.add("METHOD", method)
        if name:
            calendar.add("X-WR-CALNAME", text_value(name))  # an X- property: icalendar would not escape a str
        if self.timezone is not None:
            calendar.add_component(self.timezone)
        for event in events:
            calendar.add_component(event)
        data: bytes = calendar.to_ical(sorted=False)
        return data

    @staticmethod
    def _attendee(email: str, name: str | None, *, rsvp: bool) -> vCalAddress:
        params = {
            "CN": clean_param(name or email),
            "CUTYPE": "INDIVIDUAL",
            "ROLE": "REQ-PARTICIPANT",
            "PARTSTAT": "NEEDS-ACTION",
        }
        if rsvp:
            params["RSVP"] = "TRUE"
        return vCalAddress(f"mailto:{email}", params=params)

    def _head(self, uid: str, issued: IssuedEvent, start: datetime, end: datetime, summary: str) -> Event:
        event = Event()
        event.add("UID", uid)
        event.add("DTSTAMP", issued.dtstamp.astimezone(UTC))
        event.add("SEQUENCE", issued.sequence)
        event.add("DTSTART", self._time(start))
        event.add("DTEND", self._time(end))
        event.add("SUMMARY", text_value(summary))
        return event

    def event(self, content: EventContent, issued: IssuedEvent) -> Event:
        event = self._head(content.uid, issued, content.start, content.end, content.summary)
        event.add("DESCRIPTION", text_value(content.description))
        event.add("LOCATION", text_value(content.location))
        event.add("URL", vUri(content.url))
        conference = {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": clean_param(content.conference_label)}
        event.add("CONFERENCE", vUri(content.url, params=conference))
        event.add("ORGANIZER", self.organizer)
        if content.attendee_email is not None:
            event.add("ATTENDEE", self._attendee(content.attendee_email, content.attendee_name, rsvp=True))
        event.add("STATUS", "CONFIRMED")
        event.add("TRANSP", "OPAQUE")
        if content.alarm is not None:
            event.add_component(self._alarm(content.summary, content.alarm))
        return event

    def _alarm(self, summary: str, before: timedelta) -> Alarm:
        """One VALARM per text and lead time, shared by the events that have it (serialising never changes it)."""
        alarm = self._alarms.get((summary, before))
        if alarm is None:
            alarm = Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("DESCRIPTION", text_value(summary))
            alarm.add("TRIGGER", -before)
            self._alarms[(summary, before)] = alarm
        return alarm

    def cancel_event(self, issued: IssuedEvent) -> Event:
        event = self._head(issued.uid, issued, issued.start, issued.end, issued.summary)
        event.add("ORGANIZER", self.organizer)
        if issued.attendee_email is not None:
            event.add("ATTENDEE", self._attendee(issued.attendee_email, issued.attendee_name, rsvp=False))
        event.add("STATUS", "CANCELLED")
        return event


def _vtimezone(rules: ZoneRules) -> Timezone:
    """The classic VTIMEZONE: a 1970 DTSTART per section, a yearly RRULE where the zone has DST."""
    timezone = Timezone()
    timezone.add("TZID", rules.key)
    for observance in rules.observances:
        section = TimezoneDaylight() if observance.kind == "DAYLIGHT" else TimezoneStandard()
        section.add("DTSTART", observance.dtstart())
        rule = observance.rrule()
        if rule is not None:
            section.add("RRULE", vRecur(rule))
        if observance.name:
            section.add("TZNAME", text_value(observance.name))
        section.add("TZOFFSETFROM", observance.offset_from)
        section.add("TZOFFSETTO", observance.offset_to)
        timezone.add_component(section)
    return timezone
