"""Read participant lists as organisers really have them: exported from Excel or a registration tool.

Comma or semicolon delimited, UTF-8 with or without BOM, CRLF or LF, stray spaces, header names in any case and
order. Each problem is reported with its line in the CSV file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError

from clustermeet.core.yamlsource import read_text
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.model.agenda import Participant

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = ("name", "email", "organisation", "role", "preferences", "fixed")
REQUIRED = ("name", "email")
_ALIASES = {"organization": "organisation", "e-mail": "email", "mail": "email"}


@dataclass(frozen=True)
class ParticipantList:
    """Participants with the place each came from (CSV line, or index in the agenda's inline list)."""

    participants: list[Participant]
    source: str
    lines: list[int]


def sniff_delimiter(header: str) -> str:
    """Semicolon for German Excel exports, else comma."""
    return ";" if header.count(";") > header.count(",") else ","


def parse_participants_csv(text: str, source: str) -> ParticipantList:
    """Parse participants from CSV text; raise ``InvalidInputError`` listing every bad line."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(source, line, 0, "error", message))

    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInputError([Problem(source, 1, 0, "error", "the file is empty")]) from None
    names = [_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        problem(1, f"unknown column(s) {', '.join(map(repr, unknown))}; expected {', '.join(COLUMNS)}")
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        problem(1, f"missing column(s) {', '.join(missing)}")
    if problems:
        raise InvalidInputError(problems)

    participants: list[Participant] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            problem(line, f"{len(row)} cells but the header has {len(names)} columns")
            continue
        record = {name: cell.strip() for name, cell in zip(names, row, strict=False) if cell.strip()}
        try:
            person = Participant.model_validate(record)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(p) for p in error["loc"]) or "row"
                problem(line, f"{where}: {_clean(error['msg'])}")
            continue
        key = person.email.lower()
        if key in seen:
            problem(line, f"e-mail {person.email} appears twice (first on line {seen[key]})")
            continue
        seen[key] = line
        participants.append(person)
        lines.append(line)
    if problems:
        raise InvalidInputError(problems)
    return ParticipantList(participants, source, lines)


def load_participants_csv(path: Path, display: str) -> ParticipantList:
    return parse_participants_csv(read_text(path, display), display)


def _clean(message: str) -> str:
    return message.removeprefix("Value error, ").replace("Field required", "missing (required)")
