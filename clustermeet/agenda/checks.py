"""Checks beyond the schema: references, duplicates, people in two places, room capacity, empty agendas."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from clustermeet.agenda.findings import Finding, Loc, field_name, keyed_finding
from clustermeet.agenda.seating import person_finding, seating_findings
from clustermeet.agenda.types import format_duration
from clustermeet.agenda.voting import check_votes
from clustermeet.agenda.zones import zone_advice
from clustermeet.text import closest

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from clustermeet.agenda.models import Agenda, Segment
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.agenda.timing import Schedule


def check_agenda(agenda: Agenda, schedule: Schedule, participants: ParticipantList | None) -> list[Finding]:
    """Everything the schema cannot see. Timing findings come from ``build_schedule``."""
    findings: list[Finding] = []
    if not agenda.segments:
        findings.append(keyed_finding(("segments",), "error", "check.no_segments"))
    findings += _duplicates(agenda)
    findings += _references(agenda)
    findings += _pitch_time(agenda)
    findings += _platform(agenda)
    findings += _zones(agenda)
    findings += _two_places(agenda, schedule)
    findings += check_votes(agenda)
    if participants is not None:
        findings += _participants(agenda, participants)
    return findings


def _duplicates(agenda: Agenda) -> Iterable[Finding]:
    def dupes(kind: str, entries: Sequence[tuple[str, Loc]]) -> Iterable[Finding]:
        first: dict[str, Loc] = {}
        for value, loc in entries:
            if value in first:
                yield keyed_finding(
                    loc,
                    "error",
                    "check.duplicate_id",
                    kind_word=f"word.{kind}",
                    value=value,
                    first=field_name(first[value]),
                )
            else:
                first[value] = loc

    yield from dupes("person", [(p.id, ("people", i, "id")) for i, p in enumerate(agenda.people)])
    yield from dupes("track", [(t.id, ("tracks", i, "id")) for i, t in enumerate(agenda.tracks)])
    yield from dupes("segment", [(s.id, ("segments", i, "id")) for i, s in enumerate(agenda.segments)])
    rooms = [
        (room.id, ("segments", i, "breakout", "rooms", j, "id"))
        for i, segment in enumerate(agenda.segments)
        if segment.breakout
        for j, room in enumerate(segment.breakout.rooms)
    ]
    yield from dupes("room", rooms)


def _references(agenda: Agenda) -> Iterable[Finding]:
    people = {p.id for p in agenda.people}
    tracks = {t.id for t in agenda.tracks}

    def person(value: str | None, loc: Loc, what: str) -> Iterable[Finding]:
        if value is not None and value not in people:
            yield _not_in(loc, what, value, "people", people)

    for i, segment in enumerate(agenda.segments):
        loc: Loc = ("segments", i)
        for j, speaker in enumerate(segment.speakers):
            yield from person(speaker, (*loc, "speakers", j), "speaker")
        yield from person(segment.owner, (*loc, "owner"), "owner")
        if segment.track is not None and segment.track not in tracks:
            yield _not_in((*loc, "track"), "track", segment.track, "tracks", tracks)
        if segment.breakout is not None:
            for j, room in enumerate(segment.breakout.rooms):
                yield from person(room.facilitator, (*loc, "breakout", "rooms", j, "facilitator"), "facilitator")
        if segment.pitches is not None:
            for j, pitch in enumerate(segment.pitches.items):
                yield from person(pitch.presenter, (*loc, "pitches", "items", j, "presenter"), "presenter")


def _pitch_time(agenda: Agenda) -> Iterable[Finding]:
    """A pitches segment whose duration is shorter than its pitches and changeovers need (or, without a duration,
    whose min_duration is longer)."""
    for i, segment in enumerate(agenda.segments):
        block, duration = segment.pitches, segment.duration
        if block is not None and duration is not None and duration < block.needed:
            yield keyed_finding(
                ("segments", i, "duration"),
                "error",
                "check.pitches_too_long",
                duration=format_duration(duration),
                count=len(block.items),
                needed=format_duration(block.needed),
            )
        if block is not None and duration is None and segment.min_duration and segment.min_duration > block.needed:
            yield keyed_finding(
                ("segments", i, "min_duration"),
                "error",
                "check.min_longer_than_pitches",
                needed=format_duration(block.needed),
                count=len(block.items),
            )


#: A cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@")


def _platform(agenda: Agenda) -> Iterable[Finding]:
    """The block the meeting pre-assigns is a breakout block; room names go to the platform's file as written."""
    blocks = {s.id for s in agenda.segments if s.breakout is not None}
    chosen = agenda.event.platform.preassign
    if chosen is not None and chosen not in blocks:
        close = closest(chosen, blocks)
        key = "check.preassign_close" if close and close != chosen else "check.preassign"
        yield keyed_finding(("event", "platform", "preassign"), "error", key, value=chosen, close=close or "")
    for i, segment in enumerate(agenda.segments):
        for j, room in enumerate(segment.breakout.rooms if segment.breakout is not None else []):
            if room.title.startswith(FORMULA_START):
                yield keyed_finding(
                    ("segments", i, "breakout", "rooms", j, "title"),
                    "warning",
                    "check.formula_start",
                    char=room.title[0],
                )


