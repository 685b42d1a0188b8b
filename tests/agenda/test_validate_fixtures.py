"""Every bad input is a file in tests/fixtures/invalid/ whose header says what validate must print.

Header lines (after the first comment, which says what the case is about)::

    # expect: 12:5: error: segments[3].duration: ...      one line of output, in order; `LINE:COL:` is in this file
    # expect: other.csv:3: error: ...                     a problem in another file (a participants CSV)
    # args: --strict                                      extra options for validate
    # exit: 1                                             the exit code; default 1 with an error, else 0

The test runs ``clustermeet validate`` from inside the folder, so paths print as the bare file names.
"""

from __future__ import annotations

import json
import os
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import FIXTURES

INVALID = FIXTURES / "invalid"


@dataclass(frozen=True)
class Case:
    path: Path
    expect: list[str]
    args: list[str]
    exit_code: int

    @property
    def name(self) -> str:
        return self.path.name


def _case(path: Path) -> Case:
    expect: list[str] = []
    args: list[str] = []
    exit_code: int | None = None
    # bytes: some fixtures are deliberately not UTF-8 or not text at all; their headers are ASCII
    for raw in path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        if not raw.startswith(b"#"):
            continue
        line = raw.decode("ascii")
        if line.startswith("# expect: "):
            text = line.removeprefix("# expect: ")
            expect.append(f"{path.name}:{text}" if text[:1].isdigit() else text)
        elif line.startswith("# args: "):
            args = line.removeprefix("# args: ").split()
        elif line.startswith("# exit: "):
            exit_code = int(line.removeprefix("# exit: "))
    if exit_code is None:
        exit_code = 1 if any(": error: " in e for e in expect) else 0
    return Case(path, expect, args, exit_code)


CASES = [_case(p) for p in sorted(INVALID.glob("*.yaml"))]


def _run(case: Case, *extra: str) -> tuple[int, str, str]:
    cwd = Path.cwd()
    os.chdir(INVALID)
    try:
        result = CliRunner().invoke(app, ["validate", *case.args, *extra, case.name], catch_exceptions=False)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def test_enough_distinct_bad_inputs() -> None:
    assert len(CASES) >= 30
    assert all(case.expect for case in CASES), [c.name for c in CASES if not c.expect]
    # distinct: no two fixtures expect the same messages
    messages = [tuple(e.split(": ", 2)[-1] for e in case.expect) for case in CASES if "--strict" not in case.args]
    assert len(set(messages)) == len(messages)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_text_report(case: Case) -> None:
    code, out, err = _run(case)
    assert out.splitlines() == case.expect
    assert code == case.exit_code, out + err
    assert "Traceback" not in out + err
    assert err.startswith("1 file checked: ")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_json_report_matches_text(case: Case) -> None:
    code, out, _ = _run(case, "--format", "json")
    report = json.loads(out)
    assert code == case.exit_code
    assert report["valid"] is (code == 0)
    problems = [p for f in report["files"] for p in f["problems"]]
    rebuilt = []
    for p in problems:
        where = f"{p['path']}:{p['line']}" + (f":{p['col']}" if p["col"] else "")
        field = f"{p['field']}: " if p["field"] else ""
        rebuilt.append(f"{where}: {p['severity']}: {field}{p['message']}")
    assert rebuilt == case.expect
    assert report["errors"] == sum(p["severity"] == "error" for p in problems)
    assert report["warnings"] == sum(p["severity"] == "warning" for p in problems)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_github_report(case: Case) -> None:
    code, out, _ = _run(case, "--format", "github")
    assert code == case.exit_code
    lines = out.splitlines()
    assert len(lines) == len(case.expect)
    for line, expected in zip(lines, case.expect, strict=True):
        where, severity, message = expected.split(": ", 2)
        path, line_no, *col = where.split(":")
        props = f"file={path},line={line_no}" + (f",col={col[0]}" if col else "")
        assert line == f"::{severity} {props}::{message}"


@pytest.mark.parametrize("case", [c for c in CASES if c.exit_code == 0], ids=lambda c: c.name)
def test_strict_fails_on_warnings(case: Case) -> None:
    code, out, _ = _run(case, "--strict")
    assert code == 1
    assert out.splitlines() == case.expect


def test_alias_bomb_is_refused_before_expansion(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fully expanded the bomb is 9**9 = 387 million strings: it must be sized on the node graph, never walked."""
    from clustermeet.agenda import yamlsource
    from clustermeet.agenda.loading import load_agenda
    from clustermeet.errors import InvalidInputError

    converted: list[object] = []
    original = yamlsource._Converter.convert

    def counting(self: yamlsource._Converter, *args: Any) -> Any:
        converted.append(args[0])
        return original(self, *args)

    monkeypatch.setattr(yamlsource._Converter, "convert", counting)
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInputError, match="alias bomb"):
            load_agenda(INVALID / "alias-bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert converted == [], "the bomb was expanded node by node before it was refused"
    assert peak < 100 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_python_tag_runs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def spy(*args: object) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(os, "system", spy)
    target = tmp_path / "python-tag.yaml"
    target.write_bytes((INVALID / "python-tag.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "python-tag.yaml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "tag !!python/object/apply:os.system is not allowed" in result.stdout
    assert calls == []
    assert not (tmp_path / "clustermeet-pwned.txt").exists()
