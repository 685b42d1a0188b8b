"""Read frab / c3voc schedules (``schedule.xml``, ``schedule.json``) as frab and pretalx write them.

Pure: text in, agenda data out (plain dicts in the shape of ``clustermeet.agenda.models.Agenda``) plus warnings.
Lenient with the quirks real files have (see docs/interop.md): guids that are not UUIDs, days that run past
midnight, no ``time_zone_name`` (the offsets are taken instead), unknown fields, persons as ``{id, public_name}``
(frab) or ``{code, name}`` (pretalx), events that overlap in one room. Strict only where a value cannot be
guessed: an event without a readable start or room is an error with its place.

Every imported event keeps its start instant, duration, room, title and persons:

* rooms become tracks, in the file's order; an event that overlaps another in its room goes into an extra track
  with the same title (the agenda allows no overlap inside one track), with a warning;
* each event gets a fixed start, written as wall time in the chosen zone (with the offset where the wall time
  happens twice); every local date that has a start becomes one of the event's days, so a talk at 01:00 after
  a long first day puts the next date into ``dates``;
* persons become people; a person who is in two overlapping events of different rooms (a talk and its stream
  relay) gets a second entry with the same name, because the agenda treats one person id in two places as an
  error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from clustermeet.agenda.models import SegmentKind
from clustermeet.agenda.types import FIRST_YEAR, LAST_YEAR, MAX_DURATION, format_duration
from clustermeet.agenda.zones import find_zone, zone_named
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.text import format_offset, normalise_newlines, slugify, strip_controls

# --- what a schedule file holds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrabPerson:
    keys: tuple[str, ...]
    """What identifies the person in the file: ``guid:``, ``code:``, ``id:`` (or else ``name:``) and the value.
    Files give different ones in different events (pretalx: ``code`` here, only ``id`` there); any shared key
    means the same person."""
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
    timeslot: timedelta = timedelta(minutes=5)
    rooms: list[str] = field(default_factory=list)
    days: list[dt.date] = field(default_factory=list)
    events: list[FrabEvent] = field(default_factory=list)
    format: str = "xml"


@dataclass(frozen=True)
class ImportOptions:
    """What the file does not say; each left out gets a placeholder and a warning."""

    timezone: str | None = None
    language: str | None = None
    organiser_name: str | None = None
    organiser_email: str | None = None
    platform_kind: str = "other"
    platform_url: str | None = None


@dataclass
class ImportResult:
    data: dict[str, Any]
    """Agenda-shaped plain data, ready for ``export.agenda_yaml``."""
    schedule: FrabSchedule
    warnings: list[Problem] = field(default_factory=list)


PLACEHOLDER_EMAIL = "organiser@example.org"
PLACEHOLDER_URL = "https://example.org/"

# --- parsing -----------------------------------------------------------------------------------------------------


def parse_schedule(text: str, name: str) -> FrabSchedule:
    """``schedule.xml`` or ``schedule.json`` text -> :class:`FrabSchedule`; ``InvalidInputError`` with places."""
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start == "<":
        return _parse_xml(text, name)
    if start in "{[" and start:
        return _parse_json(text, name)
    raise InvalidInputError([Problem(name, 1, 1, "error", "not a frab schedule: expected XML (<schedule>) or JSON")])


def _clean(value: object) -> str:
    """Text as the agenda can hold it: no lone surrogates or control characters, CRLF as LF, stripped."""
    if value is None:
        return ""
    text = normalise_newlines(str(value)).encode("utf-8", "replace").decode("utf-8")
    return strip_controls(text, keep="\n\t").strip()


def _parse_duration(value: str) -> timedelta:
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


def _timeslot(value: object, default: timedelta) -> timedelta:
    if not isinstance(value, str) or not value:
        return default
    try:
        return _parse_duration(value) or default
    except ValueError:
        return default


def _parse_datetime(value: str) -> dt.datetime:
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date and time") from None


@dataclass
class _RawEvent:
    """Fields as read, before times are resolved."""

    values: dict[str, str]
    persons: list[FrabPerson]
    room: str
    day_date: dt.date | None
    day_start: dt.datetime | None
    line: int
    where: str


def _resolve_event(raw: _RawEvent, zone: ZoneInfo | None, name: str) -> tuple[FrabEvent | None, list[Problem]]:
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
            duration = _parse_duration(duration_text)
        elif values.get("end"):
            duration = _parse_datetime(values["end"]) - start
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


def _event_start(values: dict[str, str], raw: _RawEvent, zone: ZoneInfo | None) -> dt.datetime:
    if values.get("date") and "T" in values["date"]:
        start = _parse_datetime(values["date"])
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


def _list(value: object) -> list[object]:
    """A JSON value that should be a list; anything else (a number, a string, an object) counts as none."""
    return value if isinstance(value, list) else []


def _zone_or_none(value: str | None) -> ZoneInfo | None:
    return find_zone(value)


def _optional_datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return _parse_datetime(value)
    except ValueError:
        return None


def _optional_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _finish(schedule: FrabSchedule, raws: list[_RawEvent], name: str) -> FrabSchedule:
    zone = _zone_or_none(schedule.time_zone_name)
    problems: list[Problem] = []
    for raw in raws:
        event, found = _resolve_event(raw, zone, name)
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


# XML ------------------------------------------------------------------------------------------------------------


def _xml_tree(text: str, name: str) -> tuple[ET.Element, dict[int, int]]:
    """Parse with expat directly, remembering the line of each element (ElementTree's parser does not say)."""
    from xml.parsers import expat

    # A schedule has no DTD; refusing one rules out entity expansion (billion laughs) and external entities.
    doctype = re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE)
    if doctype:
        line = text.count("\n", 0, doctype.start()) + 1
        raise InvalidInputError([Problem(name, line, 1, "error", "DTDs and entities are not allowed in a schedule")])
    parser = expat.ParserCreate(encoding="utf-8")
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        lines[id(builder.start(tag, attrs))] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"), count=1)  # decoded already: drop the encoding
    try:
        parser.Parse(body.encode("utf-8"), True)
        root = builder.close()
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise InvalidInputError([Problem(name, exc.lineno, exc.offset + 1, "error", f"XML: {message}")]) from None
    return root, lines


