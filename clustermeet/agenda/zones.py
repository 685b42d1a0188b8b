"""IANA time zones by name: the one check of a zone name, and the did-you-mean for a misspelt one."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clustermeet.errors import OptionError
from clustermeet.text import closest

EXAMPLE = "Europe/Berlin"
_OFFSET = re.compile(r"\s*(?:UTC|GMT|Z)?\s*[+\-\u2212]\s*\d", re.IGNORECASE)


def find_zone(name: str | None) -> ZoneInfo | None:
    """The zone called ``name``, or None when the tz database has none by that name."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: 'Europe' is a folder, or too long a name
        return None


def zone_suggestion(name: str) -> str | None:
    """The zone ``name`` most likely meant: same but for case or spaces, a city alone, or a close spelling.

    Only runs on the error path: listing the zones takes a few milliseconds.
    """
    from zoneinfo import available_timezones  # noqa: PLC0415 slow import: the zone index, on the error path

    if _OFFSET.match(name):  # 'UTC+2' is no misspelt 'UTC': that zone is two hours off
        return None
    zones = sorted(available_timezones())
    wanted = name.lower().replace(" ", "_")
    return next((z for z in zones if z.lower() == wanted or z.lower().endswith(f"/{wanted}")), None) or closest(
        name, zones
    )


def zone_named(name: str, option: str = "tz") -> ZoneInfo:
    """The zone called ``name``; an :class:`OptionError` for the parameter ``option`` when there is none."""
    zone = find_zone(name)
    if zone is None:
        raise OptionError(option, name, "is not an IANA time zone", suggestion=zone_suggestion(name), example=EXAMPLE)
    return zone
