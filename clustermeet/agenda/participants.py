"""I/O: read participant lists as organisers really have them: exported from Excel or a registration tool.

Comma or semicolon delimited, UTF-8 with or without BOM, CRLF or LF, stray spaces, header names in any case and
order. Each problem is reported with its line in the CSV file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import ValidationError

from clustermeet.agenda.models import Participant
from clustermeet.agenda.yamlsource import read_text
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.i18n import word

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = ("name", "email", "organisation", "role", "preferences", "fixed", "timezone")
REQUIRED = ("name", "email")
_ALIASES = {"organization": "organisation", "e-mail": "email", "mail": "email"}
_ALIASES[word("time_zone", "de").lower()] = "timezone"  # the German header: the interface's word, "Zeitzone"
#: what a column name of a real header looks like (words of letters), as opposed to a line of some other file: no
#: digit, underscore, colon or slash, so a token, a URL or a key of a credentials file is never echoed
_HEADER_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .()-]){0,39}")


@dataclass(frozen=True)
class ParticipantList:
    """Participants with the place each came from (CSV line, or index in the agenda's inline list)."""

    participants: list[Participant]
    source: str
    lines: list[int]
    records: list[str | None] = field(default_factory=list)
    """Per participant of a CSV file, its line as written (None when a quoted cell makes it span lines)."""
    header: list[str] = field(default_factory=list)
    delimiter: str = ","

    def column(self, index: int, name: str) -> int:
        """The column where participant ``index``'s cell ``name`` starts in the CSV file; 0 when unknown. Worked
        out only when a problem needs it: most lists have none, and 100,000 rows are many characters."""
        record = self.records[index] if index < len(self.records) else None
        if record is None or name not in self.header:
            return 0
        return cell_start(record, self.delimiter, self.header.index(name))


def sniff_delimiter(header: str) -> str:
    """Semicolon for German Excel exports, else comma."""
    return ";" if header.count(";") > header.count(",") else ","


def parse_participants_csv(text: str, source: str) -> ParticipantList:
    """Parse participants from CSV text; raise ``InvalidInputError`` listing every bad line."""
    text = text.removeprefix("\ufeff")
    physical = [line.rstrip("\r\n") for line in io.StringIO(text, newline="")]  # as csv counts lines: \r too
    delimiter = sniff_delimiter(physical[0] if physical else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []

    def written(line: int) -> str | None:
        """The record that starts on ``line`` as written, if it is that one line (a quoted cell may span lines)."""
        return physical[line - 1] if line == reader.line_num and line <= len(physical) else None

    def problem(line: int, message: str, cell: int | None = None) -> None:
        """A problem on ``line``, at the start of its ``cell``-th cell when that is known."""
        text = written(line) if cell is not None else None
        col = cell_start(text, delimiter, cell) if text is not None and cell is not None else 0
        problems.append(Problem(source, line, col, "error", message))

    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInputError([Problem(source, 1, 0, "error", "the file is empty")]) from None
    names = [_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    unknown = [n for n in names if n not in COLUMNS]
    if len(unknown) == len(names) and not all(_HEADER_WORD.fullmatch(name) for name in names):
        # not a header at all (a credentials file, say): its content is not for a message, or a CI log
        message = f"the first line is not a participants header (expected the columns {', '.join(COLUMNS)})"
        raise InvalidInputError([Problem(source, 1, 0, "error", message)])
    if unknown:
        first_unknown = next(i for i, n in enumerate(names) if n not in COLUMNS)
        problem(1, f"unknown column(s) {', '.join(map(repr, unknown))}; expected {', '.join(COLUMNS)}", first_unknown)
    for i, name in enumerate(names):
        if name in COLUMNS and name in names[:i]:
            problem(
                1, f"column {name!r} appears twice ({header[names.index(name)].strip()!r} and {header[i].strip()!r})", i
            )
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        problem(1, f"missing column(s) {', '.join(missing)}")
    if problems:
        raise InvalidInputError(problems)

    participants: list[Participant] = []
    lines: list[int] = []
    records: list[str | None] = []
    seen: dict[str, int] = {}
    previous_end = reader.line_num
    for row in reader:
        line, previous_end = previous_end + 1, reader.line_num  # a quoted cell may span lines: report the first
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            problem(line, f"{len(row)} cells but the header has {len(names)} columns", len(names))
            continue
        record = {name: cell.strip() for name, cell in zip(names, row, strict=False) if cell.strip()}
        try:
            person = Participant.model_validate(record)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(p) for p in error["loc"]) or "row"
                field = str(error["loc"][0]) if error["loc"] else ""
                problem(line, f"{where}: {_clean(error['msg'])}", names.index(field) if field in names else None)
            continue
        key = person.email.lower()
        if key in seen:
            problem(line, f"e-mail {person.email} appears twice (first on line {seen[key]})", names.index("email"))
            continue
        seen[key] = line
        participants.append(person)
        lines.append(line)
        records.append(written(line))
    if problems:
        raise InvalidInputError(problems)
    return ParticipantList(participants, source, lines, records, names, delimiter)


def cell_start(line: str, delimiter: str, cell: int) -> int:
    """The column where the ``cell``-th cell of a CSV line starts; 0 when the line has fewer cells."""
    starts = cell_columns(line, delimiter)
    return starts[cell] if cell < len(starts) else 0


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


def load_participants_csv(path: Path, display: str) -> ParticipantList:
    text = read_text(path, display)
    try:
        return parse_participants_csv(text, display)
    except csv.Error as exc:  # a cell beyond the csv module's field limit: located at the first line that long
        limit = csv.field_size_limit()
        line = next((n for n, row in enumerate(text.splitlines(), 1) if len(row) > limit), 0)
        problem = Problem(display, line, 0, "error", f"not a readable CSV file ({exc})")
        raise InvalidInputError([problem]) from None


def _clean(message: str) -> str:
    return message.removeprefix("Value error, ").replace("Field required", "missing (required)")
