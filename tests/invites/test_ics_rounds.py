"""A personal invite names the time of each mixing round, not the whole block, for every round."""

from __future__ import annotations

from pathlib import Path

from tests.ics_support import personal_invites

AGENDA = """\
event:
  title: Mixer
  date: 2024-05-14
  timezone: Europe/Berlin
  organiser: {name: Org, email: org@example.org}
  platform: {kind: zoom, url: https://zoom.example.org/j/1}
segments:
  - {id: hello, title: Hello, kind: welcome, start: "10:00", duration: 10m}
  - id: mixer
    title: Speed networking
    kind: breakout
    duration: 30m
    breakout: {mode: mixing, groups: 2, rounds: 3}
participants:
  - {name: Ada, email: ada@example.org}
  - {name: Bo, email: bo@example.org}
"""

ASSIGNMENTS = """\
email,name,block,room,rank
ada@example.org,Ada,mixer/1,group-01,
ada@example.org,Ada,mixer/2,group-02,
ada@example.org,Ada,mixer/3,group-01,
bo@example.org,Bo,mixer/1,group-02,
bo@example.org,Bo,mixer/2,group-01,
bo@example.org,Bo,mixer/3,group-02,
"""


def test_each_round_gets_its_own_slot(tmp_path: Path) -> None:
    invites = personal_invites(AGENDA, ASSIGNMENTS, tmp_path)
    (text,) = [t for name, t in invites.items() if name.startswith("Ada")]
    assert "Round 1: Group 1 (10:10–10:20)" in text
    assert "Round 2: Group 2 (10:20–10:30)" in text
    assert "Round 3: Group 1 (10:30–10:40)" in text
    assert "bo@example.org" not in text
