"""The command line: one module per command, assembled here. The only layer that knows typer and rich."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from clustermeet import __version__
from clustermeet.cli.output import ExitCode

if TYPE_CHECKING:  # typer 0.29 vendors click as typer._click
    from typer._click.core import Command, Context

# name -> (module, attribute). Each command's module is imported only when that command runs (or --help lists
# it): `clustermeet validate` must start fast, and every module costs a few milliseconds of imports.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("clustermeet.cli.validate", "validate"),
    "schedule": ("clustermeet.cli.schedule", "schedule"),
    "schema": ("clustermeet.cli.schema", "schema"),
    "assign": ("clustermeet.cli.assign", "assign"),
    "ics": ("clustermeet.cli.ics", "ics"),
    "send": ("clustermeet.cli.send", "send"),
    "runsheet": ("clustermeet.cli.runsheet", "runsheet"),
    "run": ("clustermeet.cli.run", "run"),
    "report": ("clustermeet.cli.report", "report"),
    "import": ("clustermeet.cli.importer", "import_schedule"),
    "export": ("clustermeet.cli.export", "export_app"),
}


class LazyGroup(TyperGroup):
    """A typer group that builds a command from its module on first use."""

    def list_commands(self, ctx: Context) -> list[str]:
        return [*COMMANDS, *(name for name in super().list_commands(ctx) if name not in COMMANDS)]

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = COMMANDS[cmd_name]
        target = getattr(importlib.import_module(module_name), attribute)
        holder = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=cmd_name)
        else:
            holder.command(name=cmd_name)(target)
        holder.callback()(lambda: None)  # a group, so that typer keeps the command's own name and shape
        group = typer.main.get_command(holder)
        assert isinstance(group, TyperGroup)
        return group.commands[cmd_name]


app = typer.Typer(
    name="clustermeet",
    cls=LazyGroup,
    # Plain click help: typer's rich help imports rich.markdown, markdown_it and rich.traceback (~100 ms), which
    # would make `clustermeet --help` slower than the check it is measured against (bench/startup.py).
    rich_markup_mode=None,
    help="Run virtual conferences from a plain agenda file: validate it, print the schedule, assign breakout "
    "rooms, send calendar invites and run the show.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clustermeet {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Run virtual conferences from a plain agenda file."""


def main() -> None:
    """Console-script entry point. An unexpected error is one line (set CLUSTERMEET_DEBUG=1 for the traceback)."""
    import os
    import sys

    # We use no Pydantic plugins; looking them up scans every installed package's metadata (~15 ms per start).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except BrokenPipeError:  # `clustermeet ... | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.USAGE))
    except OSError as exc:  # an I/O failure outside our own file writing (a full disk under stdout, say)
        sys.stderr.write(f"error: cannot write output: {exc.strerror or exc}\n")
        sys.exit(int(ExitCode.USAGE))
    except Exception as exc:  # a bug of ours: say so briefly, never a wall of traceback
        if os.environ.get("CLUSTERMEET_DEBUG"):
            raise
        sys.stderr.write(f"internal error: {type(exc).__name__}: {exc}\n")
        sys.stderr.write("hint: this is a bug in clustermeet; run again with CLUSTERMEET_DEBUG=1 and report it\n")
        sys.exit(2)


def validate_main() -> None:
    """Entry point of the ``clustermeet-validate`` pre-commit hook: ``clustermeet validate FILES...``."""
    import sys

    sys.argv = ["clustermeet", "validate", *sys.argv[1:]]
    main()
