"""What to send against the send log: the invites whose SEQUENCE nobody received yet, and due cancellations.

Pure: the send history comes in, the messages to send come out; ``clustermeet.invites.smtp`` delivers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from clustermeet.i18n import format_day
from clustermeet.invites.message import Kind, OutgoingMail, build_message

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda
    from clustermeet.invites.content import CalendarFile
    from clustermeet.invites.send_log import SendHistory


@dataclass
class SendPlan:
    mails: list[OutgoingMail] = field(default_factory=list)
    already_sent: int = 0
    uncertain: list[str] = field(default_factory=list)  # e-mail addresses
    not_needed: int = 0  # cancellations of invites nobody received


def plan_mails(
    agenda: Agenda,
    files: list[CalendarFile],
    history: SendHistory,
    *,
    sender: str | None = None,
    resend_uncertain: bool = False,
) -> SendPlan:
    """The messages still to send: invites whose SEQUENCE nobody received yet, and due cancellations."""
    zone = ZoneInfo(agenda.event.timezone)
    received = history.sent_uids
    plan = SendPlan()
    days: dict[object, str] = {}
    for invite in files:
        if invite.recipient_email is None:
            continue
        key = invite.send_key
        kind: Kind
        if invite.method == "CANCEL":
            if invite.uid not in received:
                plan.not_needed += 1
                continue
            kind = "cancelled"
        else:
            kind = "updated" if invite.uid in received else "new"
        if key in history.sent:
            plan.already_sent += 1
            continue
        if key in history.uncertain and not resend_uncertain:
            plan.uncertain.append(invite.recipient_email)
            continue
        day = invite.start.astimezone(zone).date()
        if day not in days:
            days[day] = format_day(day, agenda.event.language)
        plan.mails.append(build_message(agenda, invite, kind, sender=sender, day_text=days[day]))
    return plan
