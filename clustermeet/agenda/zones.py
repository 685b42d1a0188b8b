"""IANA time zones by name: the one check of a zone name, the did-you-mean for a misspelt one, and the advice for
a name that is valid but not a place (``EST``, ``US/Eastern``, ``Etc/GMT+5``) or an offset (``UTC-5``).

A place's zone keeps its summer time; ``EST`` is UTC-5 all year, so New York in summer is an hour off, and a
calendar gets a fixed ``TZID:EST``. The advice comes from the tz database's own tables
(:mod:`clustermeet.agenda.tzdata`): the places, the links of old names, and the present-day zones with the
abbreviations they keep (zonenow.tab: "Eastern (EST/EDT)").
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clustermeet.errors import OptionError
from clustermeet.text import closest, format_offset

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
        offset = offset_advice(name, datetime.now(UTC).year)
        suggestion = zone_suggestion(name)
        raise OptionError(option, name, "is not an IANA time zone", suggestion=suggestion, example=EXAMPLE, hint=offset)
    return zone


_OFFSET_VALUE = re.compile(r"\s*(?:UTC|GMT)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?\s*$", re.IGNORECASE)


def _year_offsets(zone: ZoneInfo, year: int) -> tuple[timedelta, timedelta, str, str]:
    """The offset and abbreviation in mid-January and mid-July of ``year``."""
    winter = datetime(year, 1, 15, 12, tzinfo=UTC).astimezone(zone)
    summer = datetime(year, 7, 15, 12, tzinfo=UTC).astimezone(zone)
    zero = timedelta(0)
    return winter.utcoffset() or zero, summer.utcoffset() or zero, winter.tzname() or "", summer.tzname() or ""


def _label(offset: timedelta) -> str:
    """``UTC-5``, ``UTC+5:30``, as people write it (from ``-05:00``, ``+05:30``)."""
    text = format_offset(offset)
    return f"UTC{text[0]}{int(text[1:3])}" + (f":{text[4:]}" if text[4:] != "00" else "")


def _places_with_summer_time(winter: timedelta, year: int, limit: int = 3) -> list[str]:
    """Present-day zones (zonenow.tab, in its order) at ``winter`` in January that keep a summer time."""
    from clustermeet.agenda.tzdata import tables  # noqa: PLC0415 slow import: the tz tables, on the warning path

    found = []
    for zone_name, _ in tables().now:
        zone = find_zone(zone_name)
        if zone is not None:
            jan, jul, _w, _s = _year_offsets(zone, year)
            if jan == winter and jul != jan:
                found.append(zone_name)
    return found[:limit]


def offset_advice(name: str, year: int) -> str | None:
    """For ``UTC-5``, ``GMT+1`` (offsets, not zones): that an offset has no summer time, and the places to write."""
    match = _OFFSET_VALUE.match(name)
    if match is None:
        return None
    sign = -1 if match.group(1) in "-\u2212" else 1
    offset = sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    places = _places_with_summer_time(offset, year)
    such = f": write the zone of the place, such as {', '.join(places)}" if places else ": write the zone of the place"
    return f"{_label(offset)} is a fixed offset without summer time{such}"


def zone_advice(name: str, year: int) -> str | None:
    """Why a valid zone name is not the one to write, and which to write (None for a place's zone, or UTC)."""
    from clustermeet.agenda.tzdata import places as place_zones  # noqa: PLC0415 slow import: the tz tables
    from clustermeet.agenda.tzdata import tables  # noqa: PLC0415 slow import: the tz tables, on the warning path

    if name in place_zones() or not place_zones():
        return None
    known = tables()
    zone = find_zone(name)
    if zone is None or name in known.places:
        return None
    winter, summer, winter_name, summer_name = _year_offsets(zone, year)
    if winter == summer == timedelta(0):  # UTC under one of its names: no summer time is meant
        return None
    target = known.links.get(name)
    abbreviation = name == winter_name  # EST, MST, HST: a time's abbreviation, not a place
    if winter != summer or (target in known.places and not abbreviation):  # US/Eastern, EST5EDT, Asia/Calcutta
        region = target if target in known.places else _zonenow(f"({winter_name}/{summer_name})")[0]
        return f"is an old name, not a place; write {region or 'the zone of the place, such as ' + EXAMPLE}"
    label = _label(winter)
    kept, pair = _zonenow(f"({winter_name}/") if winter_name.isalpha() else (None, "")
    places = [f"{kept} ({pair})"] if kept else _places_with_summer_time(winter, year)
    fixed = target if target in known.places else (_zonenow(f"({winter_name})")[0] if winter_name.isalpha() else None)
    advice = f"is {label} all year, without summer time: write the zone of the place"
    if places:
        advice += f", such as {', '.join(places)}"
    if fixed:
        advice += f"; {fixed} is {label} all year too, under a place's name"
    return advice


def _zonenow(needle: str) -> tuple[str | None, str]:
    """The first present-day zone whose zonenow.tab comment holds ``needle`` (``(EST/``), and the abbreviations
    that comment gives in parentheses (``EST/EDT``)."""
    from clustermeet.agenda.tzdata import tables  # noqa: PLC0415 slow import: the tz tables, on the warning path

    for zone, comment in tables().now:
        if needle in comment:
            found = re.search(r"\(([^()]*)\)", comment[comment.index(needle) :])
            return zone, found.group(1) if found else ""
    return None, ""
