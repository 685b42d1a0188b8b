"""``clustermeet ics``: the event as one calendar feed, and personal calendar invites."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clustermeet.cli.common import load
from clustermeet.cli.options import AgendaPath, Force, JsonOutput, LanguageOption
from clustermeet.cli.output import echo, handle_errors
from clustermeet.errors import UsageError

if TYPE_CHECKING:
    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.invites.recipients import Recipient, RoomPlacement

AssignmentsOption = Annotated[
    Path | None,
    typer.Option(
        "--assignments",
        "-a",
        help="Assignments CSV (email,name,block,room,rank) with each person's rooms.",
        dir_okay=False,
    ),
]
StateOption = Annotated[
    Path | None,
    typer.Option(
        "--state",
        help="Invite state file (what was issued: SEQUENCE, DTSTAMP per UID); default <agenda>.invites.json.",
        dir_okay=False,
    ),
]
NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        help="DTSTAMP for new and changed events, ISO 8601 with offset (2022-10-01T09:00Z); default the current "
        "time. Unchanged events keep the DTSTAMP they were issued with.",
    ),
]


def ics(
    agenda: AgendaPath,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the whole event as one calendar (METHOD:PUBLISH).", dir_okay=False),
    ] = None,
    per_person: Annotated[
        Path | None,
        typer.Option(
            "--per-person",
            help="Write one invite (METHOD:REQUEST) per participant and day into this folder.",
            file_okay=False,
        ),
    ] = None,
    assignments: AssignmentsOption = None,
    state: StateOption = None,
    now: NowOption = None,
    force: Force = False,
    as_json: JsonOutput = False,
    lang: LanguageOption = None,
) -> None:
    """Export calendar files: the whole event (--output) and personal invites (--per-person).

    Re-running after a change raises SEQUENCE on changed events only and writes a METHOD:CANCEL file for each
    removed segment or participant; re-running with nothing changed writes identical bytes.
    """
    with handle_errors():
        if output is None and per_person is None:
            raise UsageError("nothing to do", hint="give --output FILE, --per-person DIR, or both")
        loaded = load(agenda, quiet=as_json, language=lang.value if lang else None)
        moment = parse_now(now)
        from clustermeet.invites import calendar as ical
        from clustermeet.invites.state import load_state, state_path_for
        from clustermeet.invites.writing import ensure_folder, plan_writes, save_state, write_planned

        state_path = state or state_path_for(agenda)
        issued = load_state(state_path)
        report: dict[str, Any] = {"state": str(state_path)}
        planned: dict[Path, bytes] = {}

        if output is not None:
            feed = ical.export_feed(loaded.schedule, issued.section("feed"), moment, output.stem)
            folder = output.parent
            names = {output.name: feed.files[0].data} | {f.name: f.data for f in feed.files[1:]}
            planned |= plan_writes(folder, names, force=force)
            issued.sections["feed"] = feed.section
            report["feed"] = {
                "file": str(output),
                "timezone": feed.timezone,
                "events": sum(1 for e in feed.section.values() if not e.cancelled),
                "status": feed.files[0].status,
                "cancel_files": [str(folder / f.name) for f in feed.files[1:]],
            }

        if per_person is not None:
            recipients, rooms = invitees(loaded, assignments)
            personal = ical.export_personal(loaded.schedule, recipients, rooms, issued.section("personal"), moment)
            ensure_folder(per_person)
            planned |= plan_writes(per_person, {f.name: f.data for f in personal.files}, force=force)
            issued.sections["personal"] = personal.section
            report["personal"] = {"folder": str(per_person), "timezone": personal.timezone, **personal.counts()}

        save_state(state_path, issued)
        write_planned(planned)
        report["written"] = sorted(str(p) for p in planned)
        if as_json:
            echo(json.dumps(report, indent=2, ensure_ascii=False))
            return
        _render(report)


def _render(report: dict[str, Any]) -> None:
    feed = report.get("feed")
    if feed is not None:
        echo(f"feed: {feed['file']} ({feed['events']} events, {feed['status']}, times in {feed['timezone']})")
        for path in feed["cancel_files"]:
            echo(f"  cancel: {path}")
    personal = report.get("personal")
    if personal is not None:
        echo(
            f"invites: {personal['folder']}: {personal['new']} new, {personal['updated']} updated, "
            f"{personal['unchanged']} unchanged, {personal['cancelled']} cancelled "
            f"(times in {personal['timezone']})"
        )
    echo(f"{len(report['written'])} file(s) written; state in {report['state']}")


def parse_now(value: str | None) -> datetime:
    """``--now`` as an aware datetime; the current time (to the second) when not given."""
    from datetime import UTC

    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"--now: {value!r} is not an ISO 8601 time", hint="for example 2022-10-01T09:00:00Z") from None
    if moment.tzinfo is None:
        raise UsageError(f"--now: {value!r} has no offset", hint="add Z or +02:00, e.g. 2022-10-01T09:00:00Z")
    from clustermeet.agenda.types import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= moment.year <= LAST_YEAR:  # year 1 at +14:00 is before what datetime holds in UTC
        raise UsageError(f"--now: {value!r} is not in the years {FIRST_YEAR} to {LAST_YEAR}")
    return moment.astimezone(UTC).replace(microsecond=0)


def invitees(loaded: LoadedAgenda, assignments: Path | None) -> tuple[list[Recipient], dict[str, list[RoomPlacement]]]:
    """Recipients and their rooms, from the agenda's participants and the assignments CSV."""
    from clustermeet.agenda.yamlsource import read_text
    from clustermeet.breakouts.assignments_file import parse_assignments_csv
    from clustermeet.invites.recipients import placement_lines, recipients_of, rooms_by_person

    placements = []
    rooms: dict[str, list[RoomPlacement]] = {}
    if assignments is not None:
        source = str(assignments)
        content = read_text(assignments, source)
        placements = parse_assignments_csv(content, source)
        rooms = rooms_by_person(loaded.agenda, placements, source, placement_lines(content))
    recipients = recipients_of(loaded.participants, placements)
    if not recipients:
        raise UsageError(
            "nobody to invite: the agenda lists no participants",
            hint="add participants: to the agenda or give --assignments FILE",
        )
    return recipients, rooms
