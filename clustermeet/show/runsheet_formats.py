"""The cue sheet as JSON, CSV and Markdown, and the words and cells the terminal table shares with them.

Pure functions: schedule, plan and cues in, data or text out. The JSON shape is documented in docs/run-of-show.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from clustermeet.agenda.timing import person_name
from clustermeet.show.words import say
from clustermeet.text import csv_text, md_text

if TYPE_CHECKING:
    from clustermeet.agenda.timing import Schedule
    from clustermeet.show.cues import Cue, Plan


def runsheet_word(key: str, language: str) -> str:
    """A word of the cue sheet in ``language`` (falls back to English)."""
    return say(f"sheet.{key}", language)


def cue_time(schedule: Schedule, cue: Cue, their_zone: ZoneInfo | None = None) -> str:
    """The planned wall time of a cue; with the date when the event has more than one day; followed by the time
    in ``their_zone`` (a speaker abroad) when given: ``13:15 (21:15 Asia/Tokyo)``."""
    local = schedule.local(cue.at)
    text = f"{local:%Y-%m-%d %H:%M}" if len(schedule.agenda.event.days) > 1 else f"{local:%H:%M}"
    if their_zone is not None:
        theirs = cue.at.astimezone(their_zone)
        shift = (theirs.date() - local.date()).days
        day = f" {shift:+d}d" if shift else ""
        text += f" ({theirs:%H:%M}{day} {their_zone.key})"
    return text


def person_zone(schedule: Schedule, person_id: str | None) -> ZoneInfo | None:
    """The zone of a person who is somewhere else than the event (``people[].timezone``), else None."""
    person = schedule.agenda.person(person_id) if person_id else None
    if person is None or person.timezone is None or person.timezone == schedule.zone.key:
        return None
    return ZoneInfo(person.timezone)


def cue_owner(schedule: Schedule, cue: Cue) -> str:
    """The name of the person who owns a cue, or an empty string."""
    if cue.owner is None:
        return ""
    return person_name(schedule.agenda, cue.owner)


def quoted_message(message: str, language: str) -> str:
    """A broadcast message in the language's quotation marks."""
    return say("sheet.quoted", language, message=message)


def runsheet_heading(schedule: Schedule, role: str | None, language: str) -> str:
    heading = f"{runsheet_word('runsheet', language)}: {schedule.agenda.event.title}"
    if role is not None:
        heading += f" – {runsheet_word('for', language)} {person_name(schedule.agenda, role)}"
    return heading


def runsheet_json(schedule: Schedule, plan: Plan, cues: list[Cue], role: str | None) -> dict[str, Any]:
    """The stable JSON shape (docs/run-of-show.md)."""
    their_zone = person_zone(schedule, role)
    return {
        "event": schedule.agenda.event.title,
        "time_zone": schedule.zone.key,
        "language": plan.language,
        "role": role,
        "role_time_zone": their_zone.key if their_zone else None,
        "cues": [
            {
                "at": schedule.local(c.at).isoformat(),
                "role_at": c.at.astimezone(their_zone).isoformat() if their_zone else None,
                "time": cue_time(schedule, c),
                "segment": c.segment_id,
                "segment_title": c.segment_title or None,
                "step": c.step,
                "kind": c.kind.value,
                "title": c.title,
                "who": list(c.who),
                "owner": c.owner,
                "owner_name": cue_owner(schedule, c) or None,
                "action": c.action or None,
                "message": c.message,
                "notes": c.notes,
                "anchor": c.anchor,
                "before_seconds": int(c.before.total_seconds()),
            }
            for c in cues
        ],
    }


def runsheet_csv(schedule: Schedule, cues: list[Cue], role: str | None = None) -> str:
    their_zone = person_zone(schedule, role)
    rows = [["time", "segment", "kind", "title", "who", "owner", "action", "message", "notes"]]
    for cue in cues:
        rows.append(
            [
                cue_time(schedule, cue, their_zone),
                cue.segment_id or "",
                cue.kind.value,
                cue.title,
                "; ".join(cue.who),
                cue_owner(schedule, cue),
                cue.action,
                cue.message or "",
                cue.notes or "",
            ]
        )
    return csv_text(rows, lineterminator="\n")


def runsheet_markdown(schedule: Schedule, plan: Plan, cues: list[Cue], role: str | None) -> str:
    """A Markdown table; every cell through the one escaper, so each cue stays one row and user text stays text."""
    language = plan.language
    their_zone = person_zone(schedule, role)
    lines = [
        f"# {md_text(runsheet_heading(schedule, role, language))}",
        "",
        f"{runsheet_word('zone', language)}: {schedule.zone.key}",
        "",
        "| "
        + " | ".join(runsheet_word(k, language) for k in ("time", "segment", "cue", "who", "owner", "action", "notes"))
        + " |",
        "|---|---|---|---|---|---|---|",
    ]
    for cue in cues:
        action = cue.action
        if cue.message:
            action += f" – {quoted_message(cue.message, language)}"
        cells = [
            md_text(cue_time(schedule, cue, their_zone)),
            md_text(cue.segment_title or runsheet_word("pre_show", language)),
            f"**{md_text(cue.title)}**",
            md_text(", ".join(cue.who)),
            md_text(cue_owner(schedule, cue)),
            md_text(action),
            md_text(cue.notes or ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SheetRow:
    """One cue in the terminal table; ``segment``, ``owner``, ``message`` and ``note`` are shown dimmed or
    coloured below the main text, and are empty when there is nothing to add."""

    time: str
    title: str
    segment: str
    who: str
    owner: str
    action: str
    message: str
    note: str
    new_section: bool


@dataclass(frozen=True)
class SheetTable:
    """What the terminal table of a runsheet shows."""

    heading: str
    zone_line: str
    headers: list[str]
    rows: list[SheetRow]


def runsheet_table(schedule: Schedule, plan: Plan, cues: list[Cue], role: str | None) -> SheetTable:
    """The cue sheet for the terminal: a section per segment."""
    language = plan.language
    their_zone = person_zone(schedule, role)
    rows: list[SheetRow] = []
    previous_segment: str | None = "-"
    for cue in cues:
        new_section = previous_segment not in (cue.segment_id, "-")
        previous_segment = cue.segment_id
        owner = cue_owner(schedule, cue)
        rows.append(
            SheetRow(
                time=cue_time(schedule, cue, their_zone),
                title=cue.title,
                segment=cue.segment_title if cue.segment_title and cue.segment_title not in cue.title else "",
                who=", ".join(cue.who),
                owner=owner if owner and owner not in cue.who else "",
                action=cue.action,
                message=quoted_message(cue.message, language) if cue.message else "",
                note=f"{runsheet_word('note', language)}: {cue.notes}" if cue.notes else "",
                new_section=new_section,
            )
        )
    return SheetTable(
        heading=runsheet_heading(schedule, role, language),
        zone_line=f"{runsheet_word('zone', language)}: {schedule.zone.key}",
        headers=[runsheet_word(k, language) for k in ("time", "cue", "who", "action")],
        rows=rows,
    )
