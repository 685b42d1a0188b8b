"""The schedule as a frab / c3voc ``schedule.xml`` or ``schedule.json``, valid against the c3voc schemas.

Strict where the importer is lenient: every value is written in the form the schema asks for (lowercase acronym
and slugs, UUID guids, ``HH:MM`` durations, dates with offsets). Everything is derived from the agenda, so the
same agenda gives the same bytes:

* rooms: one per track (tracks of the same title share a room), one for plenary segments (``Plenary`` /
  ``Plenum``), and one per breakout room; a breakout block becomes one event per room (``Block: Room``);
* guids are ``uuid5`` of the acronym and the item id (rooms: of the room name; persons: of ``acct:<e-mail>`` as
  the c3voc schema recommends, else of the person id); numeric ids are taken from the guid;
* ``version`` is a hash of the content, so it changes exactly when the schedule does;
* what the formats have no field for (the exact acronym, the organiser's name, the platform) is kept for our
  import beside the schedule (``frab_schedule.KEPT``); never an e-mail address or a passcode.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from clustermeet.i18n import word
from clustermeet.interop.frab_schedule import KEPT
from clustermeet.text import normalise_newlines, slugify, strip_controls, to_ascii

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date, datetime, timedelta

    from clustermeet.agenda.models import Agenda
    from clustermeet.agenda.timing import Schedule, ScheduledItem

JSON_SCHEMA_ID = "https://c3voc.de/schedule/schema.json"
GENERATOR = "clustermeet"
_ZONE_PATTERN = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


@dataclass
class FrabPersonOut:
    name: str
    guid: str
    id: int


@dataclass
class FrabEventOut:
    guid: str
    id: int
    start: datetime
    """Local wall time in the event's zone (aware)."""
    duration: timedelta
    room: str
    slug: str
    title: str
    type: str
    language: str
    abstract: str
    url: str
    subtitle: str = ""
    track: str = ""
    """The segment's topic (frab's track is a subject, not a room)."""
    persons: list[FrabPersonOut] = field(default_factory=list)


@dataclass
class FrabDay:
    index: int
    date: date
    start: datetime
    end: datetime
    events: list[FrabEventOut]


@dataclass
class FrabDocument:
    """What both formats say, built once."""

    acronym: str
    title: str
    time_zone_name: str | None
    version: str
    rooms: list[tuple[str, str]]
    """(name, guid) in order."""
    days: list[FrabDay]
    url: str | None = None
    """The event's web page: the conference URL."""
    kept: dict[str, Any] = field(default_factory=dict)
    """What the formats have no field for, for our import (``frab_schedule.KEPT``): the exact acronym, the
    organiser's name and the platform; never an e-mail address (the file is public)."""


def kept_of(agenda: Agenda, joins: Iterable[str] = ()) -> dict[str, Any]:
    """The agenda's exact acronym, organiser name and platform (kind and join link, which every event carries
    anyway), and the other join links events carry as their ``url`` (``joins``: of tracks, rooms, segments), so
    that the import does not take them for web pages; no address and no passcode: a schedule file is published."""
    kept: dict[str, Any] = {"acronym": agenda.event.acronym} if agenda.event.acronym else {}
    kept["organiser"] = agenda.event.organiser.name
    kept["platform"] = {"kind": agenda.event.platform.kind, "url": agenda.event.platform.url}
    others = sorted(set(joins) - {agenda.event.platform.url, ""})
    if others:
        kept["joins"] = others
    return kept


def acronym_of(agenda: Agenda) -> str:
    """The acronym in the form both schemas accept: lowercase letters, digits and ``_``, at least four."""
    text = agenda.event.acronym or agenda.event.title
    acronym = re.sub(r"[^a-z0-9_]+", "_", to_ascii(text).lower()).strip("_")
    if len(acronym) < 4:
        acronym = (acronym + "_event").strip("_")
    return acronym


