"""Who is called to the platform before a day's show, and when: the tech check and the speakers' check-in.

The runsheet's cue sheet (``show.cues``) and the personal invites (``invites.personal``) both plan from here, so a
speaker's invite names the same time as the check-in cue the crew reads. The crew (tech, producer, host) comes to
the tech check; everyone with a part in a segment (speaker, owner, pitch presenter, room facilitator) comes to the
check-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from clustermeet.agenda.models import Agenda, Segment

TECH_CHECK_BEFORE = timedelta(minutes=30)
CHECK_IN_BEFORE = timedelta(minutes=15)
#: the roles that do the platform's actions and come to the tech check
CREW_ROLES = frozenset({"tech", "producer", "host"})

CallKind = Literal["tech_check", "check_in"]


@dataclass(frozen=True)
class Call:
    """When one person is due on the call before the first item of a day."""

    kind: CallKind
    at: datetime
    before: timedelta


def crew(agenda: Agenda) -> frozenset[str]:
    """People who do the platform actions: tech, producer and host."""
    return frozenset(p.id for p in agenda.people if p.role.value in CREW_ROLES)


def segment_people(segment: Segment) -> list[str]:
    """Everyone with a part in ``segment``: speakers, its owner, pitch presenters and room facilitators."""
    people = list(segment.speakers)
    if segment.owner:
        people.append(segment.owner)
    if segment.pitches is not None:
        people += [p.presenter for p in segment.pitches.items if p.presenter]
    if segment.breakout is not None:
        people += [r.facilitator for r in segment.breakout.rooms if r.facilitator]
    return people


def call_of(agenda: Agenda, person_id: str, first_start: datetime, segments: Iterable[Segment]) -> Call | None:
    """``person_id``'s call on a day whose first item starts at ``first_start``: the tech check for the crew, the
    check-in for anyone with a part in ``segments`` (the day's), else none."""
    if person_id in crew(agenda):
        return Call("tech_check", first_start - TECH_CHECK_BEFORE, TECH_CHECK_BEFORE)
    if any(person_id in segment_people(segment) for segment in segments):
        return Call("check_in", first_start - CHECK_IN_BEFORE, CHECK_IN_BEFORE)
    return None
