"""The agenda page links whole-event feeds only: a personal invite beside it holds an attendee's address."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import ROOT

FEED = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"
INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "ATTENDEE;CN=Ada:mailto:ada@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_page_links_feeds_but_not_personal_invites(tmp_path: Path) -> None:
    (tmp_path / "event.ics").write_text(FEED, encoding="utf-8", newline="")
    (tmp_path / "Ada-1234.ics").write_text(INVITE, encoding="utf-8", newline="")
    (tmp_path / "Ada-1234-cancel.ics").write_text(INVITE.replace("REQUEST", "CANCEL"), encoding="utf-8", newline="")
    result = CliRunner().invoke(
        app,
        [
            "schedule",
            str(ROOT / "agendas" / "minimal.yaml"),
            "--format",
            "html",
            "--output",
            str(tmp_path / "index.html"),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="event.ics"' in page
    assert "Ada-1234" not in page
    assert "ada@example.org" not in page
