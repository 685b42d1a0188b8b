"""What a frab / c3voc schedule file holds, what the import is given beside it, and what it gives back.

Values only: :mod:`clustermeet.interop.frab_read` fills them in, :mod:`clustermeet.interop.frab_agenda` turns
them into agenda data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from clustermeet.errors import Problem

#: where a clustermeet export keeps what the schedule formats have no field for (the agenda's exact acronym, the
#: organiser's name, the platform): ``<?clustermeet {json}?>`` in XML, ``schedule.clustermeet`` in JSON
KEPT = "clustermeet"
PLATFORM_KINDS = ("zoom", "teams", "webex", "bbb", "jitsi", "other")
PLACEHOLDER_EMAIL = "organiser@example.org"
PLACEHOLDER_URL = "https://example.org/"


@dataclass(frozen=True)
class FrabPerson:
    keys: tuple[str, ...]
    """What identifies the person in the file: ``guid:``, ``code:`` and the value, ``id:<number>:<name>`` (an id
    means a person only with the same name), or else ``name:``. Files give different ones in different events
    (pretalx: ``code`` here, only ``id`` there); any shared key means the same person."""
    name: str


@dataclass(frozen=True)
class FrabEvent:
    title: str
    room: str
    start: dt.datetime
    """Aware."""
    duration: timedelta
    guid: str = ""
    type: str = ""
    language: str = ""
    abstract: str = ""
    description: str = ""
    subtitle: str = ""
    url: str = ""
    """The event's page."""
    track: str = ""
    """frab's track: a subject (``Security``), not a room."""
    persons: tuple[FrabPerson, ...] = ()
    line: int = 0
    where: str = ""
    """Where it sits in the file, for messages: ``day 1, room 'Saal 1', event 6561``."""

    @property
    def end(self) -> dt.datetime:
        return self.start + self.duration


@dataclass
class FrabSchedule:
    """The parts of a frab schedule that clustermeet keeps."""

    title: str
    acronym: str = ""
    time_zone_name: str | None = None
    url: str | None = None
    organiser: str = ""
    """The organiser's name, where a clustermeet export kept it (:data:`KEPT`)."""
    platform_kind: str = ""
    platform_url: str = ""
    join_urls: frozenset[str] = frozenset()
    """The other join links (tracks, rooms) a clustermeet export gave events as their url: not web pages."""
    timeslot: timedelta = timedelta(minutes=5)
    rooms: list[str] = field(default_factory=list)
    days: list[dt.date] = field(default_factory=list)
    events: list[FrabEvent] = field(default_factory=list)
    format: str = "xml"
    warnings: list[Problem] = field(default_factory=list)
    """What reading the file found worth saying (starts without an offset)."""
    advice: list[OptionAdvice] = field(default_factory=list)


@dataclass(frozen=True)
class ImportOptions:
    """What the file does not say; each left out gets a placeholder and a warning."""

    timezone: str | None = None
    language: str | None = None
    organiser_name: str | None = None
    organiser_email: str | None = None
    platform_kind: str = "other"
    platform_url: str | None = None


@dataclass(frozen=True)
class OptionAdvice:
    """How to settle a warning by giving the import a value: ``options`` are the import's parameters (``tz``,
    ``organiser_email``); the command line puts its flag for each into the ``{}`` of ``wording`` and ends the
    warning's message with it, so that no message here names a flag."""

    warning: Problem
    options: tuple[str, ...]
    wording: str

    def settle(self, flag: Callable[[str], str]) -> Problem:
        """The warning with its advice, each option named by ``flag``."""
        return replace(self.warning, message=self.warning.message + self.wording.format(*map(flag, self.options)))


def advised(warnings: list[Problem], advice: list[OptionAdvice], flag: Callable[[str], str]) -> list[Problem]:
    """``warnings`` with the advice for each that has one (options named by ``flag``), in the same order."""
    settled = {a.warning: a.settle(flag) for a in advice}
    return [settled.get(w, w) for w in warnings]


@dataclass
class ImportResult:
    data: dict[str, Any]
    """Agenda-shaped plain data, ready for ``interop.agenda_yaml``."""
    schedule: FrabSchedule
    warnings: list[Problem] = field(default_factory=list)
    advice: list[OptionAdvice] = field(default_factory=list)
    """What would settle some of ``warnings``: see :class:`OptionAdvice`."""
