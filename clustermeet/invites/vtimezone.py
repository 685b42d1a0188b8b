"""VTIMEZONE components that every client reads the same way, or none at all.

Generated VTIMEZONEs made of RDATE lists (icalendar's ``add_missing_timezones``) are read an hour off by Mozilla's
ical.js (Thunderbird) and vobject while libical reads them right. The form every parser agrees on is the classic
one: at most one STANDARD and one DAYLIGHT section, each with a yearly RRULE (``BYMONTH`` plus ``BYDAY`` such as
``-1SU``) and a DTSTART in 1970 that the rule produces.

:func:`zone_rules` derives that form from zoneinfo for the years an export covers: the DST changes of each year must
follow one yearly rule (same month, same n-th or last weekday, same wall time, same offsets). :func:`rules_agree`
then replays the rules for every instant of a calendar, the way a parser does, and compares with zoneinfo; wall
times that happen twice (clocks go back) are refused outright. When either check fails the caller writes UTC times
instead, which every client reads right.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from collections.abc import Iterable

_DAY = timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ANCHOR_YEAR = 1970


@dataclass(frozen=True)
class Observance:
    """One section of a VTIMEZONE: from ``month``'s n-th (or last, -1) ``weekday`` at ``at`` wall time on."""

    kind: str  # STANDARD or DAYLIGHT
    name: str
    offset_from: timedelta
    offset_to: timedelta
    month: int | None = None
    ordinal: int | None = None
    weekday: int | None = None  # 0 = Monday, as in datetime
    at: time = time(0)

    @property
    def yearly(self) -> bool:
        return self.month is not None

    def onset(self, year: int) -> datetime:
        """Wall time (in ``offset_from``) at which this observance begins in ``year``."""
        assert self.month is not None and self.ordinal is not None and self.weekday is not None
        return datetime.combine(nth_weekday(year, self.month, self.weekday, self.ordinal), self.at)

    def dtstart(self) -> datetime:
        return self.onset(_ANCHOR_YEAR) if self.yearly else datetime(_ANCHOR_YEAR, 1, 1)

    def rrule(self) -> dict[str, object] | None:
        if not self.yearly:
            return None
        assert self.weekday is not None
        return {"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"{self.ordinal}{_WEEKDAYS[self.weekday]}"}


@dataclass(frozen=True)
class ZoneRules:
    """The sections of one VTIMEZONE: one fixed STANDARD, or a STANDARD and a DAYLIGHT rule."""

    key: str
    observances: tuple[Observance, ...]

    def offset_of_wall_time(self, wall: datetime) -> timedelta:
        """The offset a parser gives a TZID wall time with these rules (a time that happens twice: the first)."""
        if len(self.observances) == 1:
            return self.observances[0].offset_to
        year = wall.year
        onsets = sorted(
            (o.onset(y), o) for y in (year - 1, year) for o in self.observances
        )  # the last onset at or before ``wall`` wins
        current = onsets[0][1]
        for moment, observance in onsets:
            if moment <= wall:
                current = observance
        return current.offset_to


def nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> date:
    """The ``ordinal``-th ``weekday`` of the month; ``-1`` is the last."""
    days = calendar.monthrange(year, month)[1]
    if ordinal > 0:
        first = date(year, month, 1)
        return first + _DAY * ((weekday - first.weekday()) % 7 + 7 * (ordinal - 1))
    last = date(year, month, days)
    return last - _DAY * ((last.weekday() - weekday) % 7)


def _transitions(zone: ZoneInfo, year: int) -> list[datetime]:
    """UTC instants (to the minute) at which the zone's offset changes during ``year``."""
    found: list[datetime] = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while moment < end:
        following = moment + _DAY
        if _offset(zone, moment) != _offset(zone, following):
            low, high = moment, following  # the change lies in (low, high]
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if _offset(zone, middle) == _offset(zone, low):
                    low = middle
                else:
                    high = middle
            found.append(high)
        moment = following
    return found


def _offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


def _observance(zone: ZoneInfo, transition: datetime) -> Observance:
    before = _offset(zone, transition - timedelta(minutes=1))
    after = _offset(zone, transition)
    wall = (transition + before).replace(tzinfo=None)
    day = wall.date()
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    ordinal = -1 if day.day + 7 > days_in_month else (day.day - 1) // 7 + 1
    return Observance(
        kind="DAYLIGHT" if after > before else "STANDARD",
        name=transition.astimezone(zone).tzname() or "",
        offset_from=before,
        offset_to=after,
        month=day.month,
        ordinal=ordinal,
        weekday=day.weekday(),
        at=wall.time(),
    )


@cache
def zone_rules(key: str, years: tuple[int, ...]) -> ZoneRules | None:
    """The zone as one yearly rule pair (or one fixed offset) valid in all ``years``; None when it is not one."""
    zone = ZoneInfo(key)
    per_year: list[tuple[Observance, ...]] = []
    for year in years:
        changes = _transitions(zone, year)
        if not changes:
            offset = _offset(zone, datetime(year, 7, 1, tzinfo=UTC))
            name = datetime(year, 7, 1, tzinfo=UTC).astimezone(zone).tzname() or ""
            per_year.append((Observance("STANDARD", name, offset, offset),))
        elif len(changes) == 2:
            pair = sorted((_observance(zone, c) for c in changes), key=lambda o: o.kind)
            if pair[0].kind == pair[1].kind or pair[0].offset_to != pair[1].offset_from:
                return None
            per_year.append(tuple(pair))
        else:
            return None
    if not per_year or any(rules != per_year[0] for rules in per_year[1:]):
        return None
    return ZoneRules(key, per_year[0])


def rules_agree(rules: ZoneRules, instants: Iterable[datetime]) -> bool:
    """Whether every instant, written as wall time with ``rules``, reads back as the same instant."""
    zone = ZoneInfo(rules.key)
    for instant in instants:
        local = instant.astimezone(zone)
        wall = local.replace(tzinfo=None)
        if wall.replace(tzinfo=zone, fold=0).utcoffset() != wall.replace(tzinfo=zone, fold=1).utcoffset():
            return False  # happens twice: parsers disagree on which one is meant
        if rules.offset_of_wall_time(wall) != local.utcoffset():
            return False
    return True


def calendar_zone(key: str, instants: list[datetime]) -> ZoneRules | None:
    """The rules to write times of ``key`` with a TZID, or None to write them in UTC."""
    if not instants or key == "UTC":
        return None
    zone = ZoneInfo(key)
    years = tuple(sorted({i.astimezone(zone).year for i in instants}))
    rules = zone_rules(key, years)
    if rules is None or not rules_agree(rules, instants):
        return None
    return rules
