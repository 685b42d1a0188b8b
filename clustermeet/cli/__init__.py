"""The command line: one module per command, assembled here. The only layer that knows typer and rich."""

from __future__ import annotations

from typing import Annotated

import typer

from clustermeet import __version__
from clustermeet.cli.export import export_app
from clustermeet.cli.ics import ics
from clustermeet.cli.importer import import_schedule
from clustermeet.cli.report import report
from clustermeet.cli.run import run
from clustermeet.cli.runsheet import runsheet
from clustermeet.cli.schedule import schedule
from clustermeet.cli.schema import schema
from clustermeet.cli.send import send
from clustermeet.cli.validate import validate

app = typer.Typer(
    name="clustermeet",
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


app.command()(validate)
app.command()(schedule)
app.command()(schema)
app.command()(runsheet)
app.command()(run)
app.command()(report)
app.command()(ics)
app.command()(send)
app.command(name="import")(import_schedule)
app.add_typer(export_app, name="export")


def main() -> None:
    """Console-script entry point. An unexpected error is one line (set CLUSTERMEET_DEBUG=1 for the traceback)."""
    import os
    import sys

    # We use no Pydantic plugins; looking them up scans every installed package's metadata (~15 ms per start).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
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
