"""With the agenda's `live_url`, the facilitator's personal invite links their room's live timer (the served show's
room page); the other people in the room get no such line."""

from __future__ import annotations

from pathlib import Path

from tests.ics_support import personal_invites

AGENDA = """\
event:
  title: Workshop day
  date: 2024-05-14
  timezone: Europe/Berlin
  organiser: {name: Org, email: org@example.org}
  platform: {kind: zoom, url: https://zoom.example.org/j/1}
  live_url: http://studio.example.org:8080/
people:
  - {id: fay, name: Fay, role: facilitator, email: fay@example.org}
segments:
  - {id: hello, title: Hello, kind: welcome, start: "10:00", duration: 10m}
  - id: groups
    title: Groups
    kind: breakout
    duration: 30m
    breakout:
      mode: topics
      rooms:
        - {id: ideas, title: Ideas, facilitator: fay}
participants:
  - {name: Ada, email: ada@example.org}
"""

ASSIGNMENTS = """\
email,name,block,room,rank
fay@example.org,Fay,groups,ideas,
ada@example.org,Ada,groups,ideas,1
"""


def test_the_facilitator_gets_the_room_timer(tmp_path: Path) -> None:
    invites = personal_invites(AGENDA, ASSIGNMENTS, tmp_path)
    (fay,) = [text for name, text in invites.items() if name.lower().startswith("fay")]
    (ada,) = [text for name, text in invites.items() if name.lower().startswith("ada")]
    assert "Your room's timer: http://studio.example.org:8080/room/ideas" in fay
    assert "Your room: Ideas" in ada and "timer" not in ada