def _parse_xml(text: str, name: str) -> FrabSchedule:
    root, lines = _xml_tree(text, name)
    if root.tag != "schedule":
        raise InvalidInputError(
            [Problem(name, 1, 1, "error", f"not a frab schedule: the root is <{root.tag}>, not <schedule>")]
        )
    conference = root.find("conference")
    if conference is None:
        raise InvalidInputError([Problem(name, lines.get(id(root), 1), 1, "error", "<conference> is missing")])
    schedule = FrabSchedule(
        title=_clean(conference.findtext("title")) or "Imported schedule",
        acronym=_clean(conference.findtext("acronym")),
        time_zone_name=_clean(conference.findtext("time_zone_name")) or None,
        url=_clean(conference.findtext("url") or conference.findtext("base_url")) or None,
        format="xml",
    )
    schedule.timeslot = _timeslot(_clean(conference.findtext("timeslot_duration")), schedule.timeslot)
    raws: list[_RawEvent] = []
    for day in root.iter("day"):
        day_date = _optional_date(day.get("date"))
        if day_date is not None:
            schedule.days.append(day_date)
        day_start = _optional_datetime(day.get("start"))
        for room in day.findall("room"):
            room_name = _clean(room.get("name"))
            if room_name and room_name not in schedule.rooms:
                schedule.rooms.append(room_name)
            for event in room.findall("event"):
                values = {child.tag: _clean(child.text) for child in event if len(child) == 0}
                values["guid"] = _clean(event.get("guid"))
                persons = [
                    FrabPerson(
                        _person_keys(person.get("guid"), None, person.get("id"), _clean(person.text)),
                        _clean(person.text),
                    )
                    for person in event.iter("person")
                    if _clean(person.text)
                ]
                label = event.get("id") or values["guid"] or values.get("title", "?")
                raws.append(
                    _RawEvent(
                        values,
                        persons,
                        room_name or values.get("room", ""),
                        day_date,
                        day_start,
                        lines.get(id(event), 0),
                        f"day {day.get('index', '?')}, room {room_name!r}, event {label}",
                    )
                )
    return _finish(schedule, raws, name)


def _person_keys(guid: object, code: object, number: object, name: str) -> tuple[str, ...]:
    keys = tuple(
        f"{prefix}:{value}"
        for prefix, value in (("guid", guid), ("code", code), ("id", number))
        if value not in (None, "")
    )
    return keys or (f"name:{name}",)


