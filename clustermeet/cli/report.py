"""``clustermeet report``: planned against actual times of a show, from its ``run --log`` file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import emit
from clustermeet.cli.options import Force, OutputFile
from clustermeet.cli.output import console, echo, handle_errors

if TYPE_CHECKING:
    from clustermeet.show.log import ShowReport


class ReportFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


LogPath = Annotated[
    Path,
    typer.Argument(help="The log file written by `clustermeet run --log`.", show_default=False, dir_okay=False),
]


def report(
    log: LogPath,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.table,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Compare planned and actual times from a show log: each segment and each pitch, overruns, total drift."""
    with handle_errors():
        from clustermeet.errors import UsageError
        from clustermeet.show.log import build_report, read_log
        from clustermeet.show.report_formats import report_csv, report_json, report_markdown

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


def _print_table(result: ShowReport) -> None:
    from rich.table import Table
    from rich.text import Text

    from clustermeet.show.report_formats import report_cells, report_headers, report_summary, report_word, report_zone

    language, zone = result.language, report_zone(result)
    table = Table(title=f"{report_word('report', language)}: {result.title}", title_justify="left")
    for number, header in enumerate(report_headers(language)):
        table.add_column(
            header,
            overflow="fold",
            no_wrap=number > 0,
            justify="right" if number >= 3 else "left",
            ratio=1 if number == 0 else None,
        )
    for row in result.rows:
        cells = report_cells(row, zone, language)
        over = row.overrun
        style = "red" if over is not None and over.total_seconds() > 0 else ""
        table.add_row(*cells[:3], Text(cells[3], style=style), cells[4], style="dim" if row.part else "")
    console().print(table)
    console().print(Text(report_summary(result, language), style="bold"))
