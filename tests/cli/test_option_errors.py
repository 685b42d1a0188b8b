"""Every bad option value reads the same: `error: --flag: 'value' problem`, a hint, exit code 2."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import AGENDAS

DEMO = str(AGENDAS / "go-cluster-2022.yaml")
STYLE = re.compile(r"error: --[a-z-]+: '[^']*' [^\n]+\n(hint: [^\n]+\n)?\Z")


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["schedule", DEMO, "--tz", "Nowhere"], "error: --tz: 'Nowhere' is not an IANA time zone"),
        (
            ["schedule", DEMO, "--tz", "Europe/Berln"],
            "error: --tz: 'Europe/Berln' is not an IANA time zone; did you mean 'Europe/Berlin'?",
        ),
        (["schedule", DEMO, "--lang", "xx"], "error: --lang: 'xx' is not a language of clustermeet"),
        (["runsheet", DEMO, "--lang", "fr"], "error: --lang: 'fr' is not a language of clustermeet"),
        # an offset is no misspelt zone name: no "did you mean 'UTC'?", which is two hours off
        (["schedule", DEMO, "--tz", "UTC+2"], "error: --tz: 'UTC+2' is not an IANA time zone"),
        # values click's own types refuse read the same
        (
            ["schedule", DEMO, "--format", "pdf"],
            "error: --format: 'pdf' is not one of 'table', 'markdown', 'json', 'csv', 'html'",
        ),
        (
            ["assign", DEMO, "--seed=x"],
            "error: --seed: 'x' is not valid: input should be a valid integer, unable to parse string as an integer",
        ),
        (
            ["run", DEMO, "--speed", "0"],
            "error: --speed: '0' is not valid: input should be greater than or equal to 0.01",
        ),
        (["export", "frab", DEMO, "--format", "yaml"], "error: --format: 'yaml' is not one of 'xml', 'json'"),
    ],
)
def test_one_style_for_every_bad_value(runner: CliRunner, args: list[str], first_line: str) -> None:
    result = runner.invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == first_line
    assert STYLE.fullmatch(result.stderr), result.stderr
    assert result.stdout == ""


def test_language_in_any_case(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schedule", DEMO, "--lang", "EN", "--format", "markdown"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "Time zone: Europe/Berlin" in result.stdout
