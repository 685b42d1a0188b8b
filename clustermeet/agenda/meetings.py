"""Which breakout block each meeting pre-assigns, and how every other block's rooms are opened on the platform.

A meeting is a join link (the segment's own, its track's, or the platform's). Zoom keeps one set of
pre-assignments per meeting or series (Zoom support, "Pre-assigning participants to breakout rooms", KB0061353:
up to 100 rooms and 1,000 people, Zoom accounts only, one set per meeting); Webex and BigBlueButton likewise take
their sessions once, when the meeting is scheduled or created. So per meeting one block is pre-assigned: the one
``event.platform.preassign`` names, else the meeting's first topics block, else its first breakout block. Topics
rooms of the other blocks open as self-select rooms named exactly as the invites name them; mixing rounds open as
automatic assignment with as many rooms. Teams imports nothing: its rooms are filled by hand from the rosters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from clustermeet.i18n import BREAKOUT_WORDS, lookup

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, BreakoutRoom, Segment

How = Literal["preassigned", "self_select", "automatic", "by_hand"]
PLATFORM_NAMES = {"zoom": "Zoom", "teams": "Teams", "webex": "Webex", "bbb": "BigBlueButton", "jitsi": "Jitsi"}
#: the platforms that take a pre-assignment file (or call) at all
PREASSIGNING = frozenset({"zoom", "webex", "bbb"})


def meeting_of(agenda: Agenda, segment: Segment) -> str:
    """The join link a segment runs in."""
    track = next((t for t in agenda.tracks if t.id == segment.track), None)
    return str(segment.url or (track.url if track is not None else None) or agenda.event.platform.url)


def preassigned_blocks(agenda: Agenda) -> frozenset[str]:
    """The id of the one pre-assigned breakout block of each meeting."""
    chosen = agenda.event.platform.preassign
    by_meeting: dict[str, list[Segment]] = {}
    for segment in agenda.segments:
        if segment.breakout is not None:
            by_meeting.setdefault(meeting_of(agenda, segment), []).append(segment)
    picked = set()
    for blocks in by_meeting.values():
        named = [s for s in blocks if s.id == chosen]
        topics = [s for s in blocks if s.breakout is not None and s.breakout.mode == "topics"]
        picked.add((named or topics or blocks)[0].id)
    return frozenset(picked)


def room_names(rooms: list[BreakoutRoom]) -> list[str]:
    """Each room's name on the platform, as the invites give it: its title, or its id where titles repeat (the
    platforms match rooms by name)."""
    titles = [room.title for room in rooms]
    return [room.title if titles.count(room.title) == 1 else room.id for room in rooms]


@dataclass(frozen=True)
class RoomOpening:
    """How one block's rooms are opened in the meeting."""

    block: str
    how: How
    platform: str
    names: tuple[str, ...]

    def text(self, language: str) -> str | None:
        """The instruction, in the event's language; None for pre-assigned rooms (opened as they are) and on a
        platform clustermeet does not know (``other``)."""
        if self.how == "preassigned" or self.platform not in PLATFORM_NAMES:
            return None
        template = lookup(BREAKOUT_WORDS, f"open_{self.how}", language)
        return f"{PLATFORM_NAMES[self.platform]}: " + template.format(
            rooms=len(self.names), names="; ".join(self.names)
        )


def room_opening(agenda: Agenda, segment: Segment, round_number: int | None = None) -> RoomOpening:
    """How ``segment``'s rooms are opened (in round ``round_number`` of a mixing block): pre-assigned,
    self-select, automatic, or by hand (Teams and the rest). Only the first round of a block can be pre-assigned:
    the meeting's one set is used up by then."""
    assert segment.breakout is not None
    kind = agenda.event.platform.kind
    names = tuple(room_names(segment.breakout.effective_rooms(agenda.event.language)))
    how: How
    if kind not in PREASSIGNING:
        how = "by_hand"
    elif segment.id in preassigned_blocks(agenda) and (round_number or 1) == 1:
        how = "preassigned"
    else:
        how = "self_select" if segment.breakout.mode == "topics" else "automatic"
    return RoomOpening(segment.id, how, kind, names)
