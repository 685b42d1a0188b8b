"""I/O: the show log: append-only JSON lines of the plan, every action and every event; reading it back for a
resume or a report.

The log is a :class:`~clustermeet.files.JsonLinesLog`: each record one line, on disk before the next action, so a
crash (even ``kill -9``) loses at most the line being written; a torn last line stays where it is, closed with a
newline before the next record, and is skipped when reading. Starting again with the same log replays its actions
(see :mod:`clustermeet.show.engine`).

Records (``type``): ``show`` (the header: plan and settings), ``resume`` (started again), ``action`` (state
changes, the only records replay needs), ``event`` (what was shown: start, end, warning, cue...), ``quit``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clustermeet.errors import InputError, InvalidInputError, Problem, UsageError
from clustermeet.files import JsonLinesLog, read_json_lines
from clustermeet.show.records import Action, ActionKind
from clustermeet.show.report import build_report
from clustermeet.show.steps import Step
from clustermeet.text import one_line

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.show.report import ShowReport

LOG_VERSION = 1


def plan_id(steps: list[Step]) -> str:
    """A fingerprint of the plan: a log only resumes the show it was written for."""
    data = json.dumps([s.to_json() for s in steps], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def header_record(
    steps: list[Step], *, title: str, agenda: str, zone: str, language: str, at: datetime, speed: float
) -> dict[str, Any]:
    return {
        "type": "show",
        "version": LOG_VERSION,
        "title": title,
        "agenda": agenda,
        "zone": zone,
        "language": language,
        "plan": plan_id(steps),
        "speed": speed,
        "at": at.isoformat(),
        "steps": [s.to_json() for s in steps],
    }


@dataclass
class LogContents:
    """What a log holds, read tolerantly."""

    path: str
    header: dict[str, Any] | None = None
    actions: list[Action] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)
    records: list[dict[str, Any]] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)
    last_at: datetime | None = None

    @property
    def steps(self) -> list[Step]:
        if self.header is None:
            return []
        return [Step.from_json(s) for s in self.header["steps"]]

    @property
    def empty(self) -> bool:
        return self.header is None


def read_log(path: Path, display: str | None = None) -> LogContents:
    """Read a log; a missing or empty file gives empty contents. A line that does not parse (a torn write) is
    skipped and counted; a record that parses but is damaged (a jump to step -5, a time without an offset) is a
    ``file:line`` problem, since replaying it would resume some other show."""
    name = display or str(path)
    contents = LogContents(name)
    for number, record in read_json_lines(path, name=name):
        if not isinstance(record, dict):
            contents.bad_lines.append(number)
            continue
        try:
            _take(contents, record)
        except (ValueError, KeyError, TypeError, OverflowError) as exc:
            reason = f"{exc} missing" if isinstance(exc, KeyError) else str(exc)
            problem = Problem(name, number, 0, "error", f"damaged show log record: {one_line(reason)[:200]}")
            raise InvalidInputError([problem]) from None
    if contents.records and contents.header is None:
        raise InputError(f"{name}: not a clustermeet show log (no header line)")
    return contents


#: what an adjustment can add or take: far more than any show, little enough for date arithmetic
MAX_ADJUST = 7 * 24 * 3600


def _take(contents: LogContents, record: dict[str, Any]) -> None:
    kind = record["type"]
    if "at" in record:
        moment = _aware(record["at"])
        contents.last_at = moment if contents.last_at is None else max(contents.last_at, moment)
    if kind == "show":
        if contents.header is None:
            if record.get("version") != LOG_VERSION:
                raise ValueError(f"log version {record.get('version')!r} is not {LOG_VERSION}")
            steps = [Step.from_json(s) for s in record["steps"]]  # fails early on a damaged header
            for step in steps:
                _aware(step.planned_start)
                _aware(step.planned_end)
            contents.header = record
    elif kind == "action":
        action = Action.from_json(record)
        _aware(action.at)
        if contents.header is None:
            raise ValueError("an action before the header")
        # a jump to one past the last step is the engine's own record of a show started after its end
        if action.kind is ActionKind.jump and not 0 <= action.step <= len(_steps_of(contents)):
            raise ValueError(f"a jump to step {action.step}, which the plan does not have")
        if abs(action.seconds) > MAX_ADJUST:
            raise ValueError(f"an adjustment of {action.seconds} seconds")
        contents.actions.append(action)
    elif kind == "event" and record.get("event") == "cue":
        contents.fired.add(str(record["cue"]))
    contents.records.append(record)


def _steps_of(contents: LogContents) -> list[Any]:
    return list(contents.header["steps"]) if contents.header is not None else []


def _aware(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"the time {value!r} has no UTC offset")
    return moment


class LogWriteError(UsageError):
    """The show log could not take a batch of records (a full disk, say); none of them is in it."""


class ShowLog(JsonLinesLog):
    """An open show log to append to; one compact line per record, on disk before :meth:`write` returns.

    :meth:`append` writes a batch (an action with its events) all or nothing: a write that fails or comes up short
    is cut off again, so the log ends where it did and the same batch written again is in it once. Where even that
    fails, the log takes nothing more (a torn batch must not be followed by its retry)."""

    def __init__(self, path: Path, display: str | None = None, *, sync: bool = True) -> None:
        super().__init__(path, name=display, sync=sync)
        self._broken = ""

    def append(self, records: list[dict[str, Any]]) -> None:
        """Write ``records`` in order, all on disk when this returns, or raise :class:`LogWriteError` with the log
        as it was before."""
        if self._broken:
            raise LogWriteError(self._broken)
        start = os.fstat(self._fd).st_size
        size = start
        try:
            for record in records:
                size += len((json.dumps(record, **self._dumps) + "\n").encode("utf-8"))
                self.write(record)
                if os.fstat(self._fd).st_size != size:  # a short write: the disk took only part of the line
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        except OSError as exc:
            said = f"cannot write {self.name}: {exc.strerror or exc}"
            try:
                os.ftruncate(self._fd, start)
            except OSError:
                self._broken = f"{said}; it may end in a torn record, so it takes no more"
                raise LogWriteError(self._broken) from None
            raise LogWriteError(said) from None


class LogOfAnotherPlanError(UsageError):
    """The log given to resume was written for another plan (the agenda or the track changed since)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} is the log of another plan (the agenda or the track changed since)")
        self.path = path


def check_resumable(contents: LogContents, steps: list[Step]) -> None:
    """A log resumes only the plan it was written for."""
    if contents.header is not None and contents.header.get("plan") != plan_id(steps):
        raise LogOfAnotherPlanError(contents.path)


def report_of_log(path: Path) -> ShowReport:
    """The ``report`` use case: planned against actual times of the show a log recorded."""
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    return build_report(read_log(path))
