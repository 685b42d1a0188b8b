"""``clustermeet assign``: place participants in breakout rooms and write the files the platform imports."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.breakouts.assigning import NoParticipantsError, assign_breakouts
from clustermeet.cli.common import load, tell
from clustermeet.cli.options import AgendaPath, Force, JsonOutput, ParticipantsOption
from clustermeet.cli.output import console, echo, flag, handle_errors
from clustermeet.errors import InputError

if TYPE_CHECKING:
    from clustermeet.breakouts.summary import AssignOutcome


class ObjectiveChoice(StrEnum):
    squared = "squared"
    linear = "linear"


def assign(
    agenda: AgendaPath,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The assignments CSV to write (email,name,block,room,rank).", dir_okay=False
        ),
    ],
    participants: ParticipantsOption = None,
    block: Annotated[str | None, typer.Option("--block", help="Only this breakout block (segment id).")] = None,
    force: Force = False,
    as_json: JsonOutput = False,
    seed: Annotated[int, typer.Option("--seed", help="Seed for mixing rounds and solver tie-breaks.")] = 0,
    objective: Annotated[
        ObjectiveChoice,
        typer.Option(
            "--objective",
            help="Cost of the r-th choice: squared (r², spares people bad ranks) or linear (r).",
            case_sensitive=False,
        ),
    ] = ObjectiveChoice.squared,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous", help="An earlier assignments CSV: keep people where they were when possible.", dir_okay=False
        ),
    ] = None,
    zoom_csv: Annotated[
        Path | None,
        typer.Option("--zoom-csv", help="Folder for the Zoom pre-assignment CSV, one per meeting.", file_okay=False),
    ] = None,
    webex_dir: Annotated[
        Path | None,
        typer.Option(
            "--webex", help="Folder for the Webex breakout-session CSV and REST body, one per meeting.", file_okay=False
        ),
    ] = None,
    bbb_dir: Annotated[
        Path | None,
        typer.Option(
            "--bbb", help="Folder for BigBlueButton's create 'groups' JSON, one per meeting.", file_okay=False
        ),
    ] = None,
    rosters_dir: Annotated[
        Path | None,
        typer.Option(
            "--rosters", help="Folder for one Markdown roster per room, for its facilitator.", file_okay=False
        ),
    ] = None,
) -> None:
    """Assign participants to breakout rooms: every topics block optimally by ranked wishes (capacities, one
    facilitator per room, fixed places, organisation caps), mixing blocks in rounds with few repeated pairs.

    Writes the assignments CSV (--output), and optionally the pre-assignment files of Zoom, Webex or BigBlueButton
    (one block per meeting; the notes say how to open the others) and Markdown rosters. Exit
    codes: 0 done, 1 invalid input (each problem as file:line), 2 usage or file errors (e.g. output exists)."""
    with handle_errors():
        loaded = load(agenda, quiet=as_json, participants=participants)
        try:
            outcome = assign_breakouts(
                loaded,
                output=output,
                block=block,
                objective=objective.value,
                seed=seed,
                previous=previous,
                zoom_dir=zoom_csv,
                webex_dir=webex_dir,
                bbb_dir=bbb_dir,
                rosters_dir=rosters_dir,
                force=force,
            )
        except NoParticipantsError as exc:
            hint = f"give {flag(exc.option)} FILE, or participants: in the agenda"
            raise InputError(exc.message, hint=hint) from None
        if as_json:
            echo(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2))
            return
        for warning in outcome.warnings:
            echo(tell("warning", outcome.language, text=warning), err=True)
        for note in outcome.notes:
            echo(tell("note", outcome.language, text=note), err=True)
        _render(outcome)
        echo(tell("wrote", outcome.language, files=", ".join(outcome.written)), err=True)


def _render(outcome: AssignOutcome) -> None:
    from rich.markup import escape  # noqa: PLC0415 slow import: rich, only for the summary tables
    from rich.table import Table  # noqa: PLC0415 slow import: rich, only for the summary tables

    # One small two-column table per block: it reads at any terminal width, unlike seven columns side by side.
    for summary in outcome.block_tables():
        table = Table(
            title=escape(summary.title), title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0)
        )
        table.add_column(style="dim", no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in summary.rows:
            table.add_row(label, escape(value))
        console().print(table)
    moved = outcome.moved_table()
    if moved is not None:
        table = Table(title=moved.title, title_justify="left")
        for heading in moved.headings:
            table.add_column(heading)
        for row in moved.rows:
            table.add_row(*(escape(text) for text in row))
        console().print(table)
    left = outcome.left_line()
    if left is not None:
        console().print(escape(left))
