"""I/O: read one table as organisers' tools export it: CSV in its real-world dialects, or a sheet of an Excel workbook.

CSV: delimiter ``,`` ``;`` tab or ``|`` (sniffed, or Excel's ``sep=;`` first line), any line ends, a BOM or none,
UTF-8, UTF-16 or a legacy code page such as Windows-1252 (told by the BOM, else by strict UTF-8, else detected by
charset-normalizer; or named by the caller). Workbooks (.xlsx, also .xlsm/.ods/.xls, told by their magic bytes)
are read with python-calamine. The file is read bounded (``files.read_bounded``): at most ``limit + 1`` bytes.
Every damaged input is an :class:`InvalidInputError` with its place, and no message repeats the file's content
(it may not be a table at all).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, NamedTuple

from clustermeet.errors import InvalidInputError, Problem
from clustermeet.files import read_bounded
from clustermeet.text import did_you_mean, size_text

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

MiB = 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_SEP_LINE = re.compile(r'"?sep=(.)"?[,;\t|]*\s*', re.IGNORECASE)
#: a workbook is zip-compressed XML; one that unpacks to more than this (or 200 times its size) is refused before
#: the reader unpacks it (a "zip bomb")
_UNPACKED_FACTOR, _UNPACKED_MIN = 200, 64 * MiB
_SNIFF_LINES = 20


class Row(NamedTuple):
    """One record: ``line`` is the 1-based line (CSV) or row (sheet) where it starts; cells stripped of spaces.
    A named tuple: a list of 100,000 people makes 100,000 of them."""

    line: int
    cells: tuple[str, ...]
    text: str | None = None
    """The record as written when it is one CSV line (for the column of a cell); None for sheets or when a quoted
    cell makes it span lines."""


@dataclass(frozen=True)
class Table:
    """A header and the non-blank rows below it, with how the file was read."""

    display: str
    header: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]
    encoding: str
    """A Python codec name (``utf-8``, ``utf-8-sig`` for UTF-8 with BOM, ``utf-16-le``, ``cp1252``) or ``xlsx``."""
    delimiter: str | None
    sheet: str | None

    def column(self, row: Row, cell: int) -> int:
        """The 1-based column where ``row``'s ``cell``-th cell starts in the file; 0 when unknown (sheets, records
        spanning lines). Worked out only when a problem needs it."""
        if row.text is None or self.delimiter is None:
            return 0
        starts = cell_columns(row.text, self.delimiter)
        return starts[cell] if cell < len(starts) else 0

    def where(self, row: Row, cell: int) -> str:
        """A cell's place for a message on a sheet, where there are no columns: ``C7``."""
        return f"{column_letters(cell)}{row.line}"