# JSON -----------------------------------------------------------------------------------------------------------


def _parse_json(text: str, name: str) -> FrabSchedule:
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InvalidInputError([Problem(name, exc.lineno, exc.colno, "error", f"JSON: {exc.msg}")]) from None
    except RecursionError:
        raise InvalidInputError([Problem(name, 1, 1, "error", "JSON nesting is too deep")]) from None
    outer = document.get("schedule") if isinstance(document, dict) else None
    conference = outer.get("conference") if isinstance(outer, dict) else None
    if not isinstance(conference, dict):
        raise InvalidInputError(
            [Problem(name, 1, 1, "error", "not a frab schedule.json: schedule.conference is missing")]
        )
    schedule = FrabSchedule(
        title=_clean(conference.get("title")) or "Imported schedule",
        acronym=_clean(conference.get("acronym")),
        time_zone_name=_clean(conference.get("time_zone_name")) or None,
        url=_clean(conference.get("url") or (outer.get("base_url") if isinstance(outer, dict) else None)) or None,
        format="json",
    )
    schedule.timeslot = _timeslot(conference.get("timeslot_duration"), schedule.timeslot)
    for room in _list(conference.get("rooms")):
        room_name = _clean(room.get("name")) if isinstance(room, dict) else _clean(room)
        if room_name and room_name not in schedule.rooms:
            schedule.rooms.append(room_name)
    raws: list[_RawEvent] = []
    days = conference.get("days")
    if not isinstance(days, list):
        raise InvalidInputError([Problem(name, 1, 1, "error", "schedule.conference.days is missing or not a list")])
    for day_number, day in enumerate(days):
        if not isinstance(day, dict):
            continue
        day_date = _optional_date(day.get("date"))
        if day_date is not None:
            schedule.days.append(day_date)
        day_start = _optional_datetime(day.get("day_start") if isinstance(day.get("day_start"), str) else None)
        rooms = day.get("rooms")
        if not isinstance(rooms, dict):
            continue
        for room_name_raw, events in rooms.items():
            room_name = _clean(room_name_raw)
            if room_name and room_name not in schedule.rooms:
                schedule.rooms.append(room_name)
            for position, event in enumerate(events if isinstance(events, list) else []):
                if not isinstance(event, dict):
                    continue
                values = {
                    key: _clean(value)
                    for key, value in event.items()
                    if isinstance(value, str | int | float) and not isinstance(value, bool)
                }
                persons = []
                for entry in _list(event.get("persons")):
                    person = {"name": entry} if isinstance(entry, str) else entry
                    if not isinstance(person, dict):
                        continue
                    person_name = _clean(
                        person.get("name") or person.get("public_name") or person.get("full_public_name")
                    )
                    if person_name:
                        key = _person_keys(person.get("guid"), person.get("code"), person.get("id"), person_name)
                        persons.append(FrabPerson(key, person_name))
                label = event.get("id") or event.get("guid") or event.get("title") or "?"
                raws.append(
                    _RawEvent(
                        values,
                        persons,
                        room_name,
                        day_date,
                        day_start,
                        0,
                        f"days[{day_number}].rooms[{room_name!r}][{position}] (event {label})",
                    )
                )
    return _finish(schedule, raws, name)


# --- to an agenda ------------------------------------------------------------------------------------------------

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


def choose_zone(schedule: FrabSchedule, requested: str | None, name: str) -> tuple[str, list[Problem]]:
    """The agenda's IANA zone: ``requested``, else the file's ``time_zone_name``, else one that fits the offsets."""
    events = schedule.events
    if requested:
        zone_named(requested, "tz")
        return requested, []
    warnings: list[Problem] = []
    given = schedule.time_zone_name
    if given:
        if _zone_or_none(given) is None:
            warnings.append(Problem(name, 0, 0, "warning", f"time_zone_name {given!r} is not an IANA zone; ignored"))
        elif _fits(given, events):
            return given, warnings
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
            return given, warnings
    offsets = sorted({format_offset(e.start.utcoffset()) for e in events})
    candidates = list(_PREFERRED_ZONES)
    for offset in offsets:
        hours, minutes = int(offset[:3]), int(offset[4:])
        if minutes == 0:  # Etc/GMT signs are inverted: Etc/GMT-1 is UTC+01:00
            candidates.append(f"Etc/GMT{-hours:+d}" if hours else "Etc/UTC")
    candidates += sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    chosen = next((zone for zone in candidates if _fits(zone, events)), "UTC")
    warnings.append(
        Problem(
            name,
            0,
            0,
            "warning",
            f"no time_zone_name in the file; using {chosen}, which fits its offsets ({', '.join(offsets)}); "
            "pass --tz to name the real zone",
        )
    )
    return chosen, warnings


