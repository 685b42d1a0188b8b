"""The files the platforms import to pre-assign breakout rooms: one set per meeting, room names exactly as the
invites give them (no formula guard: the platform would show the quote; ``validate`` warns about such names).

Sources, for each format:

- Zoom: CSV with the header ``Pre-assign Room Name,Email Address``, one row per person (Zoom support,
  "Pre-assigning participants to breakout rooms", KB0061353): up to 100 rooms and 1,000 people per meeting, only
  people signed in to Zoom with that address are placed, one set of pre-assignments per meeting or series.
- Webex: the CSV template of "Preassign participants to breakout sessions" (help.webex.com, article cmaeb4): the
  breakout session's name and the e-mail address of each person, one row each; at most 100 sessions, one session
  per invitee. The article does not print the template's header row; ours names the two columns as it does
  (check it against the template your Webex site offers). The same sessions as the body of the REST call "Update
  Meeting Breakout Sessions" (developer.webex.com, ``items: [{name, invitees: [e-mail]}]``).
- BigBlueButton (2.5+): the ``groups`` parameter of ``create`` (docs.bigbluebutton.org, API reference, create):
  a JSON array of ``{id, name, roster: [userID]}``. The roster holds the ``userID`` each person joins with; we
  write their e-mail address, so the integration that builds the join links must pass it as ``userID``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clustermeet.agenda.meetings import PREASSIGNING, preassigned_blocks, room_names, room_opening
from clustermeet.breakouts.outputs import unique_names
from clustermeet.text import safe_filename

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.breakouts.result import AssignmentResult, BlockAssignment

ZOOM_HEADER = ("Pre-assign Room Name", "Email Address")
#: Zoom's limits per meeting for pre-assignment (KB0061353): rooms and pre-assigned participants.
ZOOM_MAX_ROOMS = 100
ZOOM_MAX_PEOPLE = 1000
WEBEX_HEADER = ("Breakout Session Name", "Email Address")
WEBEX_MAX_SESSIONS = 100
#: the most breakout rooms BigBlueButton's client offers by default (its moderator guides; notes/breakout-rooms.md)
BBB_MAX_ROOMS = 16


@dataclass
class PlatformFiles:
    """File name -> content, what to say about limits, and how to open every block not pre-assigned."""

    files: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, content: str) -> None:
        """A file, its name made unique among those before it (block ``a.1`` and ``a-1`` may meet)."""
        self.files[unique_names([*self.files, name])[-1]] = content


def preassigned(agenda: Agenda, result: AssignmentResult) -> list[BlockAssignment]:
    """The blocks (first round of a mixing block) the meetings pre-assign, among those placed."""
    chosen = preassigned_blocks(agenda)
    return [b for b in result.blocks if b.segment.id in chosen and b.round in (None, 1)]


def opening_notes(agenda: Agenda, result: AssignmentResult) -> list[str]:
    """For every block (round) not pre-assigned: how to open its rooms in the meeting."""
    done = {b.block for b in preassigned(agenda, result)} if agenda.event.platform.kind in PREASSIGNING else set()
    notes = []
    for block in result.blocks:
        if block.block not in done:
            how = room_opening(agenda, block.segment, block.round).text(agenda.event.language)
            if how is not None:
                notes.append(f"{block.block}: {how}")
    return notes


def _rows(block: BlockAssignment) -> list[tuple[str, list[str]]]:
    """(room name, e-mails) per room that has anyone, in room order."""
    names = room_names(block.rooms)
    emails: dict[str, list[str]] = {room.id: [] for room in block.rooms}
    for seat in block.seats:
        emails[seat.room].append(seat.email)
    return [(name, emails[room.id]) for name, room in zip(names, block.rooms, strict=True) if emails[room.id]]


def _csv(header: tuple[str, str], rooms: list[tuple[str, list[str]]]) -> str:
    """The platform's CSV: cells exactly as written (quoted where CSV needs it), CRLF as spreadsheets write."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for name, emails in rooms:
        writer.writerows((name, email) for email in emails)
    return out.getvalue()


def zoom_files(agenda: Agenda, result: AssignmentResult) -> PlatformFiles:
    """One Zoom CSV per meeting, split into parts within Zoom's limits (rooms kept whole), and the notes."""
    out = PlatformFiles(notes=opening_notes(agenda, result))
    for block in preassigned(agenda, result):
        rooms = _rows(block)
        parts: list[list[tuple[str, list[str]]]] = [[]]
        people = 0
        for name, emails in rooms:
            if len(emails) > ZOOM_MAX_PEOPLE:
                out.warnings.append(
                    f"{block.block}: room '{name}' has {len(emails)} people, more than Zoom pre-assigns "
                    f"({ZOOM_MAX_PEOPLE}); its file exceeds the limit"
                )
            if parts[-1] and (len(parts[-1]) >= ZOOM_MAX_ROOMS or people + len(emails) > ZOOM_MAX_PEOPLE):
                parts.append([])
                people = 0
            parts[-1].append((name, emails))
            people += len(emails)
        base = safe_filename(block.segment.id, fallback="block")
        if len(parts) > 1:
            out.warnings.append(
                f"{block.block}: {len(rooms)} rooms and {sum(len(e) for _, e in rooms)} people exceed Zoom's limits "
                f"per meeting ({ZOOM_MAX_ROOMS} rooms, {ZOOM_MAX_PEOPLE} people): split into {len(parts)} files, "
                "one per meeting"
            )
        for number, part in enumerate(parts, start=1):
            name = f"{base}-zoom.csv" if len(parts) == 1 else f"{base}-zoom-part-{number}.csv"
            out.add(name, _csv(ZOOM_HEADER, part))
    return out


def webex_files(agenda: Agenda, result: AssignmentResult) -> PlatformFiles:
    """Per meeting the Webex CSV and the same sessions as the REST call's body."""
    out = PlatformFiles(notes=opening_notes(agenda, result))
    for block in preassigned(agenda, result):
        rooms = _rows(block)
        if len(block.rooms) > WEBEX_MAX_SESSIONS:
            out.warnings.append(
                f"{block.block}: {len(block.rooms)} rooms, more than Webex's {WEBEX_MAX_SESSIONS} breakout sessions"
            )
        base = safe_filename(block.segment.id, fallback="block")
        out.add(f"{base}-webex.csv", _csv(WEBEX_HEADER, rooms))
        body = {"items": [{"name": name, "invitees": emails} for name, emails in rooms]}
        out.add(f"{base}-webex-sessions.json", json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    return out


def bbb_files(agenda: Agenda, result: AssignmentResult) -> PlatformFiles:
    """Per meeting the ``groups`` value of BigBlueButton's create call."""
    out = PlatformFiles(notes=opening_notes(agenda, result))
    for block in preassigned(agenda, result):
        names = room_names(block.rooms)
        roster: dict[str, list[str]] = {room.id: [] for room in block.rooms}
        for seat in block.seats:
            roster[seat.room].append(seat.email)
        if len(block.rooms) > BBB_MAX_ROOMS:
            out.warnings.append(
                f"{block.block}: {len(block.rooms)} rooms, more than BigBlueButton opens by default ({BBB_MAX_ROOMS})"
            )
        groups = [
            {"id": room.id, "name": name, "roster": roster[room.id]}
            for room, name in zip(block.rooms, names, strict=True)
        ]
        base = safe_filename(block.segment.id, fallback="block")
        out.add(f"{base}-bbb-groups.json", json.dumps(groups, ensure_ascii=False, indent=2) + "\n")
    return out
