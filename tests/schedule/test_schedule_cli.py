"""`clustermeet schedule`: golden files per format, the JSON contract, time zones and DST, safe output, the table."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import AGENDAS, FIXTURES, GOLDEN

GOLDEN_DIR = GOLDEN / "schedule"
DEMO = AGENDAS / "go-cluster-2022.yaml"
MULTI = FIXTURES / "agendas" / "multitrack.yaml"
SUFFIX = {"markdown": "md", "json": "json", "csv": "csv"}


def _schedule(runner: CliRunner, agenda: Path, *args: str) -> str:
    result = runner.invoke(app, ["schedule", str(agenda), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def _json(runner: CliRunner, agenda: Path, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_schedule(runner, agenda, "--format", "json", *args))
    return data


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in data["items"]}


@pytest.mark.parametrize("fmt", SUFFIX)
@pytest.mark.parametrize("agenda", [DEMO, MULTI], ids=lambda p: p.stem)
def test_golden(runner: CliRunner, agenda: Path, fmt: str, tmp_path: Path) -> None:
    """Regenerate with UPDATE_GOLDEN=1 and review the diff."""
    golden = GOLDEN_DIR / f"{agenda.stem}.{SUFFIX[fmt]}"
    target = tmp_path / golden.name
    result = runner.invoke(app, ["schedule", str(agenda), "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.stdout + result.stderr
    produced = target.read_bytes()
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
    assert produced == golden.read_bytes(), f"{golden} differs; rerun with UPDATE_GOLDEN=1 and review"
    # same input, same bytes: printing gives the file's text too
    printed = _schedule(runner, agenda, "--format", fmt)  # the runner turns CRLF into LF
    assert printed.rstrip("\n") == produced.decode("utf-8").replace("\r\n", "\n").rstrip("\n")


def test_json_items_carry_the_documented_fields(runner: CliRunner) -> None:
    data = _json(runner, MULTI)
    assert data["version"] == 1
    assert data["timezone"] == "Europe/Berlin"
    for item in data["items"]:
        assert {"id", "kind", "title", "start", "end", "room", "people"} <= set(item)
        start, end = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
        assert start.utcoffset() == timedelta(hours=2), item["start"]  # Berlin in May: CEST
        assert end > start
    items = _by_id(data)
    assert [i["id"] for i in data["items"]].count("open") == 1
    assert items["open"]["room"] is None
    assert items["talk-1"]["room"] == "main"
    assert items["workshop"]["room"] == "lab"
    assert items["tables/east"]["room"] == "east"
    assert items["tables/east"]["parent"] == "tables"
    assert items["tables"]["room"] is None
    assert items["open"]["people"] == [{"id": "ada", "name": "Ada Host", "organisation": "Org"}]
    assert [p["id"] for p in items["pitch"]["people"]] == ["ben", "cleo"]
    assert items["workshop"]["url"] == "https://zoom.example.org/j/2"


def test_unquoted_times_and_numbers_mean_what_they_say(runner: CliRunner) -> None:
    items = _by_id(_json(runner, FIXTURES / "agendas" / "yaml11-traps.yaml"))
    assert items["on"]["start"] == "2023-06-01T10:00:00+02:00"  # start: 10:00, not 600 minutes
    assert items["on"]["duration_minutes"] == 20  # duration: 20 is minutes
    assert items["on"]["title"] == "no"
    assert items["on"]["people"][0]["id"] == "no"
    assert items["off"]["duration_minutes"] == 90  # 1:30 is h:mm


def test_tz_shows_the_same_instants_elsewhere(runner: CliRunner) -> None:
    home = _json(runner, MULTI)
    away = _json(runner, MULTI, "--tz", "America/New_York")
    assert away["timezone"] == "America/New_York"
    for here, there in zip(home["items"], away["items"], strict=True):
        assert here["id"] == there["id"]
        assert datetime.fromisoformat(here["start"]) == datetime.fromisoformat(there["start"])
        assert there["start"].endswith("-04:00")
    assert _by_id(away)["open"]["start"] == "2024-05-14T03:00:00-04:00"


def test_tz_in_markdown_and_csv(runner: CliRunner) -> None:
    markdown = _schedule(runner, MULTI, "--format", "markdown", "--tz", "Asia/Tokyo")
    assert "Time zone: Asia/Tokyo" in markdown
    assert "| 16:00 | 16:15 | Plenary | **Opening** (Welcome) | Ada Host |" in markdown
    csv_text = _schedule(runner, MULTI, "--format", "csv", "--tz", "UTC")
    assert "open,open,,welcome,Opening,2024-05-14T07:00:00+00:00,2024-05-14T07:15:00+00:00," in csv_text


def test_bad_tz_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schedule", str(MULTI), "--tz", "Mars/Olympus"])
    assert result.exit_code == 2
    assert "--tz: 'Mars/Olympus' is not an IANA time zone" in result.stderr


def test_days_that_straddle_dst_get_their_own_offsets(runner: CliRunner) -> None:
    items = _by_id(_json(runner, FIXTURES / "agendas" / "dst-days.yaml"))
    assert items["d1-open"]["start"] == "2023-03-25T09:00:00+01:00"
    assert items["d1-talk"]["end"] == "2023-03-25T10:15:00+01:00"
    assert items["d2-open"]["start"] == "2023-03-26T09:00:00+02:00"
    assert items["d2-talk"]["end"] == "2023-03-26T10:15:00+02:00"
    # the same wall time is 23 hours apart, not 24
    gap = datetime.fromisoformat(items["d2-open"]["start"]) - datetime.fromisoformat(items["d1-open"]["start"])
    assert gap == timedelta(hours=23)


def test_shipped_dst_agenda_has_both_offsets(runner: CliRunner) -> None:
    path = AGENDAS / "open-transform-2023.yaml"
    if not path.exists():
        pytest.skip("agendas/open-transform-2023.yaml is not there")
    data = _json(runner, path)
    offsets = {item["start"][:10]: item["start"][-6:] for item in data["items"]}
    assert offsets == {"2023-03-25": "+01:00", "2023-03-26": "+02:00"}


def test_running_order_across_dst_keeps_real_durations(runner: CliRunner) -> None:
    data = _json(runner, FIXTURES / "agendas" / "dst-running.yaml")
    items = data["items"]
    assert [(i["start"], i["end"]) for i in items] == [
        ("2023-03-26T01:15:00+01:00", "2023-03-26T01:45:00+01:00"),
        ("2023-03-26T01:45:00+01:00", "2023-03-26T03:15:00+02:00"),  # 30 real minutes, 90 on the wall clock
        ("2023-03-26T03:15:00+02:00", "2023-03-26T03:45:00+02:00"),
    ]
    for item in items:
        elapsed = datetime.fromisoformat(item["end"]) - datetime.fromisoformat(item["start"])
        assert elapsed == timedelta(minutes=30)
        assert item["duration_minutes"] == 30


def test_ambiguous_time_with_offset_picks_the_right_one(runner: CliRunner) -> None:
    items = _by_id(_json(runner, FIXTURES / "agendas" / "dst-fold-offset.yaml", "--tz", "UTC"))
    assert items["first"]["start"] == "2023-10-29T00:30:00+00:00"
    assert items["second"]["start"] == "2023-10-29T01:30:00+00:00"


def test_output_is_written_and_not_overwritten(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "schedule.json"
    first = runner.invoke(app, ["schedule", str(MULTI), "--format", "json", "--output", str(target)])
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    assert first.stderr == f"wrote {target}\n"
    json.loads(target.read_text(encoding="utf-8"))

    target.write_text("keep me", encoding="utf-8")
    again = runner.invoke(app, ["schedule", str(MULTI), "--format", "csv", "--output", str(target)])
    assert again.exit_code == 2
    assert f"error: {target} exists already" in again.stderr
    assert "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "keep me"

    forced = runner.invoke(app, ["schedule", str(MULTI), "--format", "csv", "--output", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("id,segment,parent,kind,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schedule.json"]  # no temporary file left behind


def test_output_creates_its_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schedule", str(MULTI), "--output", str(tmp_path / "site" / "schedule.md")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "schedule.md").is_file()


def test_output_where_a_file_blocks_the_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["schedule", str(MULTI), "--output", str(tmp_path / "site" / "schedule.md")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert (tmp_path / "site").read_text(encoding="utf-8") == "not a folder"


def test_outputs_are_readable_as_the_umask_says_and_keep_their_mode(runner: CliRunner, tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        target = tmp_path / "schedule.md"
        assert runner.invoke(app, ["schedule", str(MULTI), "-f", "markdown", "-o", str(target)]).exit_code == 0
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        again = runner.invoke(app, ["schedule", str(MULTI), "-f", "markdown", "-o", str(target), "--force"])
        assert again.exit_code == 0
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_table_output_to_a_file_is_markdown(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "table.md"
    result = runner.invoke(app, ["schedule", str(MULTI), "--output", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == (GOLDEN_DIR / "multitrack.md").read_text(encoding="utf-8")


def test_invalid_agenda_fails_with_its_problems(runner: CliRunner) -> None:
    bad = FIXTURES / "invalid" / "dst-gap.yaml"
    result = runner.invoke(app, ["schedule", str(bad)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{bad}:10:49: error: segments[0].start: 2023-03-26 02:30 does not exist")


def test_missing_agenda_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schedule", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_warnings_go_to_stderr_and_do_not_fail(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schedule", str(FIXTURES / "invalid" / "past-midnight.yaml"), "--format", "csv"])
    assert result.exit_code == 0
    assert "warning: segments[0].duration: runs past midnight" in result.stderr
    assert result.stdout.startswith("id,segment,")


def test_csv_cells_cannot_become_formulas(runner: CliRunner, tmp_path: Path) -> None:
    agenda = tmp_path / "formula.yaml"
    text = MULTI.read_text(encoding="utf-8")
    text = text.replace("title: Lunch", "title: '=HYPERLINK(\"https://evil.example\")'")
    text = text.replace("name: Ben Talker", "name: '@Ben'")
    agenda.write_text(text, encoding="utf-8")
    rows = {row[0]: row for row in csv.reader(io.StringIO(_schedule(runner, agenda, "--format", "csv")))}
    assert rows["lunch"][4] == '\'=HYPERLINK("https://evil.example")'
    assert rows["talk-1"][9] == "'@Ben"
    # JSON is data, not a spreadsheet: it keeps the text as written
    assert _by_id(_json(runner, MULTI))["talk-1"]["people"][0]["organisation"] == "=Formula Corp"


def test_table_puts_tracks_and_rooms_side_by_side(runner: CliRunner, console_width: Any) -> None:
    console_width(120)
    out = _schedule(runner, MULTI)
    header = next(line for line in out.splitlines() if "Main stage" in line)
    assert "Lab" in header  # tracks are columns of one table
    row = next(line for line in out.splitlines() if "Talk | one" in line)
    assert "Workshop" in row  # parallel segments share a row
    rooms = next(line for line in out.splitlines() if "East table" in line)
    assert "West table" in rooms  # breakout rooms side by side inside their block
    assert "Ada Host" in out  # plenary items in a track table still say who


def test_table_of_the_demo_in_german(runner: CliRunner, console_width: Any) -> None:
    console_width(160)
    out = _schedule(runner, DEMO)
    assert "Donnerstag, 20. Oktober 2022" in out
    assert "Zeitzone: Europe/Berlin" in out
    line = next(line for line in out.splitlines() if "Weiterbildung" in line)
    assert "Wertschöpfungsketten" in line and "Neue Geschäfts" in line


@pytest.mark.parametrize("width", [20, 40, 60, 80])
@pytest.mark.parametrize("agenda", [DEMO, MULTI, FIXTURES / "agendas" / "dst-days.yaml"], ids=lambda p: p.stem)
def test_table_adapts_to_narrow_terminals(runner: CliRunner, console_width: Any, agenda: Path, width: int) -> None:
    console_width(width)
    out = _schedule(runner, agenda)
    lines = out.splitlines()
    assert lines
    assert max(len(line) for line in lines) <= width
    if width >= 60:
        assert "10:00" in out or "09:00" in out


def test_failed_write_leaves_the_old_file_and_no_temporary(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "schedule.md"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    result = runner.invoke(app, ["schedule", str(MULTI), "--format", "markdown", "--output", str(target), "--force"])
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["schedule.md"]
