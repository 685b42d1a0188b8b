"""``clustermeet runsheet``: the cue sheet for the crew, every cue in order with its planned time."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.cli.common import emit, load
from clustermeet.cli.options import AgendaPath, Force, LanguageOption, OutputFile
from clustermeet.cli.output import console, handle_errors

if TYPE_CHECKING:
    from rich.console import RenderableType

    from clustermeet.agenda.timing import Schedule
    from clustermeet.show.cues import Cue, Plan


class RunsheetFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


def runsheet(
    agenda: AgendaPath,
    fmt: Annotated[RunsheetFormat, typer.Option("--format", "-f", help="Output format.")] = RunsheetFormat.table,
    role: Annotated[
        str | None, typer.Option("--role", help="Only the cues of this person (a people id of the agenda).")
    ] = None,
    track: Annotated[str | None, typer.Option("--track", help="Only this track (and the plenary).")] = None,
    output: OutputFile = None,
    force: Force = False,
    lang: LanguageOption = None,
) -> None:
    """Print the cue sheet: every cue in order with its planned time, who is on, the owner, the crew's notes and
    the platform action (open rooms, broadcast the close warning, launch the poll, spotlight), from the tech check
    30 minutes before the start to the end of the show."""
    with handle_errors():
        from clustermeet.show.cues import runsheet_cues
        from clustermeet.show.runsheet_formats import runsheet_csv, runsheet_json, runsheet_markdown

        loaded = load(agenda, language=lang.value if lang else None)
        plan, cues = runsheet_cues(loaded.schedule, role, track)
        schedule = loaded.schedule
        if fmt is RunsheetFormat.table and output is None:
            for renderable in runsheet_table(schedule, plan, cues, role):
                console().print(renderable)
            return
        if fmt is RunsheetFormat.json:
            import json

            text = json.dumps(runsheet_json(schedule, plan, cues, role), ensure_ascii=False, indent=2) + "\n"
        elif fmt is RunsheetFormat.csv:
            text = runsheet_csv(schedule, cues, role)
        else:
            text = runsheet_markdown(schedule, plan, cues, role)
        emit(text, output, force)


def runsheet_table(schedule: Schedule, plan: Plan, cues: list[Cue], role: str | None) -> list[RenderableType]:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from clustermeet.show.runsheet_formats import (
        cue_owner,
        cue_time,
        person_zone,
        quoted_message,
        runsheet_heading,
    )
    from clustermeet.show.runsheet_formats import runsheet_word as _w

    language = plan.language
    their_zone = person_zone(schedule, role)
    out: list[RenderableType] = [
        Text(runsheet_heading(schedule, role, language), style="bold"),
        Text(f"{_w('zone', language)}: {schedule.zone.key}", style="dim"),
    ]
    table = Table(show_lines=False, expand=False)
    table.add_column(_w("time", language), no_wrap=True, style="bold")
    table.add_column(_w("cue", language), overflow="fold", ratio=3)
    table.add_column(_w("who", language), overflow="fold", ratio=2)
    table.add_column(_w("action", language), overflow="fold", ratio=3)
    previous_segment: str | None = "-"
    for cue in cues:
        if cue.segment_id != previous_segment:
            if previous_segment != "-":
                table.add_section()
            previous_segment = cue.segment_id
        head = Text(cue.title, style="bold")
        if cue.segment_title and cue.segment_title not in cue.title:
            head.append(f"\n{cue.segment_title}", style="dim")
        who = Text(", ".join(cue.who))
        owner = cue_owner(schedule, cue)
        if owner and owner not in cue.who:
            who.append(("\n" if cue.who else "") + f"▸ {owner}", style="dim")
        parts: list[RenderableType] = []
        if cue.action:
            parts.append(Text(cue.action, style="cyan"))
        if cue.message:
            parts.append(Text(quoted_message(cue.message, language), style="green"))
        if cue.notes:
            parts.append(Text(f"{_w('note', language)}: {cue.notes}", style="yellow"))
        table.add_row(cue_time(schedule, cue, their_zone), head, who, Group(*parts) if parts else "")
    out.append(table)
    return out
