"""`clustermeet validate` as people and CI use it: exit codes, folders, report formats, start-up cost."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import AGENDAS, FIXTURES, ROOT

VALID = sorted((FIXTURES / "agendas").glob("*.yaml"))
SHIPPED = sorted([*AGENDAS.glob("*.yaml"), *AGENDAS.glob("*.yml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_agenda_is_valid(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(app, ["validate", "--strict", str(path)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_the_shipped_agendas_are_found() -> None:
    assert any(p.name == "go-cluster-2022.yaml" for p in SHIPPED)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixtures(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(app, ["validate", "--strict", str(path)])
    assert result.exit_code == 0, result.stdout + result.stderr
    german = "language: de" in path.read_text(encoding="utf-8-sig")  # the summary is in the file's language
    summary = "1 Datei geprüft: 1 gültig, 0 ungültig; 0 Fehler, 0 Warnungen" if german else None
    assert result.stderr == (summary or "1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings") + "\n"


def test_missing_path_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(app, ["validate", str(missing)])
    assert result.exit_code == 2
    assert result.stdout == f"error: {missing}: no such file or folder\n"


def test_missing_path_wins_over_invalid_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = FIXTURES / "invalid" / "dst-gap.yaml"
    result = runner.invoke(app, ["validate", str(bad), str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{bad}:10:49: error: ")
    assert result.stdout.endswith(f"error: {tmp_path / 'nope.yaml'}: no such file or folder\n")


def test_no_arguments_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--format", "xml", str(VALID[0])])
    assert result.exit_code == 2


def test_folder_is_searched_recursively(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(FIXTURES / "agendas" / "dst-days.yaml", tmp_path / "good.yaml")
    shutil.copy(FIXTURES / "invalid" / "dst-gap.yaml", tmp_path / "sub" / "gap.yml")
    shutil.copy(FIXTURES / "invalid" / "tab-indent.yaml", tmp_path / ".hidden" / "ignored.yaml")
    (tmp_path / "notes.txt").write_text("not an agenda", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "sub/gap.yml:10:49: error: segments[0].start: 2023-03-26 02:30 does not exist in Europe/Berlin "
        "(clocks change for daylight saving time); pick another time"
    ]
    assert result.stderr == "2 files checked: 1 valid, 1 invalid; 1 error, 0 warnings\n"


def test_folder_without_agendas_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "no *.yaml or *.yml files" in result.stdout


def test_shipped_folder_is_valid(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--strict", str(AGENDAS)])
    assert result.exit_code == 0, result.stdout
    assert result.stderr.startswith(f"{len(SHIPPED)} files checked: {len(SHIPPED)} valid")


def test_json_report_shape(runner: CliRunner, tmp_path: Path) -> None:
    good = str(VALID[0])
    warn = str(FIXTURES / "invalid" / "past-midnight.yaml")
    missing = str(tmp_path / "gone.yaml")
    result = runner.invoke(app, ["validate", "--format", "json", good, warn, missing])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert set(report) == {"valid", "files", "unreadable", "errors", "warnings"}
    assert report["valid"] is False
    assert report["errors"] == 0
    assert report["warnings"] == 1
    assert report["unreadable"] == [f"{missing}: no such file or folder"]
    assert [f["path"] for f in report["files"]] == [good, warn]
    first, second = report["files"]
    assert first == {"path": good, "valid": True, "errors": 0, "warnings": 0, "problems": []}
    assert second["valid"] is True  # warnings are allowed without --strict
    (problem,) = second["problems"]
    assert set(problem) == {"path", "line", "col", "severity", "field", "message"}
    assert (problem["line"], problem["col"], problem["severity"], problem["field"]) == (
        10,
        68,
        "warning",
        "segments[0].duration",
    )


def test_json_strict_marks_warnings_invalid(runner: CliRunner) -> None:
    warn = str(FIXTURES / "invalid" / "past-midnight.yaml")
    result = runner.invoke(app, ["validate", "--format", "json", "--strict", warn])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["files"][0]["valid"] is False


def test_github_escapes_properties_and_message(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    shutil.copy(FIXTURES / "invalid" / "hard-start-collision.yaml", folder / "x%.yaml")
    result = runner.invoke(app, ["validate", "--format", "github", str(folder / "x%.yaml")])
    assert result.exit_code == 1
    escaped = str(folder / "x%.yaml").replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.startswith(f"::error file={escaped},line=11,col=50::segments[1].start: starts at 10:15")


def test_github_reports_unreadable_paths(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "github", str(tmp_path / "gone.yaml")])
    assert result.exit_code == 2
    assert result.stdout == f"::error::{tmp_path / 'gone.yaml'}: no such file or folder\n"


def test_unreadable_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = tmp_path / "locked.yaml"
    locked.write_text("event: {}\n", encoding="utf-8")
    locked.chmod(0)
    result = runner.invoke(app, ["validate", str(locked)])
    assert result.exit_code == 2


def test_console_script_and_module_agree() -> None:
    """The real entry points (not CliRunner): exit codes and output survive the process boundary."""
    bad = FIXTURES / "invalid" / "dst-gap.yaml"
    for command in ([sys.executable, "-m", "clustermeet"], [str(Path(sys.executable).parent / "clustermeet")]):
        done = subprocess.run([*command, "validate", str(bad)], capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith(f"{bad}:10:49: error: segments[0].start:")
        assert "Traceback" not in done.stderr


HEAVY = (
    "icalendar",
    "highspy",
    "ortools",
    "textual",
    "babel",
    "starlette",
    "uvicorn",
    "pythonosc",
    "segno",
    "email_validator",
)


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["validate", str(AGENDAS / "go-cluster-2022.yaml")]],
    ids=["help", "validate"],
)
def test_start_up_imports_no_heavy_modules(argv: list[str]) -> None:
    probe = (
        "import json, sys, runpy\n"
        f"sys.argv = ['clustermeet', *{argv!r}]\n"
        "try:\n"
        "    runpy.run_module('clustermeet', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "else:\n"
        "    code = 0\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print('PROBE', json.dumps({'heavy': heavy, 'exit': code}), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False, cwd=ROOT
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("PROBE "), done.stderr
    probe_result = json.loads(last.removeprefix("PROBE "))
    assert probe_result == {"heavy": [], "exit": 0}


def test_json_report_is_documented(runner: CliRunner) -> None:
    doc = (ROOT / "docs" / "validate-json.md").read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json", str(FIXTURES / "invalid" / "past-midnight.yaml")])
    report = json.loads(result.stdout)
    keys = set(report) | set(report["files"][0]) | set(report["files"][0]["problems"][0])
    missing = sorted(key for key in keys if f"`{key}`" not in doc)
    assert not missing, f"docs/validate-json.md does not explain {missing}"


def test_pre_commit_hook_checks_agenda_folders_only() -> None:
    """The hook's entry is our console script, and its default files pattern picks agendas, not every YAML file."""
    import re
    import tomllib

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert hook["id"] == hook["entry"] == "clustermeet-validate"
    assert hook["entry"] in scripts
    pattern = re.compile(hook["files"])  # pre-commit applies it with re.search
    for path in ("agendas/go-cluster-2022.yaml", "agendas/2024/summit.yml", "team/agendas/retro.yaml"):
        assert pattern.search(path), path
    for path in (".github/workflows/ci.yml", "docker-compose.yaml", "agendas.yaml", "my-agendas/x.yaml"):
        assert not pattern.search(path), path
    assert [p.name for p in AGENDAS.glob("*.yaml") if pattern.search(p.relative_to(ROOT).as_posix())]
