"""``clustermeet vote``: count the vote from the poll reports and announce the winner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.agenda.voting import VoteMethod
from clustermeet.cli.common import load, tell
from clustermeet.cli.options import AgendaPath, Force, JsonOutput, LanguageOption, ParticipantsOption
from clustermeet.cli.output import console, echo, handle_errors
from clustermeet.vote.counting import count_vote
from clustermeet.vote.result import reason_text, say

if TYPE_CHECKING:
    from clustermeet.vote.result import VoteResult


BallotPaths = Annotated[
    list[Path],
    typer.Argument(
        help="Poll reports and form exports: Zoom poll report CSV, Microsoft Forms .xlsx, Google Forms CSV, "
        "or a plain CSV (email,choice or email,1,2,...).",
        show_default=False,
        dir_okay=False,
        metavar="BALLOTS...",
    ),
]


def vote(
    agenda: AgendaPath,
    ballots: BallotPaths,
    method: Annotated[
        VoteMethod | None, typer.Option("--method", "-m", help="Count by this method instead of the agenda's.")
    ] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help="The vote segment's id, when the agenda has several.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Folder for result.html and audit.csv; default <agenda>-vote/.", file_okay=False
        ),
    ] = None,
    record: Annotated[
        Path | None,
        typer.Option(
            "--record",
            help="Where to record the winner for the award cue; default <agenda>.vote.json, where runsheet and "
            "run look.",
            dir_okay=False,
        ),
    ] = None,
    report_tz: Annotated[
        str | None,
        typer.Option(
            "--report-tz", help="The zone the reports' times are in (Zoom: the account's); default the event's."
        ),
    ] = None,
    participants: ParticipantsOption = None,
    lang: LanguageOption = None,
    as_json: JsonOutput = False,
    audit: Annotated[bool, typer.Option("--audit", help="With --json: every ballot, with its address.")] = False,
    force: Force = False,
) -> None:
    """Count the vote from the poll reports and announce the winner.

    Matches every ballot to a participant by e-mail (then by name, with a warning), sets aside duplicates, late
    and ineligible ballots with one reason each, counts by the vote's method and prints the full tally. Writes
    the audit file (every ballot and why) and a result page to show on screen, and records the winner for the
    award cue of `runsheet` and `run`.
    """
    with handle_errors():
        loaded = load(agenda, participants=participants, quiet=as_json, language=lang.value if lang else None)
        result = count_vote(
            loaded,
            ballots,
            segment=segment,
            method=method.value if method else None,
            output=output,
            record=record,
            report_tz=report_tz,
            force=force,
        )
        for warning in result.warnings:
            echo(tell("warning", result.language, text=warning), err=True)
        for decision in result.by_name:
            ballot = decision.ballot
            name = decision.voter.name if decision.voter else ""
            echo(f"{ballot.source}:{ballot.line}: warning: {say('by_name', result.language, name=name)}", err=True)
        if as_json:
            echo(json.dumps(result.to_dict(audit=audit), ensure_ascii=False, indent=2))
            return
        _render(result)


def _render(result: VoteResult) -> None:
    from rich.table import Table  # noqa: PLC0415 slow import: rich, only for the terminal tables

    language, tally = result.language, result.tally
    out = console()
    for path in result.written.values():
        echo(tell("wrote", language, files=path), err=True)
    echo(say("result_title", language, title=result.title))
    echo(say("ballots", language, counted=tally.ballots, total=len(result.decisions), method=result.method_name()))
    aside = [d for d in result.decisions if not d.counted]
    if aside:
        echo(f"{say('set_aside', language)}:")
        for decision in aside:
            ballot = decision.ballot
            echo(f"  {ballot.source}:{ballot.line}: {reason_text(decision, language)}")
    table = Table(title=say(f"score.{tally.method.value}", language), title_justify="left")
    table.add_column(say("candidate", language))
    if tally.rounds:
        for number in range(1, len(tally.rounds) + 1):
            table.add_column(say("round", language, number=number), justify="right")
        for candidate in tally.candidates:
            table.add_row(result.name(candidate), *(str(r.counts.get(candidate, "")) for r in tally.rounds))
    else:
        table.add_column(say(f"score.{tally.method.value}", language), justify="right")
        for candidate, score in tally.scores.items():
            table.add_row(result.name(candidate), str(score))
    out.print(table)
    for number, round_ in enumerate(tally.rounds, 1):
        if round_.eliminated:
            names = ", ".join(result.name(c) for c in round_.eliminated)
            echo(f"{say('round', language, number=number)}: {say('out', language, names=names)}")
    if tally.pairwise:
        _print_pairwise(result)
    if tally.tie_break is not None:
        rule = say(f"rule.{tally.tie_break.value}", language)
        echo(say("tie_broken", language, rule=rule))
    if not tally.ballots:
        return  # nothing to announce: the warning said so
    if tally.winner is None:
        names = ", ".join(result.tied_names)
        echo(say("tie", language, names=names, rule=say(f"rule.{result.rule.value}", language)))
    echo(result.announcement)


def _print_pairwise(result: VoteResult) -> None:
    from rich.table import Table  # noqa: PLC0415 slow import: rich, only for the terminal tables

    tally, language = result.tally, result.language
    for key, numbers in (("pairwise", tally.pairwise), ("strongest", tally.strongest)):
        table = Table(title=say(key, language), title_justify="left")
        table.add_column("")
        for number in range(1, len(tally.candidates) + 1):
            table.add_column(str(number), justify="right")
        for number, x in enumerate(tally.candidates, 1):
            cells = (str(numbers[x, y]) if x != y else "" for y in tally.candidates)
            table.add_row(f"{number} {result.name(x)}", *cells)
        console().print(table)
