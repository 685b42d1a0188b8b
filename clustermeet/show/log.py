"""The show log: append-only JSON lines of the plan, every action and every event, and the report built from it.

Each record is one line, written with a single ``write`` on a file opened with ``O_APPEND``, then flushed and
fsync'ed, so a crash (even ``kill -9``) loses at most the line being written. The file is never truncated or
rewritten: a torn last line is left where it is, closed with a newline before the next record, and skipped when
reading. Starting again with the same log replays its actions (see :mod:`clustermeet.show.engine`).

Records (``type``): ``show`` (the header: plan and settings), ``resume`` (started again), ``action`` (state
changes, the only records replay needs), ``event`` (what was shown: start, end, warning, cue...), ``quit``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from clustermeet.errors import InputError, UsageError
from clustermeet.show.cues import Step, StepKind
from clustermeet.show.engine import Action, Engine

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
    """Read a log; a missing or empty file gives empty contents. Lines that do not parse are skipped and counted."""
    name = display or str(path)
    contents = LogContents(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return contents
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
            if not isinstance(record, dict) or "type" not in record:
                raise ValueError("not a record")
            _take(contents, record)
        except (ValueError, KeyError, TypeError):
            contents.bad_lines.append(number)
    if contents.records and contents.header is None:
        raise InputError(f"{name}: not a clustermeet show log (no header line)")
    return contents


def _take(contents: LogContents, record: dict[str, Any]) -> None:
    kind = record["type"]
    if kind == "show":
        if contents.header is None:
            if record.get("version") != LOG_VERSION:
                raise InputError(f"{contents.path}: log version {record.get('version')} is not {LOG_VERSION}")
            [Step.from_json(s) for s in record["steps"]]  # fails early on a damaged header
            contents.header = record
    elif kind == "action":
        contents.actions.append(Action.from_json(record))
    elif kind == "event" and record.get("event") == "cue":
        contents.fired.add(str(record["cue"]))
    if "at" in record:
        moment = datetime.fromisoformat(record["at"])
        contents.last_at = moment if contents.last_at is None else max(contents.last_at, moment)
    contents.records.append(record)


class ShowLog:
    """An open log to append to; one line per record, on disk before :meth:`write` returns."""

    def __init__(self, path: Path, display: str | None = None, *, sync: bool = True) -> None:
        self.path = path
        self.name = display or str(path)
        self.sync = sync
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            size = os.fstat(self._fd).st_size
            if size:
                with path.open("rb") as stream:
                    stream.seek(size - 1)
                    torn = stream.read(1) != b"\n"
                if torn:  # close a line a crash cut short; it stays in the file, skipped on reading
                    os.write(self._fd, b"\n")
        except OSError as exc:
            raise UsageError(f"cannot write {self.name}: {exc.strerror or exc}") from None

    def write(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        os.write(self._fd, line)
        if self.sync:
            os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def check_resumable(contents: LogContents, steps: list[Step]) -> None:
    """A log resumes only the plan it was written for."""
    if contents.header is None:
        return
    if contents.header.get("plan") != plan_id(steps):
        raise UsageError(
            f"{contents.path} is the log of another plan (the agenda or --track changed since)",
            hint="give a new --log file; the old log stays as it is",
        )


# --- the report ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """Planned against actual for one segment, or one pitch inside a pitch block (``part`` > 0)."""

    segment: str
    title: str
    part: int
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime | None
    actual_end: datetime | None
    paused: timedelta

    @property
    def planned(self) -> timedelta:
        return self.planned_end - self.planned_start

    @property
    def actual(self) -> timedelta | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return self.actual_end - self.actual_start - self.paused

    @property
    def overrun(self) -> timedelta | None:
        actual = self.actual
        return None if actual is None else actual - self.planned

    @property
    def start_delay(self) -> timedelta | None:
        return None if self.actual_start is None else self.actual_start - self.planned_start


@dataclass(frozen=True)
class ShowReport:
    title: str
    zone: str
    language: str
    rows: list[ReportRow]
    planned_end: datetime
    actual_end: datetime | None
    finished: bool
    resumes: int
    skipped_lines: list[int]

    @property
    def drift(self) -> timedelta | None:
        return None if self.actual_end is None else self.actual_end - self.planned_end


def build_report(contents: LogContents) -> ShowReport:
    """Replay the log's actions and compare every segment (and pitch) with the plan."""
    if contents.header is None:
        if not contents.records and not contents.bad_lines:
            raise InputError(f"{contents.path}: the log is empty")
        raise InputError(
            f"{contents.path}: not a show log (its first line is not the header that `clustermeet run --log` writes)",
            hint="give the file written by `clustermeet run --log FILE`",
        )
    steps = contents.steps
    engine = Engine(steps)
    engine.replay(contents.actions)
    rows: list[ReportRow] = []
    order: list[str] = []
    for step in steps:
        if step.segment_id not in order:
            order.append(step.segment_id)
    for segment in order:
        indices = [i for i, s in enumerate(steps) if s.segment_id == segment]
        runs = [engine.runs.get(i) for i in indices]
        started = [r for r in runs if r is not None]
        first, last = steps[indices[0]], steps[indices[-1]]
        last_run = runs[-1]
        rows.append(
            ReportRow(
                segment=segment,
                title=first.segment_title,
                part=0,
                planned_start=first.planned_start,
                planned_end=last.planned_end,
                actual_start=started[0].start if started else None,
                actual_end=last_run.end if last_run is not None else None,
                paused=sum((r.paused for r in started), timedelta(0)),
            )
        )
        for index in indices:
            step = steps[index]
            if step.kind is not StepKind.pitch:
                continue
            run = engine.runs.get(index)
            rows.append(
                ReportRow(
                    segment=segment,
                    title=step.title,
                    part=step.part,
                    planned_start=step.planned_start,
                    planned_end=step.planned_end,
                    actual_start=run.start if run else None,
                    actual_end=run.end if run else None,
                    paused=run.paused if run else timedelta(0),
                )
            )
    final = engine.runs.get(len(steps) - 1)
    header = contents.header
    return ShowReport(
        title=str(header.get("title", "")),
        zone=str(header.get("zone", "UTC")),
        language=str(header.get("language", "en")),
        rows=rows,
        planned_end=steps[-1].planned_end,
        actual_end=final.end if engine.finished and final is not None else None,
        finished=engine.finished,
        resumes=sum(1 for r in contents.records if r.get("type") == "resume"),
        skipped_lines=contents.bad_lines,
    )
