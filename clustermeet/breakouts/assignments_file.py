"""I/O: the assignments CSV that ``clustermeet assign`` writes and ``ics``, ``send`` and a later ``assign`` read.

Columns ``email,name,block,room,rank``: one row per participant per breakout block; ``rank`` is empty when the
room was not ranked by the person or was fixed. Documented in docs/participants-format.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from clustermeet.agenda.yamlsource import read_text
from clustermeet.errors import InvalidInputError, Problem

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
    """Parse an assignments CSV; raise ``InvalidInputError`` with ``file:line`` problems."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
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
        if not email or "@" not in email:
            problems.append(Problem(source, line, 0, "error", f"email: {email!r} is not an e-mail address"))
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


def load_assignments(path: Path, display: str | None = None) -> list[Placement]:
    name = display if display is not None else str(path)
    return parse_assignments_csv(read_text(path, name), name)
