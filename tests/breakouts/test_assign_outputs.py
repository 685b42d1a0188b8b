"""`assign` writes its files all or nothing: one output that cannot be written leaves none behind."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import AGENDAS

DEMO = AGENDAS / "go-cluster-2022.yaml"


def test_a_blocked_output_folder_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    output = tmp_path / "assignments.csv"
    args = ["assign", str(DEMO), "-o", str(output), "--zoom-csv", str(tmp_path / "blocker" / "zoom")]
    args += ["--rosters", str(tmp_path / "rosters")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.stderr
    assert not output.exists()
    assert not (tmp_path / "rosters").exists() or not any((tmp_path / "rosters").iterdir())
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary files


def test_all_outputs_are_written_together(tmp_path: Path) -> None:
    output = tmp_path / "assignments.csv"
    args = ["assign", str(DEMO), "-o", str(output), "--zoom-csv", str(tmp_path / "zoom")]
    args += ["--rosters", str(tmp_path / "rosters")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert output.is_file()
    assert [p.name for p in (tmp_path / "zoom").iterdir()] == ["breakouts-zoom.csv"]
    assert len(list((tmp_path / "rosters").iterdir())) == 3
