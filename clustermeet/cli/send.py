"""``clustermeet send``: e-mail each participant their personal invite, once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clustermeet.cli.common import load
from clustermeet.cli.ics import AssignmentsOption, NowOption, StateOption, invitees, parse_now
from clustermeet.cli.options import AgendaPath, Force, JsonOutput, LanguageOption
from clustermeet.cli.output import ExitCode, echo, err_console, handle_errors
from clustermeet.errors import UsageError

if TYPE_CHECKING:
    from clustermeet.invites.smtp import DeliveryResult, Security, SendPlan

PASSWORD_VARIABLE = "CLUSTERMEET_SMTP_PASSWORD"


def send(
    agenda: AgendaPath,
    assignments: AssignmentsOption = None,
    dry_run: Annotated[
        Path | None,
        typer.Option(
            "--dry-run", help="Write one .eml per message into this folder instead of sending.", file_okay=False
        ),
    ] = None,
    smtp_host: Annotated[
        str | None, typer.Option("--smtp-host", help="SMTP server; without it, nothing is sent.")
    ] = None,
    smtp_port: Annotated[
        int | None, typer.Option("--smtp-port", help="SMTP port; default 465 with --ssl, 587 with --starttls, else 25.")
    ] = None,
    smtp_user: Annotated[
        str | None,
        typer.Option(
            "--smtp-user",
            help=f"SMTP login (default the sender address); the password is read from {PASSWORD_VARIABLE} only.",
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option("--from", help="Sender address; default the organiser's (replies still go to the organiser)."),
    ] = None,
    starttls: Annotated[bool, typer.Option("--starttls", help="Upgrade the connection with STARTTLS.")] = False,
    use_ssl: Annotated[bool, typer.Option("--ssl", help="Connect with TLS from the start (SMTPS).")] = False,
    rate: Annotated[float | None, typer.Option("--rate", min=0.1, help="Send at most N messages a minute.")] = None,
    resend_uncertain: Annotated[
        bool,
        typer.Option("--resend-uncertain", help="Also resend messages a stopped run may have delivered already."),
    ] = False,
    state: StateOption = None,
    send_log: Annotated[
        Path | None,
        typer.Option("--send-log", help="Append-only send log; default <agenda>.sendlog.jsonl.", dir_okay=False),
    ] = None,
    now: NowOption = None,
    force: Force = False,
    as_json: JsonOutput = False,
    lang: LanguageOption = None,
) -> None:
    """E-mail every participant their invite (Accept/Decline in Outlook and Gmail), each invite only once.

    The send log remembers what went out: an interrupted run resumes without duplicates, and a later run sends
    only updates and cancellations. Without --smtp-host (or with --dry-run DIR) the messages are written as .eml
    files and nothing is sent. Exit code 1 when any message failed.
    """
    import os

    with handle_errors():
        if starttls and use_ssl:
            raise UsageError("give --starttls or --ssl, not both")
        from clustermeet.agenda.types import normalise_email
        from clustermeet.invites import calendar as ical
        from clustermeet.invites.send_log import SendLog, read_send_log, send_log_path_for
        from clustermeet.invites.smtp import SmtpTransport, deliver, plan_mails
        from clustermeet.invites.state import load_state, state_path_for
        from clustermeet.invites.writing import ensure_folder, plan_writes, save_state, write_planned

        if sender is not None:
            try:
                sender = normalise_email(sender)
            except ValueError as exc:
                raise UsageError(f"--from: {exc}") from None
        loaded = load(agenda, quiet=as_json, language=lang.value if lang else None)
        moment = parse_now(now)
        state_path = state or state_path_for(agenda)
        log_path = send_log or send_log_path_for(agenda)
        issued = load_state(state_path)
        recipients, rooms = invitees(loaded, assignments)
        personal = ical.export_personal(loaded.schedule, recipients, rooms, issued.section("personal"), moment)
        history = read_send_log(log_path)
        plan = plan_mails(loaded.agenda, personal.files, history, sender=sender, resend_uncertain=resend_uncertain)
        issued.sections["personal"] = personal.section

        if dry_run is not None or smtp_host is None:
            folder = dry_run or agenda.with_name(agenda.stem + "-outbox")
            ensure_folder(folder)
            planned = plan_writes(folder, {m.file_name: m.data for m in plan.mails}, force=force)
            save_state(state_path, issued)
            write_planned(planned)
            report = _report(plan, None, log_path)
            report["dry_run"] = str(folder)
            _render(report, as_json)
            return

        password = os.environ.get(PASSWORD_VARIABLE) or None
        security: Security = "ssl" if use_ssl else "starttls" if starttls else "none"
        if password and security == "none" and smtp_host not in {"localhost", "127.0.0.1", "::1"}:
            raise UsageError(
                "refusing to send the SMTP password over an unencrypted connection",
                hint="add --starttls or --ssl",
            )
        port = smtp_port or {"ssl": 465, "starttls": 587, "none": 25}[security]
        transport = SmtpTransport(
            smtp_host,
            port,
            security=security,
            user=smtp_user or sender or loaded.agenda.event.organiser.email,
            password=password,
        )
        save_state(state_path, issued)
        log = SendLog(log_path, history)
        try:
            result = _deliver_with_progress(plan, transport, log, rate, quiet=as_json, deliver=deliver)
        finally:
            transport.close()
            log.close()
        report = _report(plan, result, log_path)
        _render(report, as_json)
        if report["failed"] or report["uncertain"]:
            raise typer.Exit(int(ExitCode.INVALID))


def _deliver_with_progress(
    plan: SendPlan, transport: Any, log: Any, rate: float | None, *, quiet: bool, deliver: Any
) -> DeliveryResult:
    from datetime import UTC, datetime

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    def clock() -> datetime:
        return datetime.now(UTC)

    with Progress(
        TextColumn("sending"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console(),
        disable=quiet or not plan.mails,
        transient=False,
    ) as progress:
        task = progress.add_task("send", total=len(plan.mails))
        result: DeliveryResult = deliver(
            plan.mails, transport, log, clock, per_minute=rate, on_done=lambda _m, _o: progress.advance(task)
        )
    return result


def _report(plan: SendPlan, result: DeliveryResult | None, log_path: Path) -> dict[str, Any]:
    mails = plan.mails if result is None else result.sent
    return {
        "send_log": str(log_path),
        "planned": len(plan.mails),
        "sent": [{"email": m.recipient, "kind": m.kind, "file": m.file_name} for m in mails]
        if result is not None
        else [],
        "written": [{"email": m.recipient, "kind": m.kind, "file": m.file_name} for m in mails]
        if result is None
        else [],
        "already_sent": plan.already_sent,
        "not_needed": plan.not_needed,
        "failed": [{"email": m.recipient, "error": error} for m, error in (result.failed if result else [])],
        "uncertain": sorted(
            [
                {"email": email, "error": "a stopped run may have delivered it; --resend-uncertain sends it again"}
                for email in plan.uncertain
            ]
            + [{"email": m.recipient, "error": error} for m, error in (result.uncertain if result else [])],
            key=lambda e: e["email"],
        ),
    }


def _render(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    if "dry_run" in report:
        echo(f"wrote {len(report['written'])} message(s) to {report['dry_run']}; nothing was sent")
    else:
        counts: dict[str, int] = {}
        for entry in report["sent"]:
            counts[entry["kind"]] = counts.get(entry["kind"], 0) + 1
        detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        echo(f"sent {len(report['sent'])} message(s)" + (f" ({detail})" if detail else ""))
    if report["already_sent"]:
        echo(f"{report['already_sent']} invite(s) were sent before and have not changed")
    for entry in report["failed"]:
        echo(f"failed: {entry['email']}: {entry['error']}", err=True)
    for entry in report["uncertain"]:
        echo(f"uncertain: {entry['email']}: {entry['error']}", err=True)
