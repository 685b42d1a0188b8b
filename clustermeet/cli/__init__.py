"""The command line: one module per command, assembled here. The only layer that knows typer and rich."""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.exceptions import BadParameter, MissingParameter
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup

from clustermeet import __version__
from clustermeet.cli.output import INTERRUPTED, ExitCode, fail, say_interrupted
from clustermeet.text import escape_controls

if TYPE_CHECKING:  # typer 0.29 vendors click as typer._click
    from typer._click.core import Command, Context
    from typer._click.formatting import HelpFormatter

# name -> (module, attribute, summary). Each command's module is imported only when that command runs, not even for
# `clustermeet --help`, which lists the summaries from here: every module costs milliseconds of imports, and
# command modules import their use case at the top. tests/cli/test_help.py checks each summary against the
# command's own docstring.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("clustermeet.cli.validate", "validate", "Check agenda files: schema, references, times, rooms."),
    "schedule": (
        "clustermeet.cli.schedule",
        "schedule",
        "Print the timed schedule: a table per day with parallel rooms side by side, or export it.",
    ),
    "schema": (
        "clustermeet.cli.schema",
        "schema",
        "Print the JSON Schema of agenda files, for editors (yaml-language-server) and other tools.",
    ),
    "participants": (
        "clustermeet.cli.participants",
        "participants",
        "Show how the participant list was read, before anything is assigned: the columns used for each field, "
        "the columns not read, counts, people without wishes, duplicates merged and every warning.",
    ),
    "assign": (
        "clustermeet.cli.assign",
        "assign",
        (
            "Assign participants to breakout rooms: every topics block optimally by ranked wishes (capacities, "
            "one facilitator per room, fixed places, organisation caps), mixing blocks in rounds with few "
            "repeated pairs."
        ),
    ),
    "ics": (
        "clustermeet.cli.ics",
        "ics",
        "Export calendar files: the whole event (--output) and personal invites (--per-person).",
    ),
    "send": (
        "clustermeet.cli.send",
        "send",
        "E-mail every participant their invite (Accept/Decline in Outlook and Gmail), each invite only once.",
    ),
    "runsheet": (
        "clustermeet.cli.runsheet",
        "runsheet",
        (
            "Print the cue sheet: every cue in order with its planned time, who is on, the owner, the crew's "
            "notes and the platform action (open rooms, broadcast the close warning, launch the poll, spotlight), "
            "from the tech check 30 minutes before the start to the end of the show."
        ),
    ),
    "run": (
        "clustermeet.cli.run",
        "run",
        (
            "Run the show: a live console with the countdown of the current segment, what comes next, the "
            "expected end and the drift, close warnings to paste and catch-up advice; keys n, b, space, +, -, c, "
            "q."
        ),
    ),
    "report": (
        "clustermeet.cli.report",
        "report",
        ("Compare planned and actual times from a show log: each segment and each pitch, overruns, total drift."),
    ),
    "import": (
        "clustermeet.cli.importer",
        "import_schedule",
        "Import a frab or pretalx schedule (schedule.xml / schedule.json) as an agenda file.",
    ),
    "export": (
        "clustermeet.cli.export",
        "export_app",
        "Export the agenda for other tools: frab/c3voc schedule.xml and schedule.json.",
    ),
    "vote": (
        "clustermeet.cli.vote",
        "vote",
        "Count the vote from the poll reports and announce the winner.",
    ),
}


