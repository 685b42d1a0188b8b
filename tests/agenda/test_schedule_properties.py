"""Property: any valid agenda gives a schedule that is ordered, has no overlaps within a lane, and keeps lengths.

Agendas are drawn at random (tracks, breakouts, pitch blocks, hard starts) on days with a DST change in zones
with 60- and 30-minute shifts; drawn agendas with errors (collisions, times in a DST gap) are discarded.
"""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from clustermeet.agenda.checks import check_agenda
from clustermeet.agenda.models import Agenda
from clustermeet.agenda.timing import build_schedule
from clustermeet.schedule.formats import schedule_to_dict

DAYS = {
    "UTC": dt.date(2023, 6, 1),
    "Europe/Berlin": dt.date(2023, 3, 26),
    "America/New_York": dt.date(2023, 11, 5),
    "Australia/Lord_Howe": dt.date(2023, 4, 2),  # clocks go back by 30 minutes
}
SIMPLE_KINDS = ["talk", "keynote", "panel", "break", "vote", "other"]


@st.composite
def agendas(draw: st.DrawFn) -> dict[str, Any]:
    zone = draw(st.sampled_from(sorted(DAYS)))
    day = DAYS[zone]
    track_ids = [f"t{i}" for i in range(draw(st.integers(0, 3)))]
    count = draw(st.integers(1, 12))
    segments: list[dict[str, Any]] = []
    for index in range(count):
        segment: dict[str, Any] = {"id": f"s{index}", "title": f"Segment {index}"}
        shape = draw(st.sampled_from(["simple"] * 6 + ["breakout", "pitches"]))
        if shape == "breakout":
            rooms = draw(st.integers(1, 4))
            segment |= {
                "kind": "breakout",
                "duration": draw(st.integers(5, 90)),
                "breakout": {"rooms": [{"id": f"s{index}r{j}", "title": f"Room {j}"} for j in range(rooms)]},
            }
        elif shape == "pitches":
            segment |= {
                "kind": "pitches",
                "pitches": {
                    "per_pitch": f"{draw(st.integers(1, 10))}m",
                    "changeover": f"{draw(st.integers(0, 120))}s",
                    "items": [{"team": f"Team {j}"} for j in range(draw(st.integers(1, 5)))],
                },
            }
        else:
            segment |= {"kind": draw(st.sampled_from(SIMPLE_KINDS)), "duration": draw(st.integers(1, 180))}
            if len(track_ids) > 0 and draw(st.booleans()):
                segment["track"] = draw(st.sampled_from(track_ids))
        if index == 0 or draw(st.integers(0, 5)) == 0:
            hour, minute = draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45]))
            segment["start"] = f"{hour:02d}:{minute:02d}"
        segments.append(segment)
    return {
        "event": {
            "title": "Random",
            "date": day.isoformat(),
            "timezone": zone,
            "organiser": {"name": "Org", "email": "org@example.org"},
            "platform": {"kind": "other", "url": "https://meet.example.org/r"},
        },
        "tracks": [{"id": t, "title": t.upper()} for t in track_ids],
        "segments": segments,
    }


# derandomize: the same examples on every run (CI must not flake); database=None: no .hypothesis folder
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(agendas())
def test_schedules_are_ordered_disjoint_and_keep_lengths(data: dict[str, Any]) -> None:
    agenda = Agenda.model_validate(data)
    schedule, findings = build_schedule(agenda)
    findings += check_agenda(agenda, schedule, None)
    assume(not any(f.severity == "error" for f in findings))

    items = schedule.items
    # ordered by start
    assert [i.start for i in items] == sorted(i.start for i in items)
    # every segment once, each breakout room once, in UTC
    segments = {s.id: s for s in agenda.segments}
    tops = [i for i in items if i.parent is None]
    assert sorted(i.id for i in tops) == sorted(segments)
    for item in items:
        assert item.start.utcoffset() == timedelta(0)
        segment = segments[item.segment_id]
        # durations are real elapsed time and equal the segment's length, across any DST change
        assert item.end - item.start == segment.length
        if item.parent is not None:
            parent = schedule.item(item.parent)
            assert (item.start, item.end) == (parent.start, parent.end)
    for segment in agenda.segments:
        if segment.breakout is not None:
            assert len(schedule.rooms_of(segment.id)) == len(segment.breakout.rooms)
    # no overlap within a track; a plenary item overlaps nothing
    for a in tops:
        for b in tops:
            if a is b or not (a.start < b.end and b.start < a.end):
                continue
            assert a.room is not None and b.room is not None and a.room != b.room, (a.id, b.id)
    # running order: within a lane, a later segment never starts before an earlier one ends
    position = {s.id: n for n, s in enumerate(agenda.segments)}
    for a in tops:
        for b in tops:
            same_lane = a.room is None or b.room is None or a.room == b.room
            if same_lane and position[a.id] < position[b.id]:
                assert b.start >= a.end, (a.id, b.id)
    # the JSON export agrees: local times with offsets, same durations
    exported = schedule_to_dict(schedule)["items"]
    for item, row in zip(items, exported, strict=True):
        start, end = dt.datetime.fromisoformat(row["start"]), dt.datetime.fromisoformat(row["end"])
        assert start == item.start and end == item.end
        assert start.utcoffset() == item.start.astimezone(schedule.zone).utcoffset()


def _event(day: str) -> dict[str, Any]:
    return {
        "title": "T",
        "date": day,
        "timezone": "Europe/Berlin",
        "organiser": {"name": "O", "email": "o@example.org"},
        "platform": {"kind": "jitsi", "url": "https://meet.example.org/x"},
    }


def test_an_unresolved_start_leaves_its_lanes_untimed_until_the_next_fixed_start() -> None:
    """Track a's first start is in the DST gap. The plenary after it has no known time, nor has b2 after that; the
    result is the one gap error: no "needs a start time", no overlap guessed from the other track, and b3 (a fixed
    start again) is timed."""
    segment = {"kind": "other", "duration": "60m"}
    agenda = Agenda.model_validate(
        {
            "event": _event("2023-03-26"),
            "tracks": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
            "segments": [
                {**segment, "id": "a1", "title": "A1", "track": "a", "start": "02:30"},
                {**segment, "id": "b1", "title": "B1", "track": "b", "start": "09:00"},
                {**segment, "id": "p", "title": "Plenary"},
                {**segment, "id": "b2", "title": "B2", "track": "b"},
                {**segment, "id": "b3", "title": "B3", "track": "b", "start": "11:00"},
                {**segment, "id": "b4", "title": "B4", "track": "b"},
            ],
        }
    )
    schedule, findings = build_schedule(agenda)
    assert [(f.loc, f.severity) for f in findings] == [(("segments", 0, "start"), "error")]
    timed = {item.id: schedule.local(item.start).strftime("%H:%M") for item in schedule.items}
    assert timed == {"b1": "09:00", "b3": "11:00", "b4": "12:00"}


def test_min_duration_of_a_pitch_block_without_duration_is_checked_against_its_pitches() -> None:
    agenda = Agenda.model_validate(
        {
            "event": _event("2023-06-01"),
            "segments": [
                {
                    "id": "p",
                    "title": "Pitches",
                    "kind": "pitches",
                    "start": "10:00",
                    "min_duration": "20m",
                    "pitches": {"per_pitch": "3m", "items": [{"team": "A"}, {"team": "B"}]},
                }
            ],
        }
    )
    schedule, _ = build_schedule(agenda)
    findings = check_agenda(agenda, schedule, None)
    assert [(f.loc, f.message) for f in findings] == [
        (("segments", 0, "min_duration"), "longer than the 6m its 2 pitches need")
    ]
