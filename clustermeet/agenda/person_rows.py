"""One row of a participant list checked cell by cell with plain code, by the rules the agenda's models use: the
address rule (:func:`normalise_email`), the id rule, the zone check. One problem per cell, at its line and column;
a value seen before (a zone, a wish) is not checked again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clustermeet.agenda.columns import FIELDS, JOINED, RANKED
from clustermeet.agenda.types import normalise_email, one_line_repr, valid_id
from clustermeet.errors import Problem
from clustermeet.i18n.participants import ROLE_VALUES

if TYPE_CHECKING:
    from collections.abc import Callable

    from clustermeet.agenda.columns import ColumnMap
    from clustermeet.agenda.tables import Row, Table
    from clustermeet.agenda.wishes import RoomIndex

_ROLES = {value: role for role, by in ROLE_VALUES.items() for values in by.values() for value in values}


class RowReader:
    """Reads rows of one table into participant fields, collecting the problems."""

    def __init__(
        self, table: Table, columns: ColumnMap, rooms: RoomIndex | None, check_zone: Callable[[str], str]
    ) -> None:
        self.table = table
        self.columns = columns
        self.rooms = rooms
        self.check_zone = check_zone
        self.problems: list[Problem] = []
        self.by_title = 0
        self._zones: dict[str, tuple[str | None, str]] = {}
        self._width = len(table.header)
        self._empty = frozenset(columns.empty)
        self._plan = [(name, columns.fields[name]) for name in FIELDS if name in columns.fields]

    def problem(self, row: Row, cell: int, message: str) -> None:
        col = self.table.column(row, cell)
        where = "" if col or self.table.delimiter is not None else f"{self.table.where(row, cell)}: "
        self.problems.append(Problem(self.table.display, row.line, col, "error", where + message))

    def read(self, row: Row) -> dict[str, Any] | None:
        """The fields of ``row``, or None when a cell is wrong (the problems say which)."""
        cells = row.cells
        if len(cells) > self._width and any(cells[self._width :]):
            self.problem(row, self._width, f"{len(cells)} cells but the header has {self._width} columns")
            return None
        before = len(self.problems)
        record: dict[str, Any] = {"organisation": None, "role": "participant", "preferences": [], "fixed": []}
        record["timezone"] = None
        for name, indexes in self._plan:
            texts = [(i, cells[i]) for i in indexes if i < len(cells) and cells[i] and cells[i] not in self._empty]
            if name in RANKED:
                record[name] = self._rooms(row, name, texts)
            elif name in JOINED:
                if texts:
                    record[name] = " ".join(text for _, text in texts)
            elif texts:
                record[name] = self._value(row, name, *texts[0])
        for name in ("name", "email"):
            if name not in record:
                self.problem(row, self.columns.fields[name][0], f"{name}: missing (required)")
        return record if len(self.problems) == before else None

    def _value(self, row: Row, name: str, cell: int, text: str) -> str | None:
        try:
            if name == "email":
                return normalise_email(text)
            if name == "timezone":
                return self._zone(text)
        except ValueError as exc:
            self.problem(row, cell, f"{name}: {exc}")
            return None
        if name == "role":
            role = _ROLES.get(text.casefold())
            if role is None:
                self.problem(row, cell, f"role: {one_line_repr(text)} is not a role; write participant or facilitator")
            return role
        return text

    def _zone(self, text: str) -> str:
        """The zone ``text`` names; a ``ValueError`` with the check's message (each value checked once)."""
        if text not in self._zones:
            try:
                self._zones[text] = (self.check_zone(text), "")
            except ValueError as exc:
                self._zones[text] = (None, str(exc))
        zone, message = self._zones[text]
        if zone is None:
            raise ValueError(message)
        return zone

    def _rooms(self, row: Row, name: str, texts: list[tuple[int, str]]) -> list[str]:
        """The room ids a person's wish (or fixed) cells name, in order, each once; one problem per bad cell."""
        ids: list[str] = []
        number = 0
        for cell, text in texts:
            wrong = []
            for written in self.rooms.split(text) if self.rooms is not None else _split_ids(text):
                number += 1
                room, problem = self._room(written)
                if room is None:
                    wrong.append(f"{'wish' if name == 'preferences' else 'room'} {number}: {problem}")
                elif room not in ids:
                    ids.append(room)
            if wrong:
                self.problem(row, cell, f"{name}: {'; '.join(wrong)}")
        return ids

    def _room(self, written: str) -> tuple[str | None, str]:
        if self.rooms is None:
            return (written, "") if valid_id(written) else (None, f"{one_line_repr(written)} is not a valid id")
        resolved = self.rooms.room_for(written)
        if resolved.by_title:
            self.by_title += 1
        return resolved.room, resolved.problem


def _split_ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", "|").replace(",", "|").split("|") if part.strip()]
