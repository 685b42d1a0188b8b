"""Invite e-mails (iMIP, RFC 6047) that Outlook and Gmail show with Accept/Decline buttons.

Structure::

    multipart/mixed
      multipart/alternative
        text/plain; charset=utf-8
        text/html; charset=utf-8
        text/calendar; method=REQUEST; charset=UTF-8     (base64 keeps the CRLFs intact)
      application/ics; name="invite.ics"                  (the same calendar as an attachment)

The ``method`` parameter equals the calendar's METHOD. Boundaries, Message-ID and Date are derived from the invite,
so the same invite gives the same bytes (dry-run .eml files can be compared). The MIME text is written directly:
the stdlib's EmailMessage API took about 5 ms a message (bench/ics.py); tests parse every message back with it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.utils import format_datetime, formataddr
from typing import TYPE_CHECKING, Literal

from clustermeet.agenda.types import smtp_address
from clustermeet.invites.words import text
from clustermeet.text import one_line

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.invites.content import CalendarFile

Kind = Literal["new", "updated", "cancelled"]
_URL = re.compile(r"https?://[^\s<>\"]+")
_QUOTED_PRINTABLE = "Content-Transfer-Encoding: quoted-printable"
_BASE64 = "Content-Transfer-Encoding: base64"


@dataclass(frozen=True)
class OutgoingMail:
    """One message ready to send: envelope and bytes."""

    key: str
    uid: str
    kind: Kind
    sender: str
    recipient: str
    name: str
    file_name: str
    data: bytes


def subject(agenda: Agenda, invite: CalendarFile, kind: Kind, day_text: str) -> str:
    language = agenda.event.language
    prefix = text(
        {"new": "subject_new", "updated": "subject_updated", "cancelled": "subject_cancelled"}[kind], language
    )
    return one_line(f"{prefix}: {invite.summary} – {day_text}")


def _html_body(paragraphs: list[str]) -> str:
    parts = []
    for paragraph in paragraphs:
        lines = []
        for line in paragraph.split("\n"):
            escaped = html.escape(line)
            escaped = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
            lines.append(escaped)
        parts.append("<p>" + "<br>\n".join(lines) + "</p>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body style="font-family: sans-serif">\n'
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def build_message(
    agenda: Agenda, invite: CalendarFile, kind: Kind, *, sender: str | None = None, day_text: str = ""
) -> OutgoingMail:
    """The e-mail carrying one personal calendar (REQUEST or CANCEL) to its one attendee.

    Header text goes through ``one_line``: no control character, so no header injection through a name from a CSV.
    """
    assert invite.recipient_email is not None
    name = one_line(invite.recipient_name or invite.recipient_email)
    from_address = sender or agenda.event.organiser.email
    paragraphs = _paragraphs(agenda, invite, kind, name, day_text)
    digest = hashlib.sha256(invite.send_key.encode()).hexdigest()[:24]
    mixed, alternative = f"=_clustermeet_{digest}_0", f"=_clustermeet_{digest}_1"
    headers = [
        *_address_headers(agenda, from_address, name, invite.recipient_email),
        _header("Subject", subject(agenda, invite, kind, day_text), encode=True),
        *_mime_headers(agenda, invite, digest, mixed),
    ]
    calendar = _base64(invite.data)
    body = [
        "\r\n".join(headers),
        "",
        f"--{mixed}",
        f'Content-Type: multipart/alternative; boundary="{alternative}"',
        "",
        *_text_parts(alternative, paragraphs),
        *_calendar_part(alternative, invite.method, calendar),
        f"--{alternative}--",
        "",
        *_attachment(mixed, calendar),
        f"--{mixed}--",
        "",
    ]
    return OutgoingMail(
        key=invite.send_key,
        uid=invite.uid,
        kind=kind,
        sender=from_address,
        recipient=invite.recipient_email,
        name=name,
        file_name=invite.name.removesuffix(".ics") + ".eml",
        data="\r\n".join(body).encode("utf-8"),  # ASCII but for an internationalised address (RFC 6532)
    )


def _paragraphs(agenda: Agenda, invite: CalendarFile, kind: Kind, name: str, day_text: str) -> list[str]:
    """What the message says, paragraph by paragraph: greeting, what happened, the event, regards."""
    language = agenda.event.language
    intro_key = {"new": "intro_new", "updated": "intro_updated", "cancelled": "intro_cancelled"}[kind]
    paragraphs = [
        text("greeting", language, name=name),
        text(intro_key, language, title=invite.summary),
    ]
    if kind == "cancelled":
        paragraphs.append(f"{invite.summary}\n{day_text}")
    else:
        paragraphs += [p for p in invite.description.split("\n\n") if p.strip()]
        paragraphs.append(text("accept_hint", language))
    paragraphs.append(f"{text('regards', language)}\n{agenda.event.organiser.name}")
    return paragraphs


def _address_headers(agenda: Agenda, from_address: str, name: str, recipient: str) -> list[str]:
    """From, Reply-To (when the message is not sent from the organiser's address) and To."""
    organiser = agenda.event.organiser
    headers = [_header("From", _mailbox(one_line(organiser.name), from_address))]
    if from_address.lower() != organiser.email.lower():
        headers.append(_header("Reply-To", _mailbox(one_line(organiser.name), organiser.email)))
    headers.append(_header("To", _mailbox(name, recipient)))
    return headers


def _mailbox(name: str, address: str) -> str:
    """``Name <address>``: the name RFC 2047-encoded where needed, the domain as IDNA (``xn--``); a non-ASCII local
    part stays UTF-8, which only an SMTPUTF8 server takes (``smtp`` refuses the others per recipient)."""
    envelope, _ = smtp_address(address)
    if envelope.isascii():
        return formataddr((name, envelope), charset="utf-8")
    placeholder = formataddr((name, "x@x"), charset="utf-8")  # formataddr takes ASCII addresses only
    return placeholder.removesuffix("<x@x>") + f"<{envelope}>"


def _mime_headers(agenda: Agenda, invite: CalendarFile, digest: str, boundary: str) -> list[str]:
    """Date, Message-ID and the MIME headers of the outer multipart/mixed."""
    headers = []
    # Date and Message-ID follow the invite, not the wall clock: the same invite is the same message
    stamp = _dtstamp(invite.data)
    if stamp is not None:
        headers.append(f"Date: {format_datetime(stamp)}")
    domain = agenda.event.organiser.email.rsplit("@", 1)[-1]
    return [
        *headers,
        f"Message-ID: <{digest}@{domain}>",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
        "Content-Class: urn:content-classes:calendarmessage",  # Outlook: treat as a meeting message
    ]


def _part(boundary: str, headers: list[str], payload: str) -> list[str]:
    """The lines of one MIME part: its boundary, its headers, a blank line and its payload."""
    return [f"--{boundary}", *headers, "", payload]


def _text_parts(boundary: str, paragraphs: list[str]) -> list[str]:
    """The text/plain and text/html alternatives, quoted-printable."""
    plain = "\n\n".join(paragraphs) + "\n"
    return [
        *_part(boundary, ['Content-Type: text/plain; charset="utf-8"', _QUOTED_PRINTABLE], _quoted_printable(plain)),
        *_part(
            boundary,
            ['Content-Type: text/html; charset="utf-8"', _QUOTED_PRINTABLE],
            _quoted_printable(_html_body(paragraphs)),
        ),
    ]


def _calendar_part(boundary: str, method: str, calendar: str) -> list[str]:
    """The text/calendar alternative whose ``method`` equals the calendar's METHOD."""
    return _part(boundary, [f'Content-Type: text/calendar; method={method}; charset="UTF-8"', _BASE64], calendar)


def _attachment(boundary: str, calendar: str) -> list[str]:
    """The same calendar as an invite.ics attachment."""
    headers = [
        'Content-Type: application/ics; name="invite.ics"',
        'Content-Disposition: attachment; filename="invite.ics"',
        _BASE64,
    ]
    return _part(boundary, headers, calendar)


def _header(name: str, value: str, *, encode: bool = False) -> str:
    """One header, folded with CRLF; ``encode`` for free text (RFC 2047 when it is not ASCII)."""
    if encode:
        charset = "us-ascii" if value.isascii() else "utf-8"
        value = Header(value, charset, header_name=name).encode(linesep="\r\n")
    return f"{name}: {value}"


def _quoted_printable(text: str) -> str:
    data = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return data.decode("ascii").replace("\n", "\r\n").removesuffix("\r\n")


def _base64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").replace("\n", "\r\n").removesuffix("\r\n")


def _dtstamp(data: bytes) -> datetime | None:
    match = re.search(rb"\r\nDTSTAMP:(\d{8}T\d{6})Z\r\n", data)
    if match is None:
        return None
    return datetime.strptime(match.group(1).decode(), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
