"""Typed errors of the core.

The core raises these; only ``clustermeet.cli`` turns them into text and exit codes. Every problem that can be
pinned to a place in a file carries that place, so the CLI can print ``path:line:col: error: message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in an input file, at a place in it."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    field: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col}" if self.col else f":{self.line}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {field}{self.message}"


class ClustermeetError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(ClustermeetError):
    """The input is readable but wrong (exit code 1)."""


class InvalidInputError(InputError):
    """One or more problems found in an input file, each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))
        first = self.problems[0].text() if self.problems else "invalid input"
        super().__init__(first)


class UsageError(ClustermeetError):
    """The command was called wrongly, or a path cannot be read or written (exit code 2)."""


class OutputExistsError(UsageError):
    """An output file exists and ``--force`` was not given."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} exists already", hint="pass --force to overwrite it")
        self.path = path
