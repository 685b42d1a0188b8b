"""I/O: the ``import`` use case: read a frab / pretalx schedule file, make the agenda YAML and load it exactly as
``validate`` would (through a temporary file) before anyone writes it."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.loading import load_agenda
from clustermeet.agenda.yamlsource import read_text
from clustermeet.interop.agenda_yaml import agenda_to_yaml
from clustermeet.interop.frab_read import import_schedule
from clustermeet.interop.frab_schedule import advised

if TYPE_CHECKING:
    from collections.abc import Callable

    from clustermeet.agenda.models import Agenda
    from clustermeet.errors import Problem
    from clustermeet.interop.frab_schedule import ImportOptions, OptionAdvice


@dataclass(frozen=True)
class ImportOutcome:
    """The agenda text, the agenda it loads as, and every warning: the import's, then the agenda's own."""

    yaml_text: str
    source: str
    """``xml`` or ``json``."""
    output: Path | None
    agenda: Agenda
    warnings: list[Problem]
    advice: list[OptionAdvice] = field(default_factory=list)

    def advised(self, flag: Callable[[str], str]) -> ImportOutcome:
        """The same outcome with each warning an option would settle saying so, the option named by ``flag``."""
        return replace(self, warnings=advised(self.warnings, self.advice, flag), advice=[])

    def to_dict(self) -> dict[str, Any]:
        """The documented ``--json`` shape (docs/interop.md)."""
        return {
            "version": 1,
            "source": self.source,
            "output": str(self.output) if self.output is not None else None,
            "timezone": self.agenda.event.timezone,
            "days": [d.isoformat() for d in self.agenda.event.days],
            "tracks": [{"id": t.id, "title": t.title} for t in self.agenda.tracks],
            "events": len(self.agenda.segments),
            "people": len(self.agenda.people),
            "warnings": [p.text() for p in self.warnings],
        }


def import_agenda(path: Path, options: ImportOptions, output: Path | None = None) -> ImportOutcome:
    """The agenda of the schedule at ``path``, checked as it would be at ``output`` (``<stdout>`` without one)."""
    display = str(path)
    result = import_schedule(read_text(path, display), display, options)
    comment = (
        f"Imported from {path.name} ({result.schedule.format}) by clustermeet import.\n"
        "Check event.organiser and event.platform: a schedule file does not say them."
    )
    yaml_text = agenda_to_yaml(result.data, comment)
    name = output.name if output is not None else "agenda.yaml"
    with tempfile.TemporaryDirectory(prefix="clustermeet-import-") as folder:
        check = Path(folder) / name
        check.write_text(yaml_text, encoding="utf-8")
        loaded = load_agenda(check, str(output) if output is not None else "<stdout>")
    return ImportOutcome(
        yaml_text, result.schedule.format, output, loaded.agenda, result.warnings + loaded.warnings, result.advice
    )
