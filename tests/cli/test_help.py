"""`clustermeet --help` lists every command from cli.COMMANDS without importing one; the summaries are the commands'."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer._click.utils import make_default_short_help

from clustermeet.cli import COMMANDS, LazyGroup, app


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("limit", [45, 74, 300])
def test_summary_is_the_commands_own_short_help(name: str, limit: int) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    command = group.get_command(typer.Context(group), name)
    assert command is not None
    assert make_default_short_help(COMMANDS[name][2], limit) == command.get_short_help_str(limit)


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys, json, contextlib, io\n"
        "from clustermeet.cli import app\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    app(['--help'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('clustermeet'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert not loaded & {module for module, _attribute, _summary in COMMANDS.values()}
    assert not any(name.startswith("clustermeet.agenda") for name in loaded), loaded
