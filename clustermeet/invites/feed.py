"""The whole-event feed: one PUBLISH calendar with every segment (each breakout room instead of its block), and a
CANCEL calendar for each event removed since the last export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.i18n import kind_label
from clustermeet.invites.calendar import IcsExport, MakeRenderer, cancel_files, renderer_for, zone_of
from clustermeet.invites.content import (
    CalendarFile,
    EventContent,
    alarm,
    conference_label,
    event_key,
    join_lines,
    make_uid,
    names,
)
from clustermeet.invites.state import IssuedEvent, Status, reconcile, section_after
from clustermeet.invites.words import text
from clustermeet.text import safe_filename

if TYPE_CHECKING:
    from datetime import datetime

    from clustermeet.agenda.timing import Schedule


def feed_contents(schedule: Schedule) -> list[EventContent]:
    """The feed's events: plenary and track segments, and each room of a breakout block instead of the block."""
    agenda = schedule.agenda
    language = agenda.event.language
    key = event_key(agenda)
    with_rooms = {item.parent for item in schedule.items if item.parent is not None}
    segments = {segment.id: segment for segment in agenda.segments}
    contents: list[EventContent] = []
    for item in schedule.items:
        if item.id in with_rooms:
            continue
        segment = segments[item.segment_id]
        url = item.url or agenda.event.platform.url
        lines: list[str] = []
        if item.parent is not None:
            summary = f"{segment.title}: {item.title}"
            lines.append(f"{kind_label(segment.kind.value, language)} · {segment.title}")
            room = next(
                (
                    r
                    for r in (segment.breakout.effective_rooms(language) if segment.breakout else [])
                    if r.id == item.room
                ),
                None,
            )
            if room is not None and room.description:
                lines.append(room.description)
        else:
            summary = item.title
            label = kind_label(item.kind.value, language)
            lines.append(f"{label} · {item.room_title}" if item.room_title else label)
        if item.people:
            lines.append(f"{text('speakers', language)}: {names(schedule, item.people)}")
        if segment.description:
            lines += ["", segment.description]
        if segment.pitches is not None:
            lines.append("")
            for pitch in segment.pitches.items:
                who = f" ({names(schedule, [pitch.presenter])})" if pitch.presenter else ""
                lines.append(f"– {pitch.team}{': ' + pitch.title if pitch.title else ''}{who}")
        lines += ["", *join_lines(agenda, url, language)]
        uid = make_uid("feed", key, item.segment_id, item.room or "")
        contents.append(
            EventContent(
                uid=uid,
                label=safe_filename(item.id.replace("/", "-"), "segment"),
                summary=summary,
                start=item.start,
                end=item.end,
                description="\n".join(lines),
                location=url,
                url=url,
                conference_label=conference_label(agenda),
                alarm=alarm(agenda, item.kind.value),
            )
        )
    return contents


def export_feed(
    schedule: Schedule,
    previous: dict[str, IssuedEvent],
    now: datetime,
    make_renderer: MakeRenderer,
    cancel_stem: str = "feed",
) -> IcsExport:
    """The whole event as one PUBLISH calendar, plus one CANCEL calendar per event removed since last time.

    The feed file is ``files[0]`` (named ``""``: the caller names it); cancels are ``<cancel_stem>-cancel-*.ics``.
    """
    contents = feed_contents(schedule)
    issues = reconcile(previous, [c.draft() for c in contents], now)
    renderer = renderer_for(make_renderer, schedule, contents, previous)
    by_uid = {issue.event.uid: issue for issue in issues}
    events = [renderer.event(content, by_uid[content.uid].event) for content in contents]
    feed_status: Status = "unchanged"
    if any(by_uid[c.uid].status != "unchanged" for c in contents) or any(
        issue.status == "cancelled" for issue in issues
    ):
        feed_status = "updated" if previous else "new"
    files = [
        CalendarFile(
            name="",
            method="PUBLISH",
            uid="",
            sequence=max((by_uid[c.uid].event.sequence for c in contents), default=0),
            status=feed_status,
            data=renderer.calendar("PUBLISH", events, schedule.agenda.event.title),
            summary=schedule.agenda.event.title,
            start=schedule.start,
            end=schedule.end,
        )
    ]
    files += cancel_files(renderer, issues, f"{cancel_stem}-cancel-")
    return IcsExport(files, section_after(issues), zone_of(renderer))
