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

from clustermeet.agenda.types import normalise_email
from clustermeet.errors import InvalidInputError, Problem, UsageError

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


#: iCalendar's INTEGER (RFC 5545 3.3.8) is 32 bits: a SEQUENCE beyond it is a damaged state, not a real one
MAX_SEQUENCE = 2**31 - 1


def parse_state(content: bytes, source: str) -> InviteState:
    """The state file's bytes as the state; anything damaged or hostile is a ``file:line`` problem."""
    try:
        text = content.decode("utf-8")
        data: Any = json.loads(text)
    except UnicodeDecodeError as exc:
        raise _damaged(source, content[: exc.start].count(b"\n") + 1, "not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise _damaged(source, exc.lineno, f"not JSON ({exc.msg})", exc.colno) from None
    except RecursionError:
        raise _damaged(source, 1, "not JSON (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or not isinstance(data.get("events"), dict):
        raise _damaged(source, 1, f"not a clustermeet invite state file (format {STATE_FORMAT} expected)")
    sections: dict[str, dict[str, IssuedEvent]] = {}
    for name, events in data["events"].items():
        if not isinstance(events, dict):
            raise _damaged(source, _line_of(text, name), f"events.{name}: a section is an object of UIDs")
        section: dict[str, IssuedEvent] = {}
        for uid, record in events.items():
            try:
                section[uid] = _event_from_json(uid, record)
            except (KeyError, TypeError, ValueError, OverflowError) as exc:
                message = f"events.{name}.{uid}: {exc}" if not isinstance(exc, KeyError) else f"{uid}: {exc} missing"
                raise _damaged(source, _line_of(text, uid), message) from None
        sections[name] = section
    return InviteState(sections)


def _damaged(source: str, line: int, message: str, col: int = 0) -> InvalidInputError:
    problem = Problem(source, line, col, "error", f"damaged invite state: {message}")
    return InvalidInputError([problem])


def _line_of(text: str, key: str) -> int:
    """The line where ``key`` first stands as a JSON key (where a damaged entry starts)."""
    at = text.find(json.dumps(key, ensure_ascii=False) + ":")
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def state_to_json(state: InviteState) -> str:
    """Stable text: sorted keys, so unchanged state gives unchanged bytes."""
    events = {
        name: {uid: _event_to_json(event) for uid, event in sorted(section.items())}
        for name, section in sorted(state.sections.items())
    }
    return json.dumps({"format": STATE_FORMAT, "events": events}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_stamp(text: Any) -> datetime:
    """A UTC time as the state writes it; anything else is a ``ValueError`` (``strptime`` says which)."""
    return datetime.strptime(_text(text, "a time"), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


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


def _event_from_json(uid: str, record: Any) -> IssuedEvent:
    if not isinstance(record, dict):
        raise TypeError("an entry is an object")
    sequence = record["sequence"]
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 0 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"sequence must be a whole number from 0 to {MAX_SEQUENCE}")
    email = record.get("attendee_email")
    return IssuedEvent(
        uid=_text(uid, "uid"),
        sequence=sequence,
        dtstamp=_parse_stamp(record["dtstamp"]),
        digest=_text(record["digest"], "digest"),
        label=_text(record["label"], "label"),
        summary=_text(record["summary"], "summary"),
        start=_parse_stamp(record["start"]),
        end=_parse_stamp(record["end"]),
        attendee_email=None if email is None else normalise_email(_text(email, "attendee_email")),
        attendee_name=None if record.get("attendee_name") is None else _text(record["attendee_name"], "attendee_name"),
        cancelled=_flag(record.get("cancelled", False)),
    )


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or len(value) > 10_000:
        raise TypeError(f"{name} must be text")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("cancelled must be true or false")
    return value
