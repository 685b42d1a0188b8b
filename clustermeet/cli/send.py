"""``clustermeet send``: e-mail each participant their personal invite, once."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clustermeet.agenda.types import normalise_email
from clustermeet.cli.common import load, tell
from clustermeet.cli.options import (
    NOBODY_TO_INVITE_HINT,
    AgendaPath,
    AssignmentsOption,
    Force,
    JsonOutput,
    LanguageOption,
    NowOption,
    ParticipantsOption,
    StateOption,
)
from clustermeet.cli.output import ExitCode, echo, err_console, flag, handle_errors
from clustermeet.errors import OptionError, UsageError
from clustermeet.invites.issuing import NobodyToInviteError
from clustermeet.invites.sending import InvitesSent, PlaintextPasswordError, SmtpServer, send_invites
from clustermeet.invites.smtp import Security, SmtpLoginError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

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
    participants: ParticipantsOption = None,
    lang: LanguageOption = None,
) -> None:
    """E-mail every participant their invite (Accept/Decline in Outlook and Gmail), each invite only once.

    The send log remembers what went out: an interrupted run resumes without duplicates, and a later run sends
    only updates and cancellations. Without --smtp-host (or with --dry-run DIR) the messages are written as .eml
    files and nothing is sent. Exit code 1 when any message failed.
    """
    with handle_errors():
        if starttls and use_ssl:
            raise UsageError("give --starttls or --ssl, not both")
        if sender is not None:
            try:
                sender = normalise_email(sender)
            except ValueError:
                raise OptionError("from", sender, "is not an e-mail address") from None
        server = None
        if smtp_host is not None:
            security: Security = "ssl" if use_ssl else "starttls" if starttls else "none"
            password = os.environ.get(PASSWORD_VARIABLE) or None
            server = SmtpServer(smtp_host, smtp_port, security=security, user=smtp_user, password=password)
        loaded = load(agenda, participants=participants, quiet=as_json, language=lang.value if lang else None)
        try:
            result = send_invites(
                loaded,
                server=server,
                outbox=dry_run,
                assignments=assignments,
                sender=sender,
                rate=rate,
                resend_uncertain=resend_uncertain,
                state=state,
                send_log=send_log,
                now=now,
                force=force,
                progress=None if as_json else partial(_progress_bar, language=loaded.agenda.event.language),
            )
        except NobodyToInviteError as exc:
            raise UsageError(exc.message, hint=NOBODY_TO_INVITE_HINT) from None
        except PlaintextPasswordError as exc:
            raise UsageError(exc.message, hint="add --starttls or --ssl") from None
        except SmtpLoginError as exc:
            raise UsageError(exc.message, hint=f"check --smtp-user and {PASSWORD_VARIABLE}") from None
        _render(result, as_json, loaded.agenda.event.language)
        if not result.ok:
            raise typer.Exit(int(ExitCode.INVALID))


@contextmanager
def _progress_bar(total: int, *, language: str) -> Iterator[Callable[[], None]]:
    from rich.progress import (  # noqa: PLC0415 slow import: rich, only while messages are sent
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn(tell("sending", language)),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console(),
        disable=not total,
        transient=False,
    ) as progress:
        task = progress.add_task("send", total=total)
        yield lambda: progress.advance(task)


def _render(result: InvitesSent, as_json: bool, language: str) -> None:
    if as_json:
        echo(json.dumps(result.to_dict(flag), indent=2, ensure_ascii=False))
        return
    if result.dry_run is not None:
        echo(tell("dry_run", language, count=len(result.written), folder=result.dry_run))
    else:
        counts: dict[str, int] = {}
        for mail in result.sent:
            counts[mail.kind] = counts.get(mail.kind, 0) + 1
        detail = ", ".join(f"{n} {tell(f'status.{kind}', language)}" for kind, n in sorted(counts.items()))
        echo(tell("sent", language, count=len(result.sent)) + (f" ({detail})" if detail else ""))
    if result.already_sent:
        echo(tell("already_sent", language, count=result.already_sent))
    for email, error in result.failed:
        echo(tell("failed", language, email=email, error=error), err=True)
    for entry in result.uncertain_entries(flag):
        echo(tell("uncertain", language, email=entry["email"], error=entry["error"]), err=True)
