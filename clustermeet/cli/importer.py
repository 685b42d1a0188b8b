"""``clustermeet import``: turn a frab / pretalx ``schedule.xml`` or ``schedule.json`` into an agenda file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from clustermeet.cli.options import Force, JsonOutput, LanguageOption, OutputFile
from clustermeet.cli.output import echo, flag, handle_errors, print_problems
from clustermeet.files import write_atomic
from clustermeet.interop.frab_schedule import ImportOptions
from clustermeet.interop.importing import import_agenda

ScheduleFile = Annotated[
    Path,
    typer.Argument(
        help="The schedule: frab/pretalx schedule.xml or schedule.json.",
        show_default=False,
        dir_okay=False,
        metavar="SCHEDULE",
    ),
]


def import_schedule(
    schedule_file: ScheduleFile,
    output: OutputFile = None,
    force: Force = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="The event's IANA time zone when the file names none (default: one that fits)."),
    ] = None,
    lang: LanguageOption = None,
    organiser_name: Annotated[
        str | None, typer.Option(help="Organiser's name (default: the conference title).")
    ] = None,
    organiser_email: Annotated[str | None, typer.Option(help="Organiser's e-mail (default: a placeholder).")] = None,
    platform_url: Annotated[
        str | None, typer.Option(help="Main join link (default: the conference URL, or a placeholder).")
    ] = None,
    json_output: JsonOutput = False,
) -> None:
    """Import a frab or pretalx schedule (schedule.xml / schedule.json) as an agenda file.

    Rooms become parallel tracks, persons become people, every event keeps its start, length, room, title and
    persons. The written agenda is checked like `clustermeet validate` before it is written. Exit code 0 on
    success, 1 when the schedule cannot be read as one, 2 for a usage or file error.
    """
    with handle_errors():
        options = ImportOptions(
            timezone=tz,
            language=lang.value if lang else None,
            organiser_name=organiser_name,
            organiser_email=organiser_email,
            platform_url=platform_url,
        )
        outcome = import_agenda(schedule_file, options, output).advised(flag)
        if not json_output:
            print_problems(outcome.warnings)
        # Written here, after the warnings, as `emit` does: a refused overwrite still shows what the import found.
        if output is None:
            echo(outcome.yaml_text.rstrip("\n"))
        else:
            write_atomic(output, outcome.yaml_text, force=force)
        if json_output:
            # the summary goes where the agenda does not
            echo(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2), err=output is None)
        elif output is not None:
            agenda = outcome.agenda
            echo(
                f"wrote {output}: {len(agenda.segments)} events in {len(agenda.tracks)} tracks, "
                f"{len(agenda.people)} people",
                err=True,
            )
