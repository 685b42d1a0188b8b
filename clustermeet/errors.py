"""Typed errors of the kernel and the features.

They raise these; only ``clustermeet.cli`` turns them into text and exit codes. Every problem that can be pinned to
a place in a file carries that place, so the CLI can print ``path:line:col: error: message``. No error here names a
command-line flag: an :class:`OptionError` names the use case's parameter, and ``cli/`` says which flag that is.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Literal

from clustermeet.text import escape_controls, you_mean

if TYPE_CHECKING:
    from collections.abc import Sequence

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
    #: the message's key in ``i18n/problems.py`` and the values it fills in (``""``: a text with no German yet);
    #: not compared, so a problem equals the one with the same place and English text
    key: str = dataclass_field(default="", compare=False)
    params: tuple[tuple[str, str], ...] = dataclass_field(default=(), compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self) -> str:
        """``path:line:col: severity: field: message``, always one line (control characters escaped)."""
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col}" if self.col else f":{self.line}"
        field = f"{self.field}: " if self.field else ""
        return escape_controls(f"{where}: {self.severity}: {field}{self.message}")


class ClustermeetError(Exception):
    """Base of every error clustermeet raises on purpose."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(ClustermeetError):
    """The input is readable but wrong (exit code 1)."""


class InvalidInputError(InputError):
    """One or more problems found in an input file, each with its place."""

    def __init__(self, problems: list[Problem], language: str = "en") -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.col, p.message))
        self.language = language  # the event's language the problems are written in (de or en)
        first = self.problems[0].text() if self.problems else "invalid input"
        super().__init__(first)


class UsageError(ClustermeetError):
    """The command was called wrongly, or a path cannot be read or written (exit code 2)."""


class OptionError(UsageError):
    """A value given to a use case that is not one it can take: ``option`` is the parameter's name (``tz``,
    ``block``), ``value`` what was given, ``problem`` what is wrong with it; ``choices`` the values that would do
    (for the hint), ``suggestion`` the closest of them, ``example`` a sample where there are too many to list;
    ``hint`` where what to write needs saying in words."""

    def __init__(
        self,
        option: str,
        value: str,
        problem: str,
        *,
        choices: Sequence[str] = (),
        suggestion: str | None = None,
        example: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(f"{value!r} {problem}{you_mean(suggestion)}", hint=hint)
        self.option = option
        self.value = value
        self.problem = problem
        self.choices = tuple(choices)
        self.suggestion = suggestion
        self.example = example


class OutputExistsError(UsageError):
    """An output file exists and replacing it was not asked for."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} exists already")
        self.path = path
