"""Plain mode: one line per event, no escape codes; or one JSON object per line."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from clustermeet.show.console.words import clock_span, say
from clustermeet.show.records import event_record

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from clustermeet.show.records import ShowEvent


def notice_line(now: datetime, notice: str, zone: ZoneInfo, language: str, *, json_lines: bool = False) -> str:
    """The first line of a resumed show: ``11:00:00 FORTSETZUNG Fortsetzung aus show.jsonl: ...``."""
    if json_lines:
        return json.dumps({"event": "resume", "at": now.isoformat(), "message": notice}, ensure_ascii=False)
    return f"{now.astimezone(zone):%H:%M:%S} {say('resumed', language):<11} {notice}"


def event_line(event: ShowEvent, zone: ZoneInfo, language: str, *, json_lines: bool = False) -> str:
    """``10:08:00  WARNUNG   Begrüßung und Ablauf – noch 2:00``."""
    if json_lines:
        record = event_record(event)
        del record["type"]
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    at = event.at.astimezone(zone)
    step = event.step
    title = step.title if step is not None else ""
    if step is not None and step.segment_title != step.title:
        title = f"{step.segment_title} – {step.title}"
    kind = event.kind
    detail = ""
    if kind == "finished":
        label = say("show_over", language)
    elif kind == "cue" and event.cue is not None:
        label = say("cue", language)
        title = event.cue.title
        detail = event.cue.action
        if event.cue.message:
            detail += f" » {event.cue.message}"
    else:
        label = say(kind, language)
    if kind == "start" and step is not None:
        detail = clock_span(step.duration)
    elif kind == "warning" and step is not None:
        detail = say("left", language, time=clock_span(step.warn_before))
    elif kind == "wait" and step is not None:
        start = step.planned_start + timedelta(seconds=event.seconds)  # a carried delay waits longer
        detail = say("until", language, time=f"{start.astimezone(zone):%H:%M}")
    elif kind == "end" and event.duration is not None and event.overrun is not None:
        detail = say("took", language, time=clock_span(event.duration)) + ", " + _overrun(event.overrun, language)
    elif kind in {"adjust", "carry"}:
        detail = clock_span(timedelta(seconds=event.seconds), sign=True)
    parts = [f"{at:%H:%M:%S}", f"{label:<11}", title]
    if detail:
        parts.append(f"– {detail}" if title else detail)
    return " ".join(p for p in parts if p).replace("\x1b", "").rstrip()


def _overrun(value: timedelta, language: str) -> str:
    if value > timedelta(0):
        return say("overrun", language, time=clock_span(value, sign=True))
    if value < timedelta(0):
        return say("underrun", language, time=clock_span(-value))
    return say("on_the_dot", language)