def _zones(agenda: Agenda) -> Iterable[Finding]:
    """Zones that are not a place's (EST, US/Eastern, Etc/GMT+5): a warning that names the zone to write."""
    year = agenda.event.days[0].year
    named: list[tuple[Loc, str]] = [(("event", "timezone"), agenda.event.timezone)]
    named += [(("people", i, "timezone"), p.timezone) for i, p in enumerate(agenda.people) if p.timezone]
    for loc, name in named:
        advice = zone_advice(name, year) if name else None
        if advice:
            yield Finding(loc, "warning", f"'{name}' {advice}")


def _not_in(loc: Loc, what: str, value: str, where: str, choices: set[str]) -> Finding:
    """``speaker 'anne' is not in people; did you mean 'ann'?``"""
    close = closest(value, choices)
    if close and close != value:
        return keyed_finding(
            loc, "error", "check.not_in_close", what_word=f"word.{what}", value=value, where=where, close=close
        )
    return keyed_finding(loc, "error", "check.not_in", what_word=f"word.{what}", value=value, where=where)


def _two_places(agenda: Agenda, schedule: Schedule) -> Iterable[Finding]:
    """A person on stage, presenting or facilitating in two overlapping items of different rooms."""
    index = {s.id: i for i, s in enumerate(agenda.segments)}
    booked: dict[str, list[tuple[object, object, str, str | None]]] = defaultdict(list)
    for item in schedule.items:
        for person_id in item.people:
            booked[person_id].append((item.start, item.end, item.id, item.room))
    for person_id, slots in sorted(booked.items()):
        slots.sort(key=lambda s: (s[0], s[2]))
        for (_start_a, end_a, id_a, room_a), (start_b, _end_b, id_b, room_b) in itertools.pairwise(slots):
            if start_b < end_a and room_a != room_b:  # type: ignore[operator]
                segment_id, _, room_id = id_b.partition("/")
                i = index.get(segment_id, 0)
                where = _person_loc(agenda.segments[i], i, person_id, room_id)
                yield keyed_finding(where, "error", "check.two_places", person=person_id, first=id_a, second=id_b)


def _person_loc(segment: Segment, i: int, person_id: str, room_id: str) -> Loc:
    """Where segment ``i`` names ``person_id`` (in room ``room_id`` of a breakout block): the node to point at."""
    loc: Loc = ("segments", i)
    if segment.breakout is not None:
        for j, room in enumerate(segment.breakout.rooms):
            if room.id == room_id and room.facilitator == person_id:
                return (*loc, "breakout", "rooms", j, "facilitator")
    if person_id in segment.speakers:
        return (*loc, "speakers", segment.speakers.index(person_id))
    if segment.owner == person_id:
        return (*loc, "owner")
    if segment.pitches is not None:
        for j, pitch in enumerate(segment.pitches.items):
            if pitch.presenter == person_id:
                return (*loc, "pitches", "items", j, "presenter")
    return loc


def _participants(agenda: Agenda, plist: ParticipantList) -> Iterable[Finding]:
    """A repeated e-mail in the agenda's own list (a CSV's are the reader's), then the seating checks that
    ``assign`` refuses on (:mod:`clustermeet.agenda.seating`)."""
    seen: dict[str, int] = {}
    for n, person in enumerate(plist.participants if plist.source == "" else ()):
        key = person.email.lower()
        if key in seen:
            message = f"e-mail {person.email} appears twice (first at participants[{seen[key]}])"
            yield person_finding(plist, n, "email", message)
        seen.setdefault(key, n)
    yield from seating_findings(agenda, plist)
