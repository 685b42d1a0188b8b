"""I/O: the ``send`` use case: e-mail each participant their personal invite once, or write the messages as files.

The invites are issued as ``ics`` issues them (same state file); the send log says what went out before. A real
send locks the state and the send log before it reads either, so a second ``send`` exits at once instead of
mailing the same people again. The state is saved before anything leaves: a message that went out always carries
a SEQUENCE the state remembers. A dry run (the messages as files) changes neither the state nor the log.
The SMTP password comes in from the caller (``cli`` reads it from the environment) and is only ever sent over an
encrypted connection, or to this machine.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from clustermeet.errors import UsageError
from clustermeet.invites.issuing import parse_now, personal_invites
from clustermeet.invites.mail_plan import SendPlan, plan_mails
from clustermeet.invites.send_log import SendLog, read_send_log, send_log_path_for
from clustermeet.invites.smtp import Security, SmtpTransport, deliver
from clustermeet.invites.state import state_path_for
from clustermeet.invites.writing import StateFile, ensure_folder, load_state, plan_writes, save_state, write_planned

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.invites.message import OutgoingMail
    from clustermeet.invites.smtp import DeliveryResult

#: given the number of messages, a context that yields the callback to call after each one
Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]
#: where a password may travel unencrypted: this machine
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_PORTS: dict[Security, int] = {"ssl": 465, "starttls": 587, "none": 25}
#: why a message from an earlier run is left alone; ``{option}`` is the parameter that sends it again
STOPPED_RUN = "a stopped run may have delivered it; {option} sends it again"


class PlaintextPasswordError(UsageError):
    """A password would travel unencrypted to another machine (``cli`` names the options that encrypt)."""

    def __init__(self) -> None:
        super().__init__("refusing to send the SMTP password over an unencrypted connection")


@dataclass(frozen=True)
class SmtpServer:
    """Where to send: ``port`` defaults by ``security``, ``user`` to the sender address."""

    host: str
    port: int | None = None
    security: Security = "none"
    user: str | None = None
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class InvitesSent:
    """What ``send`` did: the messages sent (or written, in a dry run), skipped, failed and uncertain."""

    send_log: Path
    planned: int
    sent: list[OutgoingMail]
    written: list[OutgoingMail]
    already_sent: int
    not_needed: int
    failed: list[tuple[str, str]]  # (e-mail, error)
    uncertain: list[tuple[str, str]]  # (e-mail, error) of this run
    stopped_before: list[str]  # e-mails a stopped run may have reached; not resent unless asked for
    dry_run: Path | None = None

    @property
    def ok(self) -> bool:
        """Nothing failed and nothing is uncertain (a dry run sends nothing, so nothing can fail)."""
        return self.dry_run is not None or not (self.failed or self.uncertain or self.stopped_before)

    def uncertain_entries(self, flag: Callable[[str], str]) -> list[dict[str, str]]:
        """Every uncertain message, by e-mail; ``flag`` names the option of a parameter (``cli.output.flag``)."""
        before = STOPPED_RUN.format(option=flag("resend_uncertain"))
        entries = [{"email": email, "error": before} for email in self.stopped_before]
        entries += [{"email": email, "error": error} for email, error in self.uncertain]
        return sorted(entries, key=lambda e: e["email"])

    def to_dict(self, flag: Callable[[str], str]) -> dict[str, Any]:
        """The ``--json`` shape of docs/invites.md."""
        report: dict[str, Any] = {
            "send_log": str(self.send_log),
            "planned": self.planned,
            "sent": [_mail_entry(m) for m in self.sent],
            "written": [_mail_entry(m) for m in self.written],
            "already_sent": self.already_sent,
            "not_needed": self.not_needed,
            "failed": [{"email": email, "error": error} for email, error in self.failed],
            "uncertain": self.uncertain_entries(flag),
        }
        if self.dry_run is not None:
            report["dry_run"] = str(self.dry_run)
        return report


def _mail_entry(mail: OutgoingMail) -> dict[str, str]:
    return {"email": mail.recipient, "kind": mail.kind, "file": mail.file_name}


def send_invites(
    loaded: LoadedAgenda,
    *,
    server: SmtpServer | None = None,
    outbox: Path | None = None,
    assignments: Path | None = None,
    sender: str | None = None,
    rate: float | None = None,
    resend_uncertain: bool = False,
    state: Path | None = None,
    send_log: Path | None = None,
    now: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> InvitesSent:
    """Send every invite nobody received yet to ``server``; without a server, or with an ``outbox`` folder, write
    the messages there as .eml files (default ``<agenda>-outbox``) and send nothing.

    ``sender`` is the From address (default the organiser's); ``rate`` at most that many messages a minute;
    ``resend_uncertain`` also sends what a stopped run may have delivered. ``state`` and ``send_log`` default to
    ``<agenda>.invites.json`` and ``<agenda>.sendlog.jsonl``; ``now`` and ``force`` as for ``issue_calendars``.
    """
    moment = parse_now(now)
    state_path = state or state_path_for(loaded.path)
    log_path = send_log or send_log_path_for(loaded.path)
    if outbox is not None or server is None:
        issued = load_state(state_path)
        personal = personal_invites(loaded, assignments, issued, moment)
        plan = plan_mails(loaded.agenda, personal.files, read_send_log(log_path), sender=sender)
        folder = outbox or loaded.path.with_name(loaded.path.stem + "-outbox")
        ensure_folder(folder)
        write_planned(plan_writes(folder, {m.file_name: m.data for m in plan.mails}, force=force))
        return replace(_report(log_path, plan), written=plan.mails, dry_run=folder)

    transport = _transport(server, sender or loaded.agenda.event.organiser.email)
    state_file = StateFile(state_path, "send")
    log: SendLog | None = None
    try:
        log = SendLog(log_path)  # locked before it is read: a second run must not plan from the same history
        issued = state_file.load()
        personal = personal_invites(loaded, assignments, issued, moment)
        plan = plan_mails(loaded.agenda, personal.files, log.history, sender=sender, resend_uncertain=resend_uncertain)
        save_state(state_path, issued)  # before anything leaves (an interrupted ics keeps its journal)
        result = _deliver(plan, transport, log, rate, progress)
    finally:
        transport.close()
        if log is not None:
            log.close()
        state_file.close()
    return replace(
        _report(log_path, plan),
        sent=result.sent,
        failed=[(m.recipient, error) for m, error in result.failed],
        uncertain=[(m.recipient, error) for m, error in result.uncertain],
    )


def _report(log_path: Path, plan: SendPlan) -> InvitesSent:
    return InvitesSent(
        send_log=log_path,
        planned=len(plan.mails),
        sent=[],
        written=[],
        already_sent=plan.already_sent,
        not_needed=plan.not_needed,
        failed=[],
        uncertain=[],
        stopped_before=plan.uncertain,
    )


def _transport(server: SmtpServer, sender: str) -> SmtpTransport:
    """The connection to ``server``, once its password policy holds; it logs in as ``sender`` by default."""
    if server.password and server.security == "none" and server.host not in LOOPBACK:
        raise PlaintextPasswordError
    return SmtpTransport(
        server.host,
        server.port or DEFAULT_PORTS[server.security],
        security=server.security,
        user=server.user or sender,
        password=server.password,
    )


def _deliver(
    plan: SendPlan, transport: SmtpTransport, log: SendLog, rate: float | None, progress: Progress | None
) -> DeliveryResult:
    def clock() -> datetime:
        return datetime.now(UTC)

    with (progress or _no_progress)(len(plan.mails)) as advance:
        return deliver(plan.mails, transport, log, clock, per_minute=rate, on_done=lambda _m, _o: advance())


def _no_progress(_total: int) -> AbstractContextManager[Callable[[], None]]:
    return nullcontext(lambda: None)
