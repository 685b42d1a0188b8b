"""Zoom places a pre-assigned person only when they join signed in with the address they were assigned under
(Zoom support KB0061353): the personal invite of a Zoom event says so, with that one address (issue 12)."""

from __future__ import annotations

from clustermeet.agenda.loading import load_agenda
from clustermeet.invites.personal import personal_contents
from clustermeet.invites.recipients import Recipient, RoomPlacement
from tests.conftest import AGENDAS


def test_a_zoom_invite_says_to_sign_in_with_the_invited_address() -> None:
    schedule = load_agenda(AGENDAS / "go-cluster-2022.yaml").schedule
    block = next(s for s in schedule.agenda.segments if s.breakout is not None)
    assert schedule.agenda.event.platform.kind == "zoom" and block.breakout is not None
    people = [Recipient("ada@example.org", "Ada"), Recipient("ben@example.org", "Ben")]
    placed = {"ada@example.org": [RoomPlacement(block.id, block.breakout.rooms[0].id)]}
    ada, ben = personal_contents(schedule, people, placed)
    assert (
        "Melden Sie sich in Zoom mit ada@example.org an: nur dann kommen Sie direkt in Ihren Raum." in ada.description
    )
    assert "ben@example.org" not in ada.description  # a personal invite carries its recipient's address only
    assert "Melden Sie sich in Zoom" not in ben.description  # no room, nothing to be placed in
