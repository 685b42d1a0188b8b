"""CPU share of one core while the live console of `clustermeet run` runs, in a real terminal (tmux).

Starts the console on the demo agenda in a private tmux server (80x24), under /usr/bin/time -v when present,
samples utime+stime of the console process from /proc over the measuring window (after start-up), then presses q.

    .venv/bin/python bench/run_cpu.py [--seconds 60] [--speed 1]

Prints the steady-state share (the figure the goal of < 3 % is about) and /usr/bin/time's share of the whole run,
start-up included.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "agendas" / "go-cluster-2022.yaml"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def console_pid(shell_pid: int) -> int:
    """The python process of the console: the pane's process or its descendant running clustermeet."""
    for _ in range(100):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            ours = parent in {shell_pid} | _children(shell_pid)
            if ours and b"clustermeet" in cmdline and b"run" in cmdline and not cmdline[0].endswith(b"time"):
                return int(entry.name)
        time.sleep(0.1)
    raise SystemExit("the console process did not start")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if parent == pid:
                found.add(int(entry.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    args = parser.parse_args()
    tmux = shutil.which("tmux")
    if tmux is None:
        raise SystemExit("tmux is needed (apt-get install tmux)")
    socket = f"clustermeet-bench-{uuid.uuid4().hex[:8]}"
    folder = Path(tempfile.mkdtemp(prefix="clustermeet-bench-"))
    timing = folder / "time.txt"
    runner = f"/usr/bin/time -v -o {timing} " if Path("/usr/bin/time").exists() else ""
    command = (
        f"{runner}{sys.executable} -m clustermeet run {DEMO} --start-at 10:58 --speed {args.speed:g} "
        f"--log {folder / 'show.jsonl'}"
    )
    try:
        subprocess.run(
            [
                tmux,
                "-L",
                socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "bench",
                "-x",
                "80",
                "-y",
                "24",
                command,
            ],
            check=True,
            env={**os.environ, "TERM": "xterm-256color"},
            timeout=10,
        )
        shell = int(
            subprocess.run(
                [tmux, "-L", socket, "display", "-p", "-t", "bench", "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
                timeout=10,
            ).stdout
        )
        pid = console_pid(shell)
        time.sleep(args.warmup)
        start_cpu, start_wall = cpu_seconds(pid), time.monotonic()
        time.sleep(args.seconds)
        end_cpu, end_wall = cpu_seconds(pid), time.monotonic()
        screen = subprocess.run(
            [tmux, "-L", socket, "capture-pane", "-p", "-t", "bench"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
        # q twice: while the show runs, the first q asks for confirmation
        subprocess.run([tmux, "-L", socket, "send-keys", "-t", "bench", "q", "q"], timeout=10, check=False)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        subprocess.run([tmux, "-L", socket, "kill-server"], timeout=10, check=False, capture_output=True)
    share = (end_cpu - start_cpu) / (end_wall - start_wall) * 100
    print(f"console window: {end_wall - start_wall:.1f} s at speed {args.speed:g} (after {args.warmup:g} s start-up)")
    print(f"CPU: {end_cpu - start_cpu:.2f} s -> {share:.2f} % of one core (goal < 3 %)")
    if timing.exists():
        text = timing.read_text()
        percent = re.search(r"Percent of CPU this job got: (\S+)", text)
        elapsed = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", text)
        user = re.search(r"User time \(seconds\): (\S+)", text)
        system = re.search(r"System time \(seconds\): (\S+)", text)
        if percent and elapsed and user and system:
            print(
                f"/usr/bin/time, whole run incl. start-up: {percent.group(1)} CPU, user {user.group(1)} s, "
                f"system {system.group(1)} s, elapsed {elapsed.group(1)}"
            )
    print("last screen:")
    print(screen.rstrip())


if __name__ == "__main__":
    main()