def _guid(acronym: str, kind: str, key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:clustermeet:{acronym}:{kind}:{key}"))


def _number(guid: str, taken: set[int]) -> int:
    """A positive integer id from a guid, stable, unique within ``taken`` (which it joins)."""
    number = 1000 + int(guid.replace("-", "")[:8], 16) % 999_000_000
    while number in taken:
        number += 1
    taken.add(number)
    return number


def _rooms_and_items(schedule: Schedule, language: str) -> list[tuple[ScheduledItem, str, str]]:
    """(item, room name, title) for every item that becomes an event; breakout blocks give way to their rooms."""
    agenda = schedule.agenda
    plenary = word("plenary", language)
    titles = {t.id: t.title for t in agenda.tracks}
    result = []
    for item in schedule.items:
        if item.parent is None and schedule.rooms_of(item.id):
            continue
        if item.parent is not None:
            parent = schedule.item(item.parent)
            result.append((item, item.room_title or item.title, f"{parent.title}: {item.title}"))
        elif item.room is not None:
            result.append((item, titles.get(item.room, item.room_title or item.room), item.title))
        else:
            result.append((item, plenary, item.title))
    return result


def _people(schedule: Schedule, item: ScheduledItem, acronym: str, numbers: dict[str, int]) -> list[FrabPersonOut]:
    """The item's people; ``numbers`` (guid -> numeric id) keeps one number per person across events."""
    persons = []
    for person_id in item.people:
        person = schedule.agenda.person(person_id)
        name = person.name if person else person_id
        if person is not None and person.email:
            guid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"acct:{person.email.lower()}"))
        else:
            guid = _guid(acronym, "person", person_id)
        if guid not in numbers:
            numbers[guid] = _number(guid, set(numbers.values()))
        persons.append(FrabPersonOut(name, guid, numbers[guid]))
    return persons


def build_document(schedule: Schedule, language: str | None = None) -> FrabDocument:
    """The frab view of a schedule, shared by the XML and JSON writers."""
    agenda = schedule.agenda
    lang = language or agenda.event.language
    acronym = acronym_of(agenda)
    event_ids: set[int] = set()
    person_numbers: dict[str, int] = {}
    rooms: list[str] = []
    # Rooms in a reading order: plenary first, then tracks in their order, then breakout rooms as they come.
    entries = _rooms_and_items(schedule, lang)
    track_titles = [t.title for t in agenda.tracks]
    for _, room, _ in sorted(entries, key=lambda e: 0 if e[0].room is None else 1 if e[0].parent is None else 2):
        if room not in rooms:
            rooms.append(room)
    rooms.sort(key=lambda r: 0 if r == word("plenary", lang) else 1 if r in track_titles else 2)
    for title in track_titles:
        if title not in rooms:
            rooms.append(title)

    events_by_day: dict[date, list[FrabEventOut]] = {}
    for item, room, title in entries:
        guid = _guid(acronym, "event", item.id)
        number = _number(guid, event_ids)
        segment = next(s for s in agenda.segments if s.id == item.segment_id)
        persons = _people(schedule, item, acronym, person_numbers)
        start = schedule.local(item.start)
        slug_tail = "-".join(p for p in (str(number), slugify(title, "", max_length=60)) if p)
        event = FrabEventOut(
            guid=guid,
            id=number,
            start=start,
            duration=item.duration,
            room=room,
            slug=f"{acronym}-{slug_tail}",
            title=title,
            type=item.kind.value,
            language=segment.language or lang,
            abstract=segment.description or "",
            url=segment.page_url or item.url or agenda.event.platform.url,
            subtitle=segment.subtitle or "",
            track=segment.topic or "",
            persons=persons,
        )
        events_by_day.setdefault(start.date(), []).append(event)

    days = []
    for index, day in enumerate(sorted(events_by_day), start=1):
        events = sorted(events_by_day[day], key=lambda e: (e.start, rooms.index(e.room), e.id))
        days.append(
            FrabDay(
                index=index,
                date=day,
                start=min(e.start for e in events),
                end=max(e.start + e.duration for e in events).astimezone(schedule.zone),
                events=events,
            )
        )
    zone_name = schedule.zone.key
    digest = hashlib.sha256(
        json.dumps(
            [
                agenda.event.title,
                zone_name,
                [
                    (e.guid, e.start.isoformat(), str(e.duration), e.room, e.title, [p.name for p in e.persons])
                    for d in days
                    for e in d.events
                ],
            ],
            ensure_ascii=False,
        ).encode("utf-8")
    ).hexdigest()
    return FrabDocument(
        acronym=acronym,
        title=agenda.event.title,
        time_zone_name=zone_name if _ZONE_PATTERN.search(zone_name) else None,
        version=digest[:12],
        rooms=[(room, _guid(acronym, "room", room)) for room in rooms],
        days=days,
        url=agenda.event.url,
        kept=kept_of(agenda, {e.url for d in days for e in d.events} - {s.page_url for s in agenda.segments}),
    )


