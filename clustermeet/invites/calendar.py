"""iCalendar exports: what the feed (``invites.feed``) and the personal invites (``invites.personal``) share.

- Feed: one VEVENT per plenary segment, per track segment and per breakout room; ORGANIZER, no ATTENDEE.
- Personal: one calendar per person per event day, holding exactly one VEVENT (Outlook applies REQUEST updates
  only with one event per message): the day's programme in the description, the person's own breakout room(s),
  ORGANIZER and that person as the only ATTENDEE.
- SEQUENCE and DTSTAMP come from the invite state (``invites.state``), so unchanged input gives unchanged bytes.
- Times carry a TZID with a VTIMEZONE in the one form all parsers read alike (``invites.vtimezone``), checked for
  every instant of the file; otherwise they are written in UTC.
- The calendars are built and serialised with icalendar (``invites.render``). The exports take the renderer as a
  parameter (:data:`MakeRenderer`) rather than importing it: the use cases hand it in, importing icalendar only
  when they render, and render depends on content, never the other way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clustermeet.invites.content import CalendarFile, EventContent
from clustermeet.invites.state import Issue, IssuedEvent
from clustermeet.invites.vtimezone import ZoneRules, calendar_zone

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.agenda.timing import Schedule
    from clustermeet.invites.render import Renderer

#: builds the renderer of one export from the agenda and the zone rules its instants agree with (``Renderer``)
MakeRenderer = Callable[["Agenda", ZoneRules | None], "Renderer"]


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


def renderer_for(
    make_renderer: MakeRenderer, schedule: Schedule, contents: list[EventContent], previous: dict[str, IssuedEvent]
) -> Renderer:
    """The renderer of one export, with the VTIMEZONE every instant it writes (cancels included) agrees with."""
    instants = {c.start for c in contents} | {c.end for c in contents}
    instants |= {e.start for e in previous.values()} | {e.end for e in previous.values()}
    return make_renderer(schedule.agenda, calendar_zone(schedule.zone.key, sorted(instants)))


def zone_of(renderer: Renderer) -> str:
    """The TZID the export's times carry, or ``UTC``."""
    return renderer.rules.key if renderer.rules else "UTC"


def cancel_files(renderer: Renderer, issues: list[Issue], prefix: str) -> list[CalendarFile]:
    """A CANCEL calendar for each issue that cancels an event issued before (named ``<prefix><label>.ics``)."""
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
