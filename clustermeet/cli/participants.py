"""``clustermeet participants``: show how the participant list was read, before anything is assigned."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from clustermeet.agenda.listing import NoListError, describe_list
from clustermeet.cli.common import load
from clustermeet.cli.options import AgendaPath, JsonOutput, ParticipantsOption
from clustermeet.cli.output import echo, flag, handle_errors
from clustermeet.errors import InputError
from clustermeet.i18n import PARTICIPANT_WORDS, lookup
from clustermeet.text import escape_controls

if TYPE_CHECKING:
    from clustermeet.agenda.listing import ListReport

#: the fields that read all their columns (a name in parts, ranked wishes), not the first that is not empty
SEVERAL = ("name", "preferences", "fixed")
#: at most this many people without wishes are listed by name in the text (all of them in --json)
SHOWN = 20


def participants(agenda: AgendaPath, participants: ParticipantsOption = None, as_json: JsonOutput = False) -> None:
    """Show how the participant list was read, before anything is assigned: the columns used for each field, the
    columns not read, counts, people without wishes, duplicates merged and every warning.

    Exit codes: 0 read, 1 invalid input (each problem as file:line:col), 2 usage or file errors."""
    with handle_errors():
        loaded = load(agenda, quiet=True, participants=participants)  # the report lists the warnings
        try:
            report = describe_list(loaded)
        except NoListError as exc:
            hint = f"give {flag(exc.option)} FILE, or participants: in the agenda"
            raise InputError(exc.message, hint=hint) from None
        if as_json:
            echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            for line in report_lines(report):
                echo(escape_controls(line))


def report_lines(report: ListReport) -> list[str]:
    """The report as text, in the event's language."""

    def say(key: str, **values: object) -> str:
        return lookup(PARTICIPANT_WORDS, key, report.language).format(**values)

    data = report.to_dict()
    lines = [say("title", source=report.source)]
    read_as = data["read_as"]
    if read_as is None:
        lines.append(say("read_as", how=say("inline")))
    else:
        how = [read_as["encoding"], say("header_on", line=read_as["header_line"])]
        if read_as["delimiter"] is not None:
            how.insert(1, say("delimiter", delimiter=repr(read_as["delimiter"])))
        if read_as["sheet"] is not None:
            how.insert(1, say("sheet", sheet=repr(read_as["sheet"])))
        if read_as["preset"] is not None:
            how.append(say("preset", preset=read_as["preset"]))
        lines.append(say("read_as", how=", ".join(how)))
        lines += ["", f"{say('mapping')}:"]
        width = max((len(name) for name in data["mapping"]), default=0)
        for name, headers in data["mapping"].items():  # joined or ranked columns, or the first that is not empty
            lines.append(f"  {name:<{width}}  {(' + ' if name in SEVERAL else ' / ').join(headers)}")
        ignored = ", ".join(data["ignored"]) or say("none")
        lines.append(f"  {say('ignored')}: {ignored}")
    counts = data["counts"]
    lines += ["", f"{say('counts')}:"]
    for key in ("rows", "people", "facilitators", "with_wishes", "without_wishes", "merged", "by_title"):
        value = counts["wishes_by_title" if key == "by_title" else key]
        lines.append(f"  {say(key)}: {value}")
    if report.without_wishes:
        lines += ["", f"{say('without_wishes')}:"]
        lines += [f"  {say('line', line=p.line)}: {p.name} <{p.email}>" for p in report.without_wishes[:SHOWN]]
        if len(report.without_wishes) > SHOWN:
            lines.append(f"  {say('and_more', count=len(report.without_wishes) - SHOWN)}")
    if data["merged"]:
        lines += ["", f"{say('merged')}:"]
        lines += [f"  {say('merged_into', line=m['line'], first=m['into'], email=m['email'])}" for m in data["merged"]]
    if report.warnings:
        lines += ["", f"{say('warnings')}:"]
        lines += [f"  {problem.text()}" for problem in report.warnings]
    return lines
