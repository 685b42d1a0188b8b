"""Words and date formats in the event's language (de or en).

Dates and times go through Babel's CLDR data so that German reads "Donnerstag, 20. Oktober 2022", "14:00" and
English "Thursday, 20 October 2022", "14:00" (en-GB: day before month, 24-hour clock, as an international event
expects). Babel is imported on first use only (slow import: keeps --help and validate fast). Unknown languages
fall back to English.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from clustermeet import text
from clustermeet.errors import OptionError, Problem, Severity
from clustermeet.i18n.breakouts import BREAKOUT_WORDS as BREAKOUT_WORDS
from clustermeet.i18n.cli import CLI_WORDS as CLI_WORDS
from clustermeet.i18n.interop import INTEROP_WORDS as INTEROP_WORDS
from clustermeet.i18n.invites import INVITE_WORDS as INVITE_WORDS
from clustermeet.i18n.participants import PARTICIPANT_WORDS as PARTICIPANT_WORDS
from clustermeet.i18n.problems import PROBLEM_WORDS as PROBLEM_WORDS
from clustermeet.i18n.serve import SERVE_WORDS as SERVE_WORDS
from clustermeet.i18n.show import SHOW_WORDS as SHOW_WORDS
from clustermeet.i18n.vote import VOTE_WORDS as VOTE_WORDS

if TYPE_CHECKING:
    from datetime import date, datetime, timedelta

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")


def language_named(value: str) -> Language:
    """``de`` or ``en`` (any case); an :class:`OptionError` for the parameter ``lang`` otherwise."""
    wanted = value.strip().lower()
    for language in LANGUAGES:
        if wanted == language:
            return language
    raise OptionError("lang", value, "is not a language of clustermeet", choices=LANGUAGES)


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
    "add_to_calendar": {"de": "Zum Kalender hinzufügen", "en": "Add to calendar"},
    "skip_to_schedule": {"de": "Zum Programm springen", "en": "Skip to the schedule"},
    "days": {"de": "Tage", "en": "Days"},
    "times_in": {"de": "Alle Zeiten in", "en": "All times in"},
    "your_time": {"de": "Ihre Zeit", "en": "your time"},
    "your_time_zone": {
        "de": "Ihre Zeitzone ist {zone}: Ihre Ortszeit steht jeweils dahinter.",
        "en": "Your time zone is {zone}: your local time follows each time.",
    },
    "made_with": {"de": "Erstellt mit clustermeet", "en": "Made with clustermeet"},
    "no_script_zone": {
        "de": "Zeiten in Ihrer Zeitzone zeigt die Seite mit JavaScript.",
        "en": "With JavaScript, the page also shows the times in your time zone.",
    },
    "meeting_id": {"de": "Meeting-ID", "en": "Meeting ID"},
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

# One table per capability, each in its own file of this package (i18n/show.py, i18n/invites.py, ...) so that
# each keeps its words together; they are re-exported here. Keys are unique within a table.


def lookup(table: dict[str, dict[str, str]], key: str, language: str) -> str:
    """``table[key]`` in ``language``, falling back to English: the lookup of every word table."""
    entry = table[key]
    return entry.get(language, entry["en"])


def problem(
    path: str, line: int, col: int, severity: Severity, key: str, field: str = "", /, **params: object
) -> Problem:
    """A located problem whose message is ``PROBLEM_WORDS[key]`` (English now; another language by
    :func:`problems_in`)."""
    values = tuple((name, str(value)) for name, value in params.items())
    draft = Problem(path, line, col, severity, "", field, key, values)
    return replace(draft, message=problem_message(draft, "en"))


class KeyedValueError(ValueError):
    """A value a model's validator refuses, saying why by a key of ``PROBLEM_WORDS`` and its values; its text is
    the English one, so that Pydantic and every other caller read it as before."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(lookup(PROBLEM_WORDS, key, "en").format(**self.params))


