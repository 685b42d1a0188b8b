"""I/O: the append-only send log: which invite went to whom, so that nobody gets the same invite twice.

One JSON object per line in ``<agenda>.sendlog.jsonl`` beside the agenda (documented in docs/invites.md)::

    {"at": "2022-10-01T09:00:05Z", "email": "a@x.org", "key": "<uid>#<sequence>#<method>", "status": "attempt"}
    {"at": "2022-10-01T09:00:05Z", "email": "a@x.org", "key": "<uid>#<sequence>#<method>", "status": "sent"}

``attempt`` is written (and flushed to disk) before a message is handed to the SMTP server, ``sent`` or ``failed``
after the server answered. A key with ``sent`` is never sent again; one with ``failed`` is retried by the next
run. A key with only ``attempt`` means the run stopped while the server had the message (killed, crashed): it may
have been delivered, so it is not resent unless asked for (``resend_uncertain``). Lines are only ever appended,
through the one :class:`~clustermeet.files.JsonLinesLog`; a torn last line (power loss mid-write) is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from clustermeet.errors import InvalidInputError, Problem
from clustermeet.files import JsonLinesLog, read_json_lines

if TYPE_CHECKING:
    from pathlib import Path

LogStatus = Literal["attempt", "sent", "failed"]


@dataclass
class SendHistory:
    """What the log says: keys delivered, keys whose delivery is uncertain, UIDs anybody received."""

    sent: set[str] = field(default_factory=set)
    uncertain: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)

    @property
    def sent_uids(self) -> set[str]:
        return {key.split("#", 1)[0] for key in self.sent}

    def record(self, key: str, status: LogStatus) -> None:
        if status == "attempt":
            if key not in self.sent:
                self.uncertain.add(key)
            return
        self.uncertain.discard(key)
        if status == "sent":
            self.sent.add(key)
            self.failed.discard(key)
        elif key not in self.sent:
            self.failed.add(key)


def send_log_path_for(agenda_path: Path) -> Path:
    """``agendas/x.yaml`` -> ``agendas/x.sendlog.jsonl``."""
    return agenda_path.with_name(agenda_path.stem + ".sendlog.jsonl")


def read_send_log(path: Path) -> SendHistory:
    """What the log says. A line that does not parse is a torn write and skipped; a record that parses but is not
    one this log holds (another status, a key of another shape) is a ``file:line`` problem: the log decides who is
    mailed, so a damaged one must stop the run, not be read around."""
    history = SendHistory()
    for number, record in read_json_lines(path, name=str(path)):
        if record is None:
            continue  # a torn line from an interrupted write
        key = record.get("key") if isinstance(record, dict) else None
        status = record.get("status") if isinstance(record, dict) else None
        if not isinstance(key, str) or key.count("#") != 2 or status not in ("attempt", "sent", "failed"):
            problem = Problem(str(path), number, 0, "error", "damaged send log record (a key and a status expected)")
            raise InvalidInputError([problem])
        history.record(key, status)
    return history


class SendLog:
    """Appends records to the log, each flushed to disk before the call returns. Opening it takes the log's lock
    (a second ``send`` exits at once), then reads its history: what this run plans from is what no other run adds to.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # the line format of docs/invites.md: sorted keys, json's default separators; a file mode as open() gives
        self._log = JsonLinesLog(
            path, name=str(path), mode=0o666, sort_keys=True, separators=(", ", ": "), command="send"
        )
        try:
            self.history = read_send_log(path)
        except BaseException:
            self._log.close()
            raise

    def append(self, key: str, email: str, status: LogStatus, at: datetime, error: str | None = None) -> None:
        record: dict[str, str] = {
            "at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "email": email,
            "key": key,
            "status": status,
        }
        if error:
            record["error"] = error
        self._log.write(record)
        self.history.record(key, status)

    def close(self) -> None:
        self._log.close()
