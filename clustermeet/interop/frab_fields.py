"""The values both schedule formats share: text, durations and times as frab writes them, persons, and turning
the events as read into :class:`~clustermeet.interop.frab_schedule.FrabEvent` with their times resolved."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from clustermeet.agenda.types import FIRST_YEAR, LAST_YEAR, MAX_DURATION, format_duration
from clustermeet.agenda.zones import find_zone
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.interop.frab_schedule import FrabEvent, FrabPerson, FrabSchedule
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


def resolve_event(raw: RawEvent, zone: ZoneInfo | None, name: str) -> tuple[FrabEvent | None, list[Problem]]:
    values = raw.values
    problems: list[Problem] = []

    def error(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, raw.line, 0, "error", f"{raw.where}: {message}")]

    try:
        start = _event_start(values, raw, zone)
    except ValueError as exc:
        return error(str(exc))
    except OverflowError:  # an old-style start after midnight of 9999-12-31
        return error(f"start is not in the years {FIRST_YEAR} to {LAST_YEAR}")
    if not FIRST_YEAR <= start.year <= LAST_YEAR:  # later arithmetic (end, UTC, offsets) must stay in range
        return error(f"start {start.date().isoformat()} is not in the years {FIRST_YEAR} to {LAST_YEAR}")
    if start.tzinfo is None:
        problems.append(
            Problem(
                name, raw.line, 0, "warning", f"{raw.where}: start {start:%Y-%m-%d %H:%M} has no offset; read as UTC"
            )
        )
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
            persons=tuple(raw.persons),
            line=raw.line,
            where=raw.where,
        ),
        problems,
    )


def _event_start(values: dict[str, str], raw: RawEvent, zone: ZoneInfo | None) -> dt.datetime:
    if values.get("date") and "T" in values["date"]:
        start = parse_datetime(values["date"])
        if start.tzinfo is None and zone is not None:
            start = start.replace(tzinfo=zone)
        return start
    # Old frab files: only the day's date and HH:MM; a time before the day's start belongs to the next morning.
    clock = values.get("start", "")
    if raw.day_date is None or not re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", clock):
        raise ValueError("no date and no start time")
    parts = [int(p) for p in clock.split(":")]
    day = raw.day_date
    if raw.day_start is not None and (parts[0], parts[1]) < (raw.day_start.hour, raw.day_start.minute):
        day += timedelta(days=1)
    naive = dt.datetime.combine(day, dt.time(parts[0], parts[1], parts[2] if len(parts) > 2 else 0))
    if zone is not None:
        return naive.replace(tzinfo=zone)
    if raw.day_start is not None and raw.day_start.tzinfo is not None:
        return naive.replace(tzinfo=raw.day_start.tzinfo)
    return naive


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


def finish(schedule: FrabSchedule, raws: list[RawEvent], name: str) -> FrabSchedule:
    zone = find_zone(schedule.time_zone_name)
    problems: list[Problem] = []
    for raw in raws:
        event, found = resolve_event(raw, zone, name)
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
    return schedule


def person_keys(guid: object, code: object, number: object, name: str) -> tuple[str, ...]:
    keys = tuple(
        f"{prefix}:{value}"
        for prefix, value in (("guid", guid), ("code", code), ("id", number))
        if value not in (None, "")
    )
    return keys or (f"name:{name}",)
