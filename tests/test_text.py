"""The shared text helpers: one of each job, with the cases each of their former copies got wrong."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clustermeet.text import (
    closest,
    did_you_mean,
    format_offset,
    md_text,
    one_line,
    slugify,
    strip_controls,
    to_ascii,
)
from tests.markdown_support import assert_inert, rendered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C:\\|x", "C:\\\\\\|x"),
        ("a | b", "a \\| b"),
        ("two\nlines\r\nthree", "two lines three"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("Q&A: 3 - 2 = 1.", "Q&A: 3 - 2 = 1."),
    ],
)
def test_md_text(text: str, expected: str) -> None:
    assert md_text(text) == expected


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_md_text_in_a_table_cell_renders_as_the_text_itself(text: str) -> None:
    markdown = f"| a |\n|---|\n| {md_text(text)} |\n"
    assert_inert(markdown)
    cells = rendered(markdown).rows
    assert len(cells) == 2
    # what a reader sees is the text, on one line (markdown-it maps NUL to U+FFFD, as CommonMark asks)
    assert cells[1][0] == " ".join(text.split()).replace("\x00", "\ufffd")


def test_did_you_mean_has_one_cutoff_and_ignores_case() -> None:
    assert closest("durration", ["duration", "title"]) == "duration"
    assert closest("EUROPE/BERLIN", ["Europe/Berlin"]) == "Europe/Berlin"
    assert closest("Europe", ["Europe/Rome", "Europe/Berlin"]) is None  # a prefix is not a misspelling
    assert did_you_mean("titel", ["title"]) == "; did you mean 'title'?"
    assert did_you_mean("title", ["title"]) == ""
    assert did_you_mean("zzz", ["title"]) == ""


def test_slugs_and_ascii() -> None:
    assert to_ascii("Begrüßung à la Café") == "Begruessung a la Cafe"
    assert slugify("Begrüßung & Eröffnung!", "x") == "begruessung-eroeffnung"
    assert slugify("!!!", "fallback") == "fallback"
    assert len(slugify("a" * 100, "x", max_length=10)) == 10


def test_control_characters() -> None:
    assert strip_controls("a\x00b\x1bc\x7fd\x85e\tf\ng") == "abcdefg"
    assert strip_controls("a\tb\nc\x07", keep="\t\n") == "a\tb\nc"
    assert strip_controls("To:\r\nBcc: x", replace=" ") == "To:  Bcc: x"
    assert one_line("  Eve\r\n Bcc: x \x00 ") == "Eve Bcc: x"


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (timedelta(hours=2), "+02:00"),
        (timedelta(hours=-5), "-05:00"),
        (timedelta(hours=5, minutes=45), "+05:45"),
        (timedelta(hours=-9, minutes=-30), "-09:30"),
        (None, "+00:00"),
    ],
)
def test_format_offset(offset: timedelta | None, text: str) -> None:
    assert format_offset(offset) == text
