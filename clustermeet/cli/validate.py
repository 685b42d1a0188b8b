"""``clustermeet validate``: check agenda files, for people and for CI."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clustermeet.cli.output import ExitCode, echo
from clustermeet.errors import InvalidInputError, Problem, UsageError


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _agenda_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files as given, and folders searched (recursively, skipping hidden folders) for *.yaml and *.yml."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for pattern in ("*.yaml", "*.yml")
                for p in path.rglob(pattern)
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                missing.append(f"{path}: no *.yaml or *.yml files in this folder")
            files += found
        elif path.exists():
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder")
    return files, missing


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
) -> None:
    """Check agenda files: schema, references, times, rooms. One line per problem: path:line:col: error: message.

    Exit code 0 when every file is valid (warnings allowed unless --strict), 1 when a file is invalid, 2 when a
    path cannot be read.
    """
    from clustermeet.agenda.loading import load_agenda

    files, unreadable = _agenda_files(paths)
    results: list[dict[str, object]] = []
    code = ExitCode.OK
    all_problems: list[Problem] = []
    for path in files:
        name = str(path)
        try:
            problems = load_agenda(path, name).warnings
        except InvalidInputError as exc:
            problems = exc.problems
        except UsageError as exc:
            unreadable.append(exc.message)
            continue
        errors = sum(p.is_error for p in problems)
        warnings = len(problems) - errors
        valid = errors == 0 and not (strict and warnings)
        if not valid:
            code = max(code, ExitCode.INVALID)
        results.append({"path": name, "valid": valid, "errors": errors, "warnings": warnings, "problems": problems})
        all_problems += problems
    if unreadable:
        code = ExitCode.USAGE

    errors = sum(p.is_error for p in all_problems)
    warnings = len(all_problems) - errors
    if report is ReportFormat.json:
        payload = {
            "valid": code == ExitCode.OK,
            "files": [
                {**r, "problems": [_problem_dict(p) for p in r["problems"]]}  # type: ignore[attr-defined]
                for r in results
            ],
            "unreadable": unreadable,
            "errors": errors,
            "warnings": warnings,
        }
        echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for problem in all_problems:
            echo(_github_line(problem) if report is ReportFormat.github else problem.text())
        for message in unreadable:
            echo(f"::error::{_github_escape(message)}" if report is ReportFormat.github else f"error: {message}")
        invalid = sum(1 for r in results if not r["valid"])
        summary = (
            f"{len(results)} file{'s' if len(results) != 1 else ''} checked: "
            f"{len(results) - invalid} valid, {invalid} invalid; {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
        if unreadable:
            summary += f"; {len(unreadable)} unreadable"
        echo(summary, err=True)
    raise typer.Exit(int(code))


def _problem_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "severity": problem.severity,
        "field": problem.field,
        "message": problem.message,
    }
