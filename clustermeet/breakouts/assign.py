"""Assign participants to the rooms of breakout blocks: exact optimum for topics blocks, mixing rounds otherwise.

Inputs are the agenda, the participant list (with the line each participant came from) and, for late registrations,
the previous placements. Problems a person can fix in the file are raised as ``InvalidInputError`` with file and
line; the result carries every seat and the figures of each block (see docs/assign.md).

Capacity counts everyone from the participant list placed in a room, participants with role ``facilitator``
included. The facilitator a room names in the agenda (``facilitator:``, a people id) is crew: placed in that room on
top of its capacity, unless the same e-mail is also on the participant list, where it counts like anyone else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.breakouts.blocks import Where, breakout_blocks, check_room_ids
from clustermeet.breakouts.mixing_block import mixing_block
from clustermeet.breakouts.result import AssignmentResult, BlockAssignment, Move, Objective
from clustermeet.breakouts.topics_block import topics_block

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.agenda.participants import ParticipantList
    from clustermeet.breakouts.assignments_file import Placement


def assign_rooms(
    agenda: Agenda,
    plist: ParticipantList,
    *,
    block: str | None = None,
    objective: Objective = "squared",
    seed: int = 0,
    previous: list[Placement] | None = None,
    agenda_name: str = "agenda",
) -> AssignmentResult:
    """Place every participant in every breakout block (or in ``block`` only)."""
    segments = breakout_blocks(agenda, block)
    where = Where(plist, agenda_name)
    check_room_ids(agenda, plist, where)
    before: dict[tuple[str, str], Placement] = {}
    for placement in previous or []:
        before[(placement.email.lower(), placement.block)] = placement
    results: list[BlockAssignment] = []
    moved: list[Move] = []
    warnings: list[str] = []
    for segment in segments:
        assert segment.breakout is not None
        if segment.breakout.mode == "topics":
            assignment, moves = topics_block(agenda, segment, plist, where, objective, seed, before, warnings)
            results.append(assignment)
            moved += moves
        else:
            results += mixing_block(agenda, segment, plist, where, seed, warnings)
    return AssignmentResult(results, moved, _left(results, plist, previous or []), warnings)


def _left(results: list[BlockAssignment], plist: ParticipantList, previous: list[Placement]) -> list[Placement]:
    """Placements of the previous assignment whose person is no longer registered (the agenda's crew aside)."""
    emails = {p.email.lower() for p in plist.participants}
    blocks_done = {r.block for r in results}
    crew = {s.email.lower() for r in results for s in r.seats if s.how == "crew"}
    return [
        p for p in previous if p.email.lower() not in emails and p.block in blocks_done and p.email.lower() not in crew
    ]
