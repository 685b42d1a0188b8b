"""End to end: the live console in a real terminal (tmux on a private socket), keys sent, the screen read back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AGENDAS

DEMO = AGENDAS / "go-cluster-2022.yaml"
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it with apt-get)")


def _tmux(socket: str, *args: str) -> subprocess.CompletedProcess[str]:
    assert TMUX is not None
    return subprocess.run([TMUX, "-L", socket, *args], capture_output=True, text=True, timeout=10, check=False)


def _wait(what: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if what():
            return True
        time.sleep(0.1)  # polling a real terminal; bounded by the deadline
    return False


def _start(socket: str, command: str) -> None:
    """A 100x30 terminal on a private tmux server running ``command``."""
    assert TMUX is not None
    env = {**os.environ, "TERM": "xterm-256color", "NO_COLOR": "1"}
    size = ["-x", "100", "-y", "30"]
    started = subprocess.run(
        [TMUX, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "show", *size, command],
        env=env,
        timeout=10,
        check=False,
    )
    assert started.returncode == 0


def test_console_in_tmux(tmp_path: Path) -> None:
    socket = f"clustermeet-test-{uuid.uuid4().hex[:10]}"
    log = tmp_path / "show.jsonl"
    command = (
        f"{sys.executable} -m clustermeet run {DEMO} --speed 2 --start-at 10:58 --log {log}; "
        f"echo EXIT=$? > {tmp_path / 'rc'}"
    )

    def screen() -> str:
        return _tmux(socket, "capture-pane", "-p", "-t", "show").stdout

    try:
        _start(socket, command)
        assert _wait(lambda: "Kaffeepause" in screen()), screen()
        text = screen()
        assert "IM PLAN" in text or "WARNUNG" in text
        assert "DANACH: Breakout-Sessions" in text
        assert "n weiter" in text
        _tmux(socket, "send-keys", "-t", "show", "n")  # the breakouts have a fixed start at 11:00: wait for it
        assert _wait(lambda: "WARTEN" in screen() and "Beginn in" in screen()), screen()
        _tmux(socket, "send-keys", "-t", "show", "n")  # ... or start them now
        assert _wait(lambda: "3 Räume öffnen" in screen()), screen()
        assert "Breakout-Sessions" in screen() and "Aufholen" not in screen()
        _tmux(socket, "send-keys", "-t", "show", "q")  # the show runs: q asks first
        assert _wait(lambda: "q noch einmal" in screen()), screen()
        assert not (tmp_path / "rc").exists()
        _tmux(socket, "send-keys", "-t", "show", "q")
        assert _wait(lambda: _written(tmp_path / "rc")), screen()
        assert (tmp_path / "rc").read_text().strip() == "EXIT=0"
    finally:
        _tmux(socket, "kill-server")
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert records[0]["type"] == "show"
    assert any(r.get("action") == "next" and not r.get("auto") for r in records)
    assert records[-1]["type"] == "quit"


def test_console_and_served_pages_drive_one_show(tmp_path: Path) -> None:
    from tests.show.serve_support import free_port, get_status

    socket = f"clustermeet-test-{uuid.uuid4().hex[:10]}"
    log = tmp_path / "show.jsonl"
    port = free_port()
    command = (
        f"{sys.executable} -m clustermeet run {DEMO} --start-at 10:02 --log {log} --serve 127.0.0.1:{port}; "
        f"echo EXIT=$? > {tmp_path / 'rc'}"
    )

    def screen() -> str:
        return _tmux(socket, "capture-pane", "-p", "-t", "show").stdout

    try:
        _start(socket, command)
        assert _wait(lambda: "Begrüßung und Ablauf" in screen()), screen()
        status, _body = get_status(f"http://127.0.0.1:{port}/stage")
        assert status == 200
        post = urllib.request.Request(f"http://127.0.0.1:{port}/api/next", data=b"{}", method="POST")
        with urllib.request.urlopen(post, timeout=5) as reply:  # a control request over HTTP moves the console
            assert reply.status == 200
        assert _wait(lambda: "Eröffnung" in screen().split("DANACH")[0]), screen()
        _tmux(socket, "send-keys", "-t", "show", "n")  # and a key in the console moves the pages
        assert _wait(
            lambda: json.loads(get_status(f"http://127.0.0.1:{port}/api/state?view=stage")[1])["title"].startswith(
                "Impuls"
            )
        )
        _tmux(socket, "send-keys", "-t", "show", "q", "q")
        assert _wait(lambda: _written(tmp_path / "rc")), screen()
        assert (tmp_path / "rc").read_text().strip() == "EXIT=0"
    finally:
        _tmux(socket, "kill-server")
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["action"] for r in records if r.get("type") == "action" and not r.get("auto")] == ["next", "next"]
    assert records[-1]["type"] == "quit"


def _written(path: Path) -> bool:
    """The shell has written its line: the redirection makes the file before ``echo`` fills it."""
    return path.exists() and path.read_text().endswith("\n")
