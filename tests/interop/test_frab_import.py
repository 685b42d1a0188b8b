"""Importing frab / pretalx schedules: quirks of real files, every event kept, the agenda valid."""

from __future__ import annotations

import json
import os
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.agenda.loading import LoadedAgenda, load_agenda
from clustermeet.cli import app
from clustermeet.errors import InvalidInputError, UsageError
from clustermeet.interop.agenda_yaml import agenda_to_yaml
from clustermeet.interop.frab_agenda import kind_of
from clustermeet.interop.frab_read import import_schedule, parse_schedule
from clustermeet.interop.frab_schedule import FrabSchedule, ImportOptions, advised
from tests.conftest import FIXTURES as FIXTURES_ROOT
from tests.conftest import ROOT

FIXTURES = FIXTURES_ROOT / "frab"
# ../shared beside the checkout; CLUSTERMEET_SHARED names it for a checkout elsewhere (a worktree)
SHARED = Path(os.environ.get("CLUSTERMEET_SHARED", ROOT.parent / "shared")) / "data" / "schedules"
REAL_FILES = sorted(SHARED.glob("*.schedule.*")) if SHARED.is_dir() else []
needs_shared = pytest.mark.skipif(not REAL_FILES, reason=f"real schedules not found in {SHARED} (../shared absent)")

Event = tuple[str, timedelta, str, str, tuple[str, ...]]


def frab_events(schedule: FrabSchedule) -> list[Event]:
    """What an import must keep of each event: start instant, duration, room, title, person names."""
    return sorted(
        (
            e.start.astimezone(UTC).isoformat(),
            e.duration,
            e.room,
            e.title or "(untitled)",
            tuple(sorted(dict.fromkeys(p.name for p in e.persons))),
        )
        for e in schedule.events
    )


def agenda_events(loaded: LoadedAgenda) -> list[Event]:
    agenda = loaded.agenda
    titles = {t.id: t.title for t in agenda.tracks}
    names = {p.id: p.name for p in agenda.people}
    return sorted(
        (
            item.start.astimezone(UTC).isoformat(),
            item.duration,
            titles[item.room or ""],
            item.title,
            tuple(sorted(names[p] for p in item.people)),
        )
        for item in loaded.schedule.segments
    )


def import_and_load(
    path: Path, tmp_path: Path, options: ImportOptions | None = None
) -> tuple[FrabSchedule, LoadedAgenda]:
    text = path.read_text(encoding="utf-8")
    result = import_schedule(text, path.name, options)
    target = tmp_path / f"{path.name}.yaml"
    target.write_text(agenda_to_yaml(result.data, "test"), encoding="utf-8")
    return result.schedule, load_agenda(target)


@pytest.mark.parametrize("name", ["quirks.schedule.xml", "quirks.schedule.json"])
def test_fixture_imports_as_a_valid_agenda_keeping_every_event(name: str, tmp_path: Path) -> None:
    schedule, loaded = import_and_load(FIXTURES / name, tmp_path)
    expected = frab_events(schedule)
    got = agenda_events(loaded)
    # The zero-length event is the one change on purpose: it gets one timeslot.
    fixed = [(s, d if d > timedelta(0) else timedelta(minutes=15), r, t, p) for s, d, r, t, p in expected]
    assert got == fixed
    assert not [w for w in loaded.warnings if w.is_error]


def test_xml_quirks(tmp_path: Path) -> None:
    text = (FIXTURES / "quirks.schedule.xml").read_text(encoding="utf-8")
    result = import_schedule(text, "quirks.schedule.xml")
    event = result.data["event"]
    messages = "\n".join(w.message for w in result.warnings)
    # no time_zone_name: a zone that fits the +01:00 offsets, said in a warning
    assert event["timezone"] == "Europe/Berlin"
    assert "no time_zone_name" in messages
    # the night after day 1 (00:15 on 28 Dec) is a day of its own in the agenda
    assert event["dates"] == ["2024-12-27", "2024-12-28"]
    # two events overlap in Saal 1: the second goes to an extra track of the same title
    tracks = result.data["tracks"]
    assert [t["title"] for t in tracks] == ["Saal 1", "Saal 1", "Saal 2"]
    assert "overlaps another event in room 'Saal 1'" in messages
    # Fefe is on two stages at once: listed twice
    fefe = [p for p in result.data["people"] if p["name"] == "Fefe"]
    assert [p["id"] for p in fefe] == ["fefe", "fefe.2"]
    # an old-style event without <date> is placed by the day's date and its start
    old = next(s for s in result.data["segments"] if s["title"].startswith("Old-style"))
    assert old["start"] == "2024-12-27 11:00"
    assert old["track"] == "saal-2"
    # the language is the events' majority
    assert event["language"] == "de"


