"""The agenda's time zone for an imported schedule: the one asked for, the file's own, or one that fits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from clustermeet.agenda.zones import find_zone, zone_named
from clustermeet.errors import Problem
from clustermeet.interop.frab_schedule import OptionAdvice
from clustermeet.text import format_offset

if TYPE_CHECKING:
    from clustermeet.interop.frab_schedule import FrabEvent, FrabSchedule

_PREFERRED_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Helsinki",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
)


def _fits(zone_name: str, events: list[FrabEvent]) -> bool:
    zone = find_zone(zone_name)
    if zone is None:
        return False
    return all(e.start.astimezone(zone).utcoffset() == e.start.utcoffset() for e in events)


@dataclass(frozen=True)
class ZoneChoice:
    zone: str
    warnings: list[Problem] = field(default_factory=list)
    advice: list[OptionAdvice] = field(default_factory=list)


def choose_zone(schedule: FrabSchedule, requested: str | None, name: str) -> ZoneChoice:
    """The agenda's IANA zone: ``requested`` (the import's ``tz``), else the file's ``time_zone_name``, else one that
    fits the offsets."""
    events = schedule.events
    if requested:
        zone_named(requested, "tz")
        return ZoneChoice(requested)
    warnings: list[Problem] = []
    given = schedule.time_zone_name
    if given:
        if find_zone(given) is None:
            warnings.append(Problem(name, 0, 0, "warning", f"time_zone_name {given!r} is not an IANA zone; ignored"))
        elif _fits(given, events):
            return ZoneChoice(given, warnings)
        else:
            warnings.append(
                Problem(
                    name,
                    0,
                    0,
                    "warning",
                    f"time_zone_name {given} does not match the events' offsets; times kept as instants",
                )
            )
            return ZoneChoice(given, warnings)
    offsets = sorted({format_offset(e.start.utcoffset()) for e in events})
    chosen = _fitting_zone(offsets, events)
    guess = Problem(
        name,
        0,
        0,
        "warning",
        f"no time_zone_name in the file; using {chosen}, which fits its offsets ({', '.join(offsets)})",
    )
    return ZoneChoice(chosen, [*warnings, guess], [OptionAdvice(guess, ("tz",), "; pass {} to name the real zone")])


def _fitting_zone(offsets: list[str], events: list[FrabEvent]) -> str:
    """The first zone whose offsets are the events' own: a common one, a fixed offset, then any, else UTC."""
    candidates = list(_PREFERRED_ZONES)
    for offset in offsets:
        hours, minutes = int(offset[:3]), int(offset[4:])
        if minutes == 0:  # Etc/GMT signs are inverted: Etc/GMT-1 is UTC+01:00
            candidates.append(f"Etc/GMT{-hours:+d}" if hours else "Etc/UTC")
    candidates += sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return next((zone for zone in candidates if _fits(zone, events)), "UTC")
