"""The planned-against-actual report of a show as JSON, CSV and Markdown, and the cells the terminal table shares.

Pure functions: a :class:`~clustermeet.show.report.ShowReport` in, data or text out. The JSON shape is documented
in docs/run-of-show.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from clustermeet.i18n import clock_span
from clustermeet.show.words import say
from clustermeet.text import csv_text, md_text

if TYPE_CHECKING:
    from datetime import datetime

    from clustermeet.show.report import ReportRow, ShowReport

ZERO = timedelta(0)
CSV_COLUMNS = (
    "segment",
    "part",
    "title",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "planned_seconds",
    "actual_seconds",
    "overrun_seconds",
    "start_delay_seconds",
    "announced_start",
)


def report_word(key: str, language: str, **values: object) -> str:
    """A word of the report in ``language`` (falls back to English), with ``values`` filled in."""
    return say(f"report.{key}", language, **values)


def report_zone(result: ShowReport) -> ZoneInfo:
    """The zone the report shows its times in."""
    return ZoneInfo(result.zone)


def _clock(moment: datetime | None, zone: ZoneInfo) -> str:
    return "" if moment is None else f"{moment.astimezone(zone):%H:%M:%S}"


def _span(value: timedelta | None, *, sign: bool = False) -> str:
    return "" if value is None else clock_span(value, sign=sign)


def _seconds(value: timedelta | None) -> int | None:
    return None if value is None else int(value.total_seconds())


def report_json(result: ShowReport) -> dict[str, Any]:
    """The stable JSON shape (docs/run-of-show.md)."""
    return {
        "event": result.title,
        "time_zone": result.zone,
        "finished": result.finished,
        "planned_end": result.planned_end.isoformat(),
        "actual_end": result.actual_end.isoformat() if result.actual_end else None,
        "drift_seconds": _seconds(result.drift),
        "resumes": result.resumes,
        "skipped_lines": result.skipped_lines,
        "segments": [_row_json(r) for r in result.rows if r.part == 0],
        "pitches": [_row_json(r) for r in result.rows if r.part > 0],
    }


def _row_json(row: ReportRow) -> dict[str, Any]:
    return {
        "segment": row.segment,
        "title": row.title,
        "part": row.part,
        "planned_start": row.planned_start.isoformat(),
        "planned_end": row.planned_end.isoformat(),
        "actual_start": row.actual_start.isoformat() if row.actual_start else None,
        "actual_end": row.actual_end.isoformat() if row.actual_end else None,
        "planned_seconds": _seconds(row.planned),
        "actual_seconds": _seconds(row.actual),
        "paused_seconds": _seconds(row.paused),
        "overrun_seconds": _seconds(row.overrun),
        "start_delay_seconds": _seconds(row.start_delay),
        "announced_start": row.announced_start.isoformat() if row.announced_start else None,
    }


def report_cells(row: ReportRow, zone: ZoneInfo, language: str) -> list[str]:
    """One row of the table: title (pitches indented), planned and actual times, overrun, start delay."""
    title = row.title if row.part == 0 else f"  {row.title}"
    planned = f"{row.planned_start.astimezone(zone):%H:%M}–{row.planned_end.astimezone(zone):%H:%M}"
    if row.announced_start is not None:  # a delay carried into it: the start the attendees were told
        told = f"{row.announced_start.astimezone(zone):%H:%M}"
        planned += f" ({report_word('announced', language, time=told)})"
    if row.actual_start is None:
        actual = report_word("not_run", language)
    elif row.actual_end is None:
        actual = f"{_clock(row.actual_start, zone)}– ({report_word('unfinished', language)})"
    else:
        actual = f"{_clock(row.actual_start, zone)}–{_clock(row.actual_end, zone)}"
    return [title, planned, actual, _span(row.overrun, sign=True), _span(row.start_delay, sign=True)]


def report_headers(language: str) -> list[str]:
    """The headings of the columns of :func:`report_cells`."""
    return [report_word(k, language) for k in ("segment", "planned", "actual", "overrun", "delay")]


def report_summary(result: ShowReport, language: str) -> str:
    """The line under the table: total drift, and how often the show was resumed after a stop."""
    zone = report_zone(result)
    if result.drift is None:
        text = f"{report_word('drift', language)}: {report_word('unfinished', language)}"
    else:
        text = (
            f"{report_word('drift', language)}: {_span(result.drift, sign=True)} "
            f"({_clock(result.planned_end, zone)} → {_clock(result.actual_end, zone)})"
        )
    if result.resumes:
        text += f" · {report_word('resumes', language)}: {result.resumes}"
    return text


def report_markdown(result: ShowReport) -> str:
    """A Markdown table; titles go through the one escaper, so each row stays one row and user text stays text."""
    language, zone = result.language, report_zone(result)
    headers = report_headers(language)
    lines = [f"# {report_word('report', language)}: {md_text(result.title)}", "", "| " + " | ".join(headers) + " |"]
    lines.append("|" + "---|" * len(headers))
    for row in result.rows:
        _title, *times = report_cells(row, zone, language)
        title = ("  " if row.part else "") + md_text(row.title)  # pitches sit under their segment, as in the table
        lines.append("| " + " | ".join([title, *times]) + " |")
    lines += ["", report_summary(result, language)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ReportLine:
    """One row of the terminal table: its cells, whether it ran over, whether it is a pitch under its segment."""

    cells: list[str]
    over: bool
    pitch: bool


@dataclass(frozen=True)
class ReportTable:
    """What the terminal table of a report shows."""

    title: str
    headers: list[str]
    rows: list[ReportLine]
    summary: str


def report_table(result: ShowReport) -> ReportTable:
    language, zone = result.language, report_zone(result)
    rows = [
        ReportLine(report_cells(row, zone, language), row.overrun is not None and row.overrun > ZERO, row.part > 0)
        for row in result.rows
    ]
    return ReportTable(
        f"{report_word('report', language)}: {result.title}",
        report_headers(language),
        rows,
        report_summary(result, language),
    )


def report_csv(result: ShowReport) -> str:
    rows = [list(CSV_COLUMNS)]
    for row in result.rows:
        data = _row_json(row)
        rows.append(["" if data[column] is None else str(data[column]) for column in CSV_COLUMNS])
    return csv_text(rows, lineterminator="\n")
