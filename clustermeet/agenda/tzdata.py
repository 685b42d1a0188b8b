"""I/O: the tz database's own tables, read on the warning path only: which zone names are places, where the old
names link to, and which present-day zone keeps a given local time.

Sources (the IANA tz database as the ``tzdata`` package ships it, a dependency; else the system's zoneinfo
folder): ``zone1970.tab`` and ``zone.tab`` (the places, one zone each), ``zonenow.tab`` (one zone per distinct
present-day timekeeping, its comment naming the abbreviations, "Eastern (EST/EDT) - US & Canada"), and the
``L target name`` lines of ``tzdata.zi`` (the links: ``US/Eastern`` -> ``America/New_York``, ``EST`` ->
``America/Panama``). Where no folder has the tables, :func:`tables` is empty and the warnings name no region.
"""

from __future__ import annotations

import functools
import importlib.util
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Tables:
    places: frozenset[str] = frozenset()
    links: dict[str, str] = field(default_factory=dict)
    now: tuple[tuple[str, str], ...] = ()  # (zone, comment) from zonenow.tab, in its order


def _folders() -> list[Path]:
    """The tzdata package's folder (found, not imported), then the system's."""
    spec = importlib.util.find_spec("tzdata")
    found = [Path(spec.origin).parent / "zoneinfo"] if spec is not None and spec.origin else []
    return found + [Path(p) for p in zoneinfo.TZPATH]


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def _folder() -> Path | None:
    """The first folder with the place tables."""
    return next((f for f in _folders() if (f / "zone1970.tab").is_file()), None)


@functools.cache
def places() -> frozenset[str]:
    """The zones of places (zone1970.tab, zone.tab; a few kilobytes, read once for the zone check)."""
    folder = _folder()
    if folder is None:
        return frozenset()
    return frozenset(row[2] for name in ("zone1970.tab", "zone.tab") for row in _rows(folder / name) if len(row) > 2)


@functools.cache
def tables() -> Tables:
    """The places, the links and the present-day zones; read only when a zone name is not a place's."""
    folder = _folder()
    if folder is None:
        return Tables()
    now = [(row[2], row[3] if len(row) > 3 else "") for row in _rows(folder / "zonenow.tab") if len(row) > 2]
    links: dict[str, str] = {}
    for parts in (line.split() for line in _lines(folder / "tzdata.zi")):
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return Tables(places() | {zone for zone, _ in now}, links, tuple(now))


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
