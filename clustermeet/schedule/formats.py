"""The schedule as Markdown, JSON and CSV text. Pure functions: schedule in, text out.

The JSON shape is documented in docs/schedule-json.md and kept stable (``version`` says which).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.timing import person_name, pitch_slots
from clustermeet.i18n import format_day, kind_label, word
from clustermeet.text import csv_text, md_text

if TYPE_CHECKING:
    from datetime import datetime

    from clustermeet.agenda.timing import Schedule, ScheduledItem

JSON_VERSION = 1


def _iso(moment: datetime, schedule: Schedule) -> str:
    return schedule.local(moment).isoformat()


def _names(schedule: Schedule, item: ScheduledItem) -> list[str]:
    return [person_name(schedule.agenda, person_id) for person_id in item.people]


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    """The documented JSON shape of a schedule."""
    event = schedule.agenda.event
    items = []
    for item in schedule.items:
        people = []
        for person_id in item.people:
            person = schedule.agenda.person(person_id)
            people.append(
                {
                    "id": person_id,
                    "name": person.name if person else person_id,
                    "organisation": person.organisation if person else None,
                }
            )
        items.append(
            {
                "id": item.id,
                "segment": item.segment_id,
                "parent": item.parent,
                "kind": item.kind.value,
                "title": item.title,
                "start": _iso(item.start, schedule),
                "end": _iso(item.end, schedule),
                "duration_minutes": round(item.duration.total_seconds() / 60, 2),
                "room": item.room,
                "room_title": item.room_title,
                "people": people,
                "url": item.url,
                "pitches": [
                    {
                        "team": p.team,
                        "title": p.title,
                        "presenter": p.presenter,
                        "start": _iso(p.start, schedule),
                        "end": _iso(p.end, schedule),
                    }
                    for p in pitch_slots(schedule, item)
                ],
            }
        )
    return {
        "version": JSON_VERSION,
        "event": {
            "title": event.title,
            "timezone": event.timezone,
            "language": event.language,
            "days": [d.isoformat() for d in event.days],
            "platform": event.platform.kind,
            "url": event.platform.url,
        },
        "timezone": schedule.zone.key,
        "start": _iso(schedule.start, schedule),
        "end": _iso(schedule.end, schedule),
        "items": items,
    }


def schedule_to_json(schedule: Schedule) -> str:
    return json.dumps(schedule_to_dict(schedule), ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "id",
    "segment",
    "parent",
    "kind",
    "title",
    "start",
    "end",
    "room",
    "room_title",
    "people",
    "url",
    "pitches",
)


def schedule_to_csv(schedule: Schedule) -> str:
    """One row per scheduled item; cells that a spreadsheet would run as formulas are neutralised."""
    rows: list[list[str]] = [list(CSV_COLUMNS)]
    for item in schedule.items:
        row = [
            item.id,
            item.segment_id,
            item.parent or "",
            item.kind.value,
            item.title,
            _iso(item.start, schedule),
            _iso(item.end, schedule),
            item.room or "",
            item.room_title or "",
            "; ".join(_names(schedule, item)),
            item.url or "",
            "; ".join(p.label() for p in pitch_slots(schedule, item)),
        ]
        rows.append(row)
    return csv_text(rows)


def schedule_to_markdown(schedule: Schedule, language: str | None = None) -> str:
    """A heading per day and a table: start, end, segment, who; breakout rooms and tracks listed by room."""
    lang = language or schedule.agenda.event.language
    event = schedule.agenda.event
    lines = [f"# {md_text(event.title)}", ""]
    if event.subtitle:
        lines += [md_text(event.subtitle), ""]
    lines += [f"{word('time_zone', lang)}: {schedule.zone.key}", ""]
    for day in schedule.days():
        lines += [f"## {format_day(day, lang)}", ""]
        header = [word(key, lang) for key in ("start", "end", "room", "segment", "who")]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|---|---|---|---|---|")
        for item in schedule.items:
            if schedule.local(item.start).date() != day:
                continue
            room = item.room_title or word("plenary", lang)
            title = md_text(item.title)
            if item.parent is None:
                title = f"**{title}** ({md_text(kind_label(item.kind.value, lang))})"
            lines.append(
                f"| {schedule.local(item.start):%H:%M} | {schedule.local(item.end):%H:%M} | {md_text(room)} | "
                f"{title} | {md_text(', '.join(_names(schedule, item)))} |"
            )
            for pitch in pitch_slots(schedule, item):
                team = md_text(pitch.team) + (f" – {md_text(pitch.title)}" if pitch.title else "")
                lines.append(
                    f"| {schedule.local(pitch.start):%H:%M} | {schedule.local(pitch.end):%H:%M} | {md_text(room)} | "
                    f"↳ {team} | {md_text(pitch.presenter or '')} |"
                )
        lines.append("")
    return "\n".join(lines)