class LazyGroup(TyperGroup):
    """A typer group that builds a command from its module on first use."""

    def list_commands(self, ctx: Context) -> list[str]:
        return [*COMMANDS, *(name for name in super().list_commands(ctx) if name not in COMMANDS)]

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command list from the summaries above, as click would write it, without importing a command."""
        rows = [(name, summary) for name, (_module, _attribute, summary) in COMMANDS.items()]
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        with formatter.section("Commands"):
            formatter.write_dl([(name, make_default_short_help(summary, limit)) for name, summary in rows])

    def invoke(self, ctx: Context) -> Any:
        """Run the command; a value click's own types refuse reads like every other option error."""
        args = [*ctx._protected_args, *ctx.args]
        try:
            return super().invoke(ctx)
        except BadParameter as exc:
            if isinstance(exc, MissingParameter) or exc.param is None:
                raise
            param = exc.param
            flags = [opt for opt in param.opts if opt.startswith("--")]
            name = max(flags, key=len) if flags else (param.metavar or (param.name or "").upper())
            problem = exc.message.removeprefix("Value error, ").rstrip(".")
            given = _given(args, list(param.opts))
            if given is not None and repr(given) not in problem:
                problem = f"{given!r} is not valid: {problem[:1].lower()}{problem[1:]}"
            path = exc.ctx.command_path if exc.ctx is not None else "clustermeet"
            fail(ExitCode.USAGE, f"{name}: {problem}", f"see '{path} --help'")

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module_name, attribute, _summary = COMMANDS[cmd_name]
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


def _given(args: list[str], flags: list[str]) -> str | None:
    """The value given on the command line to one of ``flags`` (``--seed x`` or ``--seed=x``), if any."""
    for index, arg in enumerate(args):
        for flag in flags:
            if arg == flag and index + 1 < len(args):
                return args[index + 1]
            if arg.startswith(f"{flag}="):
                return arg.removeprefix(f"{flag}=")
    return None


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
    # We use no Pydantic plugins; looking them up scans every installed package's metadata (~15 ms per start).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _no_plugin_loader()
    try:
        app()
    except BrokenPipeError:  # `clustermeet ... | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.USAGE))
    except KeyboardInterrupt:  # Ctrl-C outside a command's own handling
        say_interrupted()
        sys.exit(INTERRUPTED)
    except SystemExit as exc:  # typer turns a Ctrl-C while it parses or imports a command into a silent exit 130
        if exc.code == INTERRUPTED:
            say_interrupted()
        raise
    except OSError as exc:  # an I/O failure outside our own file writing (a full disk under stdout, say)
        sys.stderr.write(f"error: cannot write output: {exc.strerror or exc}\n")
        sys.exit(int(ExitCode.USAGE))
    except Exception as exc:  # a bug of ours: say so briefly, never a wall of traceback
        if _interrupted(exc):  # a Ctrl-C that Python wrapped (in a class's __set_name__ while importing, say)
            say_interrupted()
            sys.exit(INTERRUPTED)
        if os.environ.get("CLUSTERMEET_DEBUG"):
            raise
        sys.stderr.write(escape_controls(f"internal error: {type(exc).__name__}: {exc}") + "\n")
        sys.stderr.write("hint: this is a bug in clustermeet; run again with CLUSTERMEET_DEBUG=1 and report it\n")
        sys.exit(2)


def _interrupted(exc: BaseException) -> bool:
    """Whether a KeyboardInterrupt is behind ``exc`` (its cause or context, a few links deep)."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


#: The values of PYDANTIC_DISABLE_PLUGINS with which pydantic's ``get_plugins()`` returns no plugin at once.
_ALL_PLUGINS_OFF = ("__all__", "1", "true")


def _no_plugin_loader() -> None:
    """With every plugin disabled, pydantic's ``get_plugins()`` returns ``()`` without looking; but the module it
    lives in, ``pydantic.plugin._loader``, is imported on the first model and imports ``importlib.metadata`` (and
    the ``email`` package) first: about 10 ms of every start, for nothing (bench/startup.py). Where the variable
    disables them all, that module is stood in for by one whose ``get_plugins()`` gives the same ``()``; any other
    value (plugins named one by one) leaves pydantic to look them up. tests/cli/test_startup_imports.py checks
    pydantic's own answer is the same."""
    name = "pydantic.plugin._loader"
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _ALL_PLUGINS_OFF or name in sys.modules:
        return
    loader = types.ModuleType(name, "No pydantic plugins: PYDANTIC_DISABLE_PLUGINS disables them all.")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # tuple() == (): no plugin
    sys.modules[name] = loader


def validate_main() -> None:
    """Entry point of the ``clustermeet-validate`` pre-commit hook: ``clustermeet validate FILES...``."""
    sys.argv = ["clustermeet", "validate", *sys.argv[1:]]
    main()
