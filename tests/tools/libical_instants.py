"""Read .ics files with libical (through Debian's GObject bindings) and print each VEVENT's instants in UTC.

Run with Debian's /usr/bin/python3 (packages gir1.2-ical-3.0 and python3-gi), not the project's venv:
``/usr/bin/python3 tests/tools/libical_instants.py FILE...``. Prints one JSON list: per file the METHOD, the
iTIP rule violations libical reports (``restriction_check`` adds X-LIC-ERROR properties) and per event the UID,
SEQUENCE, start and end in UTC and the attendee addresses. Each TZID must resolve to a VTIMEZONE of the same file.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def _utc(moment: ICalGLib.Time) -> str:
    zone = moment.get_timezone()
    if zone is None and not moment.is_utc():
        raise SystemExit(f"floating time {moment.as_ical_string()}: its TZID has no VTIMEZONE in the file")
    seconds = moment.as_timet_with_zone(zone) if zone is not None else moment.as_timet()
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _properties(component: ICalGLib.Component, kind: ICalGLib.PropertyKind) -> list[ICalGLib.Property]:
    found = []
    prop = component.get_first_property(kind)
    while prop is not None:
        found.append(prop)
        prop = component.get_next_property(kind)
    return found


def read(path: str) -> dict[str, object]:
    with Path(path).open(encoding="utf-8") as stream:
        root = ICalGLib.Component.new_from_string(stream.read())
    if root is None:
        raise SystemExit(f"{path}: libical could not parse the file")
    method = root.get_method()
    ICalGLib.restriction_check(root)
    errors = [p.get_value_as_string() for p in _properties(root, ICalGLib.PropertyKind.XLICERROR_PROPERTY)]
    events = []
    event = root.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        errors += [p.get_value_as_string() for p in _properties(event, ICalGLib.PropertyKind.XLICERROR_PROPERTY)]
        events.append(
            {
                "uid": event.get_uid(),
                "sequence": event.get_sequence(),
                "summary": event.get_summary(),
                "start": _utc(event.get_dtstart()),
                "end": _utc(event.get_dtend()),
                "attendees": [
                    p.get_value_as_string() for p in _properties(event, ICalGLib.PropertyKind.ATTENDEE_PROPERTY)
                ],
            }
        )
        event = root.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    return {"file": path, "method": ICalGLib.Property.method_to_string(method), "errors": errors, "events": events}


if __name__ == "__main__":
    print(json.dumps([read(path) for path in sys.argv[1:]]))
