"""The values both schedule formats share: text, durations and times as frab writes them, persons, and turning
the events as read into :class:`~clustermeet.interop.frab_schedule.FrabEvent` with their times resolved."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from clustermeet.agenda.types import FIRST_YEAR, LAST_YEAR, MAX_DURATION, format_duration
from clustermeet.agenda.zones import find_zone
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.interop.frab_schedule import PLATFORM_KINDS, FrabEvent, FrabPerson, FrabSchedule, OptionAdvice
from clustermeet.text import normalise_newlines, strip_controls

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


def clean(value: object) -> str:
    """Text as the agenda can hold it: no lone surrogates or control characters, CRLF as LF, stripped."""
    if value is None:
        return ""
    text = normalise_newlines(str(value)).encode("utf-8", "replace").decode("utf-8")
    return strip_controls(text, keep="\n\t").strip()


def parse_duration(value: str) -> timedelta:
    """``00:30``, ``1:30``, ``01:30:00`` and pretalx's occasional ``1:00:30:00`` (days first)."""
    parts = value.strip().split(":")
    if not 2 <= len(parts) <= 4 or not all(p.isdigit() for p in parts):
        raise ValueError(f"duration {value!r} is not HH:MM")
    numbers = [int(p) for p in parts]
    try:
        if len(numbers) == 4:
            return timedelta(days=numbers[0], hours=numbers[1], minutes=numbers[2], seconds=numbers[3])
        if len(numbers) == 3:
            return timedelta(hours=numbers[0], minutes=numbers[1], seconds=numbers[2])
        return timedelta(hours=numbers[0], minutes=numbers[1])
    except OverflowError:  # more than 999999999 days
        raise ValueError(f"duration {value!r} is out of range") from None


def timeslot(value: object, default: timedelta) -> timedelta:
    if not isinstance(value, str) or not value:
        return default
    try:
        return parse_duration(value) or default
    except ValueError:
        return default


def parse_datetime(value: str) -> dt.datetime:
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date and time") from None


@dataclass
class RawEvent:
    """Fields as read, before times are resolved."""

    values: dict[str, str]
    persons: list[FrabPerson]
    room: str
    day_date: dt.date | None
    day_start: dt.datetime | None
    line: int
    where: str


@dataclass(frozen=True)
class Reading:
    """How a start without an offset is read: in ``zone`` (the file's ``time_zone_name``, else the import's ``tz``),
    else at the day's own offset, else as UTC; ``source`` says which, for the warning."""

    zone: ZoneInfo | None
    source: str  # "time_zone_name" or "tz"


@dataclass
class Unzoned:
    """The starts that had no offset, and how each was read: for one warning per file."""

    first: RawEvent | None = None
    count: int = 0
    how: set[str] = field(default_factory=set)

    def add(self, raw: RawEvent, how: str) -> None:
        self.first = self.first or raw
        self.count += 1
        self.how.add(how)


def resolve_event(
    raw: RawEvent, reading: Reading, name: str, unzoned: Unzoned
) -> tuple[FrabEvent | None, list[Problem]]:
    values = raw.values
    problems: list[Problem] = []

    def error(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, raw.line, 0, "error", f"{raw.where}: {message}")]

    try:
        start, how = _event_start(values, raw, reading)
    except ValueError as exc:
        return error(str(exc))
    except OverflowError:  # an old-style start after midnight of 9999-12-31
        return error(f"start is not in the years {FIRST_YEAR} to {LAST_YEAR}")
    if not FIRST_YEAR <= start.year <= LAST_YEAR:  # later arithmetic (end, UTC, offsets) must stay in range
        return error(f"start {start.date().isoformat()} is not in the years {FIRST_YEAR} to {LAST_YEAR}")
    if how:
        unzoned.add(raw, how)
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    duration_text = values.get("duration", "")
    try:
        if duration_text:
            duration = parse_duration(duration_text)
        elif values.get("end"):
            duration = parse_datetime(values["end"]) - start
        else:
            return error("no duration")
    except (ValueError, TypeError) as exc:
        return error(str(exc))
    if abs(duration) > MAX_DURATION:
        return error(f"duration {duration_text or format_duration(duration)!r} is longer than 7 days")
    room = raw.room or values.get("room", "")
    if not room:
        return error("no room")
    return (
        FrabEvent(
            title=values.get("title", ""),
            room=room,
            start=start,
            duration=duration,
            guid=values.get("guid", ""),
            type=values.get("type", ""),
            language=values.get("language", ""),
            abstract=values.get("abstract", ""),
            description=values.get("description", ""),
            subtitle=values.get("subtitle", ""),
            url=values.get("url", ""),
            track=values.get("track", ""),
            persons=tuple(raw.persons),
            line=raw.line,
            where=raw.where,
        ),
        problems,
    )


