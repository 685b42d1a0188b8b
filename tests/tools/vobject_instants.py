"""Read one .ics file with vobject and print each VEVENT's instants in UTC as JSON.

vobject caches time zones per process (the first definition of a TZID wins), so the tests run this script in a
fresh process for every file whose VTIMEZONEs differ: ``python tests/tools/vobject_instants.py FILE...``.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import vobject


def _utc(value: object) -> str:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise SystemExit(f"not a zoned date-time: {value!r}")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read(path: str) -> dict[str, object]:
    with Path(path).open(encoding="utf-8") as stream:
        calendar = vobject.readOne(stream.read())
    events = []
    for event in getattr(calendar, "vevent_list", []):
        events.append(
            {
                "uid": event.uid.value,
                "sequence": int(event.sequence.value) if hasattr(event, "sequence") else 0,
                "start": _utc(event.dtstart.value),
                "end": _utc(event.dtend.value),
                "attendees": [a.value for a in getattr(event, "attendee_list", [])],
            }
        )
    method = calendar.method.value if hasattr(calendar, "method") else None
    return {"file": path, "method": method, "events": events}


if __name__ == "__main__":
    print(json.dumps([read(path) for path in sys.argv[1:]]))
