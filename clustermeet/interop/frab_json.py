"""Reading ``schedule.json``: the c3voc layout, with frab's and pretalx's person shapes."""

from __future__ import annotations

import json

from clustermeet.errors import InvalidInputError, Problem
from clustermeet.interop.frab_fields import (
    RawEvent,
    as_list,
    clean,
    finish,
    optional_date,
    optional_datetime,
    person_keys,
    read_kept,
    timeslot,
)
from clustermeet.interop.frab_schedule import KEPT, FrabPerson, FrabSchedule


def parse_json(text: str, name: str, tz: str | None = None) -> FrabSchedule:
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
        title=clean(conference.get("title")),
        acronym=clean(conference.get("acronym")),
        time_zone_name=clean(conference.get("time_zone_name")) or None,
        url=clean(conference.get("url") or (outer.get("base_url") if isinstance(outer, dict) else None)) or None,
        format="json",
    )
    schedule.timeslot = timeslot(conference.get("timeslot_duration"), schedule.timeslot)
    read_kept(outer.get(KEPT) if isinstance(outer, dict) else None, schedule)
    for room in as_list(conference.get("rooms")):
        room_name = clean(room.get("name")) if isinstance(room, dict) else clean(room)
        if room_name and room_name not in schedule.rooms:
            schedule.rooms.append(room_name)
    raws: list[RawEvent] = []
    days = conference.get("days")
    if not isinstance(days, list):
        raise InvalidInputError([Problem(name, 1, 1, "error", "schedule.conference.days is missing or not a list")])
    for day_number, day in enumerate(days):
        if not isinstance(day, dict):
            continue
        day_date = optional_date(day.get("date"))
        if day_date is not None:
            schedule.days.append(day_date)
        day_start = optional_datetime(day.get("day_start") if isinstance(day.get("day_start"), str) else None)
        rooms = day.get("rooms")
        if not isinstance(rooms, dict):
            continue
        for room_name_raw, events in rooms.items():
            room_name = clean(room_name_raw)
            if room_name and room_name not in schedule.rooms:
                schedule.rooms.append(room_name)
            for position, event in enumerate(events if isinstance(events, list) else []):
                if not isinstance(event, dict):
                    continue
                values = {
                    key: clean(value)
                    for key, value in event.items()
                    if isinstance(value, str | int | float) and not isinstance(value, bool)
                }
                persons = []
                for entry in as_list(event.get("persons")):
                    person = {"name": entry} if isinstance(entry, str) else entry
                    if not isinstance(person, dict):
                        continue
                    person_name = clean(
                        person.get("name") or person.get("public_name") or person.get("full_public_name")
                    )
                    if person_name:
                        key = person_keys(person.get("guid"), person.get("code"), person.get("id"), person_name)
                        persons.append(FrabPerson(key, person_name))
                label = event.get("id") or event.get("guid") or event.get("title") or "?"
                raws.append(
                    RawEvent(
                        values,
                        persons,
                        room_name,
                        day_date,
                        day_start,
                        0,
                        f"days[{day_number}].rooms[{room_name!r}][{position}] (event {label})",
                    )
                )
    return finish(schedule, raws, name, tz)
