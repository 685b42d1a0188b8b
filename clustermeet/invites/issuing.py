"""I/O: the ``ics`` use case: issue the whole-event feed and the personal invites, reconciled with the invite state.

Reads the assignments CSV and the state file (locked for the run), writes the calendar files and then the state,
through the journal of ``invites.writing``, so that a crash at any point leaves state and files that the next run
brings back in agreement. The steps ``send`` shares with it, the
issue time and the personal invites, live here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.types import FIRST_YEAR, LAST_YEAR
from clustermeet.agenda.yamlsource import read_text
from clustermeet.breakouts.assignments_file import parse_assignments_csv
from clustermeet.errors import OptionError, UsageError
from clustermeet.invites.feed import export_feed
from clustermeet.invites.personal import export_personal
from clustermeet.invites.recipients import placement_lines, recipients_of, rooms_by_person
from clustermeet.invites.state import InviteState, state_path_for
from clustermeet.invites.writing import StateFile, ensure_folder, plan_writes

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.agenda.loading import LoadedAgenda
    from clustermeet.agenda.models import Agenda
    from clustermeet.invites.calendar import IcsExport
    from clustermeet.invites.recipients import Recipient, RoomPlacement
    from clustermeet.invites.render import Renderer
    from clustermeet.invites.vtimezone import ZoneRules

#: what a given issue time looks like, for the hints
NOW_EXAMPLE = "2022-10-01T09:00:00Z"


class NobodyToInviteError(UsageError):
    """The agenda lists no participants nor people with an e-mail, and no assignments file names anyone (``cli``
    says what to give)."""

    def __init__(self) -> None:
        super().__init__("nobody to invite: the agenda lists no participants and no one in people has an email")


@dataclass(frozen=True)
class FeedIssued:
    file: Path
    timezone: str  # the TZID used, or "UTC"
    events: int
    status: str  # new, updated or unchanged
    cancel_files: list[Path]


@dataclass(frozen=True)
class InvitesIssued:
    folder: Path
    timezone: str
    counts: dict[str, int]  # by status: new, updated, unchanged, cancelled, cancelled-before


@dataclass(frozen=True)
class CalendarsIssued:
    """What ``ics`` did: the state file, the feed and the invites asked for, and the files written."""

    state: Path
    feed: FeedIssued | None
    personal: InvitesIssued | None
    written: list[Path]

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape of docs/invites.md."""
        report: dict[str, Any] = {"state": str(self.state)}
        if self.feed is not None:
            report["feed"] = {
                "file": str(self.feed.file),
                "timezone": self.feed.timezone,
                "events": self.feed.events,
                "status": self.feed.status,
                "cancel_files": [str(path) for path in self.feed.cancel_files],
            }
        if self.personal is not None:
            report["personal"] = {
                "folder": str(self.personal.folder),
                "timezone": self.personal.timezone,
                **self.personal.counts,
            }
        report["written"] = [str(path) for path in self.written]
        return report


def issue_calendars(
    loaded: LoadedAgenda,
    *,
    feed: Path | None = None,
    per_person: Path | None = None,
    assignments: Path | None = None,
    state: Path | None = None,
    now: str | None = None,
    force: bool = False,
) -> CalendarsIssued:
    """Write the whole event as ``feed`` and one invite per person and day into ``per_person``.

    ``state`` defaults to ``<agenda>.invites.json``; ``now`` (ISO 8601 with an offset) is the DTSTAMP of what is
    new or changed, default the current time. A file whose bytes differ is replaced only with ``force``.
    """
    moment = parse_now(now)
    state_path = state or state_path_for(loaded.path)
    state_file = StateFile(state_path, "ics")
    try:
        issued = state_file.load()
        planned: dict[Path, bytes] = {}
        feed_issued = invites_issued = None
        if feed is not None:
            feed_issued = _issue_feed(loaded, feed, issued, moment, planned, force=force, ours=state_file.ours)
        if per_person is not None:
            invites_issued = _issue_personal(
                loaded, per_person, assignments, issued, moment, planned, force=force, ours=state_file.ours
            )
        state_file.commit(issued, planned)
    finally:
        state_file.close()
    return CalendarsIssued(state_path, feed_issued, invites_issued, sorted(planned))


