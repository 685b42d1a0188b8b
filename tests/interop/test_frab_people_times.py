"""Schedules from real events: people told apart by guid and code (an id only with the same name, never id 0),
times without an offset read in the right zone with a warning, and the old penta layout with events straight under
``<day>``. Fixtures: tests/fixtures/frab/penta.schedule.xml and naive.schedule.json, written from the layouts."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from test_frab_import import (
    FIXTURES,
    REAL_FILES,
    Event,
    agenda_events,
    frab_events,
    import_and_load,
    needs_shared,
    runner,
)

from clustermeet.cli import app
from clustermeet.interop.frab_read import import_schedule, parse_schedule
from clustermeet.interop.frab_schedule import ImportOptions, advised

PENTA = FIXTURES / "penta.schedule.xml"
NAIVE = FIXTURES / "naive.schedule.json"
BRUSSELS = ImportOptions(timezone="Europe/Brussels")


def _speakers(path: Path, tmp_path: Path, options: ImportOptions | None = None) -> dict[str, list[str]]:
    """Segment title -> the people ids of its speakers."""
    _, loaded = import_and_load(path, tmp_path, options)
    return {s.title: list(s.speakers) for s in loaded.agenda.segments}


def test_the_old_penta_layout_with_events_under_day(tmp_path: Path) -> None:
    schedule, loaded = import_and_load(PENTA, tmp_path, BRUSSELS)
    assert len(schedule.events) == 6
    assert [t.title for t in loaded.agenda.tracks] == ["Janson", "K.1.105"]

    def folded(events: list[Event]) -> list[Event]:  # one person, two spellings: the first is the one listed
        return [(*event[:4], tuple(" ".join(n.casefold().split()) for n in event[4])) for event in events]

    assert folded(agenda_events(loaded)) == folded(frab_events(schedule))


def test_people_by_guid_and_an_id_only_with_the_same_name(tmp_path: Path) -> None:
    speakers = _speakers(PENTA, tmp_path, BRUSSELS)
    assert speakers["Welcome to the meeting"] == ["ann-ode", "ben-null"]  # both id="0": not one person
    assert speakers["Reused ids, part one"] == ["cem-reuse"]
    assert speakers["Reused ids, part two"] == ["dora-other"]  # id 7 again, another name: another person
    assert speakers["Same id, same name"] == ["cem-reuse"]  # id 7 and the same name, spelt otherwise
    assert speakers["Namesakes, one"] == ["eva-namesake"]
    assert speakers["Namesakes, two"] == ["eva-namesake-2"]  # one name, two guids: two people


def test_pretalx_code_then_id_is_one_person_and_id_zero_is_nobody(tmp_path: Path) -> None:
    speakers = _speakers(NAIVE, tmp_path)
    assert speakers["Coded"] == speakers["Only the id"] == ["fay-code"]  # {code, id}, later only {id}
    assert speakers["The id again, another name"] == ["gus-other"]
    assert speakers["Everybody zero"] == ["zero-one", "zero-two"]


def _first_start(path: Path, options: ImportOptions | None = None, text: str | None = None) -> str:
    schedule = parse_schedule(text or path.read_text(encoding="utf-8"), path.name, options and options.timezone)
    return min(e.start for e in schedule.events).astimezone(UTC).isoformat()


def test_times_without_an_offset_in_the_files_zone_else_tz_else_the_days_offset() -> None:
    # the file's time_zone_name first, whatever the import's zone
    assert (
        _first_start(NAIVE) == _first_start(NAIVE, ImportOptions(timezone="Asia/Tokyo")) == "2021-02-06T09:00:00+00:00"
    )
    # no time_zone_name: the zone asked for (10:00 in Brussels is 09:00 UTC), else UTC
    assert _first_start(PENTA, BRUSSELS) == "2021-02-06T09:00:00+00:00"
    assert _first_start(PENTA) == "2021-02-06T10:00:00+00:00"
    # neither: the offset of the event's day
    text = PENTA.read_text(encoding="utf-8").replace(
        '<day index="1" date="2021-02-06">', '<day index="1" date="2021-02-06" start="2021-02-06T09:00:00+01:00">'
    )
    assert _first_start(PENTA, text=text) == "2021-02-06T09:00:00+00:00"


def test_a_whole_schedule_moves_with_tz() -> None:
    plain = parse_schedule(PENTA.read_text(encoding="utf-8"), "p.xml")
    brussels = parse_schedule(PENTA.read_text(encoding="utf-8"), "p.xml", "Europe/Brussels")
    moved = {b.start - p.start for p, b in zip(plain.events, brussels.events, strict=True)}
    assert {m.total_seconds() for m in moved} == {-3600}


def test_the_no_offset_warning_says_how_the_times_were_read() -> None:
    result = import_schedule(PENTA.read_text(encoding="utf-8"), "p.xml")
    (warning,) = [w for w in result.warnings if "has no offset" in w.message]
    assert warning.line == 19  # the first such event
    assert (
        warning.message == "day 1, room 'Janson', event 11: the start (and 5 more after it) has no offset; read as UTC"
    )
    (settled,) = [
        w for w in advised(result.warnings, result.advice, lambda o: f"<{o}>") if "has no offset" in w.message
    ]
    assert settled.message.endswith("read as UTC; pass <tz> to name the zone it is in")
    naive = import_schedule(NAIVE.read_text(encoding="utf-8"), "n.json")
    assert any("has no offset; read in Europe/Brussels, the file's time_zone_name" in w.message for w in naive.warnings)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ([], "has no offset; read as UTC; pass --tz to name the zone it is in"),
        (["--tz", "Europe/Brussels"], "has no offset; read in Europe/Brussels, the zone asked for"),
    ],
)
def test_the_cli_prints_the_no_offset_warning(args: list[str], said: str) -> None:
    result = runner.invoke(app, ["import", str(PENTA), *args])
    assert result.exit_code == 0, result.output
    assert (
        f"penta.schedule.xml:19: warning: day 1, room 'Janson', event 11: the start (and 5 more after it) {said}"
        in (result.stderr)
    )
    if args:
        assert 'start: "2021-02-06 10:00"' in result.stdout


@needs_shared
@pytest.mark.parametrize("path", REAL_FILES, ids=[p.name for p in REAL_FILES])
def test_real_schedules_credit_no_talk_to_a_namesake_of_an_id(path: Path, tmp_path: Path) -> None:
    """Every speaker of every imported event is a person of that event in the file, by name (a reused id would
    credit a talk to whoever held the id first)."""
    schedule, loaded = import_and_load(path, tmp_path)
    names = {p.id: p.name for p in loaded.agenda.people}
    by_start = {(e.start.astimezone(UTC), e.room, e.title or ""): e for e in schedule.events}
    titles = {t.id: t.title for t in loaded.agenda.tracks}
    for item in loaded.schedule.segments:
        event = by_start.get((item.start, titles[item.room or ""], item.title))
        if event is not None:
            assert sorted({names[p] for p in item.people}) == sorted({p.name for p in event.persons}), item.title


def test_two_guids_are_two_people_even_with_one_id_and_one_name(tmp_path: Path) -> None:
    """The guid decides: a reused id with the same name does not join two persons whose guids differ, but still
    joins a person who has a guid here and none there."""
    text = PENTA.read_text(encoding="utf-8").replace('id="32" guid=', 'id="31" guid=')
    source = tmp_path / "same-id.schedule.xml"
    source.write_text(text, encoding="utf-8")
    speakers = _speakers(source, tmp_path, BRUSSELS)
    assert speakers["Namesakes, one"] == ["eva-namesake"]
    assert speakers["Namesakes, two"] == ["eva-namesake-2"]
    no_guid = text.replace('<person id="31" guid="0b6f3a52-2f10-4c4e-9a53-0d1b2c3d4e52">', '<person id="31">')
    source.write_text(no_guid, encoding="utf-8")
    again = _speakers(source, tmp_path, BRUSSELS)
    assert again["Namesakes, one"] == again["Namesakes, two"] == ["eva-namesake"]
