"""I/O: hooks (commands run on every cue, the event as JSON on their stdin) and the now-file (a small text
file with the current segment and the time left, for OBS's "read from file" text sources).

A hook never holds the clock: cues are queued (at most :data:`QUEUE`; more are dropped and logged) to one worker
thread, which runs each hook in a process group of its own with a time limit of :data:`HOOK_SECONDS` and logs
every failure; at the limit the whole group is killed, so what the hook started goes too. Closing lets the queued
cues run for at most :data:`CLOSE_SECONDS`, then kills the hook that runs with its group and drops (and logs) the
cues left.
The now-file is replaced atomically, and only when its text changes (OBS looks at the file's time once a second);
when it cannot be written the show goes on: the failure is logged once and writing is tried again every second
until it works (which is logged too).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shlex
import signal
import subprocess
import tempfile
import threading
import time
from typing import TYPE_CHECKING, Any

from clustermeet.errors import ClustermeetError
from clustermeet.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

QUEUE = 100
HOOK_SECONDS = 10.0
#: how long closing waits for the hook that runs before it kills its process group
CLOSE_SECONDS = 1.0
#: how much of the end of a failed hook's stderr is read for the log
STDERR_TAIL = 4096
#: how often a now-file that could not be written is tried again
RETRY_SECONDS = 1.0


class Hooks:
    """Runs each command of ``commands`` on every cue record; ``note`` logs what failed."""

    def __init__(self, commands: list[str], note: Callable[[dict[str, Any]], None]) -> None:
        self.commands = [shlex.split(c) for c in commands if c.strip()]
        self.note = note
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue(QUEUE)
        self._thread = threading.Thread(target=self._work, name="clustermeet-hooks", daemon=True)
        self._lock = threading.Lock()
        self._running: subprocess.Popen[bytes] | None = None
        self._closing = False
        if self.commands:
            self._thread.start()

    def offer(self, record: dict[str, Any]) -> None:
        """Queue ``record`` for the hooks when it is a cue (called for every record the show logs)."""
        if not self.commands or record.get("type") != "event" or record.get("event") != "cue":
            return
        try:
            self._queue.put_nowait(record)
        except queue.Full:
            self.note({"type": "hook", "cue": record.get("cue"), "error": "dropped: too many cues waiting"})

    def close(self, timeout: float = CLOSE_SECONDS) -> None:
        """Stop: the cues queued run for at most ``timeout`` seconds more; then the hook that runs is killed with its
        process group and the cues left are dropped (and logged). Returns within about ``timeout`` + 1 s."""
        if not self._thread.is_alive():
            return
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            self._closing = True  # the worker takes no more cues
            with self._lock:
                running = self._running
                if running is not None and running.poll() is None:
                    signal_group(running)  # the worker's communicate() then returns, and it ends
            self._thread.join(1.0)
        dropped = 0
        with contextlib.suppress(queue.Empty):
            while True:
                dropped += self._queue.get_nowait() is not None
        if dropped:
            self.note({"type": "hook", "error": f"dropped at quit: {dropped} cues not run yet"})

    def _started(self, process: subprocess.Popen[bytes] | None) -> None:
        with self._lock:
            self._running = process

    def _work(self) -> None:
        while (record := self._queue.get()) is not None and not self._closing:
            payload = json.dumps(record, ensure_ascii=False) + "\n"
            for command in self.commands:
                if self._closing:
                    break
                error = run_hook(command, payload, started=self._started)
                self._started(None)
                if error:
                    self.note(
                        {"type": "hook", "command": shlex.join(command), "cue": record.get("cue"), "error": error}
                    )


def run_hook(
    command: list[str],
    payload: str,
    timeout: float = HOOK_SECONDS,
    *,
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
) -> str:
    """Run one hook with ``payload`` on stdin, in a process group of its own; what went wrong, or "" when it exited
    0 in time. At the time limit the whole group is killed (the hook and whatever it started). ``started`` is told
    the process (so that closing can kill it)."""
    with tempfile.TemporaryFile() as said:  # what it says on stderr, in a file: no pipe to fill, nothing held
        try:
            process = subprocess.Popen(  # the organiser's own command, split like a shell would
                command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=said, process_group=0
            )
        except OSError as exc:
            return f"cannot run it: {exc.strerror or exc}"
        if started is not None:
            started(process)
        try:
            process.communicate(payload.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)
            return f"took longer than {timeout:g} s (stopped)"
        if process.returncode == 0:
            return ""
        said.seek(max(said.seek(0, os.SEEK_END) - STDERR_TAIL, 0))
        last = said.read().decode("utf-8", "replace").strip().splitlines()
    return f"exit code {process.returncode}" + (f": {last[-1][:200]}" if last else "")


def signal_group(process: subprocess.Popen[bytes]) -> None:
    """Kill everything in ``process``'s process group (its own: the hook and what it started)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and everything in its process group, and reap it (waiting at most a second)."""
    signal_group(process)
    with contextlib.suppress(subprocess.TimeoutExpired, ValueError, OSError):
        process.communicate(timeout=1.0)  # the pipes close with the group


class NowFile:
    """``FILE`` with two lines, the current segment and the time left; rewritten when they change. ``note`` logs
    a failure to write it (once) and its recovery."""

    def __init__(
        self, path: Path, note: Callable[[dict[str, Any]], None], *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.path = path
        self.note = note
        self.clock = clock
        self._last = ""
        self._failing = False
        self._retry_at = 0.0

    def update(self, views: dict[str, dict[str, Any]]) -> None:
        stage = views.get("stage", {})
        text = f"{stage.get('title', '')}\n{stage.get('countdown', '')}\n"
        if text == self._last or (self._failing and self.clock() < self._retry_at):
            return
        try:
            write_atomic(self.path, text, force=True)
        except (OSError, ClustermeetError) as exc:
            self._retry_at = self.clock() + RETRY_SECONDS
            if not self._failing:
                self._failing = True
                said = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.note({"type": "now_file", "path": str(self.path), "error": f"cannot write it: {said}"[:300]})
            return
        if self._failing:
            self._failing = False
            self.note({"type": "now_file", "path": str(self.path), "error": "", "written": True})
        self._last = text
