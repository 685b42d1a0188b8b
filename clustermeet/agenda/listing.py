"""The ``participants`` use case: how the participant list was read, before anything is assigned: the file's
encoding and delimiter, which column gave each field, the columns not read, the counts, who has no wishes, which
rows were merged, every warning. Works on an agenda already loaded (its list, or the one given instead); the
result's :meth:`ListReport.to_dict` is the ``--json`` shape of docs/cli.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.validation import problem_dict
from clustermeet.errors import InputError

if TYPE_CHECKING:
    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.agenda.participants import Reading
    from clustermeet.errors import Problem


class NoListError(InputError):
    """The agenda lists no participants, and no list was given instead."""

    option = "participants"


@dataclass(frozen=True)
class Person:
    line: int
    name: str
    email: str


@dataclass
class ListReport:
    """What ``clustermeet participants`` shows."""

    source: str
    language: str
    reading: Reading | None
    """None for the agenda's inline list."""
    people: int
    facilitators: int
    with_wishes: int
    without_wishes: list[Person] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        reading = self.reading
        return {
            "source": self.source,
            "inline": reading is None,
            "read_as": None
            if reading is None
            else {
                "encoding": reading.encoding,
                "delimiter": reading.delimiter,
                "sheet": reading.sheet,
                "header_line": reading.header_line,
                "preset": reading.preset,
            },
            "mapping": reading.mapping if reading else {},
            "ignored": reading.ignored if reading else [],
            "counts": {
                "rows": reading.rows if reading else self.people,
                "people": self.people,
                "facilitators": self.facilitators,
                "with_wishes": self.with_wishes,
                "without_wishes": len(self.without_wishes),
                "merged": len(reading.merged) if reading else 0,
                "wishes_by_title": reading.by_title if reading else 0,
            },
            "without_wishes": [{"line": p.line, "name": p.name, "email": p.email} for p in self.without_wishes],
            "merged": [
                {"line": line, "into": into, "email": email}
                for line, into, email in (reading.merged if reading else [])
            ],
            "warnings": [problem_dict(p) for p in self.warnings],
        }


def describe_list(loaded: LoadedAgenda) -> ListReport:
    """How ``loaded``'s participant list was read; a :class:`NoListError` when it has none."""
    plist = loaded.participants
    if plist is None:
        raise NoListError(f"{loaded.display}: the agenda lists no participants")
    people = plist.participants
    inline = plist.reading is None
    lines = [n + 1 for n in range(len(people))] if inline else plist.lines  # inline: the n-th person of the list
    without = [
        Person(lines[n], p.name, p.email)
        for n, p in enumerate(people)
        if not p.preferences and not p.fixed and p.role != "facilitator"
    ]
    return ListReport(
        source=loaded.display if inline else plist.source,
        language=loaded.agenda.event.language,
        reading=plist.reading,
        people=len(people),
        facilitators=sum(p.role == "facilitator" for p in people),
        with_wishes=sum(bool(p.preferences) for p in people),
        without_wishes=without,
        warnings=list(loaded.warnings),
    )
