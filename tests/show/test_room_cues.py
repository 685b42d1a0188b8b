"""The runsheet starts the recording it stops, and its "open the rooms" cue says how the platform opens them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.agenda.loading import load_agenda
from clustermeet.show.cues import CueKind, build_plan
from tests.breakouts.test_platforms import _event
from tests.conftest import AGENDAS

if TYPE_CHECKING:
    from pathlib import Path


def test_a_start_for_every_stop_of_the_recording() -> None:
    """On main the show's end said "stop the recording" and no cue ever started it."""
    plan = build_plan(load_agenda(AGENDAS / "go-cluster-2022.yaml").schedule, all_tracks=True)
    starts = [c for c in plan.cues if c.kind is CueKind.start_recording]
    stops = [c for c in plan.cues if c.kind is CueKind.show_end and "Aufnahme stoppen" in c.action]
    assert len(starts) == len(stops) == 1
    assert starts[0].title == "Aufnahme starten"
    assert starts[0].at == min(step.planned_start for step in plan.steps) < stops[0].at


def test_open_the_rooms_says_how(tmp_path: Path) -> None:
    plan = build_plan(load_agenda(_event(tmp_path, preassign="b2")).schedule)
    opening = {c.title: c.action for c in plan.cues if c.kind is CueKind.open_rooms}
    assert opening["Open breakout rooms: Block 1"] == (
        "Zoom: open 3 self-select rooms named exactly: @Privacy: by design; Energy, and more; Water"
    )
    assert opening["Block 2 – Round 1 of 2"] == "Open 2 rooms and assign the participants"  # the pre-assigned one
    assert opening["Block 2 – Round 2 of 2"] == "Zoom: open 2 rooms, automatic assignment"
