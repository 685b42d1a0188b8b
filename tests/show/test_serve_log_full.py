"""A show log that cannot be written (a full disk): a control action is applied only once it is in the log.

The disk is made full for the log's file alone by a stand-in for ``os.write`` that takes part of a line and then
refuses the rest with ENOSPC, as a full file system does; the log is a real file and, over HTTP, the server is the
real one (uvicorn on a free loopback port, in this process so the stand-in reaches it).
"""

from __future__ import annotations

import errno
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show
from clustermeet.show.engine import Engine
from clustermeet.show.log import LogWriteError, ShowLog, header_record, read_log
from clustermeet.show.run import RunOptions, open_show
from clustermeet.show.serve.board import Board
from clustermeet.show.serve.osc import handle
from clustermeet.show.serve.server import ServeOptions, start_serving
from clustermeet.show.serve.web import Hub
from tests.show.serve_support import DEMO, START, free_port


@dataclass
class Disk:
    """The log's file system: ``full`` makes it take part of the next write and refuse the ones after."""

    path: Path
    full: bool = False
    refused: int = 0


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Disk:
    disk = Disk(tmp_path / "show.jsonl")
    real = os.write

    def write(fd: int, data: bytes) -> int:
        if disk.full and disk.path.exists() and os.fstat(fd).st_ino == disk.path.stat().st_ino:
            disk.refused += 1
            if disk.refused == 1 and len(data) > 1:
                return real(fd, data[: len(data) // 2])  # the last free blocks: a short write
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    return disk


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _state(engine: Engine) -> tuple[Any, ...]:
    runs = {i: (r.start, r.end, r.paused, r.extra) for i, r in engine.runs.items()}
    return (engine.index, runs, engine.paused_since, len(engine.actions), set(engine.fired), dict(engine.carried))


def _served_board(disk: Disk) -> tuple[Board, ShowLog, FakeClock]:
    schedule = load_agenda(DEMO).schedule
    plan = build_plan(schedule)
    clock = FakeClock(START)
    log = ShowLog(disk.path, sync=False)
    zone, lang = "Europe/Berlin", plan.language
    log.write(header_record(plan.steps, title=plan.title, agenda="demo", zone=zone, language=lang, at=START, speed=1))
    show = Show(Engine(plan.steps, plan.cues), clock, log.write, append=log.append)
    show.open()
    return Board(show, plan, schedule), log, clock


def test_a_failed_append_leaves_the_log_as_it_was_and_a_retry_writes_it_once(disk: Disk) -> None:
    log = ShowLog(disk.path, sync=False)
    log.append([{"type": "show", "n": 0}])
    before = disk.path.read_bytes()
    disk.full = True
    with pytest.raises(LogWriteError, match="No space left on device"):
        log.append([{"type": "action", "n": 1}, {"type": "event", "n": 2}])
    assert disk.refused == 1  # the short write was noticed at once
    assert disk.path.read_bytes() == before  # the half line is cut off again
    disk.full = False
    log.append([{"type": "action", "n": 1}, {"type": "event", "n": 2}])
    log.close()
    assert [json.loads(line)["n"] for line in _lines(disk.path)] == [0, 1, 2]


def test_a_log_that_cannot_even_be_cut_back_takes_nothing_more(disk: Disk, monkeypatch: pytest.MonkeyPatch) -> None:
    log = ShowLog(disk.path, sync=False)
    log.append([{"type": "show", "n": 0}])

    def refuse(_fd: int, _size: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "ftruncate", refuse)
    disk.full = True
    with pytest.raises(LogWriteError):
        log.append([{"type": "action", "n": 1}])
    disk.full = False
    with pytest.raises(LogWriteError, match="takes no more"):  # its retry would follow a torn record
        log.append([{"type": "action", "n": 1}])
    log.close()
    assert len(_lines(disk.path)) == 2  # the header and the torn half line, nothing after it


def test_an_action_the_log_cannot_take_is_not_done(disk: Disk) -> None:
    board, log, _clock = _served_board(disk)
    engine = board.show.engine
    before, logged = _state(engine), disk.path.read_bytes()
    disk.full = True
    for command, value in (("next", None), ("plus", None), ("jump", 5), ("pause", None), ("carry", None)):
        with pytest.raises(LogWriteError):
            board.command(command, value)
        assert _state(engine) == before, command
    with pytest.raises(LogWriteError):
        board.command("message", "Gleich geht es weiter")
    assert board.message == ""
    assert disk.path.read_bytes() == logged
    disk.full = False
    board.command("next")
    board.command("message", "Gleich geht es weiter")
    log.close()
    contents = read_log(disk.path)
    assert not contents.bad_lines
    assert [a.to_json() for a in contents.actions] == [a.to_json() for a in engine.actions]
    assert [a.kind.value for a in contents.actions if not a.auto] == ["next"]  # once, not once per try
    assert [r["text"] for r in contents.records if r.get("control") == "message"] == ["Gleich geht es weiter"]
    assert engine.index == before[0] + 1


def test_a_tick_the_log_cannot_take_is_done_again_at_the_next_one(disk: Disk) -> None:
    board, log, clock = _served_board(disk)
    hub = Hub(board)
    hub.tick()
    disk.full = True
    clock.advance(timedelta(minutes=30))  # past cues and the end of the welcome: all of it is logged at once or not
    before = _state(board.show.engine)
    hub.tick()  # the failure is swallowed (and cannot even be noted): the pages go on
    assert _state(board.show.engine) == before
    disk.full = False
    hub.tick()
    log.close()
    contents = read_log(disk.path)
    assert [a.to_json() for a in contents.actions] == [a.to_json() for a in board.show.engine.actions]
    cues = [r["cue"] for r in contents.records if r.get("event") == "cue"]
    assert len(cues) == len(set(cues))
    events = [r["event"] for r in contents.records if r.get("type") == "event"]
    assert events.count("overtime") == 1  # told once, when the log could take it


def test_osc_drops_what_the_log_cannot_take(disk: Disk) -> None:
    board, log, _clock = _served_board(disk)
    disk.full = True
    notes: list[dict[str, Any]] = []
    assert not handle(Hub(board), "", "/clustermeet/next", [], notes.append)
    assert board.show.engine.index == 0
    log.close()


def _post(base: str, command: str, value: object = None) -> tuple[int, dict[str, Any]]:
    data = json.dumps({} if value is None else {"value": value}).encode()
    request = urllib.request.Request(f"{base}/api/{command}", data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_over_http_a_full_disk_answers_503_and_changes_nothing(disk: Disk) -> None:
    loaded = load_agenda(DEMO)
    options = RunOptions(plain=True, log=disk.path, start_at="10:05", speed=1.0, serve=True)
    session = open_show(loaded, options, now=lambda: datetime.now(UTC), monotonic=time.monotonic, agenda=str(DEMO))
    port = free_port()
    serving = start_serving(session, ServeOptions(f"127.0.0.1:{port}"), {})
    base = f"http://127.0.0.1:{port}"
    engine = session.show.engine
    try:
        with session.show.guard:
            before = (engine.index, len(engine.actions))
            disk.full = True
        for command, value in (("next", None), ("plus", None), ("message", "Bitte Platz nehmen")):
            status, body = _post(base, command, value)
            assert status == 503, (command, body)
            assert "No space left on device" in body["error"]
            assert body["text"].startswith("Das Show-Log kann nicht geschrieben werden")  # the event's language
        with session.show.guard:
            assert (engine.index, len(engine.actions)) == before
        assert serving.board.message == ""
        disk.full = False
        status, body = _post(base, "next")
        assert status == 200
        assert body["index"] == before[0] + 1
    finally:
        serving.stop()
        session.close()
    contents = read_log(disk.path)
    assert not contents.bad_lines
    assert [a.to_json() for a in contents.actions] == [a.to_json() for a in engine.actions]
    assert [a.kind.value for a in contents.actions if not a.auto] == ["next"]
    assert not [r for r in contents.records if r.get("control") == "message"]


def test_a_served_plain_run_goes_on_while_its_log_cannot_be_written(disk: Disk) -> None:
    # served, the plain runner only prints what happens: a full disk must not end the show (and the server with it)
    options = RunOptions(plain=True, log=disk.path, start_at="10:07", speed=60.0, serve=True)
    session = open_show(load_agenda(DEMO), options, now=lambda: datetime.now(UTC), monotonic=time.monotonic, agenda="a")
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        time.sleep(min(seconds, 0.05))
        if len(naps) >= 40:  # 2 s of a full disk (the warning at 10:08 fell due after 1 s)
            disk.full = False

    disk.full = True
    try:
        first = next(session.follow(sleep, poll=0.05))
    finally:
        session.close()
    assert len(naps) >= 40
    assert first.kind == "warning"
    events = [r["event"] for r in read_log(disk.path).records if r.get("type") == "event"]
    assert events.count("warning") == 1
