"""RFC 5545 content lines: escaping, parameter quoting, value formats and folding at 75 octets.

We write the lines ourselves rather than through icalendar's serialiser: it folds character by character and took
about 60% of the time of 10,000 personal invites (bench/ics.py). The rules are few and tested against four
independent parsers (tests/test_ics_parsers.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

CRLF = "\r\n"
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": None})


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma escaped, newlines as ``\\n``; other control characters dropped."""
    escaped = value.replace("\r\n", "\n").translate(_TEXT_ESCAPES)
    if any(ord(c) < 32 and c != "\t" for c in escaped):
        escaped = "".join(c for c in escaped if ord(c) >= 32 or c == "\t")
    return escaped


def param(value: str) -> str:
    """A parameter value: quoted when it holds ``:;,``; no control characters or double quotes (RFC 5545 has no
    escape for them)."""
    clean = "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in value).replace('"', "'").strip()
    return f'"{clean}"' if any(c in clean for c in ":;, ") else clean


def utc_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_time(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def offset(value: timedelta) -> str:
    """``+0100``, ``+1030``, ``-0330`` (seconds only when there are any)."""
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def duration(value: timedelta) -> str:
    """A DURATION such as ``-PT15M``, ``PT1H30M``, ``-P1D``."""
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")
    if clock:
        text += "T" + clock
    return text if text not in {"P", "-P"} else "PT0S"


def fold(line: str) -> str:
    """Fold one content line at 75 octets without splitting a UTF-8 character; continuation lines start with a
    space (which counts towards their 75)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    if len(data) == len(line):  # ASCII: octets are characters
        parts = [line[:75]] + [line[i : i + 74] for i in range(75, len(line), 74)]
        return "\r\n ".join(parts)
    parts = []
    start = 0
    limit = 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        parts.append(data[start:cut].decode("utf-8"))
        start = cut
        limit = 74
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def content_line(name: str, value: str, params: Iterable[tuple[str, str]] = ()) -> str:
    head = name + "".join(f";{key}={val}" for key, val in params)
    return fold(f"{head}:{value}") + CRLF