def _issue_feed(
    loaded: LoadedAgenda,
    file: Path,
    issued: InviteState,
    moment: datetime,
    planned: dict[Path, bytes],
    *,
    force: bool,
    ours: frozenset[Path],
) -> FeedIssued:
    export = export_feed(loaded.schedule, issued.section("feed"), moment, make_renderer, file.stem)
    folder = file.parent
    names = {file.name: export.files[0].data} | {f.name: f.data for f in export.files[1:]}
    planned |= plan_writes(folder, names, force=force, ours=ours)
    issued.sections["feed"] = export.section
    return FeedIssued(
        file=file,
        timezone=export.timezone,
        events=sum(1 for e in export.section.values() if not e.cancelled),
        status=export.files[0].status,
        cancel_files=[folder / f.name for f in export.files[1:]],
    )


def _issue_personal(
    loaded: LoadedAgenda,
    folder: Path,
    assignments: Path | None,
    issued: InviteState,
    moment: datetime,
    planned: dict[Path, bytes],
    *,
    force: bool,
    ours: frozenset[Path],
) -> InvitesIssued:
    export = personal_invites(loaded, assignments, issued, moment)
    ensure_folder(folder)
    planned |= plan_writes(folder, {f.name: f.data for f in export.files}, force=force, ours=ours)
    return InvitesIssued(folder, export.timezone, export.counts())


# --- the steps ``send`` shares ------------------------------------------------------------------------------------


def parse_now(value: str | None) -> datetime:
    """The issue time ``now`` as an aware datetime in UTC; the current time (to the second) when not given."""
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise OptionError("now", value, "is not an ISO 8601 time", example=NOW_EXAMPLE) from None
    if moment.tzinfo is None:
        raise OptionError("now", value, "has no offset", hint=f"add Z or +02:00, e.g. {NOW_EXAMPLE}")
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:  # year 1 at +14:00 is before what datetime holds in UTC
        raise OptionError("now", value, f"is not in the years {FIRST_YEAR} to {LAST_YEAR}")
    return moment.astimezone(UTC).replace(microsecond=0)


def invitees(loaded: LoadedAgenda, assignments: Path | None) -> tuple[list[Recipient], dict[str, list[RoomPlacement]]]:
    """Recipients and their rooms, from the agenda's participants and the assignments CSV."""
    placements = []
    rooms: dict[str, list[RoomPlacement]] = {}
    if assignments is not None:
        source = str(assignments)
        content = read_text(assignments, source)
        placements = parse_assignments_csv(content, source)
        rooms = rooms_by_person(loaded.agenda, placements, source, placement_lines(content))
    recipients = recipients_of(loaded.participants, placements, loaded.agenda.people)
    if not recipients:
        raise NobodyToInviteError
    return recipients, rooms


def personal_invites(
    loaded: LoadedAgenda, assignments: Path | None, issued: InviteState, moment: datetime
) -> IcsExport:
    """Everybody's invites, reconciled with the state's ``personal`` section, which takes the outcome."""
    recipients, rooms = invitees(loaded, assignments)
    export = export_personal(loaded.schedule, recipients, rooms, issued.section("personal"), moment, make_renderer)
    issued.sections["personal"] = export.section
    return export


def make_renderer(agenda: Agenda, rules: ZoneRules | None) -> Renderer:
    """The icalendar renderer of one export (``calendar.MakeRenderer``)."""
    from clustermeet.invites.render import Renderer  # noqa: PLC0415 slow import: icalendar, only when rendering

    return Renderer(agenda, rules)
