"""A real crash: `clustermeet run --log` killed with SIGKILL mid-show, then started again with the same log."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

DEMO = ROOT / "agendas" / "go-cluster-2022.yaml"
CLUSTERMEET = [sys.executable, "-m", "clustermeet"]


def _lines(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_resume_after_sigkill_appends_and_finishes(tmp_path: Path) -> None:
    log = tmp_path / "show.jsonl"
    # 3 hours of show at 300x: about 36 s if left alone; we kill it after a few segments
    first = subprocess.Popen(
        [*CLUSTERMEET, "run", str(DEMO), "--plain", "--speed", "300", "--log", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        for _ in range(400):  # at most 20 s
            if sum('"event":"end"' in line or '"event": "end"' in line for line in _lines(log)) >= 2:
                break
            time.sleep(0.05)
        else:
            raise AssertionError(f"the show did not get going: {_lines(log)[-3:]}")
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    before = log.read_bytes()
    assert before, "nothing was logged before the crash"

    second = subprocess.run(
        [*CLUSTERMEET, "run", str(DEMO), "--plain", "--speed", "100000", "--log", str(log)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert "Fortsetzung" in second.stdout or "fortgesetzt" in second.stdout.lower(), second.stdout[:400]
    after = log.read_bytes()
    assert after.startswith(before.rstrip(b"\n").rsplit(b"\n", 1)[0]), "the log was rewritten, not appended to"
    records = [json.loads(line) for line in after.decode("utf-8").splitlines() if line.strip().startswith("{")]
    assert sum(r.get("type") == "show" for r in records) == 1  # one header: the second run resumed, not restarted
    assert any(r.get("type") == "resume" for r in records)

    report = subprocess.run(
        [*CLUSTERMEET, "report", str(log), "--format", "json"], capture_output=True, text=True, timeout=60, check=False
    )
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["finished"] is True
