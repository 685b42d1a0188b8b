"""Small text helpers every layer shares, one of each: Markdown escaping, did-you-mean, ASCII folding and slugs,
control-character cleaning and escaping, CSV cells and UTC-offset formatting. Pure functions of their arguments;
standard library only."""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import timedelta

# --- Markdown ---------------------------------------------------------------------------------------------------

# Our own text starts every line, so only inline meanings need escaping: emphasis, code, links and images
# (``[``/``]``, so no ``javascript:`` link can form), raw HTML and autolinks (``<``/``>``), strike-through and the
# table pipe. A backslash is escaped first so that ``C:\|x`` stays ``C:\|x`` when rendered.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})


def md_text(text: str) -> str:
    """User text safe inside a Markdown line or table cell: every character with a meaning escaped, one line."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


# --- did you mean -----------------------------------------------------------------------------------------------

#: how alike a suggestion must be (difflib's ratio): close enough to be the same word misspelt
CUTOFF = 0.75


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice ``value`` most likely meant: the same but for case, else the most alike above :data:`CUTOFF`."""
    options = sorted(set(choices))
    by_lower = {option.lower(): option for option in options}
    if value.lower() in by_lower:
        return by_lower[value.lower()]
    found = difflib.get_close_matches(value, options, n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or ``""`` when none is close."""
    close = closest(value, choices)
    return you_mean(close if close != value else None)


def close_matches(value: str, choices: Iterable[str], count: int = 3, cutoff: float = 0.4) -> list[str]:
    """Up to ``count`` choices most like ``value``, best first (for a list of the closest, not a single guess)."""
    return difflib.get_close_matches(value, list(choices), n=count, cutoff=cutoff)


def size_text(size: int) -> str:
    """``10 MiB``, ``512 KiB``, ``300 bytes``."""
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MiB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} bytes"


def you_mean(close: str | None) -> str:
    """The one way a suggestion is written: ``"; did you mean 'x'?"``, or ``""`` for none."""
    return f"; did you mean '{close}'?" if close else ""


# --- ASCII and slugs --------------------------------------------------------------------------------------------

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def fold_ascii(text: str) -> str:
    """Accents dropped, anything without an ASCII form left out: ``Café`` -> ``Cafe``."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def to_ascii(text: str) -> str:
    """German umlauts spelt out, other accents dropped: ``Begrüßung`` -> ``Begruessung``."""
    return fold_ascii(text.translate(_GERMAN))


def slugify(text: str, fallback: str, max_length: int = 48) -> str:
    """An id from any text: lowercase ASCII letters, digits and ``-``; ``fallback`` when nothing is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", to_ascii(text).lower()).strip("-")[:max_length].strip("-")
    return slug or fallback


# --- control characters -----------------------------------------------------------------------------------------


def strip_controls(text: str, *, keep: str = "", replace: str = "") -> str:
    """``text`` without control characters (Unicode category Cc: C0, DEL and C1), except those in ``keep``.

    Each one removed becomes ``replace`` (nothing by default, a space where words must stay apart).
    """
    if text.isprintable():  # the common case, and fast
        return text
    return "".join(c if c in keep or unicodedata.category(c) != "Cc" else replace for c in text)


def one_line(text: str) -> str:
    """``text`` as one line: control characters (line breaks included) become spaces, runs of space one."""
    return " ".join(strip_controls(text, replace=" ").split())


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    """``text`` with every character that is not printable written as an escape (``\\n``, ``\\x00``,
    ``\\u2028``), so a value from a file can never break a message into two lines or forge a second one."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else _ESCAPES.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        for c in text
    )


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# --- CSV cells ---------------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def neutralise_cell(value: str) -> str:
    """Stop a spreadsheet from reading a cell as a formula (OWASP CSV injection): prefix a quote."""
    if value and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def read_cell(value: str) -> str:
    """A cell as :func:`neutralise_cell` wrote it, read back: the quote it put before a formula start taken off
    (a quote before anything else is the cell's own, as a spreadsheet also shows it)."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def csv_text(rows: Iterable[Sequence[str]], *, lineterminator: str = "\r\n") -> str:
    """CSV text of ``rows``, every cell through ``neutralise_cell``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerows([neutralise_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


# --- UTC offsets ------------------------------------------------------------------------------------------------


def format_offset(offset: timedelta | None) -> str:
    """``+02:00``, ``-05:00``, ``+05:45``; no offset counts as ``+00:00``."""
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, fallback: str = "file", max_length: int = 80) -> str:
    """A file name made from user data: ASCII letters, digits, ``._-``; never empty, hidden or a path."""
    ascii_text = fold_ascii(text)
    name = _UNSAFE.sub("-", ascii_text).strip("-.")[:max_length].strip("-.")
    return name or fallback