def _event_start(values: dict[str, str], raw: RawEvent, reading: Reading) -> tuple[dt.datetime, str]:
    """The start, and how it was placed in time when it has no offset of its own (``""`` when it has one)."""
    if values.get("date") and "T" in values["date"]:
        start = parse_datetime(values["date"])
        return (start, "") if start.tzinfo is not None else _read_naive(start, raw, reading)
    # Old frab files: only the day's date and HH:MM; a time before the day's start belongs to the next morning.
    clock = values.get("start", "")
    if raw.day_date is None or not re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", clock):
        raise ValueError("no date and no start time")
    parts = [int(p) for p in clock.split(":")]
    day = raw.day_date
    if raw.day_start is not None and (parts[0], parts[1]) < (raw.day_start.hour, raw.day_start.minute):
        day += timedelta(days=1)
    naive = dt.datetime.combine(day, dt.time(parts[0], parts[1], parts[2] if len(parts) > 2 else 0))
    return _read_naive(naive, raw, reading)


def _read_naive(naive: dt.datetime, raw: RawEvent, reading: Reading) -> tuple[dt.datetime, str]:
    """A wall time without an offset: in the reading's zone, else at the day's own offset, else (naive) as UTC."""
    if reading.zone is not None:
        return naive.replace(tzinfo=reading.zone), reading.source
    if raw.day_start is not None and raw.day_start.tzinfo is not None:
        return naive.replace(tzinfo=raw.day_start.tzinfo), "day"
    return naive, "utc"


def as_list(value: object) -> list[object]:
    """A JSON value that should be a list; anything else (a number, a string, an object) counts as none."""
    return value if isinstance(value, list) else []


def optional_datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        return None


def optional_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def finish(schedule: FrabSchedule, raws: list[RawEvent], name: str, tz: str | None = None) -> FrabSchedule:
    """The events with their times resolved; ``tz`` (the import's zone) reads starts without an offset where the
    file names no ``time_zone_name``."""
    given = find_zone(schedule.time_zone_name)
    reading = Reading(given, "time_zone_name") if given is not None else Reading(find_zone(tz), "tz")
    problems: list[Problem] = []
    unzoned = Unzoned()
    for raw in raws:
        event, found = resolve_event(raw, reading, name, unzoned)
        problems += found
        if event is not None:
            schedule.events.append(event)
            if event.room not in schedule.rooms:
                schedule.rooms.append(event.room)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InvalidInputError(problems)
    if not schedule.events:
        raise InvalidInputError([Problem(name, 1, 1, "error", "the schedule has no events")])
    schedule.days = sorted(set(schedule.days))
    if unzoned.first is not None:
        _warn_unzoned(schedule, unzoned, reading, name)
    return schedule


def _warn_unzoned(schedule: FrabSchedule, unzoned: Unzoned, reading: Reading, name: str) -> None:
    """One warning for every start without an offset, at the first, saying how they were read."""
    first = unzoned.first
    assert first is not None
    zone = reading.zone.key if reading.zone is not None else ""
    how = {
        "time_zone_name": f"in {zone}, the file's time_zone_name",
        "tz": f"in {zone}, the zone asked for",
        "day": "at the offset of their day",
        "utc": "as UTC",
    }
    said = " or ".join(how[h] for h in ("time_zone_name", "tz", "day", "utc") if h in unzoned.how)
    more = f" (and {unzoned.count - 1} more after it)" if unzoned.count > 1 else ""
    message = f"{first.where}: the start{more} has no offset; read {said}"
    warning = Problem(name, first.line, 0, "warning", message)
    schedule.warnings.append(warning)
    if "utc" in unzoned.how:
        schedule.advice.append(OptionAdvice(warning, ("tz",), "; pass {} to name the zone it is in"))


def person_keys(guid: object, code: object, number: object, name: str) -> tuple[str, ...]:
    """What identifies a person across the file's events: ``guid`` and ``code`` alone; a numeric ``id`` only
    together with the same name (real files reuse ids for different people, one gives everybody ``id="0"``), and
    never ``0``; the name where nothing else is given."""
    keys = [f"{prefix}:{value}" for prefix, value in (("guid", guid), ("code", code)) if value not in (None, "")]
    number_text = clean(number)
    if number_text and number_text.lstrip("0"):  # "0", "00": no id at all
        keys.append(f"id:{number_text.lstrip('0') if number_text.isdigit() else number_text}:{_same_name(name)}")
    return tuple(keys) or (f"name:{_same_name(name)}",)


def _same_name(name: str) -> str:
    """A name as two events of one person spell it: case and runs of spaces do not matter."""
    return " ".join(name.casefold().split())


def read_kept(kept: object, schedule: FrabSchedule) -> None:
    """What a clustermeet export kept beside the schedule (``frab_schedule.KEPT``), into ``schedule``; anything
    that is not in its shape is passed over (the file is someone else's)."""
    if not isinstance(kept, dict):
        return
    acronym, organiser = clean(kept.get("acronym")), clean(kept.get("organiser"))
    platform = kept.get("platform") if isinstance(kept.get("platform"), dict) else {}
    assert isinstance(platform, dict)
    schedule.acronym = acronym or schedule.acronym
    schedule.organiser = organiser[:200]
    kind, url = clean(platform.get("kind")), clean(platform.get("url"))
    schedule.platform_kind = kind if kind in PLATFORM_KINDS else ""
    schedule.platform_url = url if url.startswith(("https://", "http://")) else ""
    joins = kept.get("joins")
    schedule.join_urls = (
        frozenset(clean(j) for j in joins if isinstance(j, str)) if isinstance(joins, list) else frozenset()
    )
