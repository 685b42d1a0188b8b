"""--lang overrides the event's language in everything an attendee or organiser reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import ROOT

DEMO = str(ROOT / "agendas" / "go-cluster-2022.yaml")  # German
SUMMIT = str(ROOT / "agendas" / "open-transform-2023.yaml")  # English, with a mixing block
runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "german", "english"),
    [
        (["runsheet", DEMO], "Technik-Check", "Tech check"),
        (["schedule", DEMO, "-f", "markdown"], "Donnerstag, 20. Oktober 2022", "Thursday, 20 October 2022"),
        (["run", DEMO, "--plain", "--speed", "100000"], "WARNUNG", "WARNING"),
        (["schedule", SUMMIT, "-f", "json"], "Gruppe 1", "Group 1"),
    ],
)
def test_lang_switches_the_words(args: list[str], german: str, english: str) -> None:
    for lang, wanted, unwanted in (("de", german, english), ("en", english, german)):
        result = runner.invoke(app, [*args, "--lang", lang])
        assert result.exit_code == 0, result.output
        assert wanted in result.stdout
        assert unwanted not in result.stdout


def test_ics_in_english_for_a_german_event(tmp_path: Path) -> None:
    feed = tmp_path / "feed.ics"
    result = runner.invoke(app, ["ics", DEMO, "-o", str(feed), "--lang", "en", "--state", str(tmp_path / "s.json")])
    assert result.exit_code == 0, result.output
    text = feed.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Keynote" in text
    assert "Impulsvortrag\\n" not in text
