"""I/O: the assignments CSV that ``clustermeet assign`` writes and ``ics``, ``send`` and a later ``assign`` read.

Columns ``email,name,block,room,rank``: one row per participant per breakout block; ``rank`` is empty when the
room was not ranked by the person or was fixed. Documented in docs/participants-format.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from clustermeet.agenda.types import normalise_email
from clustermeet.agenda.yamlsource import read_text
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.text import read_cell

ASSIGNMENT_COLUMNS = ("email", "name", "block", "room", "rank")


@dataclass(frozen=True)
class Placement:
    """One participant in one room of one breakout block."""

    email: str
    name: str
    block: str
    room: str
    rank: int | None = None


def parse_assignments_csv(text: str, source: str) -> list[Placement]:
    """Parse an assignments CSV; raise ``InvalidInputError`` with ``file:line`` problems.

    The file is input like any other: every cell is read back from the formula-neutralised form ``assign`` wrote
    (``'=x`` is ``=x``), an e-mail cell holds one address by the agenda's address rule, and a damaged file (a
    cell beyond the csv module's field limit, a NUL) is a located problem.
    """
    try:
        return _parse(text.removeprefix("\ufeff"), source)
    except csv.Error as exc:  # raised by the reader, which counted the lines so far
        line = exc.args[1] if len(exc.args) > 1 else 0
        problem = Problem(source, line, 0, "error", f"not a readable CSV file ({exc.args[0]})")
        raise InvalidInputError([problem]) from None


class _LineReader:
    """csv.reader over ``text`` that says on which line a failing record started."""

    def __init__(self, text: str) -> None:
        self.reader = csv.reader(io.StringIO(text, newline=""))
        self.line_num = 0  # where the last record started (a quoted cell may span lines: report the first)

    def __iter__(self) -> _LineReader:
        return self

    def __next__(self) -> list[str]:
        start = self.reader.line_num + 1
        try:
            row = next(self.reader)
        except csv.Error as exc:
            raise csv.Error(str(exc), start) from None
        self.line_num = start
        return [read_cell(cell) for cell in row]


def _parse(text: str, source: str) -> list[Placement]:
    reader = _LineReader(text)
    problems: list[Problem] = []
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InvalidInputError([Problem(source, 1, 0, "error", "the file is empty")]) from None
    missing = [c for c in ASSIGNMENT_COLUMNS if c not in header]
    if missing:
        raise InvalidInputError(
            [
                Problem(
                    source,
                    1,
                    0,
                    "error",
                    f"missing column(s) {', '.join(missing)}; expected {','.join(ASSIGNMENT_COLUMNS)}",
                )
            ]
        )
    placements: list[Placement] = []
    seen: set[tuple[str, str]] = set()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        record = {name: cell.strip() for name, cell in zip(header, row, strict=False)}
        email, block, room = record.get("email", ""), record.get("block", ""), record.get("room", "")
        try:
            email = normalise_email(email)
        except ValueError as exc:
            problems.append(Problem(source, line, 0, "error", f"email: {exc}"))
            continue
        if not block or not room:
            problems.append(Problem(source, line, 0, "error", "block and room are required"))
            continue
        rank_text = record.get("rank", "")
        if rank_text and not rank_text.isdigit():
            problems.append(Problem(source, line, 0, "error", f"rank: {rank_text!r} is not a whole number"))
            continue
        key = (email.lower(), block)
        if key in seen:
            problems.append(Problem(source, line, 0, "error", f"{email} is placed twice in block {block!r}"))
            continue
        seen.add(key)
        placements.append(Placement(email, record.get("name", ""), block, room, int(rank_text) if rank_text else None))
    if problems:
        raise InvalidInputError(problems)
    return placements


#: the largest assignments CSV read: one row per person and block, as large as the lists assign reads
LIMIT = 512 * 1024 * 1024


def load_assignments(path: Path, display: str | None = None) -> list[Placement]:
    name = display if display is not None else str(path)
    return parse_assignments_csv(read_text(path, name, LIMIT), name)
