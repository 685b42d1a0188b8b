"""I/O: the ``assign`` use case: read the participants and the previous assignment, place everyone, write the
assignments CSV, the Zoom CSVs and the rosters (all of them or none)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

from clustermeet.agenda.loading import finding_placer
from clustermeet.breakouts import outputs, platforms
from clustermeet.breakouts.assign import assign_rooms
from clustermeet.breakouts.assignments_file import load_assignments
from clustermeet.breakouts.blocks import breakout_blocks
from clustermeet.breakouts.summary import AssignOutcome
from clustermeet.errors import InputError
from clustermeet.files import safe_join, write_batch

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.breakouts.result import Objective


class NoParticipantsError(InputError):
    """Nobody to place: the agenda lists no participants and no other list was loaded with it."""

    option = "participants"


def assign_breakouts(
    loaded: LoadedAgenda,
    *,
    output: Path,
    block: str | None = None,
    objective: Objective = "squared",
    seed: int = 0,
    previous: Path | None = None,
    zoom_dir: Path | None = None,
    webex_dir: Path | None = None,
    bbb_dir: Path | None = None,
    rosters_dir: Path | None = None,
    force: bool = False,
) -> AssignOutcome:
    """Place the participants (the list loaded with the agenda) in every breakout block, or in
    ``block``; keep people where ``previous`` put them when possible; write ``output``, and when given: the Zoom CSV
    of each meeting into ``zoom_dir``, its Webex CSV and sessions into ``webex_dir``, its BigBlueButton groups into
    ``bbb_dir`` (:mod:`clustermeet.breakouts.platforms`), one roster per room into ``rosters_dir``. The outcome's
    notes say how to open the rooms of every block a meeting does not pre-assign."""
    with _no_cycle_collection():
        breakout_blocks(loaded.agenda, block)  # no breakout block at all is the first thing to say
        plist = _participants(loaded)
        placements = load_assignments(previous, str(previous)) if previous is not None else None
        result = assign_rooms(
            loaded.agenda,
            plist,
            block=block,
            objective=objective,
            seed=seed,
            previous=placements,
            agenda_name=loaded.display,
            place=finding_placer(loaded),
        )
        targets: dict[Path, str | bytes] = {output: outputs.assignments_csv(result)}
        warnings = list(result.warnings)
        notes = platforms.opening_notes(loaded.agenda, result)
        for folder, files_of in (
            (zoom_dir, platforms.zoom_files),
            (webex_dir, platforms.webex_files),
            (bbb_dir, platforms.bbb_files),
        ):
            if folder is not None:
                files = files_of(loaded.agenda, result)
                targets.update({safe_join(folder, name): content for name, content in files.files.items()})
                warnings += files.warnings
        if rosters_dir is not None:
            rosters = outputs.rosters(result, loaded.schedule, loaded.agenda.event.language)
            targets.update({safe_join(rosters_dir, name): content for name, content in rosters.items()})
        written = [str(path) for path in write_batch(targets, force=force)]
        return AssignOutcome(result, warnings, written, loaded.agenda.event.language, notes)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector for the command: placing and writing allocate objects per person, room
    and arc that form no reference cycles, and each collection would walk all of them again (about 1.1 s of the
    100,000-person case, measured); reference counting frees them as before. Resumed afterwards."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _participants(loaded: LoadedAgenda) -> ParticipantList:
    if loaded.participants is None:
        raise NoParticipantsError(f"{loaded.display}: the agenda lists no participants")
    return loaded.participants
