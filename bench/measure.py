"""What the benchmarks share: run a command in a fresh process and measure its wall time and its own peak RSS.

The peak comes from ``os.wait4`` on that one child, not ``RUSAGE_CHILDREN`` (the largest of all children so far,
which hid a smaller run behind an earlier larger one).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CLUSTERMEET = ROOT / ".venv" / "bin" / "clustermeet"


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    peak_mib: float  # the child's peak resident set size
    returncode: int
    stdout: str
    stderr: str


def run_measured(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to its end with its output in temporary files; its wall time and its own peak RSS.
    ``env``: variables to set on top of this process's."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True, env={**os.environ, **(env or {})})
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_maxrss / 1024, child.returncode, out.read(), err.read())


def breakout_agenda(breakout: str, language: str | None = None) -> str:
    """The benchmarks' agenda: one topics segment whose ``breakout:`` block is ``breakout`` (indented lines)."""
    lang = f"  language: {language}\n" if language else ""
    return f"""event:
  title: Benchmark
  date: 2024-05-14
  timezone: Europe/Berlin
{lang}  organiser: {{name: Bench, email: bench@example.org}}
  platform: {{kind: zoom, url: https://zoom.example.org/j/1}}
segments:
  - id: topics
    title: Topics
    kind: breakout
    start: "10:00"
    duration: 45m
    breakout:
{breakout}"""
