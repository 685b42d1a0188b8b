"""I/O: hooks (commands run on every cue, the event as JSON on their stdin) and the now-file (a small text
file with the current segment and the time left, for OBS's "read from file" text sources).

A hook never holds the clock: cues are queued (at most :data:`QUEUE`; more are dropped and logged) to one worker
thread, which runs each hook with a time limit of :data:`HOOK_SECONDS` and logs every failure. The now-file is
replaced atomically, and only when its text changes (OBS looks at the file's time once a second).
"""

from __future__ import annotations

import json
import queue
import shlex
import subprocess
import threading
from typing import TYPE_CHECKING, Any

from clustermeet.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

QUEUE = 100
HOOK_SECONDS = 10.0


class Hooks:
    """Runs each command of ``commands`` on every cue record; ``note`` logs what failed."""

    def __init__(self, commands: list[str], note: Callable[[dict[str, Any]], None]) -> None:
        self.commands = [shlex.split(c) for c in commands if c.strip()]
        self.note = note
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue(QUEUE)
        self._thread = threading.Thread(target=self._work, name="clustermeet-hooks", daemon=True)
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

    def close(self, timeout: float = 2.0) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def _work(self) -> None:
        while (record := self._queue.get()) is not None:
            payload = json.dumps(record, ensure_ascii=False) + "\n"
            for command in self.commands:
                error = run_hook(command, payload)
                if error:
                    self.note(
                        {"type": "hook", "command": shlex.join(command), "cue": record.get("cue"), "error": error}
                    )


def run_hook(command: list[str], payload: str, timeout: float = HOOK_SECONDS) -> str:
    """Run one hook with ``payload`` on stdin; what went wrong, or "" when it exited 0 in time."""
    try:
        done = subprocess.run(  # the organiser's own command, split like a shell would
            command, input=payload.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return f"took longer than {timeout:g} s (stopped)"
    except OSError as exc:
        return f"cannot run it: {exc.strerror or exc}"
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"exit code {done.returncode}" + (f": {said[-1][:200]}" if said else "")
    return ""


class NowFile:
    """``FILE`` with two lines, the current segment and the time left; rewritten when they change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._last = ""

    def update(self, views: dict[str, dict[str, Any]]) -> None:
        stage = views.get("stage", {})
        text = f"{stage.get('title', '')}\n{stage.get('countdown', '')}\n"
        if text != self._last:
            write_atomic(self.path, text, force=True)
            self._last = text
