"""Schedule Markdown: user text stays text (the one escaper, text.md_text), each item stays one table row."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.schedule.formats import schedule_to_markdown
from tests.markdown_support import HOSTILE, assert_inert, hostile_agenda, rendered

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("title", HOSTILE)
def test_a_hostile_title_renders_as_its_own_text_in_one_row(tmp_path: Path, title: str) -> None:
    loaded = load_agenda(hostile_agenda(tmp_path, title))
    markdown = schedule_to_markdown(loaded.schedule, "en")
    assert_inert(markdown)
    rows = rendered(markdown).rows
    assert len(rows) == 3, rows  # the header and one row per segment: a line break in a title adds none
    segment_cell = rows[1][3]
    assert segment_cell == f"{' '.join(title.split())} (Talk)"
