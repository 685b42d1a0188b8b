"""The agenda YAML writer: whatever it writes, our loader reads back to the same data."""

from __future__ import annotations

import random
from typing import Any

import pytest

from clustermeet.agenda.yamlsource import parse_yaml
from clustermeet.interop.agenda_yaml import agenda_to_yaml, scalar

TRICKY = [
    "10:00",
    "2024-01-01",
    "yes",
    "no",
    "null",
    "~",
    "true",
    "1e3",
    "0x10",
    "-5",
    ".inf",
    "- item",
    "a: b",
    "a #b",
    "#comment",
    "'quoted'",
    '"double"',
    "back\\slash",
    "line\nbreak",
    "trailing ",
    " leading",
    "",
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "{flow}",
    "[list]",
    "a, b",
    "tab\there",
    "\u2028sep",
    "\x85nel",
    "emoji 🎉",
    "Begrüßung",
    "CRLF\r\nend",
    "\ufeffbom",
    "multi\nline\n  indented\n\nblank",
    "ends\n",
    "\x07bell",
    "?",
    ":",
    "-",
    "|",
    ">",
    "=",
    "<<",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_read_back(text: str) -> None:
    data = {"value": text, "list": [text], "nested": {"flow": text}, "items": [{"a": text, "b": [text, text]}]}
    assert parse_yaml(agenda_to_yaml(data), "x.yaml").data == data


def test_random_strings_read_back() -> None:
    rng = random.Random(20241127)
    alphabet = "ab :#-'\"\\\n\t{}[],&*!|>%@`?=~.0123456789äß€🎉\u2028\x85\r"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        data: dict[str, Any] = {"segments": [{"id": "x", "title": text, "speakers": [text]}], "t": text}
        assert parse_yaml(agenda_to_yaml(data), "x.yaml").data == data, repr(text)


def test_plain_where_safe_quoted_where_not() -> None:
    assert scalar("Saal 1") == "Saal 1"
    assert scalar("10:00") == '"10:00"'
    assert scalar("2019") == '"2019"'
    assert scalar("true") == '"true"'
    assert scalar(None) == "null"
    assert scalar(3) == "3"


def test_layout_and_comment() -> None:
    text = agenda_to_yaml(
        {"event": {"title": "T", "dates": ["2024-01-01"]}, "segments": [{"id": "a"}, {"id": "b"}]}, "first\nsecond"
    )
    assert text == (
        "# first\n# second\n\nevent:\n  title: T\n  dates: [2024-01-01]\n\nsegments:\n  - {id: a}\n\n  - {id: b}\n"
    )
