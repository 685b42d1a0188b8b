"""Value types of the agenda model: durations, starts, ids, e-mail addresses, time zones."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
from pydantic import ValidationError

from clustermeet.agenda.models import Event, Segment
from clustermeet.agenda.types import LocalStart, format_duration, parse_duration, parse_start


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [(15, 15), (15.0, 15), ("15", None), ("15m", 15), ("15min", 15), ("1h30m", 90), ("1h", 60), ("90s", 1.5),
     ("1:30", 90), ("0:05", 5), ("2h 5m", 125), ("3m30s", 3.5), (" 45m ", 45), ("1H", 60)],
)  # fmt: skip
def test_parse_duration(raw: object, minutes: float | None) -> None:
    if minutes is None:
        with pytest.raises(ValueError, match="is not a duration"):
            parse_duration(raw)
    else:
        assert parse_duration(raw) == timedelta(minutes=minutes)


@pytest.mark.parametrize("raw", [True, "", "m", "15 minutes", "1:75", "abc", 1.5, None, [15]])
def test_parse_duration_rejects(raw: object) -> None:
    with pytest.raises(ValueError):  # each message is checked through the CLI fixtures
        parse_duration(raw)


@pytest.mark.parametrize("minutes", [1, 5, 59, 60, 61, 90, 600])
def test_format_duration_round_trips(minutes: int) -> None:
    value = timedelta(minutes=minutes)
    assert parse_duration(format_duration(value)) == value


def test_parse_start() -> None:
    assert parse_start("09:30") == LocalStart(dt.time(9, 30))
    assert parse_start("9:05") == LocalStart(dt.time(9, 5))
    assert parse_start("2023-03-26 09:30") == LocalStart(dt.time(9, 30), dt.date(2023, 3, 26))
    assert parse_start("2023-10-29T02:30+01:00") == LocalStart(
        dt.time(2, 30), dt.date(2023, 10, 29), timedelta(hours=1)
    )
    assert parse_start("2023-10-29 02:30-0330").offset == -timedelta(hours=3, minutes=30)
    assert parse_start("10:00Z").offset == timedelta(0)
    assert str(parse_start("2023-10-29 02:30:15")) == "2023-10-29 02:30:15"


@pytest.mark.parametrize("raw", ["24:00", "9.30", "9h30", "2023-02-30 10:00", 930, 9.5, True, "10:00 +01:00"])
def test_parse_start_rejects(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_start(raw)


def _segment(**fields: object) -> Segment:
    return Segment.model_validate({"id": "s", "title": "S", "kind": "talk", "duration": 10, **fields})


def test_segment_length_of_pitch_block_without_duration() -> None:
    segment = Segment.model_validate(
        {
            "id": "p",
            "title": "P",
            "kind": "pitches",
            "pitches": {"per_pitch": "3m", "changeover": "30s", "items": [{"team": "a"}, {"team": "b"}]},
        }
    )
    assert segment.length == timedelta(minutes=6, seconds=30)


@pytest.mark.parametrize("bad_id", ["-x", "a b", "ä", "", "a/b"])
def test_ids_are_restricted(bad_id: str) -> None:
    with pytest.raises(ValidationError, match=r"not a valid id|should have at least"):
        _segment(id=bad_id)


def test_speakers_accept_a_pipe_list() -> None:
    assert _segment(speakers="a|b| c").speakers == ["a", "b", "c"]


def test_min_duration_longer_than_duration() -> None:
    with pytest.raises(ValidationError, match=r"longer than duration \(10m\)"):
        _segment(min_duration=20)


def _event(**fields: object) -> Event:
    base = {
        "title": "E",
        "date": "2023-06-01",
        "timezone": "Europe/Berlin",
        "organiser": {"name": "O", "email": "o@example.org"},
        "platform": {"kind": "zoom", "url": "https://zoom.example.org/j/1"},
    }
    return Event.model_validate(base | fields)


def test_event_days() -> None:
    assert _event().days == [dt.date(2023, 6, 1)]
    assert _event(date=None, dates=["2023-03-25", "2023-03-26"]).days == [dt.date(2023, 3, 25), dt.date(2023, 3, 26)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": None, "dates": ["2023-03-26", "2023-03-25"]}, "in order"),
        ({"date": None, "dates": []}, "at least one day"),
        ({"date": None}, "either date"),
        ({"timezone": "Europe/Berln"}, "did you mean 'Europe/Berlin'"),
        ({"timezone": "new york"}, "did you mean 'America/New_York'"),
        ({"timezone": "Nowhere/Atall"}, "such as Europe/Berlin"),
        ({"timezone": "../../etc/passwd"}, "not an IANA time zone"),
        ({"language": False}, "'de' or 'en'"),
    ],
)
def test_event_rejects(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _event(**fields)
