"""Shared by the safety tests: a crowd agenda of any size, the command line in a real process, an SMTP server on
loopback (aiosmtpd) with or without SMTPUTF8, and file hashes to prove that nothing changed."""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
SAFETY = ROOT / "tests" / "fixtures" / "safety"
CLUSTERMEET = [sys.executable, "-m", "clustermeet"]
NOW = "2025-05-01T09:00:00Z"

AGENDA = """\
event:
  title: Crowd day
  date: 2025-06-03
  timezone: Europe/Berlin
  organiser: {{name: Alex Example, email: alex@example.org}}
  platform: {{kind: jitsi, url: https://meet.example.org/crowd}}
segments:
  - {{id: hello, title: Hello, kind: welcome, start: "09:30", duration: 5m}}
  - {{id: talk, title: Talk, kind: other, duration: 25m}}
  - id: b
    title: Breakouts
    kind: breakout
    duration: 20m
    breakout: {{mode: topics, rooms: [{{id: r, title: Room R}}, {{id: s, title: Room S}}]}}
participants: {participants}
"""


def crowd(folder: Path, count: int, *, extra: tuple[str, ...] = ()) -> Path:
    """An agenda in ``folder`` with ``count`` participants (p0@example.org ...) and ``extra`` addresses."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["name,email"] + [f"Person {i},p{i}@example.org" for i in range(count)]
    rows += [f"Extra {i},{address}" for i, address in enumerate(extra)]
    (folder / "crowd.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    agenda = folder / "crowd.yaml"
    agenda.write_text(AGENDA.format(participants="crowd.csv"), encoding="utf-8")
    return agenda


def cli(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``clustermeet ARGS`` in a process of its own (as a user runs it)."""
    return subprocess.run(
        [*CLUSTERMEET, *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )


def start(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLUSTERMEET, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )


def digest(*paths: Path) -> dict[str, str]:
    """The SHA-256 of each file (``-`` for one that is not there)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-" for p in paths}


def clean_failure(result: subprocess.CompletedProcess[str], code: int) -> list[str]:
    """The lines of a refusal, stderr's then stdout's (``validate`` reports on stdout): the exit code asked for, no
    traceback, no internal error."""
    assert result.returncode == code, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-2000:]
    return result.stderr.splitlines() + result.stdout.splitlines()


class Mailbox:
    """Every message aiosmtpd accepted: (envelope sender, recipients, bytes)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def recipients(self) -> Counter[str]:
        return Counter(r.lower() for _sender, rcpts, _data in self.messages for r in rcpts)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def mail_server(*, smtputf8: bool = False) -> Iterator[tuple[Mailbox, int]]:
    """aiosmtpd on 127.0.0.1; ``smtputf8``: whether it offers SMTPUTF8 (RFC 6531)."""
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, enable_SMTPUTF8=smtputf8)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()
