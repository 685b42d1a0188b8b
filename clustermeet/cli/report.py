"""``clustermeet report``: planned against actual times of a show, from its ``run --log`` file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import emit
from clustermeet.cli.options import Force, OutputFile
from clustermeet.cli.output import console, echo, flag, handle_errors
from clustermeet.show.log import report_of_log
from clustermeet.show.report import NotAShowLogError

if TYPE_CHECKING:
    from clustermeet.show.report_formats import ReportTable


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
        try:
            result = report_of_log(log)
        except NotAShowLogError as exc:
            exc.hint = f"give the file written by `clustermeet run {flag('log')} FILE`"
            raise
        if result.skipped_lines:
            lines = ", ".join(str(n) for n in result.skipped_lines)
            echo(f"{log}: warning: skipped unreadable line(s) {lines} (a write cut short by a crash)", err=True)
        if fmt is ReportFormat.table and output is None:
            _print_table(result.table())
            return
        emit(result.text("markdown" if fmt is ReportFormat.table else fmt.value), output, force, result.language)


def _print_table(data: ReportTable) -> None:
    from rich.table import Table  # noqa: PLC0415 slow import: rich, only for the terminal table
    from rich.text import Text  # noqa: PLC0415 slow import: rich, only for the terminal table

    table = Table(title=data.title, title_justify="left")
    for number, header in enumerate(data.headers):
        table.add_column(
            header,
            overflow="fold",
            no_wrap=number > 0,
            justify="right" if number >= 3 else "left",
            ratio=1 if number == 0 else None,
        )
    for row in data.rows:
        cells = row.cells
        table.add_row(
            *cells[:3], Text(cells[3], style="red" if row.over else ""), cells[4], style="dim" if row.pitch else ""
        )
    console().print(table)
    console().print(Text(data.summary, style="bold"))
