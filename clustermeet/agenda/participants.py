"""I/O: read participant lists as organisers really have them: a registration tool's or a form's export, as CSV
(any dialect :mod:`clustermeet.agenda.tables` reads) or an Excel sheet.

The header is mapped to the fields by :mod:`clustermeet.agenda.columns` (the agenda's ``columns:``, a preset, the
German and English aliases); columns nothing reads are named in one warning. Wishes and fixed rooms are resolved
by :mod:`clustermeet.agenda.wishes`. Each cell is checked with plain code by the agenda's own rules (the address
rule of ``normalise_email``, the id and zone checks) rather than one Pydantic model per row, so 100,000 rows take
well under a second; every problem is located at its line and column. Rows repeating an address are merged where
they agree.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.columns import PRESETS, RANKED, ColumnMap, header_key, looks_like_header, map_columns
from clustermeet.agenda.models import Participant, check_zone
from clustermeet.agenda.person_rows import RowReader, participant_of
from clustermeet.agenda.tables import MiB, Row, Table, parse_csv, read_table
from clustermeet.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from clustermeet.agenda.wishes import RoomIndex

#: the largest participant list read (a registration export of a large event with 40 columns runs past 100 MB)
LIMIT = 512 * MiB
#: how far down a report the header row is looked for (Zoom's reports start with title and summary lines)
_HEADER_SEARCH = 30
_NAMES_SHOWN = 20


@dataclass(frozen=True)
class ListOptions:
    """How to read a list: the agenda's ``columns``, ``sheet``, ``encoding`` and ``preset``."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    sheet: str | None = None
    encoding: str | None = None
    preset: str | None = None
    ignore: list[str] | None = field(default_factory=list)
    """Headers not to warn about; None: none of the columns not read."""


@dataclass(frozen=True)
class Reading:
    """How a list file was read: what ``clustermeet participants`` shows."""

    encoding: str
    delimiter: str | None
    sheet: str | None
    header_line: int
    preset: str | None
    mapping: dict[str, list[str]]
    ignored: list[str]
    rows: int
    merged: list[tuple[int, int, str]] = field(default_factory=list)
    """(line, the line it was merged into, e-mail) of each row that repeated an earlier address."""
    by_title: int = 0
    """Wishes and fixed rooms written as a room's title or the start of one, and read as its id."""


@dataclass(frozen=True)
class ParticipantList:
    """Participants with the place each came from (a line of the list, or the index in the agenda's inline list)."""

    participants: list[Participant]
    source: str
    lines: list[int]
    rows: list[Row] = field(default_factory=list)
    """Per participant of a file, its (first) row."""
    table: Table | None = None
    columns: ColumnMap | None = None
    reading: Reading | None = None
    warnings: list[Problem] = field(default_factory=list)
    seating: dict[object, tuple[object, Any]] = field(default_factory=dict, repr=False, compare=False)
    """What the seating checks worked out for this list, by block, with the agenda they ran on
    (:mod:`clustermeet.agenda.seating`): ``validate``'s checks while loading and ``assign``'s are then one pass."""

    def column(self, index: int, name: str) -> int:
        """The column where participant ``index``'s cell ``name`` starts in the CSV file; 0 when unknown. Worked
        out only when a problem needs it: most lists have none, and 100,000 rows are many characters."""
        if self.table is None or self.columns is None or index >= len(self.rows):
            return 0
        cells = self.columns.fields.get(name, ())
        return self.table.column(self.rows[index], cells[0]) if cells else 0


def read_participants(
    path: Path, display: str, rooms: RoomIndex | None, options: ListOptions | None = None
) -> ParticipantList:
    """Read and check the list in ``path``; ``InvalidInputError`` with every problem found."""
    options = options or ListOptions()
    with _collecting_later():
        table = read_table(path, display=display, limit=LIMIT, encoding=options.encoding, sheet=options.sheet)
        return participants_from_table(table, rooms, options)


def parse_participants_csv(
    text: str, display: str, rooms: RoomIndex | None = None, options: ListOptions | None = None
) -> ParticipantList:
    """The list in CSV ``text`` (for tests and callers that hold the text)."""
    return participants_from_table(parse_csv(text.removeprefix("\ufeff"), display), rooms, options or ListOptions())


def participants_from_table(table: Table, rooms: RoomIndex | None, options: ListOptions) -> ParticipantList:
    """The participants of a read table: map the header, check every row, merge repeated addresses."""
    table, columns = _header(table, options)
    with _collecting_later():
        return _people(table, columns, rooms, options)


