"""``run --log`` killed with SIGKILL at random moments (a bounded loop), each time started again on the same log:
the log only grows, holds one header, and the report of the finished show reads it."""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

from safety_support import cli, crowd, start

KILLS = 4


def test_run_log_killed_at_random_moments_resumes_and_only_grows(tmp_path: Path) -> None:
    agenda, log = crowd(tmp_path, 1), tmp_path / "show.jsonl"
    moments = random.Random(13)
    before = b""
    for round_ in range(KILLS):
        process = start("run", agenda, "--plain", "--speed", "900", "--log", log, "--start-at", "09:30")
        delay = moments.uniform(0.3, 1.5)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
        grown = log.read_bytes() if log.exists() else b""
        kept = before.rstrip(b"\n").rsplit(b"\n", 1)[0]  # the last line may have been torn, then closed
        assert grown.startswith(kept), (round_, delay)
        before = grown
    finished = cli("run", agenda, "--plain", "--speed", "100000", "--log", log, "--start-at", "09:30", timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert log.read_bytes().startswith(before.rstrip(b"\n").rsplit(b"\n", 1)[0])
    records = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue  # a line a kill tore
    assert sum(r.get("type") == "show" for r in records) == 1
    report = cli("report", log, "--format", "json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["finished"] is True
