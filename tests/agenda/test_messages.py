"""Messages that say what to write (issue 12, item 5): other date and time notations, one error for one cause."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clustermeet.agenda.validation import validate_paths
from tests.conftest import AGENDAS

if TYPE_CHECKING:
    from pathlib import Path

DEMO = (AGENDAS / "go-cluster-2022.yaml").read_text(encoding="utf-8")


def _lines(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in DEMO
    path = tmp_path / "agenda.yaml"
    english = DEMO.replace("  language: de\n", "  language: en\n", 1)  # these are the English texts
    path.write_text(english.replace(old, new, 1), encoding="utf-8")
    for csv_file in AGENDAS.glob("*.csv"):
        (tmp_path / csv_file.name).write_bytes(csv_file.read_bytes())
    return [p.text().split(": ", 1)[1] for p in validate_paths([path]).problems]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # on main: "Input should be a valid date or datetime, invalid character in year"
        ("18.03.2027", "error: event.date: '18.03.2027': write the date as YYYY-MM-DD, here 2027-03-18"),
        ('"03/18/2027"', "error: event.date: '03/18/2027': write the date as YYYY-MM-DD, here 2027-03-18"),
        (
            '"03/04/2027"',
            "error: event.date: '03/04/2027': write the date as YYYY-MM-DD, 2027-03-04 (month first) or "
            "2027-04-03 (day first)",
        ),
        ("next friday", "error: event.date: 'next friday' is not a date; write it as YYYY-MM-DD, for example"),
    ],
)
def test_a_date_in_another_notation_says_the_form_to_write(tmp_path: Path, written: str, message: str) -> None:
    [line] = _lines(tmp_path, "date: 2022-10-20", f"date: {written}")
    assert line.startswith(message), line


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("9.30", "9.3 is a number, not a time; write the time in quotes as HH:MM, for example '09:30'"),
        ('"9.30"', "'9.30' is not a start time; write HH:MM, here '09:30'"),
        ('"9h30"', "'9h30' is not a start time; write HH:MM, here '09:30'"),
    ],
)
def test_a_time_in_another_notation_says_the_form_to_write(tmp_path: Path, written: str, message: str) -> None:
    [line] = _lines(tmp_path, 'start: "10:00"', f"start: {written}")
    assert line == f"error: segments[0].start: {message}"


def test_one_missing_first_start_is_one_error(tmp_path: Path) -> None:
    """On main the missing start of the first segment gave four errors, one per segment up to the next start."""
    lines = _lines(tmp_path, '    start: "10:00"\n', "")
    assert lines == ["error: segments[0]: the first segment needs a start time (start: '09:00')"]
