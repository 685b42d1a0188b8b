"""The planned-against-actual report of a show: its logged actions replayed and each segment (and pitch) compared
with the plan. Pure: what a log holds in, a :class:`ShowReport` out; its formats are in
:mod:`clustermeet.show.report_formats`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from clustermeet.errors import InputError
from clustermeet.show import report_formats
from clustermeet.show.engine import Engine
from clustermeet.show.steps import StepKind

if TYPE_CHECKING:
    from clustermeet.show.log import LogContents


class NotAShowLogError(InputError):
    """A file that holds records, but not the header a show log starts with."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: not a show log (it does not start with the header line `clustermeet run` writes)")
        self.path = path


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
    #: the start announced to the attendees when a delay was carried into it (``carry``): planned + that delay
    announced_start: datetime | None = None

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
        """How much longer than planned it took on the clock: a pause is time the show lost, so it counts."""
        if self.actual_start is None or self.actual_end is None:
            return None
        return self.actual_end - self.actual_start - self.planned

    @property
    def start_delay(self) -> timedelta | None:
        return None if self.actual_start is None else self.actual_start - self.planned_start


@dataclass(frozen=True)
class ShowReport:
    """The result of ``report``: a row per segment and pitch, the end of the show and how the log read."""

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

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape (docs/run-of-show.md): ``report --format json``."""
        return report_formats.report_json(self)

    def text(self, fmt: str) -> str:
        """The report as a file: ``markdown``, ``csv`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if fmt == "csv":
            return report_formats.report_csv(self)
        return report_formats.report_markdown(self)

    def table(self) -> report_formats.ReportTable:
        """What the terminal table shows, for cli/ to draw."""
        return report_formats.report_table(self)


def build_report(contents: LogContents) -> ShowReport:
    """Replay the log's actions and compare every segment (and pitch) with the plan."""
    if contents.header is None:
        if not contents.records and not contents.bad_lines:
            raise InputError(f"{contents.path}: the log is empty")
        raise NotAShowLogError(contents.path)
    steps = contents.steps
    engine = Engine(steps)
    engine.replay(contents.actions)
    rows: list[ReportRow] = []
    for segment in dict.fromkeys(s.segment_id for s in steps):
        rows += _segment_rows(engine, segment)
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


def _segment_rows(engine: Engine, segment: str) -> list[ReportRow]:
    """The row of one segment (from its first step's start to its last step's end), then one per pitch."""
    steps = engine.steps
    indices = [i for i, s in enumerate(steps) if s.segment_id == segment]
    runs = [engine.runs.get(i) for i in indices]
    started = [r for r in runs if r is not None]
    first, last = steps[indices[0]], steps[indices[-1]]
    last_run = runs[-1]
    rows = [
        ReportRow(
            segment=segment,
            title=first.segment_title,
            part=0,
            planned_start=first.planned_start,
            planned_end=last.planned_end,
            actual_start=started[0].start if started else None,
            actual_end=last_run.end if last_run is not None else None,
            paused=sum((r.paused for r in started), timedelta(0)),
            announced_start=_announced(engine, indices[0]),
        )
    ]
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
                announced_start=_announced(engine, index),
            )
        )
    return rows


def _announced(engine: Engine, index: int) -> datetime | None:
    carried = engine.carried.get(index)
    return engine.steps[index].planned_start + carried if carried else None
