"""What was issued: SEQUENCE, DTSTAMP and a content digest for every calendar event UID.

Calendar clients apply an update only when it carries the same UID, a higher SEQUENCE and a newer DTSTAMP, and
they show a duplicate or ignore the message otherwise. So ``ics`` and ``send`` keep a small JSON state file beside
the agenda (``<agenda>.invites.json``, documented in docs/invites.md). For each UID it remembers the sequence, the
DTSTAMP and a digest of the content last issued, and enough of the event (summary, times, attendee) to cancel it
later. :func:`reconcile` compares what would be issued now with that memory:

- a new UID gets SEQUENCE 0 and DTSTAMP ``now``;
- an unchanged one keeps both, so the same input gives the same bytes;
- a changed one (or one cancelled before that comes back) gets SEQUENCE + 1 and DTSTAMP ``now``;
- a UID no longer issued is cancelled once (SEQUENCE + 1, DTSTAMP ``now``) and stays cancelled.

The state has one section per kind of calendar (``feed``, ``personal``) so that exporting one kind never cancels
the other. Pure logic and the file's text both ways; ``invites.writing`` reads and writes the file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from clustermeet.errors import InputError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

STATE_FORMAT = 1
Status = Literal["new", "updated", "unchanged", "cancelled", "cancelled-before"]


@dataclass(frozen=True)
class Draft:
    """An event as it would be issued now, before it gets its SEQUENCE and DTSTAMP."""

    uid: str
    digest: str
    label: str
    summary: str
    start: datetime
    end: datetime
    attendee_email: str | None = None
    attendee_name: str | None = None


@dataclass(frozen=True)
class IssuedEvent:
    """One UID as last issued."""

    uid: str
    sequence: int
    dtstamp: datetime
    digest: str
    label: str
    summary: str
    start: datetime
    end: datetime
    attendee_email: str | None = None
    attendee_name: str | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class Issue:
    """The outcome for one UID in this run."""

    event: IssuedEvent
    status: Status

    @property
    def is_cancel(self) -> bool:
        return self.event.cancelled


@dataclass
class InviteState:
    sections: dict[str, dict[str, IssuedEvent]]

    def section(self, name: str) -> dict[str, IssuedEvent]:
        return self.sections.get(name, {})


def reconcile(previous: dict[str, IssuedEvent], drafts: list[Draft], now: datetime) -> list[Issue]:
    """Give every draft its SEQUENCE and DTSTAMP and cancel the UIDs that are gone; drafts first, then cancels."""
    stamp = _utc_seconds(now)
    issues: list[Issue] = []
    seen: set[str] = set()
    for draft in drafts:
        seen.add(draft.uid)
        old = previous.get(draft.uid)
        fields = asdict(draft)
        if old is None:
            issues.append(Issue(IssuedEvent(sequence=0, dtstamp=stamp, **fields), "new"))
        elif old.digest == draft.digest and not old.cancelled:
            # unchanged content; label and name may be refreshed without a new sequence
            issues.append(Issue(replace(old, label=draft.label), "unchanged"))
        else:
            updated = IssuedEvent(sequence=old.sequence + 1, dtstamp=_later(stamp, old.dtstamp), **fields)
            issues.append(Issue(updated, "updated"))
    for uid in sorted(set(previous) - seen):
        old = previous[uid]
        if old.cancelled:
            issues.append(Issue(old, "cancelled-before"))
        else:
            cancelled = replace(old, sequence=old.sequence + 1, dtstamp=_later(stamp, old.dtstamp), cancelled=True)
            issues.append(Issue(cancelled, "cancelled"))
    return issues


def section_after(issues: list[Issue]) -> dict[str, IssuedEvent]:
    return {issue.event.uid: issue.event for issue in issues}


def _later(stamp: datetime, previous: datetime) -> datetime:
    """A DTSTAMP newer than the one issued before, even when ``now`` is given as an earlier time."""
    return stamp if stamp > previous else previous + timedelta(seconds=1)


def _utc_seconds(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise UsageError("the issue time must carry a time zone")
    return moment.astimezone(UTC).replace(microsecond=0)


# --- the file -----------------------------------------------------------------------------------------------------


def state_path_for(agenda_path: Path) -> Path:
    """``agendas/x.yaml`` -> ``agendas/x.invites.json``."""
    return agenda_path.with_name(agenda_path.stem + ".invites.json")


def parse_state(content: bytes, source: str) -> InviteState:
    """The state file's bytes as the state; a damaged file is an ``InputError`` naming ``source``."""
    try:
        data: Any = json.loads(content.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{source}: not a clustermeet invite state file ({exc})", hint="restore it from backup"
        ) from None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or not isinstance(data.get("events"), dict):
        raise InputError(f"{source}: not a clustermeet invite state file (format {STATE_FORMAT} expected)")
    sections: dict[str, dict[str, IssuedEvent]] = {}
    try:
        for name, events in data["events"].items():
            sections[name] = {uid: _event_from_json(uid, record) for uid, record in events.items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{source}: damaged entry in the invite state ({exc})") from None
    return InviteState(sections)


def state_to_json(state: InviteState) -> str:
    """Stable text: sorted keys, so unchanged state gives unchanged bytes."""
    events = {
        name: {uid: _event_to_json(event) for uid, event in sorted(section.items())}
        for name, section in sorted(state.sections.items())
    }
    return json.dumps({"format": STATE_FORMAT, "events": events}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _event_to_json(event: IssuedEvent) -> dict[str, object]:
    record: dict[str, object] = {
        "sequence": event.sequence,
        "dtstamp": _stamp(event.dtstamp),
        "digest": event.digest,
        "label": event.label,
        "summary": event.summary,
        "start": _stamp(event.start),
        "end": _stamp(event.end),
        "cancelled": event.cancelled,
    }
    if event.attendee_email is not None:
        record["attendee_email"] = event.attendee_email
        record["attendee_name"] = event.attendee_name or ""
    return record


def _event_from_json(uid: str, record: dict[str, Any]) -> IssuedEvent:
    sequence = record["sequence"]
    if not isinstance(sequence, int) or sequence < 0:
        raise ValueError(f"{uid}: sequence must be a whole number")
    return IssuedEvent(
        uid=uid,
        sequence=sequence,
        dtstamp=_parse_stamp(record["dtstamp"]),
        digest=str(record["digest"]),
        label=str(record["label"]),
        summary=str(record["summary"]),
        start=_parse_stamp(record["start"]),
        end=_parse_stamp(record["end"]),
        attendee_email=record.get("attendee_email"),
        attendee_name=record.get("attendee_name"),
        cancelled=bool(record.get("cancelled", False)),
    )
