"""What a Markdown renderer makes of our Markdown: the cells of its tables as text, and any raw HTML or links.

markdown-it-py (CommonMark with GFM tables) comes with rich, so the check runs wherever the tests run.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from pathlib import Path

#: user text that must come back as the same text, never as markup: a Windows path with a pipe, raw HTML, a
#: javascript: link, emphasis, code, and a title over two lines
HOSTILE = (
    "C:\\|x",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "*bold* _it_ `code` ~~gone~~",
    "two\nlines",
)


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rendered(markdown: str) -> _Cells:
    """The rendered page's table rows (cell text) and every tag it has."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser.validateLink = lambda url: True  # as permissive as the plainest renderer: a javascript: link would pass
    html = parser.render(markdown)
    cells = _Cells()
    cells.feed(html)
    return cells


def assert_inert(markdown: str) -> None:
    """No raw HTML, image, link, code or emphasis of the user's came through (our own bold titles may)."""
    tags = set(rendered(markdown).tags) & {"img", "a", "script", "em", "code", "del", "s"}
    assert not tags, f"markup from user text: {sorted(tags)}"


def hostile_agenda(folder: Path, title: str) -> Path:
    """An agenda of two segments in ``folder``, the first titled ``title``."""
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    path = folder / "hostile.yaml"
    path.write_text(
        "event:\n"
        "  title: Sync\n"
        "  date: 2025-06-03\n"
        "  timezone: Europe/London\n"
        "  organiser: {name: Alex Example, email: alex@example.org}\n"
        "  platform: {kind: jitsi, url: https://meet.example.org/sync}\n"
        "segments:\n"
        f'  - {{id: one, title: "{quoted}", kind: talk, start: "09:30", duration: 5m}}\n'
        "  - {id: two, title: Updates, kind: other, duration: 25m}\n",
        encoding="utf-8",
    )
    return path