@contextmanager
def _collecting_later() -> Iterator[None]:
    """The cyclic garbage collector paused while a list is read, and what was read moved out of its sight
    (``gc.freeze``): the rows and people hold no cycles, and its passes over hundreds of thousands of new objects
    took as long as the reading itself. Refcounting still frees them as ever."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def _people(table: Table, columns: ColumnMap, rooms: RoomIndex | None, options: ListOptions) -> ParticipantList:
    reader = RowReader(table, columns, rooms, check_zone)
    problems: list[Problem] = []
    people: list[Participant] = []
    lines: list[int] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    merged: list[tuple[int, int, str]] = []
    for row in table.rows:
        record = reader.read(row)
        if record is None:
            continue
        key = record["email"].casefold()
        first = seen.get(key)
        if first is None:
            seen[key] = len(people)
            people.append(participant_of(record))
            lines.append(row.line)
            rows.append(row)
            continue
        differ = _merge(people, first, record)
        if differ:
            message = f"e-mail {record['email']} appears twice (first on line {lines[first]}) with another {differ}"
            reader.problem(row, columns.fields["email"][0], message)
        else:
            merged.append((row.line, lines[first], record["email"]))
    problems += reader.problems
    if any(p.is_error for p in problems):
        raise InvalidInputError(problems)
    warnings = _warnings(table, columns, merged, options)
    reading = Reading(
        table.encoding, table.delimiter, table.sheet, table.header_line, options.preset, columns.to_dict(),
        [table.header[i] for i in columns.ignored], len(table.rows), merged, reader.by_title,
    )  # fmt: skip
    return ParticipantList(people, table.display, lines, rows, table, columns, reading, warnings)


def _header(table: Table, options: ListOptions) -> tuple[Table, ColumnMap]:
    """The header row and its map: the first row, or (a report with title lines or sections) the first of the rows
    near the top that names every required field, and with a preset the headers that mark its export (Zoom's
    attendee section, not its host section)."""
    columns = map_columns(table.header, options.columns, options.preset)
    marks = {header_key(m) for m in PRESETS[options.preset].marks} if options.preset else set()
    rows = [Row(table.header_line, table.header), *table.rows[:_HEADER_SEARCH]]
    for wanted in (marks, set()) if marks else (set(),):
        for n, row in enumerate(rows):
            candidate = columns if n == 0 else map_columns(row.cells, options.columns, options.preset)
            if not candidate.problems and wanted <= {header_key(cell) for cell in row.cells}:
                if n == 0:
                    return table, columns
                rest = table.rows[n:]
                found = Table(table.display, row.cells, row.line, rest, table.encoding, table.delimiter, table.sheet)
                return found, candidate
    line = table.header_line
    if not columns.fields or not looks_like_header(table.header, columns):
        # not a participants header (a credentials file, say): its content is not for a message, or a CI log
        message = "the first line is not a participants header (expected columns such as Name and E-Mail)"
        raise InvalidInputError([Problem(table.display, line, 0, "error", message)])
    has = f"; the header has {_quoted(list(table.header))}"
    raise InvalidInputError([Problem(table.display, line, 0, "error", m + has) for _, m in columns.problems])


def _merge(people: list[Participant], first: int, record: dict[str, Any]) -> str:
    """Merge ``record`` into the participant ``first`` when they agree (empty cells taken from either); else the
    field in which they differ."""
    person = people[first]
    update: dict[str, Any] = {}
    for name, value in record.items():
        mine = getattr(person, name)
        if not value or value == mine:
            continue
        if not mine:
            update[name] = value
        elif name in RANKED or str(value).casefold() != str(mine).casefold():
            return name
    if update:
        people[first] = person.model_copy(update=update)
    return ""


def _warnings(
    table: Table, columns: ColumnMap, merged: list[tuple[int, int, str]], options: ListOptions
) -> list[Problem]:
    warnings = []
    known = {header_key(name) for name in options.ignore or ()}
    ignored = [table.header[i] for i in columns.ignored if header_key(table.header[i]) not in known]
    if ignored and options.ignore is not None:
        message = f"{len(ignored)} column(s) not read: {_quoted(ignored)}"
        warnings.append(Problem(table.display, table.header_line, 0, "warning", message))
    if merged:
        line, into, email = merged[0]
        more = f" ({len(merged)} rows merged in all)" if len(merged) > 1 else ""
        message = f"e-mail {email} repeats line {into}: the rows are merged{more}"
        warnings.append(Problem(table.display, line, 0, "warning", message))
    return warnings


def _quoted(names: list[str]) -> str:
    shown = [repr(name if len(name) <= 40 else name[:37] + "...") for name in names[:_NAMES_SHOWN]]
    more = f" and {len(names) - _NAMES_SHOWN} more" if len(names) > _NAMES_SHOWN else ""
    return ", ".join(shown) + more
