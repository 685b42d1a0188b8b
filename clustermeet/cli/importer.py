"""``clustermeet import``: turn a frab / pretalx ``schedule.xml`` or ``schedule.json`` into an agenda file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.options import Force, JsonOutput, LanguageOption, OutputFile
from clustermeet.cli.output import echo, handle_errors, print_problems

if TYPE_CHECKING:
    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.interop.frab_read import ImportResult

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
        from clustermeet.agenda.yamlsource import read_text
        from clustermeet.interop.agenda_yaml import agenda_to_yaml
        from clustermeet.interop.frab_read import ImportOptions
        from clustermeet.interop.frab_read import import_schedule as run_import

        display = str(schedule_file)
        text = read_text(schedule_file, display)
        options = ImportOptions(
            timezone=tz,
            language=lang.value if lang else None,
            organiser_name=organiser_name,
            organiser_email=organiser_email,
            platform_url=platform_url,
        )
        result = run_import(text, display, options)
        comment = (
            f"Imported from {schedule_file.name} ({result.schedule.format}) by clustermeet import.\n"
            "Check event.organiser and event.platform: a schedule file does not say them."
        )
        yaml_text = agenda_to_yaml(result.data, comment)
        loaded = _check(yaml_text, output)
        if not json_output:
            print_problems(result.warnings + loaded.warnings)
        if output is None:
            echo(yaml_text.rstrip("\n"))
        else:
            from clustermeet.files import write_atomic

            write_atomic(output, yaml_text, force=force)
        if json_output:
            _print_json(result, loaded, output)
        elif output is not None:
            echo(
                f"wrote {output}: {len(loaded.agenda.segments)} events in {len(loaded.agenda.tracks)} tracks, "
                f"{len(loaded.agenda.people)} people",
                err=True,
            )


def _check(yaml_text: str, output: Path | None) -> LoadedAgenda:
    """Load the agenda text exactly as `validate` would, before anything is written."""
    import tempfile

    from clustermeet.agenda.loading import load_agenda

    name = output.name if output is not None else "agenda.yaml"
    with tempfile.TemporaryDirectory(prefix="clustermeet-import-") as folder:
        path = Path(folder) / name
        path.write_text(yaml_text, encoding="utf-8")
        return load_agenda(path, str(output) if output is not None else "<stdout>")


def _print_json(result: ImportResult, loaded: LoadedAgenda, output: Path | None) -> None:
    import json

    agenda = loaded.agenda
    summary = {
        "version": 1,
        "source": result.schedule.format,
        "output": str(output) if output is not None else None,
        "timezone": agenda.event.timezone,
        "days": [d.isoformat() for d in agenda.event.days],
        "tracks": [{"id": t.id, "title": t.title} for t in agenda.tracks],
        "events": len(agenda.segments),
        "people": len(agenda.people),
        "warnings": [p.text() for p in result.warnings + loaded.warnings],
    }
    target = "stderr" if output is None else "stdout"
    echo(json.dumps(summary, ensure_ascii=False, indent=2), err=target == "stderr")
