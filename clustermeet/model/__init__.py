"""Pydantic models of the agenda file, participants and results. No I/O here."""

from clustermeet.model.agenda import (
    Agenda,
    Breakout,
    BreakoutRoom,
    Event,
    Participant,
    Person,
    Pitch,
    PitchBlock,
    Segment,
    SegmentKind,
    Track,
)

__all__ = [
    "Agenda",
    "Breakout",
    "BreakoutRoom",
    "Event",
    "Participant",
    "Person",
    "Pitch",
    "PitchBlock",
    "Segment",
    "SegmentKind",
    "Track",
]
