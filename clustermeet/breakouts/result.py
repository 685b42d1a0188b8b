"""What an assignment is made of: seats, the figures of each block, moves since a previous assignment.

Values only; :mod:`clustermeet.breakouts.assign` makes them, the outputs and the summary read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from clustermeet.agenda.models import BreakoutRoom, Segment
    from clustermeet.breakouts.assignments_file import Placement

Objective = Literal["squared", "linear"]
How = Literal["ranked", "unranked", "fixed", "facilitator", "crew", "mixed"]


def rank_cost(rank: int, objective: Objective) -> int:
    return rank * rank if objective == "squared" else rank


class Seat(NamedTuple):
    """One person in one room of one block (round). A named tuple, not a frozen dataclass: one is made per person
    and round (500,000 for a mixing block of 10,000 people over 50 rounds), and a frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__``, about five times slower."""

    email: str
    name: str
    organisation: str | None
    room: str
    rank: int | None
    how: How


@dataclass(frozen=True)
class BlockStats:
    participants: int
    rooms: int
    with_wishes: int = 0
    first_choices: int = 0
    first_choice_share: float | None = None
    first_choice_best: float | None = None
    mean_rank: float | None = None
    worst_rank: int | None = None
    rank_histogram: dict[str, int] = field(default_factory=dict)
    fixed: int = 0
    objective: int | None = None
    lower_bound: float | None = None
    optimal: bool | None = None
    method: str = ""
    unplaced: int = 0
    repeat_pairs: int | None = None
    repeat_pairs_bound: int | None = None
    room_sizes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BlockAssignment:
    """The seats of one block, or of one round of a mixing block (``block`` is then ``<segment>/<round>``)."""

    block: str
    segment: Segment
    round: int | None
    rooms: list[BreakoutRoom]
    seats: list[Seat]
    stats: BlockStats


@dataclass(frozen=True)
class Move:
    email: str
    name: str
    block: str
    from_room: str
    to_room: str
    reason: str


@dataclass(frozen=True)
class AssignmentResult:
    blocks: list[BlockAssignment]
    moved: list[Move] = field(default_factory=list)
    left: list[Placement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
