"""I/O: delivering invite e-mails over SMTP, logging each attempt and its outcome in the send log.

Delivery walks the SMTP conversation step by step so that it knows what the server has: a refusal at MAIL or RCPT,
or an error reply to DATA, means the message was not taken (``failed``, retried next run); a lost connection
while the message body was with the server means it may have been delivered (left as ``attempt``: uncertain,
not resent unless asked for). See ``clustermeet.invites.send_log``; what to send is planned in
``clustermeet.invites.mail_plan``.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from clustermeet.agenda.types import smtp_address
from clustermeet.errors import UsageError
from clustermeet.invites.message import OutgoingMail

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from clustermeet.invites.send_log import SendLog

Security = Literal["none", "starttls", "ssl"]


class Transport(Protocol):
    def send(self, sender: str, recipient: str, data: bytes) -> None: ...

    def close(self) -> None: ...


class SmtpLoginError(UsageError):
    """The server refused the login: the user or the password is wrong (``cli`` says where each comes from)."""

    def __init__(self, host: str, port: int, user: str | None, code: int) -> None:
        super().__init__(f"SMTP login to {host}:{port} as {user} was refused ({code})")
        self.host, self.port, self.user, self.code = host, port, user, code


class RefusedError(Exception):
    """The server refused the message: it was not taken."""


class ConnectionLostError(Exception):
    """The connection broke; ``uncertain`` when it broke while the server had the message."""

    def __init__(self, message: str, *, uncertain: bool) -> None:
        super().__init__(message)
        self.uncertain = uncertain


class SmtpTransport:
    """One SMTP connection, opened on first use and again after a loss. The password never leaves this object."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        security: Security = "none",
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.host, self.port, self.security = host, port, security
        self.user, self._password, self.timeout = user, password, timeout
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        try:
            if self.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self._password:
                smtp.login(self.user or "", self._password)
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpLoginError(self.host, self.port, self.user, exc.smtp_code) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise UsageError(f"cannot connect to the SMTP server {self.host}:{self.port}: {_reason(exc)}") from None
        return smtp

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        smtp = self._smtp
        envelope_from, from_utf8 = smtp_address(sender)
        envelope_to, to_utf8 = smtp_address(recipient)
        options: list[str] = []
        if from_utf8 or to_utf8:  # RFC 6531: only a server that offers SMTPUTF8 takes a non-ASCII local part
            if not smtp.has_extn("smtputf8"):
                whose = "the sender's" if from_utf8 else "the"
                raise RefusedError(f"{whose} address needs SMTPUTF8 (RFC 6531), which {self.host} does not offer")
            options = ["SMTPUTF8", *(["BODY=8BITMIME"] if smtp.has_extn("8bitmime") else [])]
        try:
            code, reply = smtp.mail(envelope_from, options)
            if code != 250:
                self._reset()
                raise RefusedError(f"sender refused: {code} {_text(reply)}")
            code, reply = smtp.rcpt(envelope_to)
            if code not in (250, 251):
                self._reset()
                raise RefusedError(f"recipient refused: {code} {_text(reply)}")
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.close()
            raise ConnectionLostError(_reason(exc), uncertain=False) from None
        try:
            code, reply = smtp.data(data)  # the final reply is returned, not raised
        except smtplib.SMTPDataError as exc:
            self._reset()
            raise RefusedError(f"message refused: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.close()
            raise ConnectionLostError(_reason(exc), uncertain=True) from None
        if code != 250:
            self._reset()
            raise RefusedError(f"message refused: {code} {_text(reply)}")

    def _reset(self) -> None:
        try:
            if self._smtp is not None:
                self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc) or type(exc).__name__


@dataclass
class DeliveryResult:
    sent: list[OutgoingMail] = field(default_factory=list)
    failed: list[tuple[OutgoingMail, str]] = field(default_factory=list)
    uncertain: list[tuple[OutgoingMail, str]] = field(default_factory=list)


def deliver(
    mails: list[OutgoingMail],
    transport: Transport,
    log: SendLog,
    clock: Callable[[], datetime],
    *,
    per_minute: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
    on_done: Callable[[OutgoingMail, str], None] | None = None,
) -> DeliveryResult:
    """Send each mail once, logging an attempt before and the outcome after; at most ``per_minute`` a minute.

    A lost connection is retried with a new one for the next mail; when the server cannot be reached any more,
    the ``UsageError`` propagates after the mails so far are logged.
    """
    result = DeliveryResult()
    interval = 60.0 / per_minute if per_minute else 0.0
    last: float | None = None
    for mail in mails:
        if interval and last is not None:
            wait = interval - (monotonic() - last)
            if wait > 0:
                sleep(wait)
        last = monotonic()
        log.append(mail.key, mail.recipient, "attempt", clock())
        try:
            transport.send(mail.sender, mail.recipient, mail.data)
        except RefusedError as exc:
            log.append(mail.key, mail.recipient, "failed", clock(), str(exc))
            result.failed.append((mail, str(exc)))
            outcome = "failed"
        except ConnectionLostError as exc:
            if exc.uncertain:
                result.uncertain.append((mail, f"connection lost while sending: {exc}"))
                outcome = "uncertain"
            else:
                log.append(mail.key, mail.recipient, "failed", clock(), f"connection lost: {exc}")
                result.failed.append((mail, f"connection lost: {exc}"))
                outcome = "failed"
        except UsageError as exc:  # cannot (re)connect: this one was not sent
            log.append(mail.key, mail.recipient, "failed", clock(), exc.message)
            raise
        else:
            log.append(mail.key, mail.recipient, "sent", clock())
            result.sent.append(mail)
            outcome = "sent"
        if on_done is not None:
            on_done(mail, outcome)
    return result
