"""A show log that cannot be written for a while (a full disk): the show goes on, nothing is written twice or
torn, and the log catches up in order as soon as it can be written."""

from __future__ import annotations

import errno
import json
import os
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

from clustermeet.files import JsonLinesLog
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show
from clustermeet.show.engine import Engine
from clustermeet.show.serve.board import Board
from tests.show.serve_support import DEMO, START

if TYPE_CHECKING:
    from pathlib import Path


class FullDisk:
    """A record writer that fails while ``full`` and keeps what it was given otherwise."""

    def __init__(self) -> None:
        self.full = False
        self.records: list[dict[str, Any]] = []

    def __call__(self, record: dict[str, Any]) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.records.append(record)


def _served() -> tuple[Board, FakeClock, FullDisk]:
    from clustermeet.agenda.loading import load_agenda

    schedule = load_agenda(DEMO).schedule
    plan = build_plan(schedule)
    clock, disk = FakeClock(START), FullDisk()
    show = Show(Engine(plan.steps, plan.cues), clock, disk)
    show.open()
    return Board(show, plan, schedule), clock, disk


def test_a_full_disk_delays_the_records_and_writes_each_once_in_order() -> None:
    board, clock, disk = _served()
    before = len(disk.records)
    disk.full = True
    board.command("next")
    board.command("message", "Gleich geht es weiter")
    clock.advance(timedelta(seconds=30))
    board.show.tick()
    show = board.show
    assert show.log_behind >= 3 and show.log_error == os.strerror(errno.ENOSPC)
    assert len(disk.records) == before  # nothing got in, and the show went on
    assert show.engine.index == 1 and board.message == "Gleich geht es weiter"
    operator = board.views()["operator"]
    assert operator["log_behind"].startswith("Das Show-Log kann nicht geschrieben werden (No space left on device)")
    disk.full = False
    clock.advance(timedelta(seconds=1))
    show.tick()
    assert show.log_behind == 0 and show.log_error is None and board.views()["operator"]["log_behind"] == ""
    written = disk.records[before:]
    kinds = [(r["type"], r.get("action") or r.get("control") or r.get("event")) for r in written]
    assert kinds[0] == ("action", "next") and ("control", "message") in kinds
    assert kinds.index(("action", "next")) < kinds.index(("control", "message"))  # in the order they happened
    assert len({json.dumps(r, sort_keys=True) for r in written}) == len(written)  # each once


def test_a_short_write_leaves_no_torn_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk takes half a line, then is full: the half is cut off again, so the next record is a line of
    its own (a torn line would swallow it)."""
    import clustermeet.files as files

    path = tmp_path / "show.jsonl"
    log = JsonLinesLog(path, sync=False)
    log.write({"n": 1})
    real = os.write

    def half(fd: int, data: bytes) -> int:
        return real(fd, data[: len(data) // 2])

    monkeypatch.setattr(files.os, "write", half)
    with pytest.raises(OSError, match="No space left"):
        log.write({"n": 2, "text": "a record long enough to be cut in the middle"})
    monkeypatch.setattr(files.os, "write", real)
    log.write({"n": 3})
    log.close()
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == [{"n": 1}, {"n": 3}]
