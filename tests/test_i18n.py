"""Dates, times and words in German and English (Babel / CLDR)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from clustermeet.i18n import (
    _WORDS,
    format_datetime,
    format_day,
    format_day_short,
    format_minutes,
    format_time,
    kind_label,
    utc_offset_label,
    word,
)

MOMENT = dt.datetime(2022, 10, 20, 9, 5, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("language", "day", "short", "time", "stamp", "minutes"),
    [
        ("de", "Donnerstag, 20. Oktober 2022", "Do., 20. Okt.", "09:05", "20.10.2022, 09:05", "1.200 Min."),
        ("en", "Thursday, 20 October 2022", "Thu 20 Oct", "09:05", "20 Oct 2022, 09:05", "1,200 min"),
    ],
)
def test_formats(language: str, day: str, short: str, time: str, stamp: str, minutes: str) -> None:
    assert format_day(MOMENT.date(), language) == day
    assert format_day_short(MOMENT.date(), language) == short
    assert format_time(MOMENT, language) == time
    assert format_datetime(MOMENT, language) == stamp
    assert format_minutes(1200, language) == minutes


def test_time_is_the_moments_own_wall_time() -> None:
    utc = MOMENT.astimezone(dt.UTC)
    assert format_time(utc, "de") == "07:05"
    assert utc_offset_label(MOMENT) == "UTC+02:00"
    assert utc_offset_label(dt.datetime(2022, 1, 1, tzinfo=ZoneInfo("America/St_Johns"))) == "UTC-03:30"


def test_every_word_in_both_languages() -> None:
    for key, entry in _WORDS.items():
        assert set(entry) == {"de", "en"}, key
        assert word(key, "de") and word(key, "en")
    assert word("join", "fr") == "Join"  # unknown languages fall back to English
    assert kind_label("break", "de") == "Pause"
    assert kind_label("unknown-kind", "de") == "unknown-kind"


def test_every_table_has_both_languages_with_the_same_placeholders() -> None:
    """Each capability's table (i18n/*.py, re-exported): every key in German and English, and both fill in the
    same values, so a German line never lacks a number the English one has (or fails to format)."""
    import string

    import clustermeet.i18n as i18n

    tables = {name: table for name, table in vars(i18n).items() if name.endswith("_WORDS")}
    assert {"CLI_WORDS", "SERVE_WORDS", "PARTICIPANT_WORDS", "VOTE_WORDS", "INVITE_WORDS"} <= set(tables)
    for name, table in tables.items():
        for key, entry in table.items():
            assert set(entry) == {"de", "en"}, (name, key)
            fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in entry.items()}
            assert fields["de"] == fields["en"], (name, key, fields)
