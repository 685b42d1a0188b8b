"""The one address rule: email-validator's, with a fast path for plain ASCII addresses that must agree with it."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from clustermeet.agenda.types import normalise_email, smtp_address

_ATOM = st.text(alphabet="abcXYZ019.-_+!#$%&'*/=?^`{|}~", min_size=1, max_size=12)
_LABEL = st.text(alphabet="abz09-", min_size=1, max_size=8)
_TLD = st.sampled_from(["org", "de", "x", "museum", "test", "local", "a1", "xn--p1ai", "co", "ORG"])


def _library_accepts(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False, strict=True)
    except EmailNotValidError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(_ATOM, st.lists(_LABEL, min_size=1, max_size=3), _TLD)
def test_the_fast_path_agrees_with_email_validator(local: str, labels: list[str], tld: str) -> None:
    address = f"{local}@{'.'.join([*labels, tld])}"
    try:
        normalise_email(address)
        ours = True
    except ValueError:
        ours = False
    assert ours == _library_accepts(address), address


@pytest.mark.parametrize(
    "address",
    [
        "eve@example.org, bob@example.org",  # two addresses in one cell
        "eve@example.org\r\nBcc: x@example.org",  # a header injection
        "a\x00b@example.org",  # a NUL
        "Eve <eve@example.org>",  # a display name
        "eve@localhost",
        "eve@@example.org",
        "",
    ],
)
def test_refused_addresses_say_why_on_one_line(address: str) -> None:
    with pytest.raises(ValueError, match="is not an e-mail address") as caught:
        normalise_email(address)
    assert "\n" not in str(caught.value) and "\r" not in str(caught.value) and "\x00" not in str(caught.value)


def test_internationalised_addresses_pass_and_get_their_envelope_form() -> None:
    assert normalise_email(" jörg@münchen.example ") == "jörg@münchen.example"
    assert smtp_address("jörg@münchen.example") == ("jörg@xn--mnchen-3ya.example", True)
    assert smtp_address("joerg@münchen.example") == ("joerg@xn--mnchen-3ya.example", False)
    assert smtp_address("joerg@example.org") == ("joerg@example.org", False)
