"""Runsheet and report Markdown: user text stays text (the one escaper, text.md_text), each cue and each segment
stays one table row."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.markdown_support import HOSTILE, assert_inert, hostile_agenda, rendered

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()
run_module = importlib.import_module("clustermeet.cli.run")


@pytest.mark.parametrize("title", HOSTILE)
def test_runsheet_markdown_keeps_a_hostile_title_as_text_in_one_row(tmp_path: Path, title: str) -> None:
    result = runner.invoke(app, ["runsheet", str(hostile_agenda(tmp_path, title)), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    rows = rendered(result.stdout).rows
    # the header, tech check, check-in, start the recording, the two segments and the end of the show: a line
    # break adds no row
    assert len(rows) == 7, rows
    assert all(len(row) == 7 for row in rows), rows
    flat = " ".join(title.split())
    assert [row[1:3] for row in rows if row[2] == flat] == [[flat, flat]]


@pytest.mark.parametrize("title", HOSTILE)
def test_report_markdown_keeps_a_hostile_title_as_text_in_one_row(
    tmp_path: Path, title: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = datetime(2025, 6, 3, 8, 30, tzinfo=UTC)
    moments = iter(start + timedelta(minutes=n) for n in range(10_000))
    monkeypatch.setattr(
        run_module,
        "RUNTIME",
        run_module.Runtime(now=lambda: next(moments), monotonic=lambda: 0.0, sleep=lambda _s: None),
    )
    log = tmp_path / "show.jsonl"
    agenda = hostile_agenda(tmp_path, title)
    ran = runner.invoke(app, ["run", str(agenda), "--plain", "--speed", "60", "--log", str(log)])
    assert ran.exit_code == 0, ran.output
    result = runner.invoke(app, ["report", str(log), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    rows = rendered(result.stdout).rows
    assert len(rows) == 3, rows  # the header and one row per segment
    assert all(len(row) == 5 for row in rows), rows
    assert rows[1][0] == " ".join(title.split())
