"""Ballots as the poll tools export them: Zoom meeting poll reports, Microsoft Forms, Google Forms, a plain CSV.

Pure: a table (rows of cells with their line numbers) in, :class:`RawBallot` records out. Which tool wrote the
table is told by its first rows. The layouts, and where each is documented or inferred, are in docs/vote.md:

- **Zoom, before 2021-09-20**: the header ``#,User Name,User Email,Submitted Date/Time,`` with no question; each
  row then holds question and answer pairs from its fifth cell (nbruin/pollscore, nebosuker/zoom_poll_visualizer).
- **Zoom, later**: a first line ``Poll Report``, some lines about the meeting, then one sub-table per question,
  each with the header ``#,User Name,User Email,Submitted Date/Time,<question>`` (same sources). Zoom adds a
  trailing empty cell; several answers of one person share a cell, split on ``;``.
- **Microsoft Forms**: ``ID,Start time,Completion time,Email,Name`` then one column per question; a ranking
  question is one cell, the options best first, joined by ``;`` (EthanShoe/RankedChoiceVotingTabulator).
- **Google Forms** (as a Sheets CSV): ``Timestamp,Email Address,...``; a choice question is one column, a
  multiple-choice grid one column per row named ``<question> [<row>]`` holding the rank (hansioux/gform-rankvote).
- **Plain CSV**: ``email`` (and optionally ``name`` and ``submitted``), then ``choice`` (several joined by ``;``)
  or ranked columns ``1``, ``2``, ... (also ``rank 1``, ``choice 1``), best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from clustermeet.agenda.tables import Row
from clustermeet.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clustermeet.agenda.tables import Table

ZOOM_HEAD = ("#", "user name", "user email", "submitted date/time")
ZOOM_2022_HEAD = ("id", "user name", "user email", "submitted date/time")
FORMS_HEAD = ("id", "start time", "completion time", "email", "name")
GOOGLE_HEAD = ("timestamp",)
#: date and time as the tools write them (Zoom has used both month-first forms; Google and Forms follow the
#: locale of the account: US month-first is the documented default, German day-first is common here)
TIME_FORMATS = (
    "%b %d %Y, %H:%M:%S",
    "%b %d, %Y %H:%M:%S",
    "%b %d, %Y %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
)
_RANK_COLUMN = re.compile(r"^(?:(?:rank|choice|platz|wahl|preference)\s*)?(\d+)(?:\s*\.?\s*(?:wahl|choice))?$")
_GRID_COLUMN = re.compile(r"^(.*)\[(.+)\]\s*$")
_FIRST_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class RawBallot:
    """One ballot as the file has it: who (as written), when, and the answers (best first when ``ranked``)."""

    source: str
    line: int
    name: str
    email: str
    submitted: datetime | None
    answers: tuple[str, ...]
    ranked: bool
    question: str
    same_rank: str = ""
    """A rank the ballot gives to several candidates (a grid without "one response per column"): no order."""


@dataclass(frozen=True)
class BallotFile:
    """The ballots of one file and the tool that wrote it."""

    source: str
    layout: str
    questions: tuple[str, ...]
    ballots: list[RawBallot]


def parse_time(value: str) -> datetime | None:
    """A time as the tools write it, as a wall time of the event (None when it matches no known form)."""
    text = " ".join(value.split())
    for form in TIME_FORMATS:
        try:
            return datetime.strptime(text, form)  # a wall time of the event: its zone comes later
        except ValueError:
            continue
    return None


def split_answers(cell: str) -> tuple[str, ...]:
    """Several answers in one cell, joined by ``;`` (Zoom, Microsoft Forms) or on lines of their own (as a Zoom
    webinar report has them, per kdgyun/zoom-qna-checker)."""
    return tuple(part.strip() for line in cell.splitlines() for part in line.split(";") if part.strip())


def _folded(cells: Sequence[str]) -> list[str]:
    return [c.strip().lower() for c in cells]


def layout_of(rows: Sequence[Row]) -> str:
    """``zoom``, ``zoom-2020``, ``forms``, ``google`` or ``plain``, from the first rows."""
    first = _folded(rows[0].cells) if rows else []
    heads = [_folded(r.cells) for r in rows[:12]]
    if any(h[:4] == list(ZOOM_2022_HEAD) for h in heads):  # question and answer in named columns
        return "zoom-2020"
    if first[:1] == ["poll report"] or any(h[:4] == list(ZOOM_HEAD) and h[4:5] not in ([], [""]) for h in heads):
        return "zoom"
    if any(h[:4] == list(ZOOM_HEAD) for h in heads):
        return "zoom-2020"
    if first[:5] == list(FORMS_HEAD):
        return "forms"
    if first[:1] == list(GOOGLE_HEAD):
        return "google"
    return "plain"


def read_ballots(table: Table, question: str | None) -> BallotFile:
    """The ballots of a table, for ``question`` (when the file holds several; matched ignoring case)."""
    rows = [Row(table.header_line, table.header), *table.rows]
    source = table.display
    layout = layout_of(rows)
    reader = {
        "zoom": _zoom,
        "zoom-2020": _zoom_2020,
        "forms": _forms,
        "google": _google,
        "plain": _plain,
    }[layout]
    questions, ballots = reader(rows, table)
    chosen = _choose_question(questions, question, source, rows)
    return BallotFile(source, layout, tuple(questions), [b for b in ballots if b.question == chosen])


def _choose_question(questions: list[str], wanted: str | None, source: str, rows: Sequence[Row]) -> str:
    if not questions:
        line = rows[-1].line if rows else 1
        raise InvalidInputError([Problem(source, line, 0, "error", "no ballots: the file holds no answers")])
    if len(questions) == 1:
        return questions[0]
    if wanted is not None:
        for candidate in questions:
            if candidate.strip().casefold() == wanted.strip().casefold():
                return candidate
    listed = "; ".join(repr(q) for q in questions)
    what = f"none of them is {wanted!r}" if wanted else "say which in the vote's question"
    raise InvalidInputError([Problem(source, rows[0].line, 0, "error", f"the file asks {listed}: {what}")])


def _fail(source: str, line: int, col: int, message: str) -> InvalidInputError:
    return InvalidInputError([Problem(source, line, col, "error", message)])


def _when(cell: str, table: Table, row: Row, column: int) -> datetime | None:
    if not cell.strip():
        return None
    moment = parse_time(cell)
    if moment is None:
        message = f"{cell.strip()!r} is not a date and time this reader knows (such as 2022-10-20 15:05:00)"
        raise _fail(table.display, row.line, table.column(row, column), message)
    return moment


def _zoom(rows: Sequence[Row], table: Table) -> tuple[list[str], list[RawBallot]]:
    """Sub-tables, each with its question at the end of its header."""
    questions: list[str] = []
    ballots: list[RawBallot] = []
    question: str | None = None
    for row in rows:
        cells = list(row.cells)
        if _folded(cells)[:4] == list(ZOOM_HEAD):
            question = next((c.strip() for c in reversed(cells[4:]) if c.strip()), None)
            if question is not None and question not in questions:
                questions.append(question)
            continue
        if question is None or len(cells) < 5 or not cells[0].strip().isdigit():
            continue  # the lines about the meeting before the first sub-table
        answers = split_answers(cells[4])
        when = _when(cells[3], table, row, 3)
        ballots.append(
            RawBallot(table.display, row.line, cells[1].strip(), cells[2].strip(), when, answers, False, question)
        )
    return questions, ballots


def _zoom_2020(rows: Sequence[Row], table: Table) -> tuple[list[str], list[RawBallot]]:
    """Question and answer pairs from the fifth cell of each row (the 2022 variant: one pair, named columns)."""
    questions: list[str] = []
    ballots: list[RawBallot] = []
    start = next(i for i, r in enumerate(rows) if _folded(r.cells)[:4] in (list(ZOOM_HEAD), list(ZOOM_2022_HEAD)))
    for row in rows[start + 1 :]:
        cells = list(row.cells)
        if len(cells) < 4 or not any(c.strip() for c in cells):
            continue
        when = _when(cells[3], table, row, 3)
        pairs = cells[4:]
        for at in range(0, len(pairs) - 1, 2):
            question = pairs[at].strip()
            if not question:
                continue
            if question not in questions:
                questions.append(question)
            answers = split_answers(pairs[at + 1])
            ballots.append(
                RawBallot(table.display, row.line, cells[1].strip(), cells[2].strip(), when, answers, False, question)
            )
    return questions, ballots


def _forms(rows: Sequence[Row], table: Table) -> tuple[list[str], list[RawBallot]]:
    """One column per question from the sixth; quiz columns (points, feedback) are not questions."""
    header = [c.strip() for c in rows[0].cells]
    columns = [
        (i, name)
        for i, name in enumerate(header)
        if i >= len(FORMS_HEAD)
        and name
        and not name.lower().startswith(("points - ", "feedback - "))
        and name.lower() not in {"total points", "quiz feedback", "last modified time"}
    ]
    ballots = []
    for row in rows[1:]:
        cells = [*row.cells, *[""] * (len(header) - len(row.cells))]
        when = _when(cells[2], table, row, 2)
        for i, question in columns:
            answers = split_answers(cells[i])
            ballots.append(
                RawBallot(table.display, row.line, cells[4].strip(), cells[3].strip(), when, answers, True, question)
            )
    return [name for _, name in columns], ballots


def _google(rows: Sequence[Row], table: Table) -> tuple[list[str], list[RawBallot]]:
    """A choice question is a column; a grid is several ``<question> [<row>]`` columns holding ranks."""
    header = [c.strip() for c in rows[0].cells]
    email = next((i for i, h in enumerate(header) if h.lower() in {"email address", "e-mail-adresse", "email"}), None)
    name = next((i for i, h in enumerate(header) if h.lower() in {"name", "your name", "ihr name"}), None)
    grids: dict[str, list[tuple[int, str]]] = {}
    plain: list[tuple[int, str]] = []
    for i, title in enumerate(header):
        if i == 0 or i in (email, name) or not title:
            continue
        grid = _GRID_COLUMN.match(title)
        if grid:
            grids.setdefault(grid.group(1).strip(), []).append((i, grid.group(2).strip()))
        else:
            plain.append((i, title))
    ballots = []
    for row in rows[1:]:
        cells = [*row.cells, *[""] * (len(header) - len(row.cells))]
        if not any(c.strip() for c in cells):
            continue
        who = (cells[name].strip() if name is not None else "", cells[email].strip() if email is not None else "")
        when = _when(cells[0], table, row, 0)
        for i, question in plain:
            ballots.append(RawBallot(table.display, row.line, *who, when, split_answers(cells[i]), False, question))
        for question, options in grids.items():
            ranking, same = _grid_ranking(cells, options, table, row)
            ballots.append(RawBallot(table.display, row.line, *who, when, ranking, True, question, same))
    return [q for _, q in plain] + list(grids), ballots


def _grid_ranking(
    cells: list[str], options: list[tuple[int, str]], table: Table, row: Row
) -> tuple[tuple[str, ...], str]:
    """The grid's rows ordered by the rank chosen for each (``1``, ``1st``, ``Platz 1``), unranked rows left out,
    and the first rank given to several rows (``""`` when none is: their order would be the file's, not the voter's).

    A grid the other way round, one row per rank (``[1. Wahl]``, ``[2nd choice]``) holding the candidate, is told
    by its row names: each has a number and no cell has one (inferred: no source shows this layout)."""
    given = [(i, option, cells[i].strip()) for i, option in options if cells[i].strip()]
    by_rank = all(_FIRST_NUMBER.search(option) for _, option in options) and not any(
        _FIRST_NUMBER.search(value) for _, _, value in given
    )
    ranked: list[tuple[int, str]] = []
    for i, option, value in given:
        number = _FIRST_NUMBER.search(option if by_rank else value)
        if number is None:
            raise _fail(table.display, row.line, table.column(row, i), f"{option}: {value!r} is not a rank (1, 2, ...)")
        ranked.append((int(number.group()), value if by_rank else option))
    ranks = sorted(rank for rank, _ in ranked)
    same = next((str(a) for a, b in pairwise(ranks) if a == b), "")
    return tuple(candidate for _, candidate in sorted(ranked)), same


def _plain(rows: Sequence[Row], table: Table) -> tuple[list[str], list[RawBallot]]:
    """``email`` (``name``, ``submitted``) and ``choice`` or ranked columns."""
    header = _folded(rows[0].cells) if rows else []
    named = {h: i for i, h in enumerate(header)}
    email = next((named[h] for h in ("email", "e-mail", "mail", "email address") if h in named), None)
    if email is None:
        raise _fail(table.display, rows[0].line, 0, "no email column: expected email,choice or email,1,2,...")
    ranks = sorted((int(m.group(1)), i) for i, h in enumerate(header) if (m := _RANK_COLUMN.match(h)))
    choice = next((named[h] for h in ("choice", "vote", "answer", "wahl", "stimme") if h in named), None)
    if choice is None and not ranks:
        raise _fail(table.display, rows[0].line, 0, "no choice column: expected email,choice or email,1,2,...")
    name, when_at = named.get("name"), next((named[h] for h in ("submitted", "time", "timestamp") if h in named), None)
    ballots = []
    for row in rows[1:]:
        cells = [*row.cells, *[""] * (len(header) - len(row.cells))]
        if not any(c.strip() for c in cells):
            continue
        when = _when(cells[when_at], table, row, when_at) if when_at is not None else None
        who = cells[name].strip() if name is not None else ""
        if choice is not None:
            answers, ranked = split_answers(cells[choice]), False
        else:
            answers, ranked = tuple(cells[i].strip() for _, i in ranks if cells[i].strip()), True
        ballots.append(RawBallot(table.display, row.line, who, cells[email].strip(), when, answers, ranked, ""))
    return [""], ballots
