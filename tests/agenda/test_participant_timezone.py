"""A participant's own time zone: an optional ``timezone`` field, read from a ``timezone`` or ``Zeitzone`` column
(the invites show their time beside the event's)."""

from __future__ import annotations

import pytest

from clustermeet.agenda.models import Participant
from clustermeet.agenda.participants import parse_participants_csv
from clustermeet.errors import InvalidInputError


@pytest.mark.parametrize("header", ["timezone", "Zeitzone", "TimeZone"])
def test_the_column_is_read_under_its_english_or_german_name(header: str) -> None:
    text = f"\ufeffName;E-Mail;{header}\r\nOla Lind;ola@example.se;Australia/Sydney\r\nPer Holm;per@example.dk;\r\n"
    people = parse_participants_csv(text, "p.csv").participants
    assert [(p.email, p.timezone) for p in people] == [("ola@example.se", "Australia/Sydney"), ("per@example.dk", None)]


def test_a_zone_that_is_not_iana_is_located_with_a_suggestion() -> None:
    text = "name,email,timezone\nOla Lind,ola@example.se,Australia/Sidney\n"
    with pytest.raises(InvalidInputError) as caught:
        parse_participants_csv(text, "p.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (2, 25)
    assert "timezone:" in problem.message and "Australia/Sydney" in problem.message


def test_the_field_defaults_to_none() -> None:
    assert Participant(name="A", email="a@example.org").timezone is None
