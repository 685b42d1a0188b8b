"""``clustermeet runsheet``: the cue sheet for the crew, every cue in order with its planned time."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clustermeet.cli.common import emit, load
from clustermeet.cli.options import AgendaPath, Force, OutputFile
from clustermeet.cli.output import console, handle_errors

if TYPE_CHECKING:
    from rich.console import RenderableType

    from clustermeet.core.cues import Cue, Plan
    from clustermeet.core.schedule import Schedule


class RunsheetFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


_WORDS: dict[str, dict[str, str]] = {
    "time": {"de": "Zeit", "en": "Time"},
    "segment": {"de": "Programmpunkt", "en": "Segment"},
    "cue": {"de": "Cue", "en": "Cue"},
    "who": {"de": "Wer", "en": "Who"},
    "owner": {"de": "Verantwortlich", "en": "Owner"},
    "action": {"de": "Aktion auf der Plattform", "en": "Platform action"},
    "message": {"de": "Nachricht", "en": "Message"},
    "notes": {"de": "Notizen", "en": "Notes"},
    "runsheet": {"de": "Ablaufplan", "en": "Run sheet"},
    "for": {"de": "für", "en": "for"},
    "zone": {"de": "Zeitzone", "en": "Time zone"},
    "pre_show": {"de": "Vorlauf", "en": "Pre-show"},
    "note": {"de": "Notiz", "en": "Note"},
}


def _w(key: str, language: str) -> str:
    return _WORDS[key].get(language, _WORDS[key]["en"])


def runsheet(
    agenda: AgendaPath,
    fmt: Annotated[RunsheetFormat, typer.Option("--format", "-f", help="Output format.")] = RunsheetFormat.table,
    role: Annotated[
        str | None, typer.Option("--role", help="Only the cues of this person (a people id of the agenda).")
    ] = None,
    track: Annotated[str | None, typer.Option("--track", help="Only this track (and the plenary).")] = None,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Print the cue sheet: every cue in order with its planned time, who is on, the owner, the crew's notes and
    the platform action (open rooms, broadcast the close warning, launch the poll, spotlight), from the tech check
    30 minutes before the start to the end of the show."""
    with handle_errors():
        loaded = load(agenda)
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
            text = runsheet_csv(schedule, cues)
        else:
            text = runsheet_markdown(schedule, plan, cues, role)
        emit(text, output, force)


def runsheet_cues(schedule: Schedule, role: str | None, track: str | None) -> tuple[Plan, list[Cue]]:
    from clustermeet.core.cues import build_plan, cues_for
    from clustermeet.errors import UsageError

    agenda = schedule.agenda
    plan = build_plan(schedule, track, all_tracks=track is None)
    if role is None:
        return plan, list(plan.cues)
    if agenda.person(role) is None:
        known = ", ".join(p.id for p in agenda.people) or "none"
        raise UsageError(f"--role: no person {role!r} in the agenda", hint=f"people ids: {known}")
    return plan, cues_for(plan, role)


def _time(schedule: Schedule, cue: Cue) -> str:
    local = schedule.local(cue.at)
    if len(schedule.agenda.event.days) > 1:
        return f"{local:%Y-%m-%d %H:%M}"
    return f"{local:%H:%M}"


def _owner(schedule: Schedule, cue: Cue) -> str:
    if cue.owner is None:
        return ""
    person = schedule.agenda.person(cue.owner)
    return person.name if person else cue.owner


def _segment(cue: Cue, language: str) -> str:
    return cue.segment_title or _w("pre_show", language)


def _heading(schedule: Schedule, role: str | None, language: str) -> str:
    heading = f"{_w('runsheet', language)}: {schedule.agenda.event.title}"
    if role is not None:
        person = schedule.agenda.person(role)
        heading += f" – {_w('for', language)} {person.name if person else role}"
    return heading


def runsheet_json(schedule: Schedule, plan: Plan, cues: list[Cue], role: str | None) -> dict[str, Any]:
    """The stable JSON shape (docs/run-of-show.md)."""
    return {
        "event": schedule.agenda.event.title,
        "time_zone": schedule.zone.key,
        "language": plan.language,
        "role": role,
        "cues": [
            {
                "at": schedule.local(c.at).isoformat(),
                "time": _time(schedule, c),
                "segment": c.segment_id,
                "segment_title": c.segment_title or None,
                "step": c.step,
                "kind": c.kind.value,
                "title": c.title,
                "who": list(c.who),
                "owner": c.owner,
                "owner_name": _owner(schedule, c) or None,
                "action": c.action or None,
                "message": c.message,
                "notes": c.notes,
                "anchor": c.anchor,
                "before_seconds": int(c.before.total_seconds()),
            }
            for c in cues
        ],
    }


def runsheet_csv(schedule: Schedule, cues: list[Cue]) -> str:
    import csv
    import io

    from clustermeet.export.files import neutralise_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["time", "segment", "kind", "title", "who", "owner", "action", "message", "notes"])
    for cue in cues:
        row = [
            _time(schedule, cue),
            cue.segment_id or "",
            cue.kind.value,
            cue.title,
            "; ".join(cue.who),
            _owner(schedule, cue),
            cue.action,
            cue.message or "",
            cue.notes or "",
        ]
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def runsheet_markdown(schedule: Schedule, plan: Plan, cues: list[Cue], role: str | None) -> str:
    language = plan.language
    lines = [
        f"# {_md(_heading(schedule, role, language))}",
        "",
        f"{_w('zone', language)}: {schedule.zone.key}",
        "",
        "| "
        + " | ".join(_w(k, language) for k in ("time", "segment", "cue", "who", "owner", "action", "notes"))
        + " |",
        "|---|---|---|---|---|---|---|",
    ]
    for cue in cues:
        action = cue.action
        if cue.message:
            action += f" – „{cue.message}“" if language == "de" else f" – “{cue.message}”"
        cells = [
            _time(schedule, cue),
            _segment(cue, language),
            f"**{cue.title}**",
            ", ".join(cue.who),
            _owner(schedule, cue),
            action,
            cue.notes or "",
        ]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def runsheet_table(schedule: Schedule, plan: Plan, cues: list[Cue], role: str | None) -> list[RenderableType]:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    language = plan.language
    out: list[RenderableType] = [
        Text(_heading(schedule, role, language), style="bold"),
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
        owner = _owner(schedule, cue)
        if owner and owner not in cue.who:
            who.append(("\n" if cue.who else "") + f"▸ {owner}", style="dim")
        parts: list[RenderableType] = []
        if cue.action:
            parts.append(Text(cue.action, style="cyan"))
        if cue.message:
            parts.append(Text(f"„{cue.message}“" if language == "de" else f"“{cue.message}”", style="green"))
        if cue.notes:
            parts.append(Text(f"{_w('note', language)}: {cue.notes}", style="yellow"))
        table.add_row(_time(schedule, cue), head, who, Group(*parts) if parts else "")
    out.append(table)
    return out
