"""One row of a participant list checked cell by cell with plain code, by the rules the agenda's models use: the
address rule (:func:`normalise_email`), the id rule, the zone check. One problem per cell, at its line and column;
a value seen before (a zone, a wish) is not checked again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clustermeet.agenda.columns import FIELDS, RANKED
from clustermeet.agenda.models import Participant
from clustermeet.agenda.types import normalise_email, one_line_repr, valid_id
from clustermeet.errors import Problem
from clustermeet.i18n.participants import ROLE_VALUES

if TYPE_CHECKING:
    from collections.abc import Callable

    from clustermeet.agenda.columns import ColumnMap
    from clustermeet.agenda.tables import Row, Table
    from clustermeet.agenda.wishes import RoomIndex

#: the wrong wishes of one cell a message names (a cell may hold thousands)
_SHOWN = 5
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
        self._cells: dict[str, tuple[list[str | None], list[str], int]] = {}
        self._width = len(table.header)
        self._empty = frozenset(columns.empty)
        self._plan = [(name, columns.fields[name]) for name in FIELDS if name in columns.fields]

    def problem(self, row: Row, cell: int, message: str) -> None:
        col = self.table.column(row, cell)
        where = "" if col or self.table.delimiter is not None else f"{self.table.where(row, cell)}: "
        self.problems.append(Problem(self.table.display, row.line, col, "error", where + message))

    def read(self, row: Row) -> dict[str, Any] | None:
        """The fields of ``row``, or None when a cell is wrong (the problems say which). Written for speed: it
        runs once per person."""
        cells = row.cells
        count = len(cells)
        if count > self._width and any(cells[self._width :]):
            self.problem(row, self._width, f"{count} cells but the header has {self._width} columns")
            return None
        before = len(self.problems)
        empty = self._empty
        record: dict[str, Any] = {"organisation": None, "role": "participant", "preferences": [], "fixed": []}
        record["timezone"] = None
        for name, indexes in self._plan:
            if len(indexes) == 1:  # most fields have one column: no list to build
                i = indexes[0]
                text = cells[i] if i < count else ""
                if not text or text in empty:
                    continue
                texts = [(i, text)]
            else:
                texts = [(i, cells[i]) for i in indexes if i < count and cells[i] and cells[i] not in empty]
                if not texts:
                    continue
            if name == "email":
                cell, text = texts[0]
                try:
                    record["email"] = normalise_email(text)
                except ValueError as exc:
                    self.problem(row, cell, f"email: {exc}")
                    record["email"] = None  # wrong, not missing
            elif name == "name":
                record["name"] = texts[0][1] if len(texts) == 1 else " ".join(text for _, text in texts)
            elif name in RANKED:
                record[name] = self._rooms(row, name, texts)
            else:
                record[name] = self._value(row, name, *texts[0])
        if "name" not in record or "email" not in record:
            for name in ("name", "email"):
                if name not in record:
                    self.problem(row, self.columns.fields[name][0], f"{name}: missing (required)")
        return record if len(self.problems) == before else None

    def _value(self, row: Row, name: str, cell: int, text: str) -> str | None:
        try:
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
            rooms, whys, titled = self._cells.get(text) or self._cell_rooms(text)
            self.by_title += titled
            if None in rooms:
                word = "wish" if name == "preferences" else "room"
                wrong = [f"{word} {number + k + 1}: {why}" for k, why in enumerate(whys) if why]
                more = f"; and {len(wrong) - _SHOWN} more" if len(wrong) > _SHOWN else ""
                self.problem(row, cell, f"{name}: {'; '.join(wrong[:_SHOWN])}{more}")
            for room in rooms:
                if room is not None and room not in ids:
                    ids.append(room)
            number += len(rooms)
        return ids

    def _cell_rooms(self, text: str) -> tuple[list[str | None], list[str], int]:
        """What the wishes in one cell name: the room ids (None where none), why not, and how many were written
        as a title or a start. A cell seen before is not read again (a list writes the same few cells)."""
        found = [self._room(written) for written in self._split(text)]
        entry = ([room for room, _, _ in found], [why for _, why, _ in found], sum(titled for _, _, titled in found))
        self._cells[text] = entry
        return entry

    def _split(self, text: str) -> list[str]:
        return self.rooms.split(text) if self.rooms is not None else _split_ids(text)

    def _room(self, written: str) -> tuple[str | None, str, bool]:
        """(id, "", whether written as a title or a start) for a room, or (None, why not, False)."""
        if self.rooms is None:
            if valid_id(written):
                return written, "", False
            return None, f"{one_line_repr(written)} is not a valid id", False
        resolved = self.rooms.room_for(written)
        return resolved.room, resolved.problem, resolved.by_title


def participant_of(record: dict[str, Any]) -> Participant:
    """A participant from fields checked here, made as pydantic's ``model_construct`` makes one (its ``__dict__``,
    the fields set, no extra or private values) without its per-call overhead, which was a third of reading a
    100,000-row list. tests/agenda/test_participant_lists.py checks it equals the validated model."""
    person = _NEW(Participant)
    _SET(person, "__dict__", record)
    _SET(person, "__pydantic_fields_set__", set(record))
    _SET(person, "__pydantic_extra__", None)
    _SET(person, "__pydantic_private__", None)
    return person


_NEW, _SET = object.__new__, object.__setattr__


def _split_ids(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", "|").replace(",", "|").split("|") if part.strip()]
