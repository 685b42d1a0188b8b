"""``clustermeet validate``: check agenda files, for people and for CI."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clustermeet.agenda.validation import ValidationReport, validate_paths
from clustermeet.cli.options import ParticipantsOption
from clustermeet.cli.output import ExitCode, echo
from clustermeet.errors import Problem
from clustermeet.i18n import PROBLEM_WORDS, lookup


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Agenda files, or folders to search for *.yaml and *.yml.", show_default=False, metavar="PATH"
        ),
    ],
    report: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text for people, json for tools, github for Actions.")
    ] = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    participants: ParticipantsOption = None,
) -> None:
    """Check agenda files: schema, references, times, rooms. One line per problem: path:line:col: error: message.

    Exit code 0 when every file is valid (warnings allowed unless --strict), 1 when a file is invalid, 2 when a
    path cannot be read.
    """
    result = validate_paths(paths, strict=strict, participants=participants)
    if report is ReportFormat.json:
        echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_lines(result, github=report is ReportFormat.github)
    code = ExitCode.USAGE if result.unreadable else (ExitCode.INVALID if result.invalid else ExitCode.OK)
    raise typer.Exit(int(code))


def _print_lines(result: ValidationReport, *, github: bool) -> None:
    for problem in result.problems:
        echo(_github_line(problem) if github else problem.text())
    for message in result.unreadable:
        echo(f"::error::{_github_escape(message)}" if github else f"error: {message}")
    echo(summary_line(result), err=True)


def summary_line(result: ValidationReport) -> str:
    """``3 files checked: 2 valid, 1 invalid; 1 error, 0 warnings``, in the files' language (English where they
    have several)."""
    language = result.language
    count, errors, warnings = len(result.files), result.errors, result.warnings

    def say(key: str, **values: object) -> str:
        return lookup(PROBLEM_WORDS, key, language).format(**values)

    def noun(key: str, number: int) -> str:
        return say(f"summary.{key}_{'one' if number == 1 else 'other'}")

    summary = say(
        "summary.files",
        count=count,
        files=noun("file", count),
        valid=count - result.invalid,
        invalid=result.invalid,
        errors=errors,
        error_word=noun("error", errors),
        warnings=warnings,
        warning_word=noun("warning", warnings),
    )
    if result.unreadable:
        summary += say("summary.unreadable", count=len(result.unreadable))
    return summary


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github_line(problem: Problem) -> str:
    props = f"file={_github_escape(problem.path, prop=True)}"
    if problem.line:
        props += f",line={problem.line}"
    if problem.col:
        props += f",col={problem.col}"
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{problem.severity} {props}::{_github_escape(message)}"