class _Ids:
    """Unique ids from names: ``talk``, ``talk-2``, ``talk-3``..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str, fallback: str) -> str:
        base = slugify(text, fallback)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


_KIND_WORDS: tuple[tuple[SegmentKind, tuple[str, ...]], ...] = (
    (SegmentKind.keynote, ("keynote",)),
    (SegmentKind.panel, ("panel", "podium", "discussion", "diskussion", "fishbowl")),
    (SegmentKind.break_, ("break", "pause", "lunch", "coffee")),
    (SegmentKind.welcome, ("welcome", "opening", "begrüßung", "eröffnung")),
    (SegmentKind.closing, ("closing", "abschluss")),
    (SegmentKind.performance, ("performance", "concert", "konzert", "music", "musik", "show")),
    (SegmentKind.talk, ("talk", "lecture", "vortrag", "lightning", "presentation")),
)


def kind_of(frab_type: str, title: str = "") -> SegmentKind:
    """Our segment kind for a frab ``type`` (free text in real files: ``lecture``, ``Talk 30 min + 10min Q&A``)."""
    text = frab_type.strip().lower()
    exact = {kind.value: kind for kind in SegmentKind if kind not in (SegmentKind.breakout, SegmentKind.pitches)}
    if text in exact:
        return exact[text]
    for kind, words in _KIND_WORDS:
        if any(w in text for w in words):
            return kind
    return SegmentKind.other if text else SegmentKind.talk


def _start_text(moment: dt.datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    text = local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")
    other = local.replace(fold=1 - local.fold)
    if other.utcoffset() != local.utcoffset():  # the wall time happens twice: say which
        text += format_offset(local.utcoffset())
    return text


def _language(schedule: FrabSchedule, requested: str | None) -> str:
    if requested in {"de", "en"}:
        return str(requested)
    counts = Counter(e.language.lower()[:2] for e in schedule.events)
    return "de" if counts["de"] > counts["en"] else "en"


def _overlaps(a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime) -> bool:
    return a_start < b_end and b_start < a_end


def to_agenda(schedule: FrabSchedule, name: str, options: ImportOptions | None = None) -> ImportResult:
    """The agenda data of a schedule; see the module docstring for what happens to quirks."""
    opts = options or ImportOptions()
    zone_name, warnings = choose_zone(schedule, opts.timezone, name)
    zone = ZoneInfo(zone_name)
    room_order = {room: i for i, room in enumerate(schedule.rooms)}
    events = sorted(
        schedule.events, key=lambda e: (e.start.astimezone(UTC), room_order.get(e.room, len(room_order)), e.guid)
    )

    # Rooms -> tracks; an event that overlaps another in its room goes to the room's next free lane.
    track_ids = _Ids()
    lanes: dict[str, list[tuple[str, dt.datetime]]] = {}  # room -> [(track id, busy until)]
    event_track: list[str] = []
    lane_titles: dict[str, str] = {}
    for event in events:
        room_lanes = lanes.setdefault(event.room, [])
        if not room_lanes:
            track_id = track_ids.make(event.room, "room")
            room_lanes.append((track_id, event.start))
            lane_titles[track_id] = event.room
        for index, (track_id, busy_until) in enumerate(room_lanes):
            if busy_until <= event.start:
                room_lanes[index] = (track_id, event.end)
                event_track.append(track_id)
                break
        else:
            track_id = track_ids.make(f"{event.room}-{len(room_lanes) + 1}", "room")
            room_lanes.append((track_id, event.end))
            lane_titles[track_id] = event.room
            event_track.append(track_id)
            warnings.append(
                Problem(
                    name,
                    event.line,
                    0,
                    "warning",
                    f"{event.where}: '{event.title}' overlaps another event in room '{event.room}'; "
                    f"imported into an extra track '{track_id}' of the same title",
                )
            )
    rooms_in_order = sorted(lanes, key=lambda r: room_order.get(r, len(room_order)))
    tracks = [{"id": tid, "title": lane_titles[tid]} for room in rooms_in_order for tid, _ in lanes[room]]

    # Persons -> people; a second entry for someone in two overlapping events.
    person_ids = _Ids()
    base_ids: dict[str, str] = {}
    bookings: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
    people: list[dict[str, Any]] = []

    def person_for(person: FrabPerson, event: FrabEvent) -> str:
        known = next((base_ids[k] for k in person.keys if k in base_ids), None)
        base = known or person_ids.make(person.name, "person")
        for key in person.keys:
            base_ids.setdefault(key, base)
        candidate, n = base, 1
        while any(_overlaps(s, e, event.start, event.end) for s, e in bookings.get(candidate, [])):
            n += 1
            candidate = f"{base}.{n}"
        if candidate not in bookings:
            bookings[candidate] = []
            people.append({"id": candidate, "name": person.name})
            if candidate != base:
                warnings.append(
                    Problem(
                        name,
                        event.line,
                        0,
                        "warning",
                        f"{event.where}: {person.name} is in two overlapping events; listed again as '{candidate}' "
                        "(an agenda person cannot be in two places at once)",
                    )
                )
        bookings[candidate].append((event.start, event.end))
        return candidate

    segment_ids = _Ids()
    segments: list[dict[str, Any]] = []
    dates = set(schedule.days)
    for event, track_id in zip(events, event_track, strict=True):
        title = event.title or "(untitled)"
        duration = event.duration
        if duration <= timedelta(0):
            duration = schedule.timeslot if schedule.timeslot > timedelta(0) else timedelta(minutes=5)
            warnings.append(
                Problem(
                    name,
                    event.line,
                    0,
                    "warning",
                    f"{event.where}: '{title}' has no length; imported as {format_duration(duration)}",
                )
            )
        speakers: list[str] = []
        for person in event.persons:
            person_id = person_for(person, event)
            if person_id not in speakers:
                speakers.append(person_id)
        segment: dict[str, Any] = {
            "id": segment_ids.make(title, "event"),
            "title": title,
            "kind": kind_of(event.type, title).value,
            "start": _start_text(event.start, zone),
            "duration": format_duration(duration),
            "track": track_id,
        }
        if speakers:
            segment["speakers"] = speakers
        description = event.abstract or event.description
        if description:
            segment["description"] = description
        segments.append(segment)
        dates.add(event.start.astimezone(zone).date())

    ordered_dates = sorted(dates)
    organiser_name = opts.organiser_name or schedule.title
    placeholders = []
    if not opts.organiser_email:
        placeholders.append("event.organiser.email")
    if not opts.platform_url and not (schedule.url and schedule.url.startswith(("https://", "http://"))):
        placeholders.append("event.platform.url")
    if placeholders:
        warnings.append(
            Problem(
                name,
                0,
                0,
                "warning",
                f"the schedule does not say {' or '.join(placeholders)}; placeholders written, fill them in "
                "(or pass --organiser-email / --platform-url)",
            )
        )
    event_data: dict[str, Any] = {"title": schedule.title}
    if schedule.acronym and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", schedule.acronym):
        event_data["acronym"] = schedule.acronym
    if len(ordered_dates) == 1:
        event_data["date"] = ordered_dates[0].isoformat()
    else:
        event_data["dates"] = [d.isoformat() for d in ordered_dates]
    event_data["timezone"] = zone_name
    event_data["language"] = _language(schedule, opts.language)
    event_data["organiser"] = {"name": organiser_name, "email": opts.organiser_email or PLACEHOLDER_EMAIL}
    platform_url = opts.platform_url
    if not platform_url and schedule.url and schedule.url.startswith(("https://", "http://")):
        platform_url = schedule.url
    event_data["platform"] = {"kind": opts.platform_kind, "url": platform_url or PLACEHOLDER_URL}
    data: dict[str, Any] = {"event": event_data, "people": people, "tracks": tracks, "segments": segments}
    if not people:
        del data["people"]
    return ImportResult(data, schedule, sorted(warnings))


def import_schedule(text: str, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Parse a frab schedule and turn it into agenda data (``parse_schedule`` + ``to_agenda``)."""
    return to_agenda(parse_schedule(text, name), name, options)
