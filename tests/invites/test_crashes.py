"""``ics --per-person`` and ``send`` killed with SIGKILL at random moments (bounded loops), each time resumed once:
files and state agree, the send log only grew, nobody got a message twice and nobody was left out unsaid."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import time
from pathlib import Path

from safety_support import cli, crowd, mail_server, start

KILLS = 5
NOWS = [f"2025-05-01T{9 + i:02d}:00:00Z" for i in range(2 * KILLS + 2)]


def _kill_after(args: list[str | Path], delay: float) -> None:
    process = start(*args)
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)


def _issued(state: Path) -> dict[str, int]:
    """UID -> SEQUENCE of every personal invite the state says was issued (and not cancelled)."""
    events = json.loads(state.read_text(encoding="utf-8"))["events"].get("personal", {})
    return {uid: record["sequence"] for uid, record in events.items() if not record["cancelled"]}


def _on_disk(folder: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for path in folder.glob("*.ics"):
        text = path.read_bytes().decode("utf-8")  # CRLF kept
        if "METHOD:CANCEL" in text:
            continue
        uid = re.search(r"\r\nUID:(\S+)\r\n", text)
        sequence = re.search(r"\r\nSEQUENCE:(\d+)\r\n", text)
        assert uid, path
        found[uid.group(1)] = int(sequence.group(1)) if sequence else 0  # SEQUENCE:0 may be left out
    return found


def test_ics_per_person_killed_at_random_moments_then_resumed_agrees(tmp_path: Path) -> None:
    """Even rounds add 80 people (new files only: no --force), odd rounds change every invite (with --force)."""
    folder, state = tmp_path / "inv", tmp_path / "crowd.invites.json"
    moments = random.Random(11)  # the same moments on every run of the test, spread over the whole command
    people = 240
    agenda = crowd(tmp_path, people)
    for round_ in range(KILLS):
        force: tuple[str, ...] = ()
        if round_ % 2:
            force = ("--force",)
            text = agenda.read_text(encoding="utf-8")
            agenda.write_text(re.sub(r"title: Talk[^,]*", f"title: Talk {round_}", text), encoding="utf-8")
        else:
            people += 80
            rows = [f"Person {i},p{i}@example.org" for i in range(people)]
            (tmp_path / "crowd.csv").write_text("name,email\n" + "\n".join(rows) + "\n", encoding="utf-8")
        delay = moments.uniform(0.2, 1.6)
        _kill_after(["ics", agenda, "--per-person", folder, "--now", NOWS[2 * round_], *force], delay)
        # the resume comes later (another DTSTAMP): the journal lets it replace the killed run's own new files
        resumed = cli("ics", agenda, "--per-person", folder, "--now", NOWS[2 * round_ + 1], *force)
        assert resumed.returncode == 0, (round_, delay, resumed.stderr)
        assert _on_disk(folder) == _issued(state), (round_, delay)
        assert len(_issued(state)) == people
        assert not list(folder.glob(".*.tmp")), (round_, delay)
        assert not (tmp_path / "crowd.invites.json.pending").exists()


def test_send_killed_at_random_moments_then_resumed_mails_nobody_twice(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 150)
    log = tmp_path / "crowd.sendlog.jsonl"
    moments = random.Random(12)
    with mail_server() as (box, port):
        args: list[str | Path] = ["send", agenda, "--smtp-host", "127.0.0.1", "--smtp-port", str(port)]
        before = b""
        uncertain: set[str] = set()
        for round_ in range(KILLS):
            delay = moments.uniform(0.3, 1.2)
            _kill_after([*args, "--now", NOWS[0]], delay)
            grown = log.read_bytes() if log.exists() else b""
            assert grown.startswith(before), (round_, delay)  # the log only grew
            before = grown
            assert max(box.recipients().values(), default=1) == 1, (round_, delay)
        resumed = cli(*args, "--now", NOWS[0], "--json")
        report = json.loads(resumed.stdout)
        uncertain = {entry["email"] for entry in report["uncertain"]}
        assert resumed.returncode == (1 if uncertain else 0), resumed.stderr
        assert log.read_bytes().startswith(before)
    received = box.recipients()
    assert set(received.values()) == {1}, received.most_common(3)  # nobody twice
    everybody = {f"p{i}@example.org" for i in range(150)}
    # nobody left out unsaid: whoever got nothing is reported as uncertain (a kill while the server had it)
    assert everybody - set(received) <= uncertain, (everybody - set(received), uncertain)
    assert uncertain <= everybody