def problem_message(found: Problem, language: str) -> str:
    """The message of ``found`` in ``language``: from its key and values, or its own text where it has no key."""
    if not found.key:
        return found.message
    values = dict(found.params)
    for name in [name for name in values if name.endswith("_word")]:  # a word of the table: {what_word} -> {what}
        values[name.removesuffix("_word")] = lookup(PROBLEM_WORDS, values.pop(name), language)
    chain = values.pop("inner", "").split()  # keys whose text is the next one's {message}, outermost first
    base = values.pop("base", None)  # the innermost {message} where ``message`` holds the English chain's text
    if language != "en" or "message" not in values:  # English keeps the text it was given (the library's own)
        if base is not None:
            values["message"] = base
        for inner in reversed(chain):
            values["message"] = lookup(PROBLEM_WORDS, inner, language).format(**values)
    return lookup(PROBLEM_WORDS, found.key, language).format(**values)


def problems_in(problems: list[Problem], language: str) -> list[Problem]:
    """``problems`` with their messages in ``language`` (English ones are returned as they are, byte for byte)."""
    if language == "en":
        return list(problems)
    return [replace(p, message=problem_message(p, language)) if p.key else p for p in problems]


def word(key: str, language: str) -> str:
    """A fixed word of the interface in ``language`` (falls back to English)."""
    return lookup(_WORDS, key, language)


def kind_label(kind: str, language: str) -> str:
    entry = _KINDS.get(kind, {"en": kind})
    return entry.get(language, entry["en"])


def format_day(day: date, language: str) -> str:
    """``Donnerstag, 20. Oktober 2022`` / ``Thursday, 20 October 2022``."""
    from babel.dates import format_date  # noqa: PLC0415 slow import: Babel, only when a date is written

    return str(format_date(day, format="full", locale=_locale(language)))


def format_time(moment: datetime, language: str) -> str:
    """``14:00`` in both languages (24-hour clock for de and en-GB), as the moment's own wall time."""
    from babel.dates import format_time as babel_time  # noqa: PLC0415 slow import: Babel, only when a date is written

    return str(babel_time(moment, format="short", tzinfo=moment.tzinfo, locale=_locale(language)))


def format_day_short(day: date, language: str) -> str:
    """``Do., 20. Okt.`` / ``Thu 20 Oct``: for navigation and narrow columns."""
    from babel.dates import format_date  # noqa: PLC0415 slow import: Babel, only when a date is written

    pattern = "EEE, d. MMM" if language == "de" else "EEE d MMM"
    return str(format_date(day, format=pattern, locale=_locale(language)))


def format_datetime(moment: datetime, language: str) -> str:
    """``20.10.2022, 14:00`` / ``20 Oct 2022, 14:00`` in the moment's own zone."""
    from babel.dates import format_datetime as babel_datetime  # noqa: PLC0415 slow import: Babel, only when a date is written

    pattern = "dd.MM.yyyy, HH:mm" if language == "de" else "d MMM yyyy, HH:mm"
    return str(babel_datetime(moment, format=pattern, tzinfo=moment.tzinfo, locale=_locale(language)))


def format_minutes(minutes: int, language: str) -> str:
    """``90 Min.`` / ``90 min``."""
    from babel.numbers import format_decimal  # noqa: PLC0415 slow import: Babel, only when a number is written

    return f"{format_decimal(minutes, locale=_locale(language))} {word('minutes', language)}"


def clock_span(value: timedelta, *, sign: bool = False) -> str:
    """``4:05``, ``1:02:03``; with ``sign`` a leading + or - (minus for negative values in any case)."""
    seconds = int(value.total_seconds())
    prefix = "-" if seconds < 0 else ("+" if sign and seconds > 0 else "")
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{prefix}{hours}:{minutes:02d}:{secs:02d}"
    return f"{prefix}{minutes}:{secs:02d}"


def utc_offset_label(moment: datetime) -> str:
    """``UTC+02:00``: the same in both languages."""
    return "UTC" + text.format_offset(moment.utcoffset())


def _locale(language: str) -> str:
    return "de_DE" if language == "de" else "en_GB"