def test_json_quirks_both_person_shapes_and_dst(tmp_path: Path) -> None:
    schedule, loaded = import_and_load(FIXTURES / "quirks.schedule.json", tmp_path)
    people = {p.name: p.id for p in loaded.agenda.people}
    # {id, public_name}, {code, name}, {name, guid}; pretalx's {id, code} and a later {id} are one person
    assert people == {"jinxx": "jinxx", "Zoë Ünal": "zoe-uenal", "Chris Fiege": "chris-fiege", "Kasa": "kasa"}
    assert loaded.agenda.event.timezone == "Europe/Berlin"
    # 02:30 happens twice on 29 Oct 2023 in Berlin: the offset says which one
    second = next(s for s in loaded.agenda.segments if s.title == "The second 02:30")
    assert str(second.start) == "2023-10-29 02:30+0100"
    assert schedule.format == "json"


def test_requested_zone_and_options(tmp_path: Path) -> None:
    options = ImportOptions(
        timezone="Europe/Paris",
        language="en",
        organiser_name="Crew",
        organiser_email="crew@example.net",
        platform_url="https://meet.example.net/x",
    )
    _, loaded = import_and_load(FIXTURES / "quirks.schedule.xml", tmp_path, options)
    event = loaded.agenda.event
    assert (event.timezone, event.language, event.organiser.email) == ("Europe/Paris", "en", "crew@example.net")
    assert event.platform.url == "https://meet.example.net/x"
    with pytest.raises(UsageError):
        import_schedule((FIXTURES / "quirks.schedule.xml").read_text(), "x", ImportOptions(timezone="Mars/Base"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not a frab schedule"),
        ("<schedule><conference><title>x", "XML:"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><schedule/>', "DTDs and entities are not allowed"),
        ("<html/>", "the root is <html>"),
        ('{"schedule": {}}', "schedule.conference is missing"),
        ('{"schedule": {"conference": {"title": "x", "days": []}}}', "the schedule has no events"),
        ("{", "JSON:"),
    ],
)
def test_unreadable_schedules_are_one_line_errors(text: str, expected: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        parse_schedule(text, "bad.xml")
    assert expected in info.value.problems[0].text()
    assert info.value.problems[0].text().startswith("bad.xml")


def test_an_event_without_start_is_an_error_with_its_line() -> None:
    text = (
        "<schedule><version>1</version><conference><title>T</title></conference>\n"
        "<day index='1'><room name='A'>\n<event guid='g' id='1'><title>No time</title><duration>00:30</duration>"
        "</event></room></day></schedule>"
    )
    with pytest.raises(InvalidInputError) as info:
        parse_schedule(text, "s.xml")
    assert info.value.problems[0].text() == "s.xml:3: error: day 1, room 'A', event 1: no date and no start time"


@pytest.mark.parametrize(
    ("frab_type", "kind"),
    [
        ("lecture", "talk"),
        ("Talk 30 min + 10min Q&A", "talk"),
        ("podium", "panel"),
        ("keynote", "keynote"),
        ("workshop", "other"),
        ("", "talk"),
        ("break", "break"),
        ("welcome", "welcome"),
        ("Begrüßung und Eröffnung", "welcome"),
        ("Konzert", "performance"),
        ("Abschluss", "closing"),
    ],
)
def test_kinds(frab_type: str, kind: str) -> None:
    assert kind_of(frab_type).value == kind


def test_warnings_leave_the_flags_to_the_command_line() -> None:
    """The importer says which of its options would settle a warning; only cli/ names their flags."""
    text = (FIXTURES / "quirks.schedule.xml").read_text(encoding="utf-8")
    result = import_schedule(text, "quirks.schedule.xml")
    assert not [w for w in result.warnings if "--" in w.message]
    assert sorted(option for a in result.advice for option in a.options) == ["organiser_email", "platform_url", "tz"]
    settled = advised(result.warnings, result.advice, lambda option: f"<{option}>")
    assert [w.message for w in settled if "<" in w.message] == [
        "no time_zone_name in the file; using Europe/Berlin, which fits its offsets (+01:00); "
        "pass <tz> to name the real zone",
        "the schedule does not say event.organiser.email or event.platform.url; placeholders written, fill them in "
        "(or pass <organiser_email> / <platform_url>)",
    ]
    options = ImportOptions(timezone="Europe/Berlin", organiser_email="a@example.org", platform_url="https://x.org/")
    assert import_schedule(text, "quirks.schedule.xml", options).advice == []


def test_cli_warnings_name_the_flags() -> None:
    result = runner.invoke(app, ["import", str(FIXTURES / "quirks.schedule.xml")])
    assert result.exit_code == 0, result.output
    assert "(+01:00); pass --tz to name the real zone" in result.stderr
    assert "fill them in (or pass --organiser-email / --platform-url)" in result.stderr


@needs_shared
@pytest.mark.parametrize("path", REAL_FILES, ids=[p.name for p in REAL_FILES])
def test_real_schedules_import_as_valid_agendas(path: Path, tmp_path: Path) -> None:
    schedule, loaded = import_and_load(path, tmp_path)
    assert agenda_events(loaded) == frab_events(schedule)


runner = CliRunner()


def test_cli_import_writes_a_valid_agenda(tmp_path: Path) -> None:
    target = tmp_path / "agenda.yaml"
    result = runner.invoke(app, ["import", str(FIXTURES / "quirks.schedule.xml"), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "6 events in 3 tracks" in result.output
    check = runner.invoke(app, ["validate", str(target)])
    assert check.exit_code == 0, check.output
    again = runner.invoke(app, ["import", str(FIXTURES / "quirks.schedule.xml"), "--output", str(target)])
    assert again.exit_code == 2
    assert "exists already" in again.output
    forced = runner.invoke(app, ["import", str(FIXTURES / "quirks.schedule.xml"), "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output


def test_cli_import_json_summary(tmp_path: Path) -> None:
    target = tmp_path / "agenda.yaml"
    result = runner.invoke(
        app, ["import", str(FIXTURES / "quirks.schedule.json"), "-o", str(target), "--json", "--tz", "Europe/Berlin"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["events"] == 3
    assert summary["timezone"] == "Europe/Berlin"
    assert [t["title"] for t in summary["tracks"]] == ["Stage", "Lab"]


def test_cli_import_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<schedule><conference>", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1:" in result.output and "Traceback" not in result.output
    missing = runner.invoke(app, ["import", str(tmp_path / "nope.xml")])
    assert missing.exit_code == 2
    zone = runner.invoke(app, ["import", str(FIXTURES / "quirks.schedule.xml"), "--tz", "Nowhere/Here"])
    assert zone.exit_code == 2


@pytest.mark.parametrize(
    ("language", "schedule", "event"),
    [("de", "Importiertes Programm", "(ohne Titel)"), ("en", "Imported schedule", "(untitled)")],
)
def test_titles_the_file_leaves_out_are_in_the_agendas_language(language: str, schedule: str, event: str) -> None:
    text = json.dumps(
        {
            "schedule": {
                "conference": {
                    "title": "",
                    "start": "2022-10-20",
                    "end": "2022-10-20",
                    "time_zone_name": "Europe/Berlin",
                    "days": [
                        {
                            "index": 1,
                            "date": "2022-10-20",
                            "rooms": {
                                "Saal": [
                                    {
                                        "guid": "0b7e5b0c-6f1a-4d5e-9f00-000000000001",
                                        "id": 1,
                                        "title": "",
                                        "date": "2022-10-20T10:00:00+02:00",
                                        "start": "10:00",
                                        "duration": "00:30",
                                        "room": "Saal",
                                        "type": "talk",
                                        "persons": [],
                                    }
                                ]
                            },
                        }
                    ],
                }
            }
        }
    )
    result = import_schedule(text, "untitled.json", ImportOptions(language=language))
    assert result.data["event"]["title"] == schedule
    assert [s["title"] for s in result.data["segments"]] == [event]
