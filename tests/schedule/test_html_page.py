"""The agenda page as text: self-contained, accessible structure, escaping, calendar links, languages, golden."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.agenda.loading import load_agenda
from clustermeet.cli import app
from clustermeet.schedule.page import schedule_to_html
from tests.conftest import FIXTURES, ROOT
from tests.conftest import GOLDEN as GOLDEN_ROOT

SUMMIT = FIXTURES / "frab" / "summit.yaml"
GOLDEN = GOLDEN_ROOT / "html"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def page(language: str | None = None, calendars: list[str] | None = None) -> str:
    return schedule_to_html(load_agenda(SUMMIT).schedule, language, calendars)


def test_self_contained_nothing_to_fetch() -> None:
    tags = _tags(page())
    for tag, attrs in tags:
        assert tag not in {"img", "iframe", "link", "object", "embed"}, tag
        assert "src" not in attrs, (tag, attrs)
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_accessible_structure() -> None:
    text = page()
    tags = _tags(text)
    names = [t for t, _ in tags]
    assert tags[0] == ("html", {"lang": "de", "data-zone": "Europe/Berlin", "data-your-time": "Ihre Zeit"})
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in names
    assert names.count("h1") == 1
    assert names.count("h2") == 2  # one per day
    assert next(a for t, a in tags if t == "a")["href"] == "#main"  # skip link first


def test_parallel_tracks_are_grid_columns_and_plenary_spans_them() -> None:
    tags = _tags(page())
    articles = {a["id"]: a["style"] for t, a in tags if t == "article"}
    assert articles["item-talk-a"] is not None and "grid-column: 1;" in articles["item-talk-a"]
    assert articles["item-lab-a"] is not None and "grid-column: 2;" in articles["item-lab-a"]
    assert articles["item-welcome"] is not None and "grid-column: 1 / -1" in articles["item-welcome"]
    # same start: the same first grid row
    row = re.compile(r"grid-row: (\d+) /")
    assert row.search(articles["item-talk-a"] or "")[1] == row.search(articles["item-lab-a"] or "")[1]  # type: ignore[index]


def test_escaping_people_and_join_links() -> None:
    text = page()
    assert "Compilers &amp; &quot;quotes&quot;" in text
    assert "&lt;Test&gt;" in text and "<Test>" not in text
    assert 'Grace Hopper <span class="muted">(Navy &amp; Co)</span>' in text
    assert 'href="https://meet.example.org/b/main"' in text
    assert 'href="https://meet.example.org/b/r2"' in text  # a breakout room's own link


def test_languages() -> None:
    german, english = page(), page("en")
    assert "Dienstag, 14. Mai 2024" in german and "Alle Zeiten in Europe/Berlin (UTC+02:00)" in german
    assert "Tuesday, 14 May 2024" in english and "All times in Europe/Berlin" in english
    assert '<html lang="en"' in english
    assert "Teilnehmen" in german and ">Join" in english


def test_calendar_links_are_quoted() -> None:
    text = page(calendars=["summit 2024.ics"])
    assert '<a href="summit%202024.ics" download>summit 2024.ics</a>' in text
    assert "Zum Kalender hinzufügen" in text
    assert "Zum Kalender" not in page()


def test_golden() -> None:
    text = page(calendars=["summit-2024.ics"])
    golden = GOLDEN / "summit.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "run UPDATE_GOLDEN=1 pytest tests/schedule/test_html_page.py"


def test_cli_writes_the_page_and_links_calendars(tmp_path: Path) -> None:
    feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
    (tmp_path / "summit-2024.ics").write_text(feed, encoding="utf-8")
    target = tmp_path / "index.html"
    runner = CliRunner()
    result = runner.invoke(app, ["schedule", str(SUMMIT), "--format", "html", "--output", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert '<a href="summit-2024.ics" download>' in text and '<html lang="en"' in text
    again = runner.invoke(app, ["schedule", str(SUMMIT), "--format", "html", "--output", str(target)])
    assert again.exit_code == 2


@pytest.mark.parametrize("agenda", sorted((ROOT / "agendas").glob("*.yaml")), ids=lambda p: p.name)
def test_example_agendas_render(agenda: Path) -> None:
    text = schedule_to_html(load_agenda(agenda).schedule)
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
