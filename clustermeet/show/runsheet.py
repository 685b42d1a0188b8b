"""I/O: the ``runsheet`` use case: the cue sheet of an agenda, for one person or everybody, one track or all.

The loaded agenda in (and the vote's result beside it, for the award cue: :mod:`clustermeet.show.awards`), a
:class:`Runsheet` out, which cli/ prints as a table or writes in a file format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clustermeet.show import runsheet_formats as formats
from clustermeet.show.awards import with_awards
from clustermeet.show.cues import cues_for, runsheet_cues

if TYPE_CHECKING:
    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.agenda.timing import Schedule
    from clustermeet.show.cues import Cue, Plan


@dataclass(frozen=True)
class Runsheet:
    """The cues of ``role`` (a people id; None: everybody) in the plan, with the schedule that times them."""

    schedule: Schedule
    plan: Plan
    cues: list[Cue]
    role: str | None

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape (docs/run-of-show.md): ``runsheet --format json``."""
        return formats.runsheet_json(self.schedule, self.plan, self.cues, self.role)

    def text(self, fmt: str) -> str:
        """The cue sheet as a file: ``markdown``, ``csv`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if fmt == "csv":
            return formats.runsheet_csv(self.schedule, self.cues, self.role)
        return formats.runsheet_markdown(self.schedule, self.plan, self.cues, self.role)

    def table(self) -> formats.SheetTable:
        """What the terminal table shows, for cli/ to draw."""
        return formats.runsheet_table(self.schedule, self.plan, self.cues, self.role)


def make_runsheet(loaded: LoadedAgenda, *, role: str | None = None, track: str | None = None) -> Runsheet:
    """The cue sheet of ``track`` (every track when None) for ``role`` (everybody when None)."""
    plan, _ = runsheet_cues(loaded.schedule, role, track)
    plan = with_awards(plan, loaded)
    cues = list(plan.cues) if role is None else cues_for(plan, role)
    return Runsheet(loaded.schedule, plan, cues, role)
