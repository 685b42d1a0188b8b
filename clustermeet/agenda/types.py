"""Small value types shared by the models: durations, local start times, ids, URLs, e-mail addresses."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import timedelta, timezone
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema

from clustermeet.i18n import KeyedValueError

_DURATION = re.compile(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*(?:m|min))?\s*(?:(\d+)\s*s)?\s*\Z")
_CLOCK_DURATION = re.compile(r"(\d+):([0-5]\d)(?::([0-5]\d))?\Z")


MAX_DURATION = timedelta(days=7)
"""Longer than any one item of an event; the bound keeps date arithmetic (and the run loop) in range."""


def parse_duration(value: Any) -> timedelta:
    """``15`` (minutes), ``"15m"``, ``"15min"``, ``"1h30m"``, ``"90s"``, ``"1:30"`` (h:mm) -> timedelta."""
    if isinstance(value, timedelta):
        return value
    try:
        result = _parse_duration(value)
    except OverflowError:  # timedelta(minutes=10**18): far beyond MAX_DURATION
        result = None
    if result is None or abs(result) > MAX_DURATION:
        raise KeyedValueError("value.duration_range", value=repr(value))
    return result


def _parse_duration(value: Any) -> timedelta:
    if isinstance(value, bool):
        raise KeyedValueError("value.duration_bool")
    if isinstance(value, int):
        return timedelta(minutes=value)
    if isinstance(value, float) and value.is_integer():
        return timedelta(minutes=int(value))
    if isinstance(value, str):
        text = value.strip().lower()
        clock = _CLOCK_DURATION.match(text)
        if clock:
            hours, minutes, seconds = clock.groups()
            return timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
        match = _DURATION.match(text)
        if match and any(match.groups()):
            hours, minutes, seconds = (int(g or 0) for g in match.groups())
            return timedelta(hours=hours, minutes=minutes, seconds=seconds)
    raise KeyedValueError("value.not_duration", value=repr(value))


def format_duration(value: timedelta) -> str:
    """The inverse of :func:`parse_duration`: ``1h30m``, ``45m``, ``3m30s``."""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{seconds}s" if seconds else ""]
    return "".join(parts) or "0m"


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise KeyedValueError("value.not_positive")
    return value


def _non_negative(value: timedelta) -> timedelta:
    if value < timedelta(0):
        raise KeyedValueError("value.negative")
    return value


_DURATION_SCHEMA = WithJsonSchema(
    {
        "anyOf": [
            {"type": "integer", "minimum": 0, "description": "minutes"},
            {
                "type": "string",
                "pattern": r"^\s*((\d+\s*h)?\s*(\d+\s*(m|min))?\s*(\d+\s*s)?|\d+:[0-5]\d(:[0-5]\d)?)\s*$",
            },
        ],
        "description": "A duration: minutes as a number (15), or text such as 15m, 1h30m, 90s, 1:30.",
    }
)
_DURATION_SERIALIZER = PlainSerializer(format_duration, return_type=str)

Duration = Annotated[
    timedelta, BeforeValidator(parse_duration), AfterValidator(_positive), _DURATION_SCHEMA, _DURATION_SERIALIZER
]
"""A positive duration."""

Gap = Annotated[
    timedelta, BeforeValidator(parse_duration), AfterValidator(_non_negative), _DURATION_SCHEMA, _DURATION_SERIALIZER
]
"""A duration that may be zero (a changeover, a reminder)."""


@dataclass(frozen=True)
class LocalStart:
    """A fixed start as written: a wall-clock time, optionally with its date and a UTC offset."""

    time: dt.time
    date: dt.date | None = None
    offset: timedelta | None = None

    def __str__(self) -> str:
        text = self.time.strftime("%H:%M:%S" if self.time.second else "%H:%M")
        if self.date is not None:
            text = f"{self.date.isoformat()} {text}"
        if self.offset is not None:
            text += dt.datetime(2000, 1, 1, tzinfo=timezone(self.offset)).strftime("%z")
        return text


FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Event days lie in these years: far enough apart for any real event, close enough that a day plus its
durations and time zone offsets stays inside what ``datetime`` can hold (years 1 to 9999)."""


