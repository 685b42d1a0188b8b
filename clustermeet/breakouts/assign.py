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

from clustermeet.agenda.findings import Finding, field_name
from clustermeet.agenda.seating import BlockSeats, block_seats, room_id_findings
from clustermeet.breakouts.blocks import breakout_blocks
from clustermeet.breakouts.mixing_block import mixing_block
from clustermeet.breakouts.result import AssignmentResult, BlockAssignment, Move, Objective
from clustermeet.breakouts.topics_block import topics_block
from clustermeet.errors import InvalidInputError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from clustermeet.agenda.models import Agenda, Segment
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
    place: Callable[[Finding], Problem] | None = None,
) -> AssignmentResult:
    """Place every participant in every breakout block (or in ``block`` only). The seating checks ``validate``
    runs come first, their findings placed by ``place`` (the agenda's lines and columns; see
    :func:`clustermeet.agenda.loading.finding_placer`) and raised as one ``InvalidInputError``."""
    segments = breakout_blocks(agenda, block)
    seats = _checked_seats(agenda, plist, segments, place or _unplaced(agenda_name))
    before: dict[tuple[str, str], Placement] = {}
    for placement in previous or []:
        before[(placement.email.lower(), placement.block)] = placement
    results: list[BlockAssignment] = []
    moved: list[Move] = []
    warnings: list[str] = []
    for segment in segments:
        assert segment.breakout is not None
        if segment.breakout.mode == "topics":
            assignment, moves = topics_block(
                agenda, segment, plist, seats[segment.id], objective, seed, before, warnings
            )
            results.append(assignment)
            moved += moves
        else:
            results += mixing_block(agenda, segment, plist, seats[segment.id], seed, warnings, before)
    return AssignmentResult(results, moved, _left(results, plist, previous or []), warnings)


def _left(results: list[BlockAssignment], plist: ParticipantList, previous: list[Placement]) -> list[Placement]:
    """Placements of the previous assignment whose person is no longer registered (the agenda's crew aside)."""
    emails = {p.email.lower() for p in plist.participants}
    blocks_done = {r.block for r in results}
    crew = {s.email.lower() for r in results for s in r.seats if s.how == "crew"}
    return [
        p for p in previous if p.email.lower() not in emails and p.block in blocks_done and p.email.lower() not in crew
    ]


def _checked_seats(
    agenda: Agenda, plist: ParticipantList, segments: list[Segment], place: Callable[[Finding], Problem]
) -> dict[str, BlockSeats]:
    """Each block's fixed places; every finding of the seating checks raised at once."""
    index = {segment.id: i for i, segment in enumerate(agenda.segments)}
    seats = {segment.id: block_seats(agenda, plist, index[segment.id]) for segment in segments}
    findings = room_id_findings(agenda, plist) + [f for block in seats.values() for f in block.findings]
    problems = [place(finding) for finding in findings]
    if any(problem.is_error for problem in problems):
        raise InvalidInputError(problems)
    return seats


def _unplaced(agenda_name: str) -> Callable[[Finding], Problem]:
    """Findings as problems where the agenda's text is not at hand: the field names the place."""

    def place(finding: Finding) -> Problem:
        if finding.source is not None:
            return Problem(finding.source, finding.line or 0, finding.col or 0, finding.severity, finding.message)
        return Problem(agenda_name, 0, 0, finding.severity, finding.message, field_name(finding.loc))

    return place
