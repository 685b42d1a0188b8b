"""``clustermeet assign``: place participants in breakout rooms and write the files the platform imports."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import load
from clustermeet.cli.options import AgendaPath, Force, JsonOutput
from clustermeet.cli.output import console, echo, handle_errors

if TYPE_CHECKING:
    from clustermeet.breakouts.assign import AssignmentResult


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
    participants: Annotated[
        Path | None,
        typer.Option(
            "--participants", "-p", help="Participants CSV; default the agenda's own participants.", dir_okay=False
        ),
    ] = None,
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
        typer.Option("--zoom-csv", help="Folder for Zoom pre-assignment CSVs, one per block.", file_okay=False),
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

    Writes the assignments CSV (--output), and optionally Zoom pre-assignment CSVs and Markdown rosters. Exit
    codes: 0 done, 1 invalid input (each problem as file:line), 2 usage or file errors (e.g. output exists)."""
    with handle_errors():
        from clustermeet.breakouts import outputs as files_out
        from clustermeet.breakouts.assign import assign_rooms, breakout_blocks
        from clustermeet.breakouts.summary import result_json
        from clustermeet.errors import InputError
        from clustermeet.files import safe_join, write_batch

        loaded = load(agenda, quiet=as_json)
        breakout_blocks(loaded.agenda, block)  # no breakout block at all is the first thing to say
        if participants is not None:
            from clustermeet.agenda.participants import load_participants_csv

            plist = load_participants_csv(participants, str(participants))
        elif loaded.participants is not None:
            plist = loaded.participants
        else:
            raise InputError(
                f"{agenda}: the agenda lists no participants",
                hint="give --participants FILE, or participants: in the agenda",
            )
        placements = None
        if previous is not None:
            from clustermeet.breakouts.assignments_file import load_assignments

            placements = load_assignments(previous, str(previous))
        result = assign_rooms(
            loaded.agenda,
            plist,
            block=block,
            objective=objective.value,
            seed=seed,
            previous=placements,
            agenda_name=loaded.display,
        )

        zoom = files_out.zoom_csvs(result) if zoom_csv is not None else None
        roster_files = (
            files_out.rosters(result, loaded.schedule, loaded.agenda.event.language) if rosters_dir is not None else {}
        )
        targets: dict[Path, str | bytes] = {output: files_out.assignments_csv(result)}
        if zoom_csv is not None and zoom is not None:
            targets.update({safe_join(zoom_csv, name): content for name, content in dict(zoom.files).items()})
        if rosters_dir is not None:
            targets.update({safe_join(rosters_dir, name): content for name, content in roster_files.items()})
        written = [str(path) for path in write_batch(targets, force=force)]  # all files or none

        warnings = result.warnings + (zoom.warnings if zoom else [])
        if as_json:
            echo(json.dumps(result_json(result, warnings, written), ensure_ascii=False, indent=2))
            return
        for warning in warnings:
            echo(f"warning: {warning}", err=True)
        _render(result, loaded.agenda.event.language)
        echo(f"wrote {', '.join(written)}", err=True)


def _render(result: AssignmentResult, language: str) -> None:
    from rich.markup import escape  # slow import: keeps --help fast
    from rich.table import Table

    from clustermeet.breakouts.summary import stats_cells

    de = language == "de"
    labels = [
        ("Teilnehmende", "People"),
        ("Räume", "Rooms"),
        ("1. Wunsch (bestenfalls)", "1st choice (best possible)"),
        ("Rang Ø / schlechtester", "Rank mean / worst"),
        ("Zielwert / Schranke", "Cost / lower bound"),
        ("Wiederholte Paare (min.)", "Repeated pairs (least possible)"),
        ("Raumgrößen", "Room sizes"),
    ]
    # One small two-column table per block: it reads at any terminal width, unlike seven columns side by side.
    for block in result.blocks:
        s = block.stats
        first, rank, cost, repeats = stats_cells(s)
        sizes = ", ".join(f"{room}: {count}" for room, count in s.room_sizes.items())
        values = [str(s.participants), str(s.rooms), first, rank, cost, repeats, sizes]
        title = f"{'Zuteilung' if de else 'Assignment'}: {block.block}"
        table = Table(title=escape(title), title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0))
        table.add_column(style="dim", no_wrap=True)
        table.add_column(overflow="fold")
        for (german, english), value in zip(labels, values, strict=True):
            if value != "–":
                table.add_row(german if de else english, escape(value))
        console().print(table)
    if result.moved:
        moved = Table(title="Umgesetzt" if de else "Moved", title_justify="left")
        for heading in ("Name", "Block", "von" if de else "from", "nach" if de else "to", "Grund" if de else "reason"):
            moved.add_column(heading)
        for move in result.moved:
            moved.add_row(
                *(escape(text) for text in (move.name, move.block, move.from_room, move.to_room, move.reason))
            )
        console().print(moved)
    if result.left:
        names = ", ".join(p.name or p.email for p in result.left)
        console().print(f"{'Nicht mehr angemeldet' if de else 'No longer registered'}: {escape(names)}")
