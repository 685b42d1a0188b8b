"""Time zones people mean: a zone that is no place's (no summer time, an old name, an offset) is named as what it
is, with the zone to write, from the tz database's own tables (issue 12, item 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from clustermeet.agenda.validation import validate_paths
from clustermeet.cli import app
from tests.breakouts.test_one_set_of_checks import agenda, write
from tests.conftest import AGENDAS

if TYPE_CHECKING:
    from pathlib import Path


def _lines(tmp_path: Path, zone: str, *, strict: bool = False) -> tuple[bool, list[str]]:
    data = agenda([], [])
    data["event"]["timezone"] = zone
    report = validate_paths([write(tmp_path, data)], strict=strict)
    return report.valid, [p.text().split(": ", 1)[1] for p in report.problems]


@pytest.mark.parametrize(
    ("zone", "advice"),
    [
        ("EST", "'EST' is UTC-5 all year, without summer time: write the zone of the place, such as America/New_York"),
        ("MST", "'MST' is UTC-7 all year, without summer time: write the zone of the place, such as America/Denver"),
        ("HST", "'HST' is UTC-10 all year, without summer time"),
        ("EST5EDT", "'EST5EDT' is an old name, not a place; write America/New_York"),
        ("US/Eastern", "'US/Eastern' is an old name, not a place; write America/New_York"),
        ("Etc/GMT+5", "'Etc/GMT+5' is UTC-5 all year, without summer time: write the zone of the place, such as"),
    ],
)
def test_a_zone_without_the_local_summer_time_warns_and_fails_strict(tmp_path: Path, zone: str, advice: str) -> None:
    """On main ``timezone: EST`` passed ``validate --strict``; New York in summer was an hour off."""
    valid, lines = _lines(tmp_path, zone)
    assert valid
    [line] = lines
    assert line.startswith("warning: event.timezone: " + advice), line
    assert not _lines(tmp_path, zone, strict=True)[0]


def test_etc_gmt_names_places_at_that_offset_with_summer_time(tmp_path: Path) -> None:
    [line] = _lines(tmp_path, "Etc/GMT+5")[1]
    assert "America/New_York" in line  # a place at UTC-5 in winter that keeps summer time, from zonenow.tab


@pytest.mark.parametrize("zone", ["UTC-5", "GMT+1", "UTC+05:30"])
def test_an_offset_gets_its_own_hint(tmp_path: Path, zone: str) -> None:
    """On main ``UTC-5`` got "did you mean 'UTC'?", which moves the event five hours."""
    valid, [line] = _lines(tmp_path, zone)
    assert not valid
    assert "is a fixed offset without summer time: write the zone of the place" in line
    assert "did you mean" not in line


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "UTC"])
def test_a_place_or_utc_is_fine(tmp_path: Path, zone: str) -> None:
    assert _lines(tmp_path, zone, strict=True) == (True, [])


def test_tz_option_gets_did_you_mean_and_the_offset_hint() -> None:
    demo = str(AGENDAS / "go-cluster-2022.yaml")
    result = CliRunner().invoke(app, ["schedule", demo, "--tz", "Europe/Berln"])
    assert result.exit_code == 2
    assert "error: --tz: 'Europe/Berln' is not an IANA time zone; did you mean 'Europe/Berlin'?" in result.stderr
    result = CliRunner().invoke(app, ["schedule", demo, "--tz", "UTC-5"])
    assert "UTC-5 is a fixed offset without summer time" in result.stderr
