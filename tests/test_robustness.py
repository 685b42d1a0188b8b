"""Inputs found by fuzzing that once escaped as a Python exception ("internal error"); each now fails cleanly.

Agenda-file cases live as fixtures in tests/fixtures/invalid/ (duration-out-of-range, start-out-of-range,
timezone-folder); these are the options and other input files.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import AGENDAS, FIXTURES

if TYPE_CHECKING:
    from pathlib import Path

MINIMAL = AGENDAS / "minimal.yaml"


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["Europe", "America", "a" * 300])
def test_tz_option_that_the_zone_database_answers_with_os_error(name: str) -> None:
    """``ZoneInfo('Europe')`` raises IsADirectoryError, which once surfaced as 'cannot write output'."""
    code, out = _invoke("schedule", "--tz", name, str(MINIMAL))
    assert code == 2
    assert f"error: --tz: {name!r} is not an IANA time zone" in out


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1899-12-31T23:00:00Z"])
def test_ics_now_outside_datetime_range(tmp_path: Path, now: str) -> None:
    """Year 1 at +14:00 is before year 1 in UTC: ``astimezone`` raised OverflowError."""
    agenda = tmp_path / "minimal.yaml"
    shutil.copy(MINIMAL, agenda)
    code, out = _invoke("ics", "-o", str(tmp_path / "all.ics"), "--now", now, str(agenda))
    assert code == 2
    assert f"error: --now: {now!r} is not in the years 1900 to 2999" in out
    assert not (tmp_path / "all.ics").exists()


def _quirks_json() -> Any:
    return json.loads((FIXTURES / "frab" / "quirks.schedule.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("rooms", [2, "Stage", {"name": "Stage"}, None])
def test_frab_json_conference_rooms_not_a_list(tmp_path: Path, rooms: object) -> None:
    """``for room in conference["rooms"] or []`` raised TypeError on a number."""
    document = _quirks_json()
    document["schedule"]["conference"]["rooms"] = rooms
    source = tmp_path / "x.schedule.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    code, out = _invoke("import", str(source))
    assert code == 0, out
    assert "title: Across the DST change" in out  # the events are still imported, from the days' rooms


@pytest.mark.parametrize("persons", [10**30, "Chris Fiege", {"name": "Chris Fiege"}, True])
def test_frab_json_event_persons_not_a_list(tmp_path: Path, persons: object) -> None:
    """``for entry in event["persons"] or []`` raised TypeError on a number (and split a string into letters)."""
    document = _quirks_json()
    document["schedule"]["conference"]["days"][0]["rooms"]["Stage"][0]["persons"] = persons
    source = tmp_path / "x.schedule.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    code, out = _invoke("import", str(source))
    assert code == 0, out
    assert "title: Across the DST change" in out
    assert "name: C\n" not in out  # no person per letter


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "9999-12-31T23:30:00+02:00", "start 9999-12-31 is not in the years 1900 to 2999"),
        ("date", "0001-01-01T00:00:00-05:00", "start 0001-01-01 is not in the years 1900 to 2999"),
        ("duration", "99999999:00", "duration '99999999:00' is longer than 7 days"),
        ("duration", "9999999999:00:00:00", "duration '9999999999:00:00:00' is out of range"),
    ],
)
def test_frab_event_times_beyond_datetime(tmp_path: Path, field: str, value: str, message: str) -> None:
    """Start plus duration overflowed ``datetime`` (OverflowError) in the import; now the event is named."""
    document = _quirks_json()
    document["schedule"]["conference"]["days"][0]["rooms"]["Stage"][0][field] = value
    source = tmp_path / "x.schedule.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    code, out = _invoke("import", str(source))
    assert code == 1
    assert f"error: days[0].rooms['Stage'][0] (event 1): {message}" in out


def test_frab_xml_event_in_year_9999(tmp_path: Path) -> None:
    text = (FIXTURES / "frab" / "quirks.schedule.xml").read_text(encoding="utf-8")
    source = tmp_path / "x.schedule.xml"
    source.write_text(
        text.replace("<date>2024-12-27T10:00:00+01:00</date>", "<date>9999-12-31T23:00:00+01:00</date>", 1)
    )
    code, out = _invoke("import", str(source))
    assert code == 1
    assert "start 9999-12-31 is not in the years 1900 to 2999" in out


def _long_agenda(tmp_path: Path, copies: int) -> Path:
    """The assign workshop's segments repeated ``copies`` times, back to back, five minutes each."""
    import yaml

    document = yaml.safe_load((FIXTURES / "participants" / "workshop.yaml").read_text(encoding="utf-8"))
    template = document["segments"]
    segments = []
    for n in range(copies):
        for segment in template:
            copy = json.loads(json.dumps(segment))
            copy["id"] = f"{segment['id']}-{n}"
            copy["duration"] = "5m"
            if n:
                copy.pop("start", None)
            for room in copy.get("breakout", {}).get("rooms", []):
                room["id"] = f"{room['id']}-{n}"
            segments.append(copy)
    document["segments"] = segments
    document.pop("participants", None)
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_run_plain_work_per_tick_does_not_grow_with_the_agenda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every tick once looked at every cue of the show: 300 segments took minutes (found by fuzzing).

    Counted, not timed: how often a cue's key is computed, per line of output.
    """
    from clustermeet.cli import run as run_cli
    from clustermeet.show.cues import Cue

    monkeypatch.setattr(run_cli.RUNTIME, "sleep", lambda _seconds: None)
    computed = [0]
    key = Cue.key

    def counting(cue: Cue) -> str:
        computed[0] += 1
        return key.fget(cue)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(Cue, "key", property(counting))
    agenda = _long_agenda(tmp_path, 40)
    code, out = _invoke("run", "--plain", "--speed", "100000", str(agenda))
    assert code == 0, out
    lines = len(out.splitlines())
    assert lines > 1000
    assert computed[0] < 20 * lines, (computed[0], lines)


@pytest.mark.parametrize("start_at", ["2022-01-01 10:00", "2023-10-20 10:00", "1900-01-01 00:00"])
def test_run_start_at_far_from_the_show_is_refused(start_at: str) -> None:
    """A rehearsal that would wait months (or centuries) of show time for the first segment is a usage error."""
    result = CliRunner().invoke(
        app, ["run", str(AGENDAS / "go-cluster-2022.yaml"), "--plain", "--speed", "1000", "--start-at", start_at]
    )
    assert result.exit_code == 2, result.output
    assert "not during the show or the day before it" in result.stderr
