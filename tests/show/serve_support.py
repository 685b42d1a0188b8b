"""A served show for tests: `clustermeet run --serve` as a real process on a free loopback port, and plain HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clustermeet.agenda.loading import load_agenda
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show
from clustermeet.show.engine import Engine
from clustermeet.show.serve.board import Board
from tests.conftest import ROOT

DEMO = ROOT / "agendas" / "go-cluster-2022.yaml"
CLUSTERMEET = [sys.executable, "-m", "clustermeet"]
START = datetime(2022, 10, 20, 8, 5, tzinfo=UTC)  # 10:05 in Berlin, in the welcome


def demo_board() -> tuple[Board, FakeClock, list[dict[str, Any]]]:
    """The demo show's board at 10:05 on a fake clock, and the records its show logs."""
    schedule = load_agenda(DEMO).schedule
    plan = build_plan(schedule)
    clock = FakeClock(START)
    records: list[dict[str, Any]] = []
    show = Show(Engine(plan.steps, plan.cues), clock, records.append)
    show.open()
    return Board(show, plan, schedule), clock, records


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Served:
    """One `clustermeet run AGENDA --plain --serve 127.0.0.1:PORT` process (with OSC on another port)."""

    def __init__(self, log: Path, *extra: str, env: dict[str, str] | None = None, port: int | None = None) -> None:
        self.log = log
        self.port = port or free_port()
        self.osc = free_port(socket.SOCK_DGRAM)
        self.base = f"http://127.0.0.1:{self.port}"
        self.argv = [
            *CLUSTERMEET,
            "run",
            str(DEMO),
            "--plain",
            "--serve",
            f"127.0.0.1:{self.port}",
            "--osc",
            str(self.osc),
            "--log",
            str(log),
            *extra,
        ]
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self.err = self.log.with_suffix(f".{time.monotonic_ns()}.err")
        with self.err.open("wb") as err:
            self.process = subprocess.Popen(
                self.argv, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=self.env, start_new_session=True
            )
        for _ in range(300):  # at most 15 s
            try:
                with urllib.request.urlopen(f"{self.base}/static/show.css", timeout=1):
                    return
            except urllib.error.HTTPError:  # it answers (401 where tokens are set)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert self.process.poll() is None, self.err.read_text()
                time.sleep(0.05)
        raise AssertionError(f"the server did not start: {self.err.read_text()}")

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill9()

    def state(self, view: str = "operator", token: str = "", room: str = "") -> dict[str, Any]:
        query = f"view={view}" + (f"&room={room}" if room else "") + (f"&token={token}" if token else "")
        with urllib.request.urlopen(f"{self.base}/api/state?{query}", timeout=5) as reply:
            data: dict[str, Any] = json.loads(reply.read())
            return data

    def post(self, command: str, value: object = None, headers: dict[str, str] | None = None) -> int:
        return self.reply(command, value, headers)[0]

    def reply(
        self, command: str, value: object = None, headers: dict[str, str] | None = None, *, body: bytes | None = None
    ) -> tuple[int, bytes]:
        """POST a command (``body``: these bytes instead of ``{"value": value}``); the status and the body."""
        data = json.dumps({} if value is None else {"value": value}).encode() if body is None else body
        request = urllib.request.Request(f"{self.base}/api/{command}", data=data, method="POST", headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=5) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


def get_status(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
