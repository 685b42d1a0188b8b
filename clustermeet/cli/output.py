"""The one place that prints: exit codes, error rendering, the rich Console.

Commands call a use case, then hand its result here. The typed errors of the kernel and the features are turned
into text and an exit code in :func:`handle_errors` (an :class:`OptionError` gets its flag's name here), so no
command prints a traceback for a known failure.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING, NoReturn

import typer

from clustermeet.errors import (
    ClustermeetError,
    InputError,
    InvalidInputError,
    OptionError,
    OutputExistsError,
    Problem,
)
from clustermeet.files import command_inputs
from clustermeet.text import escape_controls

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console


class ExitCode(IntEnum):
    """Documented exit codes (README, docs/cli.md)."""

    OK = 0
    INVALID = 1
    USAGE = 2


@cache
def console() -> Console:
    from rich.console import Console  # noqa: PLC0415 slow import: rich, only for commands that draw tables

    return Console(highlight=False, soft_wrap=False)


@cache
def err_console() -> Console:
    from rich.console import Console  # noqa: PLC0415 slow import: rich, only for progress bars

    return Console(stderr=True, highlight=False)


def echo(text: str = "", *, err: bool = False) -> None:
    """Plain text, no markup: for machine-readable output and file contents."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        echo(problem.text(), err=True)


def fail(code: ExitCode, message: str, hint: str | None = None) -> NoReturn:
    """Print ``error: message`` (and a hint) on stderr, each one line, and exit with ``code``."""
    echo(f"error: {escape_controls(message)}", err=True)
    if hint:
        echo(f"hint: {escape_controls(hint)}", err=True)
    raise typer.Exit(int(code))


def flag(option: str) -> str:
    """The command-line flag of a use case's parameter: ``smtp_host`` -> ``--smtp-host``."""
    return "--" + option.replace("_", "-")


def option_hint(exc: OptionError) -> str | None:
    """What would do instead: the choices when there are few, else an example."""
    if exc.hint:
        return exc.hint
    if exc.choices and len(exc.choices) <= 12:
        return f"one of: {', '.join(exc.choices)}"
    if exc.example and not exc.suggestion:
        return f"for example {exc.example}"
    return f"{len(exc.choices)} choices" if exc.choices else None


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn typed errors into one line per problem and the documented exit code; no output may replace an input
    the command read (``files.command_inputs``)."""
    try:
        with command_inputs():
            yield
    except InvalidInputError as exc:
        print_problems(exc.problems)
        raise typer.Exit(int(ExitCode.INVALID)) from None
    except InputError as exc:
        fail(ExitCode.INVALID, exc.message, exc.hint)
    except OptionError as exc:
        fail(ExitCode.USAGE, f"{flag(exc.option)}: {exc.message}", option_hint(exc))
    except OutputExistsError as exc:
        fail(ExitCode.USAGE, exc.message, exc.hint or f"pass {flag('force')} to overwrite it")
    except ClustermeetError as exc:
        fail(ExitCode.USAGE, exc.message, exc.hint)
    except KeyboardInterrupt:
        say_interrupted()
        raise typer.Exit(INTERRUPTED) from None


INTERRUPTED = 130
_interrupt_said: list[bool] = []


def say_interrupted() -> None:
    """The one line Ctrl-C gets, wherever it struck (a command, typer's parsing, an import): said once."""
    if not _interrupt_said:
        _interrupt_said.append(True)
        echo("interrupted", err=True)