def _hhmm(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


_XML_NONCHARACTERS = str.maketrans(dict.fromkeys((0xFFFE, 0xFFFF)))


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: line breaks as LF, no control characters (but tab and LF), no U+FFFE/U+FFFF."""
    return strip_controls(normalise_newlines(text), keep="\t\n").translate(_XML_NONCHARACTERS)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def schedule_to_frab_xml(schedule: Schedule, language: str | None = None) -> str:
    """``schedule.xml`` valid against the c3voc XSD."""
    document = build_document(schedule, language)
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR)
    _sub(root, "version", document.version)
    conference = _sub(root, "conference")
    _sub(conference, "acronym", document.acronym)
    _sub(conference, "title", document.title)
    if document.days:
        _sub(conference, "start", document.days[0].date.isoformat())
        _sub(conference, "end", document.days[-1].date.isoformat())
    _sub(conference, "days", str(len(document.days)))
    _sub(conference, "timeslot_duration", "00:05")
    if document.time_zone_name:
        _sub(conference, "time_zone_name", document.time_zone_name)
    if document.url:
        _sub(conference, "url", document.url)
    for day in document.days:
        day_element = _sub(
            root, "day", index=str(day.index), date=day.date.isoformat(), start=_iso(day.start), end=_iso(day.end)
        )
        for room, room_guid in document.rooms:
            room_element = _sub(day_element, "room", name=room, guid=room_guid)
            for event in (e for e in day.events if e.room == room):
                element = _sub(room_element, "event", guid=event.guid, id=str(event.id))
                _sub(element, "date", _iso(event.start))
                _sub(element, "start", f"{event.start:%H:%M}")
                _sub(element, "duration", _hhmm(event.duration))
                _sub(element, "room", event.room)
                _sub(element, "slug", event.slug)
                _sub(element, "url", event.url)
                _sub(element, "title", event.title)
                _sub(element, "subtitle", event.subtitle)
                _sub(element, "track", event.track)
                _sub(element, "type", event.type)
                _sub(element, "language", event.language)
                _sub(element, "abstract", event.abstract)
                _sub(element, "description", "")
                persons = _sub(element, "persons")
                for person in event.persons:
                    _sub(persons, "person", person.name, id=str(person.id), guid=person.guid)
                _sub(element, "links")
    ET.indent(root, space="  ")
    # a processing instruction: the XSD has no element for these, and every reader passes it over; ASCII JSON
    # with ">" escaped, so that no value can end it early
    kept = json.dumps(document.kept, ensure_ascii=True, sort_keys=True).replace(">", "\\u003e")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<?{KEPT} {kept}?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def schedule_to_frab_dict(schedule: Schedule, language: str | None = None) -> dict[str, Any]:
    """``schedule.json`` (c3voc v1) as data."""
    document = build_document(schedule, language)
    days = []
    for day in document.days:
        rooms: dict[str, list[dict[str, Any]]] = {}
        for room, _ in document.rooms:
            rooms[room] = [
                {
                    "guid": event.guid,
                    "id": event.id,
                    "date": _iso(event.start),
                    "start": f"{event.start:%H:%M}",
                    "end": _iso(event.start + event.duration),
                    "duration": _hhmm(event.duration),
                    "room": event.room,
                    "slug": event.slug,
                    "url": event.url,
                    "title": event.title,
                    "subtitle": event.subtitle,
                    "track": event.track or None,
                    "type": event.type,
                    "language": event.language,
                    "abstract": event.abstract,
                    "description": "",
                    "persons": [{"name": p.name, "guid": p.guid} for p in event.persons],
                    "links": [],
                }
                for event in day.events
                if event.room == room
            ]
        days.append(
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": _iso(day.start),
                "day_end": _iso(day.end),
                "rooms": rooms,
            }
        )
    conference: dict[str, Any] = {
        "acronym": document.acronym,
        "title": document.title,
        "start": document.days[0].date.isoformat() if document.days else "",
        "end": document.days[-1].date.isoformat() if document.days else "",
        "daysCount": len(document.days),
        "timeslot_duration": "00:05",
    }
    if document.time_zone_name:
        conference["time_zone_name"] = document.time_zone_name
    if document.url:
        conference["url"] = document.url
    conference["rooms"] = [{"name": name, "guid": guid} for name, guid in document.rooms]
    conference["days"] = days
    return {
        "$schema": JSON_SCHEMA_ID,
        "generator": {"name": GENERATOR},
        "schedule": {"version": document.version, "conference": conference, KEPT: document.kept},
    }


def schedule_to_frab_json(schedule: Schedule, language: str | None = None) -> str:
    return json.dumps(schedule_to_frab_dict(schedule, language), ensure_ascii=False, indent=2) + "\n"


def schedule_to_frab(schedule: Schedule, fmt: Literal["xml", "json"], language: str | None = None) -> str:
    """The ``export frab`` use case: the schedule as a c3voc ``schedule.xml`` or ``schedule.json``."""
    return schedule_to_frab_xml(schedule, language) if fmt == "xml" else schedule_to_frab_json(schedule, language)
