"""What the checks find, before it is placed in a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clustermeet.i18n import problem

if TYPE_CHECKING:
    from clustermeet.errors import Severity

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """A problem at a location in the agenda's data (``("segments", 3, "start")``).

    ``source``, ``line`` and ``col`` are set instead when the problem sits in another file (a participants CSV).
    """

    loc: Loc
    severity: Severity
    message: str
    source: str | None = None
    line: int | None = None
    col: int | None = None
    #: the message's key in ``i18n/problems.py`` and its values (see :class:`clustermeet.errors.Problem`)
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()


def keyed_finding(loc: Loc, severity: Severity, key: str, **params: object) -> Finding:
    """A finding whose message is ``PROBLEM_WORDS[key]`` (its English text now, another language on output)."""
    said = problem("", 0, 0, severity, key, "", **params)
    return Finding(loc, severity, said.message, key=said.key, params=said.params)


def field_name(loc: Loc) -> str:
    """``("segments", 3, "duration")`` -> ``segments[3].duration``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