def read_table(path: Path, *, display: str, limit: int, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Read the table in ``path``: the first non-blank row is the header. ``encoding`` (a codec name) is for CSV
    only, ``sheet`` for workbooks (else the first sheet)."""
    raw = read_bounded(path, limit, display)
    if raw.startswith((_ZIP, _OLE)) or path.suffix.lower() in _WORKBOOK_SUFFIXES:
        if encoding is not None:
            raise _fail(display, 1, 0, "an encoding applies to CSV files only, not to a workbook")
        return read_workbook(raw, display, sheet)
    if sheet is not None:
        raise _fail(display, 1, 0, "a sheet applies to workbooks (.xlsx) only; this is a CSV file")
    text, used = decode(raw, display, encoding)
    return parse_csv(text, display, used)


def known_encoding(name: str) -> str | None:
    """The codec name Python knows ``name`` by (``windows-1252`` -> ``cp1252``); None when it is no text codec."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


# --- CSV -------------------------------------------------------------------------------------------------------


def decode(raw: bytes, display: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``raw`` and the codec it was read with: the named one, else the BOM's, else UTF-8 when the
    bytes are valid UTF-8 (a legacy code page almost never is), else what charset-normalizer finds."""
    if encoding is not None:
        codec = known_encoding(encoding)
        if codec is None:
            raise _fail(display, 1, 0, f"unknown encoding {encoding!r}; for example utf-8, utf-16, windows-1252")
        if codec == "utf-8" and raw.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        return _decode_as(raw, display, codec), codec
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _decode_as(raw[len(bom) :], display, codec), codec
    try:
        return _no_nul(raw.decode("utf-8"), display), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = _detect(raw, display)
    return _decode_as(raw, display, codec), codec


def _detect(raw: bytes, display: str) -> str:
    from charset_normalizer import from_bytes  # noqa: PLC0415 slow import: only for files that are not UTF-8

    best = from_bytes(raw).best()
    if best is None:
        raise _fail(
            display, 1, 0, "cannot tell the file's encoding (not UTF-8 nor a code page); name it with encoding:"
        )
    codec = known_encoding(best.encoding) or best.encoding
    # Excel's "CSV" is saved in the Windows code page of its locale. For Western text the detector may name a
    # neighbour (latin-1, or cp1250 when few letters are accented); Windows-1252 decodes the same letters and more.
    if codec in {"latin_1", "iso8859-15", "cp1250", "iso8859-2", "mac-roman"} and _decodes(raw, "cp1252"):
        return "cp1252"
    return codec


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _decode_as(raw: bytes, display: str, codec: str) -> str:
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1  # in bytes: the line cannot be decoded
        message = f"not valid {codec} (byte 0x{raw[exc.start]:02x}); name the file's encoding"
        raise _fail(display, line, col, message) from None
    return _no_nul(text.removeprefix("\ufeff"), display)


def _no_nul(text: str, display: str) -> str:
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise _fail(display, line, 1, "not a text file (it contains NUL bytes); a CSV file or an .xlsx workbook?")
    return text


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter of a CSV file from its first lines: the candidate the header line holds most often outside
    quotes; where it holds none (a one-column file, or a report with a title line), the lines below decide."""
    for sample in (lines[:1], lines[:_SNIFF_LINES]):
        counts = {d: sum(len(cell_columns(line, d)) - 1 for line in sample) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d])  # ties: the earlier candidate (comma first)
        if counts[best]:
            return best
    return ","


def parse_csv(text: str, display: str, encoding: str = "utf-8") -> Table:
    """Parse CSV text into a table (see :func:`read_table`)."""
    head = text[: 64 * 1024].splitlines()[: _SNIFF_LINES + 1]
    sep = _SEP_LINE.fullmatch(head[0]) if head else None
    delimiter = sep.group(1) if sep else sniff_delimiter(head)
    record_lines: list[str] = []

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            record_lines.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    rows: list[Row] = []
    start, end, last_record = 0, 0, ""
    try:
        for record in reader:
            start, end = end + 1, reader.line_num  # a quoted cell may span lines: the record's first line
            if sep is not None and start == 1:
                continue
            cells = tuple(map(str.strip, record))
            if any(cells):
                rows.append(Row(start, cells, record_lines[-1].rstrip("\r\n") if start == end else None))
            last_record = "".join(record_lines)
            record_lines.clear()
    except csv.Error as exc:
        raise _fail(display, end + 1, 0, _csv_message(exc)) from None
    if '"' in last_record and _unclosed(last_record, delimiter):
        # a quote opened in the last record and never closed swallowed the rest of the file
        raise _fail(display, start, 0, "a quoted cell in this row is never closed")
    if not rows:
        raise _fail(display, 1, 0, "the file is empty (no header row)")
    header, *body = rows
    return Table(display, header.cells, header.line, tuple(body), encoding, delimiter, None)


def _unclosed(record: str, delimiter: str) -> bool:
    try:
        list(csv.reader(io.StringIO(record, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _csv_message(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {csv.field_size_limit():,} characters (an unclosed quote?)"
    return "not readable as CSV"


def cell_columns(line: str, delimiter: str) -> list[int]:
    """The 1-based column where each cell of one CSV line starts, read as the csv module reads it (default dialect,
    not strict): a quote opens quoting only at a cell's start, ``""`` inside quotes is a quote, and after the
    closing quote the rest of the cell is plain text."""
    starts = [1]
    state = "start"  # start of a cell | plain | quoted | quote (a quote seen inside quotes)
    for i, char in enumerate(line):
        if char == delimiter and state != "quoted":
            starts.append(i + 2)
            state = "start"
        elif state == "start":
            state = "quoted" if char == '"' else "plain"
        elif state == "quoted" and char == '"':
            state = "quote"
        elif state == "quote":
            state = "quoted" if char == '"' else "plain"
    return starts


# --- workbooks -------------------------------------------------------------------------------------------------


def read_workbook(raw: bytes, display: str, sheet: str | None = None) -> Table:
    """The table on one sheet of a workbook (the first unless ``sheet`` names one).

    python-calamine (Rust calamine with quick-xml) reads a 10,000-row sheet about ten times faster than
    openpyxl's read-only mode and resolves no XML entities or external references; the unpacked size is checked
    here first, from the zip directory alone."""
    if raw.startswith(_ZIP):
        _check_unpacked(raw, display)
    import python_calamine  # noqa: PLC0415 slow import: only for workbooks, keeps validate of CSV lists fast

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        names = list(book.sheet_names)
        if not names:
            raise _fail(display, 1, 0, "the workbook has no sheets")
        name = names[0] if sheet is None else sheet
        if name not in names:
            raise _fail(display, 1, 0, f"no sheet {sheet!r}{did_you_mean(name, names)}; sheets: {', '.join(names)}")
        values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)  # from A1: rows and columns as named
    except python_calamine.PasswordError:
        raise _fail(display, 1, 0, "the workbook is protected by a password; save it without one") from None
    except python_calamine.CalamineError:
        raise _fail(display, 1, 0, "not a readable workbook (.xlsx); save it again as .xlsx or CSV") from None
    rows = []
    for index, values_row in enumerate(values):
        cells = tuple(value.strip() if type(value) is str else _cell_text(value) for value in values_row)
        if any(cells):
            rows.append(Row(index + 1, cells))
    if not rows:
        raise _fail(display, 1, 0, f"sheet {name!r} is empty (no header row)")
    header, *body = rows
    return Table(display, header.cells, header.line, tuple(body), "xlsx", None, name)


def _check_unpacked(raw: bytes, display: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _fail(display, 1, 0, "not a readable workbook (a damaged zip file); save it again") from None
    if unpacked > max(_UNPACKED_MIN, _UNPACKED_FACTOR * len(raw)):
        raise _fail(display, 1, 0, f"the workbook unpacks to {size_text(unpacked)}, far more than a table needs")


def _cell_text(value: object) -> str:
    """A sheet cell as the text a CSV export of it would hold: whole numbers without ``.0``, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def column_letters(cell: int) -> str:
    """A 0-based column index as a spreadsheet names it: 0 -> A, 26 -> AA."""
    letters = ""
    cell += 1
    while cell:
        cell, rest = divmod(cell - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _fail(display: str, line: int, col: int, message: str) -> InvalidInputError:
    return InvalidInputError([Problem(display, line, col, "error", message)])
