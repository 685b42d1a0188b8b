"""Reading ``schedule.xml``: expat with the line of each element, no DTDs, frab's and pretalx's layouts."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from clustermeet.errors import InvalidInputError, Problem
from clustermeet.interop.frab_fields import (
    RawEvent,
    clean,
    finish,
    optional_date,
    optional_datetime,
    person_keys,
    read_kept,
    timeslot,
)
from clustermeet.interop.frab_schedule import KEPT, FrabPerson, FrabSchedule


def _xml_tree(text: str, name: str) -> tuple[ET.Element, dict[int, int], str]:
    """Parse with expat directly, remembering the line of each element (ElementTree's parser does not say); and
    the data of the ``<?clustermeet ...?>`` instruction, if any."""
    # A schedule has no DTD; refusing one rules out entity expansion (billion laughs) and external entities.
    doctype = re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE)
    if doctype:
        line = text.count("\n", 0, doctype.start()) + 1
        raise InvalidInputError([Problem(name, line, 1, "error", "DTDs and entities are not allowed in a schedule")])
    parser = expat.ParserCreate(encoding="utf-8")
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    kept: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        lines[id(builder.start(tag, attrs))] = parser.CurrentLineNumber

    def instruction(target: str, data: str) -> None:
        if target == KEPT:
            kept.append(data)

    parser.StartElementHandler = start
    parser.ProcessingInstructionHandler = instruction
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"), count=1)  # decoded already: drop the encoding
    try:
        parser.Parse(body.encode("utf-8"), True)
        root = builder.close()
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise InvalidInputError([Problem(name, exc.lineno, exc.offset + 1, "error", f"XML: {message}")]) from None
    return root, lines, kept[0] if kept else ""


def parse_xml(text: str, name: str, tz: str | None = None) -> FrabSchedule:
    root, lines, kept = _xml_tree(text, name)
    if root.tag != "schedule":
        raise InvalidInputError(
            [Problem(name, 1, 1, "error", f"not a frab schedule: the root is <{root.tag}>, not <schedule>")]
        )
    conference = root.find("conference")
    if conference is None:
        raise InvalidInputError([Problem(name, lines.get(id(root), 1), 1, "error", "<conference> is missing")])
    schedule = FrabSchedule(
        title=clean(conference.findtext("title")),
        acronym=clean(conference.findtext("acronym")),
        time_zone_name=clean(conference.findtext("time_zone_name")) or None,
        url=clean(conference.findtext("url") or conference.findtext("base_url")) or None,
        format="xml",
    )
    schedule.timeslot = timeslot(clean(conference.findtext("timeslot_duration")), schedule.timeslot)
    if kept:
        with contextlib.suppress(ValueError, RecursionError):  # not ours after all: passed over
            read_kept(json.loads(kept), schedule)
    raws: list[RawEvent] = []
    for day in root.iter("day"):
        day_date = optional_date(day.get("date"))
        if day_date is not None:
            schedule.days.append(day_date)
        day_start = optional_datetime(day.get("start"))
        for room in day.findall("room"):
            room_name = clean(room.get("name"))
            if room_name and room_name not in schedule.rooms:
                schedule.rooms.append(room_name)
            for event in room.findall("event"):
                raws.append(_raw_event(event, room_name, day, day_date, day_start, lines))
        # the old penta layout (FOSDEM until 2021): events straight under <day>, each naming its <room>
        for event in day.findall("event"):
            raws.append(_raw_event(event, "", day, day_date, day_start, lines))
    return finish(schedule, raws, name, tz)


def _raw_event(
    event: ET.Element,
    room_name: str,
    day: ET.Element,
    day_date: dt.date | None,
    day_start: dt.datetime | None,
    lines: dict[int, int],
) -> RawEvent:
    """One ``<event>`` as read, in ``room_name`` (``""``: the room its own ``<room>`` names)."""
    values = {child.tag: clean(child.text) for child in event if len(child) == 0}
    values["guid"] = clean(event.get("guid"))
    persons = [
        FrabPerson(person_keys(person.get("guid"), None, person.get("id"), clean(person.text)), clean(person.text))
        for person in event.iter("person")
        if clean(person.text)
    ]
    label = event.get("id") or values["guid"] or values.get("title", "?")
    room = room_name or values.get("room", "")
    where = f"day {day.get('index', '?')}, room {room!r}, event {label}"
    return RawEvent(values, persons, room, day_date, day_start, lines.get(id(event), 0), where)