def check_year(day: dt.date) -> dt.date:
    """A date of the event: refuse years outside ``FIRST_YEAR``..``LAST_YEAR`` (typos such as 0202 or 9999)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise KeyedValueError("value.implausible_year", day=day.isoformat(), first=FIRST_YEAR, last=LAST_YEAR)
    return day


_OTHER_DATE = re.compile(r"\s*(\d{1,2})([./])(\d{1,2})\2(\d{4})\s*\Z")


def other_date_notation(value: Any) -> Any:
    """A date written the German way (``18.03.2027``) or the US way (``03/18/2027``): say the form to write."""
    if not isinstance(value, str):
        return value
    match = _OTHER_DATE.match(value)
    if match is None:
        if value.strip() and not re.match(r"\s*\d{4}-\d{2}-\d{2}", value):
            raise KeyedValueError("value.not_date", value=repr(value))
        return value
    first, separator, second, year = int(match[1]), match[2], int(match[3]), match[4]
    day, month = (first, second) if separator == "." or first > 12 else (second, first)
    both = separator == "/" and first <= 12 and second <= 12 and first != second  # 03/04: which is the month?
    try:
        iso = dt.date(int(year), month, day).isoformat()
    except ValueError:
        raise KeyedValueError("value.not_date", value=repr(value)) from None
    if both:
        other = dt.date(int(year), day, month).isoformat()
        raise KeyedValueError("value.date_either", value=repr(value), iso=iso, other=other)
    raise KeyedValueError("value.date_here", value=repr(value), iso=iso)


EventDate = Annotated[dt.date, BeforeValidator(other_date_notation), AfterValidator(check_year)]
"""A day of the event."""


_START = re.compile(
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})[T ])?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?\Z"
)


def parse_start(value: Any) -> LocalStart:
    """``"09:30"``, ``"2023-03-26 09:30"``, ``"2023-10-29T02:30+01:00"`` -> LocalStart."""
    if isinstance(value, LocalStart):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole, _, fraction = f"{value}".partition(".")  # YAML read 9.30 as the number 9.3
        written = f"'{int(whole):02d}:{(fraction + '00')[:2]}'" if fraction and 0 <= value < 24 else "'09:30'"
        raise KeyedValueError("value.start_number", value=value, written=written)
    if not isinstance(value, str):
        raise KeyedValueError("value.start_type")
    match = _START.match(value.strip())
    dotted = re.fullmatch(r"\s*(\d{1,2})[.h](\d{2})\s*h?\s*", value, re.IGNORECASE)
    if not match and dotted:
        raise KeyedValueError("value.start_dotted", value=repr(value), written=f"{int(dotted[1]):02d}:{dotted[2]}")
    if not match:
        raise KeyedValueError("value.not_start", value=repr(value))
    try:
        parts = [int(p) for p in match["time"].split(":")]
        clock = dt.time(parts[0], parts[1], parts[2] if len(parts) > 2 else 0)
        day = dt.date.fromisoformat(match["date"]) if match["date"] else None
    except ValueError as exc:
        raise KeyedValueError("value.bad_clock", value=repr(value), reason=exc) from None
    offset = None
    if match["offset"]:
        raw = match["offset"]
        if raw == "Z":
            offset = timedelta(0)
        else:
            sign = -1 if raw[0] == "-" else 1
            digits = raw[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:])
            if hours > 23 or minutes > 59:  # a UTC offset is less than a day
                raise KeyedValueError("value.bad_offset", value=repr(value))
            offset = sign * timedelta(hours=hours, minutes=minutes)
    if day is not None:
        check_year(day)
    return LocalStart(clock, day, offset)


Start = Annotated[
    LocalStart,
    BeforeValidator(parse_start),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d{4}-\d{2}-\d{2}[T ])?\d{1,2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$",
            "description": "A fixed start: HH:MM on the current day, or YYYY-MM-DD HH:MM; an offset "
            "(+01:00) picks one of two equal wall times at a DST change.",
        }
    ),
]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def valid_id(value: str) -> bool:
    """Whether ``value`` is an id: letters, digits, ``-``, ``_`` or ``.``, starting with a letter or digit."""
    return bool(_ID.match(value))


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise KeyedValueError("value.bad_id", value=repr(value))
    return value


Id = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"}),
]

# The one address rule (agenda, participants, the assignments CSV, --from) is email-validator's: RFC 5321/5322
# syntax, RFC 6531 internationalised addresses, IDNA 2008 domains (https://github.com/JoshData/python-email-validator).
# Importing it costs ~15 ms (it compiles its grammar), so a plain ASCII address of the common shape, which the
# library accepts as it is (tests/agenda/test_addresses.py checks the two agree), is passed without it; any other
# goes to the library. A non-ASCII address is kept as written; smtp_address() gives its form for the SMTP envelope.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_EMAIL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}\Z")
_SPECIAL_USE = ("arpa", "invalid", "local", "localhost", "onion", "test")  # RFC 6761 names the library refuses


def _plain(text: str) -> bool:
    local, _, domain = text.rpartition("@")
    return (
        bool(_PLAIN_EMAIL.match(text))
        and len(local) <= 64
        and len(text) <= 254
        and "--" not in domain  # xn-- labels (and a-- look-alikes) are for the library to judge
        and domain.rsplit(".", 1)[-1].lower() not in _SPECIAL_USE
    )


def normalise_email(value: str) -> str:
    """Check one e-mail address and strip stray spaces; keeps the case (comparisons are case-insensitive).

    One address only: a list (``a@x.org, b@x.org``), a display name, a control character (a NUL, a line break)
    or anything else the address rule refuses is a ``ValueError`` that says why.
    """
    text = value.strip()
    if _plain(text):
        return text
    from email_validator import (  # noqa: PLC0415 slow import: only for addresses beyond the plain ASCII shape
        EmailNotValidError,
        validate_email,
    )

    try:
        validate_email(text, check_deliverability=False, strict=True)  # strict: RFC 5321 lengths too
    except EmailNotValidError as exc:
        reason = str(exc).rstrip(".")
        raise ValueError(
            f"{one_line_repr(value)} is not an e-mail address ({reason[:1].lower()}{reason[1:]})"
        ) from None
    return text


def smtp_address(value: str) -> tuple[str, bool]:
    """An address as the SMTP envelope and headers carry it: the domain IDNA-encoded (``xn--``) and, where the
    local part is ASCII, all ASCII; with True when it needs SMTPUTF8 (a non-ASCII local part, RFC 6531)."""
    if value.isascii():
        return value, False
    from email_validator import validate_email  # noqa: PLC0415 slow import: only for internationalised addresses

    checked = validate_email(value, check_deliverability=False)
    if checked.ascii_email is not None:
        return checked.ascii_email, False
    return f"{checked.local_part}@{checked.ascii_domain}", True


def one_line_repr(value: str) -> str:
    """``repr`` of a value, cut to 80 characters: every control character escaped, so a message stays one line."""
    text = repr(value)
    return text if len(text) <= 82 else text[:78] + "...'"


Email = Annotated[
    str,
    AfterValidator(normalise_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]


_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z")


def _check_url(value: str) -> str:
    """A whole web address: http(s), a host, and no space, line break or control character anywhere."""
    text = value.strip()
    if not re.match(r"https?://[^\s/?#]", text):
        raise KeyedValueError("value.url_scheme", value=one_line_repr(value))
    if not _URL.match(text) or not text.isprintable():
        raise KeyedValueError("value.url_space", value=one_line_repr(value))
    return text


Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri"})]
