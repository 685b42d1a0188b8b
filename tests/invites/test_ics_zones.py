"""Time zones beyond the fixtures: a year of dates in zones with odd rules, read by the independent parsers.

For each zone the feed holds an item every four weeks through 2024 (morning and late evening), so every DST
change of the year lies between two items. Either the VTIMEZONE we write is read right by every parser, or the
file is in UTC (when the changes of the years covered follow no one yearly rule, or a time happens twice).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ics_support import parser_params, read_with

from clustermeet.agenda.models import Agenda
from clustermeet.agenda.timing import build_schedule
from clustermeet.invites.feed import export_feed
from clustermeet.invites.render import Renderer
from clustermeet.invites.vtimezone import calendar_zone

ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",  # negative DST in the tz source
    "America/New_York",
    "America/Santiago",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",  # +12:45 / +13:45
    "Asia/Kolkata",
    "Asia/Kathmandu",  # +05:45
    "Africa/Casablanca",  # an hour back during Ramadan: a different "rule" each year
    "UTC",
]


def _agenda(zone: str) -> Agenda:
    days = [date(2024, 1, 3) + timedelta(weeks=4 * i) for i in range(13)]
    segments = []
    for index, day in enumerate(days):
        segments.append({"id": f"m{index}", "title": "Morning", "kind": "talk", "start": f"{day} 09:15",
                         "duration": "45m"})  # fmt: skip
        segments.append({"id": f"e{index}", "title": "Evening", "kind": "talk", "start": f"{day} 21:40",
                         "duration": "1h"})  # fmt: skip
    return Agenda.model_validate(
        {
            "event": {
                "title": f"Year in {zone}",
                "dates": days,
                "timezone": zone,
                "organiser": {"name": "Org", "email": "org@example.org"},
                "platform": {"kind": "other", "url": "https://example.org/live"},
            },
            "segments": segments,
        }
    )


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, tuple[str, str]]]]:
    folder = tmp_path_factory.mktemp("zones")
    out = {}
    for zone in ZONES:
        schedule, findings = build_schedule(_agenda(zone))
        assert not [f for f in findings if f.severity == "error"], findings
        export = export_feed(schedule, {}, datetime(2024, 1, 1, tzinfo=UTC), Renderer)
        path = folder / f"{zone.replace('/', '_')}.ics"
        path.write_bytes(export.files[0].data)
        expected = {
            item.id: (f"{item.start:%Y-%m-%dT%H:%M:%SZ}", f"{item.end:%Y-%m-%dT%H:%M:%SZ}") for item in schedule.items
        }
        out[zone] = (path, expected)
    return out


@pytest.mark.parametrize("parser", parser_params())
def test_a_year_of_instants_in_many_zones(
    parser: str, feeds: dict[str, tuple[Path, dict[str, tuple[str, str]]]]
) -> None:
    for zone, (path, expected) in feeds.items():
        (document,) = read_with(parser, [path])
        got = sorted((e["start"], e["end"]) for e in document["events"])
        assert got == sorted(expected.values()), f"{zone} read by {parser}"


def test_rule_zones_keep_their_tzid(feeds: dict[str, tuple[Path, dict[str, tuple[str, str]]]]) -> None:
    assert b"TZID" not in feeds["UTC"][0].read_bytes()
    for zone in ("Europe/Berlin", "America/New_York", "Pacific/Chatham", "Asia/Kathmandu"):
        assert f"DTSTART;TZID={zone}:".encode() in feeds[zone][0].read_bytes(), zone


def test_no_yearly_rule_across_the_years_means_utc() -> None:
    """Mexico City dropped DST in October 2022: 2022 and 2023 share no rule, so no VTIMEZONE is offered."""
    zone = ZoneInfo("America/Mexico_City")
    instants = [datetime(2022, 6, 1, 10, tzinfo=zone), datetime(2023, 6, 1, 10, tzinfo=zone)]
    assert calendar_zone("America/Mexico_City", instants) is None
    assert calendar_zone("America/Mexico_City", instants[1:]) is not None  # one year alone is fine
    berlin = ZoneInfo("Europe/Berlin")
    twice = datetime(2022, 10, 30, 0, 30, tzinfo=UTC)  # 02:30 CEST, a wall time that comes again at 01:30Z
    assert twice.astimezone(berlin).hour == 2
    assert calendar_zone("Europe/Berlin", [twice]) is None
    assert calendar_zone("Europe/Berlin", [twice - timedelta(hours=2)]) is not None


def _one_segment_feed(title: str, description: str = "", organiser: str = "Org", zone: str = "Europe/Berlin") -> str:
    """The feed of a one-segment agenda, unfolded: what our code hands icalendar and icalendar writes."""
    agenda = Agenda.model_validate(
        {
            "event": {
                "title": "Escapes",
                "dates": [date(2024, 1, 3)],
                "timezone": zone,
                "reminder": "90m",
                "organiser": {"name": organiser, "email": "org@example.org"},
                "platform": {"kind": "other", "url": "https://example.org/live?a=1,2;b"},
            },
            "segments": [
                {"id": "s", "title": title, "kind": "talk", "start": "2024-01-03 09:15", "duration": "45m",
                 "description": description or None}
            ],
        }
    )  # fmt: skip
    schedule, _ = build_schedule(agenda)
    data = export_feed(schedule, {}, datetime(2024, 1, 1, tzinfo=UTC), Renderer).files[0].data
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), "a line is longer than 75 octets"
    for line in lines:
        line.decode("utf-8")  # raises when a fold split a UTF-8 character
    return data.decode("utf-8").replace("\r\n ", "")


@pytest.mark.parametrize(
    "title",
    [
        "a" * 200,
        "ä" * 100,  # 2-byte characters: an odd octet budget on every line
        "a" * 65 + "😀" + "b" * 70,  # a 4-byte character across the first line's 75th octet
        "€" * 3 + "😀" * 40,  # 3- and 4-byte characters on every fold
        "a" * 65 + "\\\\" * 10,  # escaped backslashes on the fold
    ],
)
def test_folds_keep_utf8_characters_whole(title: str) -> None:
    from icalendar import Calendar

    text = _one_segment_feed(title)
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == title  # folding and unfolding gives back every character


def test_text_escaping_and_parameters() -> None:
    from icalendar import Calendar

    title = "a,b;c\\d\r\ne\x07\x7f C:\\New"
    text = _one_segment_feed(title, description="Zeile 1\nZeile 2, mit; allem", organiser='Dr. "Ole", BMWK')
    assert "SUMMARY:a\\,b\\;c\\\\d\\ne C:\\\\New\r\n" in text  # control characters dropped
    assert "\\n\\nZeile 1\\nZeile 2\\, mit\\; allem\\n" in text
    assert "ORGANIZER;CN=\"Dr. 'Ole', BMWK\":mailto:org@example.org\r\n" in text
    assert "LOCATION:https://example.org/live?a=1\\,2\\;b\r\n" in text  # TEXT
    assert "URL:https://example.org/live?a=1,2;b\r\n" in text  # URI: not escaped
    assert "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Escapes:https://example.org/live?a=1,2;b\r\n" in text
    assert "TRIGGER:-PT1H30M\r\n" in text
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == "a,b;c\\d\ne C:\\New"
    assert event["ORGANIZER"].params["CN"] == "Dr. 'Ole', BMWK"


def test_offsets_with_minutes() -> None:
    text = _one_segment_feed("Offsets", zone="America/St_Johns")
    assert "TZOFFSETFROM:-0230\r\nTZOFFSETTO:-0330\r\n" in text
    assert "DTSTART;TZID=America/St_Johns:20240103T091500\r\n" in text
