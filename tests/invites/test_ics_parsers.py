"""Every generated calendar, read by independent parsers, has exactly the schedule's instants.

Agendas: the demo (Europe/Berlin), Lord Howe Island across its 30-minute DST change, Kolkata (+05:30, tracks,
mixing rounds), Berlin across the end of summer time with a 6-hour night session, and New York with an end time
that happens twice (written in UTC), and a crew spread over the world whose invites start at their call times.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from ics_support import (
    AGENDAS,
    CALLED,
    JS_DIR,
    Generated,
    expected_feed,
    expected_personal,
    generate,
    icaljs_missing,
    invited,
    libical_missing,
    parser_params,
    read_icaljs,
    read_libical,
    read_with,
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Generated]:
    return {name: generate(name, tmp_path_factory.mktemp(name)) for name in AGENDAS}


def _instants(documents: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    return {e["uid"]: (e["start"], e["end"]) for d in documents for e in d["events"]}


@pytest.mark.parametrize("parser", parser_params())
def test_feed_instants_equal_the_schedule(parser: str, generated: dict[str, Generated]) -> None:
    for name, files in generated.items():
        documents = read_with(parser, [files.feed])
        assert [d["method"] for d in documents] == ["PUBLISH"], name
        assert all(e["attendees"] == [] for d in documents for e in d["events"]), name
        assert _instants(documents) == expected_feed(files.agenda), f"{name} read by {parser}"


@pytest.mark.parametrize("parser", parser_params())
def test_personal_instants_equal_the_schedule(parser: str, generated: dict[str, Generated]) -> None:
    for name, files in generated.items():
        expected = expected_personal(files.agenda, invited(files.agenda), CALLED.get(name))
        paths = files.personal
        assert len(paths) == len(expected), name
        documents = read_with(parser, paths)
        for document in documents:
            assert document["method"] == "REQUEST", document["file"]
            assert len(document["events"]) == 1, f"{document['file']}: one VEVENT per invite"
            event = document["events"][0]
            start, end, email = expected[event["uid"]]
            assert (event["start"], event["end"]) == (start, end), f"{document['file']} read by {parser}"
            assert [a.lower() for a in event["attendees"]] == [f"mailto:{email}".lower()], document["file"]
        assert {d["events"][0]["uid"] for d in documents} == set(expected), name


def test_times_carry_a_tzid_where_rules_agree_and_utc_otherwise(generated: dict[str, Generated]) -> None:
    lord_howe = generated["lord-howe-2023"].feed.read_bytes().decode("utf-8")
    assert "DTSTART;TZID=Australia/Lord_Howe:20230402T090000" in lord_howe
    assert "TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030" in lord_howe
    kolkata = generated["kolkata-2024"].feed.read_bytes().decode("utf-8")
    assert "DTSTART;TZID=Asia/Kolkata:20240718T093000" in kolkata
    assert "RRULE" not in kolkata
    fold = generated["new-york-fold"].feed.read_bytes().decode("utf-8")
    assert "TZID" not in fold
    assert "DTEND:20231105T053000Z" in fold
    for files in generated.values():
        for path in [files.feed, *files.personal]:
            assert b"RDATE" not in path.read_bytes(), path


@pytest.mark.skipif(libical_missing() is not None, reason=libical_missing() or "")
def test_libical_finds_no_itip_violations(generated: dict[str, Generated]) -> None:
    paths = [p for files in generated.values() for p in [files.feed, *files.personal]]
    for document in read_libical(paths):
        assert document["errors"] == [], document["file"]


@pytest.mark.skipif(libical_missing() is not None, reason=libical_missing() or "")
def test_libical_check_can_fail(tmp_path: Path) -> None:
    """The restriction check is live: a REQUEST without ATTENDEE is reported."""
    bad = tmp_path / "bad.ics"
    bad.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        b"DTSTAMP:20221001T000000Z\r\nDTSTART:20221020T080000Z\r\nSUMMARY:x\r\nORGANIZER:mailto:a@b.org\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert read_libical([bad])[0]["errors"]


@pytest.mark.skipif(icaljs_missing() is not None, reason=icaljs_missing() or "")
def test_comparison_catches_the_rdate_vtimezone_trap(tmp_path: Path) -> None:
    """icalendar's generated RDATE zones are read an hour off by ical.js: the comparison used above must notice."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//t//t//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", "trap@test")
    event.add("dtstamp", datetime(2022, 10, 1, tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", datetime(2022, 10, 20, 14, tzinfo=ZoneInfo("Europe/Berlin")))
    event.add("dtend", datetime(2022, 10, 20, 15, tzinfo=ZoneInfo("Europe/Berlin")))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    trap = tmp_path / "trap.ics"
    trap.write_bytes(calendar.to_ical())
    (document,) = read_icaljs([trap])
    assert document["events"][0]["start"] != "2022-10-20T12:00:00Z"


def test_js_lock_file_pins_ical_js_2() -> None:
    import json

    lock = json.loads((JS_DIR / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/ical.js"]["version"].startswith("2.")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "tests/js/node_modules/ical.js/package.json"],
        cwd=JS_DIR.parent.parent,
        check=False,
    )
    assert ignored.returncode == 0, "tests/js/node_modules must be in .gitignore"
