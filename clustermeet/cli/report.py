"""``clustermeet report``: planned against actual times of a show, from its ``run --log`` file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clustermeet.cli.common import emit
from clustermeet.cli.options import Force, OutputFile
from clustermeet.cli.output import console, echo, handle_errors

if TYPE_CHECKING:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from clustermeet.core.showlog import ReportRow, ShowReport


class ReportFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


_WORDS: dict[str, dict[str, str]] = {
    "segment": {"de": "Programmpunkt", "en": "Segment"},
    "planned": {"de": "Geplant", "en": "Planned"},
    "actual": {"de": "Tatsächlich", "en": "Actual"},
    "length": {"de": "Dauer", "en": "Length"},
    "overrun": {"de": "Überziehung", "en": "Overrun"},
    "delay": {"de": "Start-Verzug", "en": "Start delay"},
    "report": {"de": "Soll/Ist", "en": "Planned vs actual"},
    "drift": {"de": "Gesamtverzug", "en": "Total drift"},
    "unfinished": {"de": "nicht beendet", "en": "not finished"},
    "not_run": {"de": "nicht gelaufen", "en": "not run"},
    "resumes": {"de": "Fortsetzungen nach Abbruch", "en": "Resumed after a stop"},
}

LogPath = Annotated[
    Path,
    typer.Argument(help="The log file written by `clustermeet run --log`.", show_default=False, dir_okay=False),
]


def _w(key: str, language: str) -> str:
    return _WORDS[key].get(language, _WORDS[key]["en"])


def report(
    log: LogPath,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.table,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Compare planned and actual times from a show log: each segment and each pitch, overruns, total drift."""
    with handle_errors():
        from clustermeet.core.showlog import build_report, read_log
        from clustermeet.errors import UsageError

        if not log.exists():
            raise UsageError(f"{log}: no such file")
        contents = read_log(log)
        result = build_report(contents)
        if contents.bad_lines:
            lines = ", ".join(str(n) for n in contents.bad_lines)
            echo(f"{log}: warning: skipped unreadable line(s) {lines} (a write cut short by a crash)", err=True)
        if fmt is ReportFormat.table and output is None:
            _print_table(result)
            return
        if fmt is ReportFormat.json:
            import json

            text = json.dumps(report_json(result), ensure_ascii=False, indent=2) + "\n"
        elif fmt is ReportFormat.csv:
            text = report_csv(result)
        else:
            text = report_markdown(result)
        emit(text, output, force)


def _zone(result: ShowReport) -> ZoneInfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(result.zone)


def _clock(moment: datetime | None, zone: ZoneInfo) -> str:
    return "" if moment is None else f"{moment.astimezone(zone):%H:%M:%S}"


def _span(value: timedelta | None, *, sign: bool = False) -> str:
    from clustermeet.console.words import clock_span

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
    }


def _cells(row: ReportRow, zone: ZoneInfo, language: str) -> list[str]:
    title = row.title if row.part == 0 else f"  {row.title}"
    planned = f"{row.planned_start.astimezone(zone):%H:%M}–{row.planned_end.astimezone(zone):%H:%M}"
    if row.actual_start is None:
        actual = _w("not_run", language)
    elif row.actual_end is None:
        actual = f"{_clock(row.actual_start, zone)}– ({_w('unfinished', language)})"
    else:
        actual = f"{_clock(row.actual_start, zone)}–{_clock(row.actual_end, zone)}"
    return [title, planned, actual, _span(row.overrun, sign=True), _span(row.start_delay, sign=True)]


def _headers(language: str) -> list[str]:
    return [_w(k, language) for k in ("segment", "planned", "actual", "overrun", "delay")]


def _summary(result: ShowReport, language: str) -> str:
    zone = _zone(result)
    if result.drift is None:
        text = f"{_w('drift', language)}: {_w('unfinished', language)}"
    else:
        text = (
            f"{_w('drift', language)}: {_span(result.drift, sign=True)} "
            f"({_clock(result.planned_end, zone)} → {_clock(result.actual_end, zone)})"
        )
    if result.resumes:
        text += f" · {_w('resumes', language)}: {result.resumes}"
    return text


def report_markdown(result: ShowReport) -> str:
    language, zone = result.language, _zone(result)
    headers = _headers(language)
    lines = [f"# {_w('report', language)}: {result.title}", "", "| " + " | ".join(headers) + " |"]
    lines.append("|" + "---|" * len(headers))
    for row in result.rows:
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(row, zone, language)) + " |")
    lines += ["", _summary(result, language)]
    return "\n".join(lines) + "\n"


def report_csv(result: ShowReport) -> str:
    import csv
    import io

    from clustermeet.export.files import neutralise_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
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
        ]
    )
    for row in result.rows:
        data = _row_json(row)
        writer.writerow(
            [
                neutralise_cell(str(v)) if v is not None else ""
                for v in (
                    data["segment"],
                    data["part"],
                    data["title"],
                    data["planned_start"],
                    data["planned_end"],
                    data["actual_start"],
                    data["actual_end"],
                    data["planned_seconds"],
                    data["actual_seconds"],
                    data["overrun_seconds"],
                    data["start_delay_seconds"],
                )
            ]
        )
    return buffer.getvalue()


def _print_table(result: ShowReport) -> None:
    from rich.table import Table
    from rich.text import Text

    language, zone = result.language, _zone(result)
    table = Table(title=f"{_w('report', language)}: {result.title}", title_justify="left")
    for number, header in enumerate(_headers(language)):
        table.add_column(
            header,
            overflow="fold",
            no_wrap=number > 0,
            justify="right" if number >= 3 else "left",
            ratio=1 if number == 0 else None,
        )
    for row in result.rows:
        cells = _cells(row, zone, language)
        over = row.overrun
        style = "red" if over is not None and over.total_seconds() > 0 else ""
        table.add_row(*cells[:3], Text(cells[3], style=style), cells[4], style="dim" if row.part else "")
    console().print(table)
    console().print(Text(_summary(result, language), style="bold"))
