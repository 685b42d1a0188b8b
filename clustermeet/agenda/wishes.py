"""Wishes and fixed rooms as registration forms write them: a room's id, its title or an unambiguous start of
either, several to a cell separated by ``|``, ``;``, ``,`` or line breaks, or one ranked column each.

:class:`RoomIndex` knows the rooms of every breakout block and turns one written wish into a room id, or says why
it cannot (no such room, with the closest ids; or a start that fits several). Pure and cached: a list of 100,000
people writes the same few dozen wishes over and over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clustermeet.text import close_matches, to_ascii

if TYPE_CHECKING:
    from collections.abc import Iterable

    from clustermeet.agenda.models import Agenda

#: separators of several wishes in one cell; a comma only splits what is no room as a whole (a title may hold one)
_STRONG = re.compile(r"[|;\r\n]+")
_SEPARATORS = re.compile(r"[|;,\r\n]")
#: how many rooms a message names as the closest
CLOSEST = 3


@dataclass(frozen=True)
class Resolved:
    """One written wish: the room id it names, or why it names none (``problem``)."""

    room: str | None
    problem: str = ""
    by_title: bool = False


@dataclass
class RoomIndex:
    """The rooms of the agenda's breakout blocks, by id and by title."""

    rooms: list[tuple[str, str]]
    """(id, title) of each room, in agenda order (a room id repeated in several blocks counts once)."""
    _ids: dict[str, str] = field(default_factory=dict, init=False)
    _titles: dict[str, set[str]] = field(default_factory=dict, init=False)
    _cache: dict[str, Resolved] = field(default_factory=dict, init=False)
    _separated: bool = field(default=False, init=False)  # whether a title holds a separator (else no cell is one)

    def __post_init__(self) -> None:
        for room_id, title in self.rooms:
            self._ids.setdefault(room_id.casefold(), room_id)
            self._titles.setdefault(_key(title), set()).add(room_id)
        self._separated = any(_SEPARATORS.search(title) for _, title in self.rooms)

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(room_id for room_id, _ in self.rooms))

    def room_for(self, written: str) -> Resolved:
        """The room ``written`` names: its id (any case), its title, or the one room whose id or title starts so."""
        found = self._cache.get(written)
        if found is None:
            found = self._cache[written] = self._resolve(written)
        return found

    def _exact(self, written: str) -> Resolved | None:
        """The room ``written`` names exactly: its id in any case (umlauts spelt out or not) or its whole title."""
        key = written.casefold()
        if key in self._ids:
            return Resolved(self._ids[key])
        spelt = key if written.isascii() else to_ascii(written).casefold()  # 'Geschäftsmodelle' -> geschaeftsmodelle
        if spelt != key and spelt in self._ids:
            return Resolved(self._ids[spelt], by_title=True)
        titled = self._titles.get(_key(written), set())
        return Resolved(next(iter(titled)), by_title=True) if len(titled) == 1 else None

    def _resolve(self, written: str) -> Resolved:
        if written in self._ids.values():
            return Resolved(written)
        exact = self._exact(written)
        if exact is not None:
            return exact
        key = written.casefold()
        titled = self._titles.get(_key(written), set())
        if len(titled) > 1:
            return Resolved(None, f"{_shown(written)} is the title of rooms {_names(sorted(titled))}: write one id")
        starts = {room_id for k, room_id in self._ids.items() if k.startswith(key)}
        starts |= {room_id for k, ids in self._titles.items() if k.startswith(_key(written)) for room_id in ids}
        if len(starts) == 1 and len(key) >= 2:
            return Resolved(next(iter(starts)), by_title=True)
        if len(starts) > 1 and len(key) >= 2:
            return Resolved(None, f"{_shown(written)} could be {_names(sorted(starts))}: write more of it")
        return Resolved(None, f"{_shown(written)} is no room of a breakout block{self.closest_text(written)}")

    def closest(self, written: str) -> list[str]:
        """The room ids most like ``written`` (by id or by title), best first."""
        by_title = {_key(title): room_id for room_id, title in self.rooms}
        options = [*self._ids, *by_title]
        close = close_matches(written.casefold(), options, CLOSEST * 2, cutoff=0.6)
        ids = [self._ids.get(option) or by_title[option] for option in close]
        return list(dict.fromkeys(ids))[:CLOSEST]

    def closest_text(self, written: str) -> str:
        """``"; closest: 'a', 'b'"``; where none is alike and the rooms are few, all of them."""
        ids = self.closest(written)
        if ids:
            return f"; closest: {_names(ids)}"
        if not self.rooms:
            return "; the agenda has no breakout rooms"
        return f"; the room ids are {_names(self.ids)}" if len(self.ids) <= 12 else ""

    def split(self, cell: str) -> list[str]:
        """The wishes written in one cell, in order: the whole cell when it names a room as it is (a title with a
        comma), else split at ``|``, ``;`` and line breaks, and each part at commas unless it names a room."""
        if not _SEPARATORS.search(cell):  # one wish (the common case, resolved once per text in room_for)
            return [cell.strip()] if cell.strip() else []
        if self._separated and self._exact(cell.strip()) is not None:
            return [cell]
        wishes: list[str] = []
        for piece in _STRONG.split(cell):
            part = piece.strip()
            if not part:
                continue
            if "," in part and (not self._separated or self._exact(part) is None):
                wishes += [name.strip() for name in part.split(",") if name.strip()]
            else:
                wishes.append(part)
        return wishes


def agenda_rooms(agenda: Agenda) -> RoomIndex:
    """The rooms of every breakout block of ``agenda`` (a mixing block's generated rooms too)."""
    language = agenda.event.language
    rooms = [
        (room.id, room.title)
        for segment in agenda.segments
        if segment.breakout is not None
        for room in segment.breakout.effective_rooms(language)
    ]
    return RoomIndex(rooms)


def rooms_in_data(data: object) -> RoomIndex:
    """The rooms an agenda's plain data lists (before it is validated: the inline participants' wishes are read
    against them); whatever is not shaped like a room is left out."""
    rooms = []
    segments = data.get("segments") if isinstance(data, dict) else None
    for segment in segments if isinstance(segments, list) else []:
        breakout = segment.get("breakout") if isinstance(segment, dict) else None
        listed = breakout.get("rooms") if isinstance(breakout, dict) else None
        for room in listed if isinstance(listed, list) else []:
            if isinstance(room, dict) and isinstance(room.get("id"), str) and isinstance(room.get("title"), str):
                rooms.append((room["id"], room["title"]))
    return RoomIndex(rooms)


def _shown(written: str) -> str:
    """A wish as a message quotes it: at most 60 characters, on one line."""
    text = " ".join(written.split())
    return f"'{text if len(text) <= 60 else text[:57] + '...'}'"


def _key(title: str) -> str:
    return " ".join(title.casefold().split())


def _names(ids: Iterable[str]) -> str:
    return ", ".join(f"'{room_id}'" for room_id in ids)
