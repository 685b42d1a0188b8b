"""A read schedule as agenda data: rooms as tracks, events as fixed-start segments, persons as people.

Every imported event keeps its start instant, duration, room, title and persons; see
:mod:`clustermeet.interop.frab_read` for what happens to the quirks of real files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from datetime import UTC, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from clustermeet.agenda.models import SegmentKind
from clustermeet.agenda.types import format_duration
from clustermeet.errors import Problem
from clustermeet.i18n import INTEROP_WORDS, lookup
from clustermeet.interop.frab_schedule import (
    PLACEHOLDER_EMAIL,
    PLACEHOLDER_URL,
    FrabEvent,
    FrabPerson,
    FrabSchedule,
    ImportOptions,
    ImportResult,
    OptionAdvice,
)
from clustermeet.interop.frab_zone import choose_zone
from clustermeet.text import format_offset, slugify

#: (kind, words that say it in a frab ``type``), in the order they are tried
_KIND_WORDS = tuple(
    (SegmentKind(key.removeprefix("kind_")), tuple(w for words in by_language.values() for w in words.split()))
    for key, by_language in INTEROP_WORDS.items()
    if key.startswith("kind_")
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


def to_agenda(schedule: FrabSchedule, name: str, options: ImportOptions | None = None) -> ImportResult:
    """The agenda data of a schedule; see :mod:`clustermeet.interop.frab_read` for what happens to quirks."""
    opts = options or ImportOptions()
    zone = choose_zone(schedule, opts.timezone, name)
    warnings = [*schedule.warnings, *zone.warnings]
    advice = [*schedule.advice, *zone.advice]
    room_order = {room: i for i, room in enumerate(schedule.rooms)}
    events = sorted(
        schedule.events, key=lambda e: (e.start.astimezone(UTC), room_order.get(e.room, len(room_order)), e.guid)
    )
    tracks, event_track = _tracks(events, room_order, name, warnings)
    people = _People(name, warnings)
    language = _language(schedule, opts.language)
    untitled = lookup(INTEROP_WORDS, "untitled_event", language)
    segments, dates = _segments(schedule, events, event_track, people, ZoneInfo(zone.zone), name, warnings, untitled)
    # our export writes a join link (the platform's, a track's or a room's) where a page is missing
    joins = {opts.platform_url or schedule.platform_url, *schedule.join_urls}
    for segment, event in zip(segments, events, strict=True):
        segment.update(_kept(event, language, joins))
    event_data = _event_data(schedule, opts, zone.zone, dates, language)
    placeholders = _placeholders(schedule, opts, name)
    if placeholders is not None:
        warnings.append(placeholders.warning)
        advice.append(placeholders)
    data: dict[str, Any] = {"event": event_data, "people": people.entries, "tracks": tracks, "segments": segments}
    if not people.entries:
        del data["people"]
    return ImportResult(data, schedule, sorted(warnings), advice)


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


def _tracks(
    events: list[FrabEvent], room_order: dict[str, int], name: str, warnings: list[Problem]
) -> tuple[list[dict[str, str]], list[str]]:
    """Rooms -> tracks, and the track of each event; an event that overlaps another in its room goes to the
    room's next free lane, a track of its own with the room's title."""
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
    return tracks, event_track


def _overlaps(a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime) -> bool:
    return a_start < b_end and b_start < a_end


_STRONG = ("guid:", "code:")  # the keys that identify a person by themselves (frab_fields.person_keys)


class _People:
    """Persons -> people: one entry per person, and a second one for someone in two overlapping events."""

    def __init__(self, name: str, warnings: list[Problem]) -> None:
        self.name = name
        self.warnings = warnings
        self.ids = _Ids()
        self.base_ids: dict[str, str] = {}
        self.strong: dict[str, set[str]] = {}  # base id -> its guid: and code: keys
        self.bookings: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
        self.entries: list[dict[str, Any]] = []

    def _same(self, person: FrabPerson, key: str) -> bool:
        """Whether ``key`` of ``person`` names someone already met: a guid or code does; an id (with the name)
        only where the two have no different guid or code (a guid or code tells people apart)."""
        base = self.base_ids.get(key)
        if base is None or key.startswith(_STRONG):
            return base is not None
        theirs = self.strong.get(base, set())
        return not any(
            mine not in theirs and any(k.startswith(prefix) for k in theirs)
            for prefix in _STRONG
            for mine in person.keys
            if mine.startswith(prefix)
        )

    def id_for(self, person: FrabPerson, event: FrabEvent) -> str:
        """The people id of ``person`` in ``event``: theirs, or a second one where they are busy already."""
        known = next((self.base_ids[k] for k in person.keys if self._same(person, k)), None)
        base = known or self.ids.make(person.name, "person")
        for key in person.keys:
            self.base_ids.setdefault(key, base)
        self.strong.setdefault(base, set()).update(k for k in person.keys if k.startswith(_STRONG))
        candidate, n = base, 1
        while any(_overlaps(s, e, event.start, event.end) for s, e in self.bookings.get(candidate, [])):
            n += 1
            candidate = f"{base}.{n}"
        if candidate not in self.bookings:
            self.bookings[candidate] = []
            self.entries.append({"id": candidate, "name": person.name})
            if candidate != base:
                self.warnings.append(
                    Problem(
                        self.name,
                        event.line,
                        0,
                        "warning",
                        f"{event.where}: {person.name} is in two overlapping events; listed again as '{candidate}' "
                        "(an agenda person cannot be in two places at once)",
                    )
                )
        self.bookings[candidate].append((event.start, event.end))
        return candidate


def _segments(
    schedule: FrabSchedule,
    events: list[FrabEvent],
    event_track: list[str],
    people: _People,
    zone: ZoneInfo,
    name: str,
    warnings: list[Problem],
    untitled: str,
) -> tuple[list[dict[str, Any]], set[dt.date]]:
    """One fixed-start segment per event, and the event's days: the file's and every local date with a start."""
    segment_ids = _Ids()
    segments: list[dict[str, Any]] = []
    dates = set(schedule.days)
    for event, track_id in zip(events, event_track, strict=True):
        title = event.title or untitled
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
        speakers = list(dict.fromkeys(people.id_for(person, event) for person in event.persons))
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
    return segments, dates


def _kept(event: FrabEvent, language: str, joins: set[str]) -> dict[str, str]:
    """What frab says of an event beyond its time and people: subtitle, page (unless it is one of the ``joins``
    links), subject (frab's track) and language (when not the event's)."""
    kept = {"subtitle": event.subtitle, "topic": event.track}
    if event.url.startswith(("https://", "http://")) and event.url not in joins:
        kept["page_url"] = event.url
    if event.language and event.language.lower() != language:
        kept["language"] = event.language[:35]
    return {key: value for key, value in kept.items() if value}


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


def _web_url(schedule: FrabSchedule) -> str | None:
    """The conference URL when it is a web address (the platform's placeholder otherwise)."""
    return schedule.url if schedule.url and schedule.url.startswith(("https://", "http://")) else None


def _event_data(
    schedule: FrabSchedule, opts: ImportOptions, zone_name: str, dates: set[dt.date], language: str
) -> dict[str, Any]:
    """The agenda's ``event``: title, days, zone, language; organiser and platform from the options, else
    placeholders."""
    ordered_dates = sorted(dates)
    title = schedule.title or lookup(INTEROP_WORDS, "untitled_schedule", language)
    event_data: dict[str, Any] = {"title": title}
    if schedule.acronym and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", schedule.acronym):
        event_data["acronym"] = schedule.acronym
    if len(ordered_dates) == 1:
        event_data["date"] = ordered_dates[0].isoformat()
    else:
        event_data["dates"] = [d.isoformat() for d in ordered_dates]
    event_data["timezone"] = zone_name
    event_data["language"] = language
    if _web_url(schedule):
        event_data["url"] = _web_url(schedule)
    organiser_name = opts.organiser_name or schedule.organiser or title
    event_data["organiser"] = {"name": organiser_name, "email": opts.organiser_email or PLACEHOLDER_EMAIL}
    platform_url = opts.platform_url or schedule.platform_url or _web_url(schedule)
    kind = opts.platform_kind if opts.platform_kind != "other" else schedule.platform_kind or "other"
    event_data["platform"] = {"kind": kind, "url": platform_url or PLACEHOLDER_URL}
    return event_data


def _placeholders(schedule: FrabSchedule, opts: ImportOptions, name: str) -> OptionAdvice | None:
    """The warning that placeholders were written, and the options that would have named the real values."""
    placeholders = []
    if not opts.organiser_email:
        placeholders.append("event.organiser.email")
    if not opts.platform_url and not schedule.platform_url and not _web_url(schedule):
        placeholders.append("event.platform.url")
    if not placeholders:
        return None
    warning = Problem(
        name,
        0,
        0,
        "warning",
        f"the schedule does not say {' or '.join(placeholders)}; placeholders written, fill them in",
    )
    return OptionAdvice(warning, ("organiser_email", "platform_url"), " (or pass {} / {})")
