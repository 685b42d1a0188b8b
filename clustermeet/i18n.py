"""Words and date formats in the event's language (de or en).

Dates go through Babel's CLDR data so that German reads "Donnerstag, 20. Oktober 2022" and English "Thursday,
20 October 2022". Babel is imported on first use only (slow import: keeps --help and validate fast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from datetime import date, datetime

Language = Literal["de", "en"]

_WORDS: dict[str, dict[str, str]] = {
    "start": {"de": "Beginn", "en": "Start"},
    "end": {"de": "Ende", "en": "End"},
    "segment": {"de": "Programmpunkt", "en": "Segment"},
    "who": {"de": "Mitwirkende", "en": "Who"},
    "room": {"de": "Raum", "en": "Room"},
    "rooms": {"de": "Räume", "en": "Rooms"},
    "plenary": {"de": "Plenum", "en": "Plenary"},
    "all_rooms": {"de": "alle Räume", "en": "all rooms"},
    "facilitator": {"de": "Moderation", "en": "Facilitator"},
    "join": {"de": "Teilnehmen", "en": "Join"},
    "time_zone": {"de": "Zeitzone", "en": "Time zone"},
    "schedule": {"de": "Programm", "en": "Schedule"},
    "breakout": {"de": "Breakout-Session", "en": "Breakout session"},
    "pitch": {"de": "Pitch", "en": "Pitch"},
    "your_room": {"de": "Ihr Raum", "en": "Your room"},
    "minutes": {"de": "Min.", "en": "min"},
}

_KINDS: dict[str, dict[str, str]] = {
    "welcome": {"de": "Begrüßung", "en": "Welcome"},
    "keynote": {"de": "Impulsvortrag", "en": "Keynote"},
    "talk": {"de": "Vortrag", "en": "Talk"},
    "panel": {"de": "Podium", "en": "Panel"},
    "breakout": {"de": "Breakout", "en": "Breakout"},
    "pitches": {"de": "Pitches", "en": "Pitches"},
    "vote": {"de": "Abstimmung", "en": "Vote"},
    "award": {"de": "Preisverleihung", "en": "Award"},
    "break": {"de": "Pause", "en": "Break"},
    "performance": {"de": "Darbietung", "en": "Performance"},
    "closing": {"de": "Abschluss", "en": "Closing"},
    "other": {"de": "Sonstiges", "en": "Other"},
}


def word(key: str, language: str) -> str:
    """A fixed word of the interface in ``language`` (falls back to English)."""
    entry = _WORDS[key]
    return entry.get(language, entry["en"])


def kind_label(kind: str, language: str) -> str:
    entry = _KINDS.get(kind, {"en": kind})
    return entry.get(language, entry["en"])


def format_day(day: date, language: str) -> str:
    """``Donnerstag, 20. Oktober 2022`` / ``Thursday, 20 October 2022``."""
    from babel.dates import format_date  # slow import: keeps --help fast

    return str(format_date(day, format="full", locale=_locale(language)))


def format_time(moment: datetime, language: str) -> str:
    """``14:00`` in both languages (24-hour clock for de and en-GB)."""
    return moment.strftime("%H:%M")


def _locale(language: str) -> str:
    return "de_DE" if language == "de" else "en_GB"
