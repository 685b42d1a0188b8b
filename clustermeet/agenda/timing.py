"""Turn the running order into a timed schedule.

Times are computed as instants: a segment without a fixed start begins when the previous one in its track ends,
measured in real elapsed time, so a running order that crosses a DST change stays right. Fixed starts are wall
times in the event's zone; a wall time that does not exist (DST gap) or exists twice (DST fold, unless an offset
is given) is a finding, as is a fixed start that collides with the running order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from clustermeet.agenda.findings import Finding, Loc
from clustermeet.text import format_offset

if TYPE_CHECKING:
    from clustermeet.agenda.models import Agenda, Segment, SegmentKind
    from clustermeet.agenda.types import LocalStart


@dataclass(frozen=True)
class ScheduledItem:
    """One timed thing: a segment, or one parallel room of a breakout block or track.

    ``start`` and ``end`` are in UTC, so comparing and subtracting them is exact across DST changes (Python
    compares two datetimes of the same zone by wall time); :meth:`Schedule.local` shows them in a zone.
    """

    id: str
    segment_id: str
    kind: SegmentKind
    title: str
    start: datetime
    end: datetime
    room: str | None = None
    room_title: str | None = None
    parent: str | None = None
    people: tuple[str, ...] = ()
    url: str | None = None
    index: int = 0

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


@dataclass
class Schedule:
    """The timed schedule of an agenda; items in running order with each block's rooms after it."""

    agenda: Agenda
    zone: ZoneInfo
    items: list[ScheduledItem] = field(default_factory=list)

    @property
    def segments(self) -> list[ScheduledItem]:
        """One item per agenda segment (no room items)."""
        return [item for item in self.items if item.parent is None]

    def item(self, item_id: str) -> ScheduledItem:
        return next(i for i in self.items if i.id == item_id)

    def rooms_of(self, segment_id: str) -> list[ScheduledItem]:
        return [i for i in self.items if i.parent == segment_id]

    @property
    def start(self) -> datetime:
        return min(i.start for i in self.items)

    @property
    def end(self) -> datetime:
        return max(i.end for i in self.items)

    def local(self, moment: datetime) -> datetime:
        """``moment`` as wall time in the schedule's display zone."""
        return moment.astimezone(self.zone)

    def days(self) -> list[date]:
        """The local dates on which items start, in order."""
        return sorted({self.local(i.start).date() for i in self.items})

    def in_zone(self, zone: ZoneInfo) -> Schedule:
        """The same schedule, shown in another zone."""
        return Schedule(self.agenda, zone, list(self.items))


def person_name(agenda: Agenda, person_id: str) -> str:
    """The name of a person of the agenda; the id itself when nobody has it."""
    person = agenda.person(person_id)
    return person.name if person else person_id


def resolve_wall_time(day: date, start: LocalStart, zone: ZoneInfo) -> tuple[datetime | None, str | None, bool]:
    """A wall time on ``day`` in ``zone`` -> (aware datetime, problem, is_error).

    Returns ``None`` and an error for a time in a DST gap, and the first occurrence with an error for an
    ambiguous time unless the start carries an offset that picks one.
    """
    naive = datetime.combine(day, start.time)
    if start.offset is not None:
        fixed = naive.replace(tzinfo=timezone(start.offset))
        local = fixed.astimezone(zone)
        if local.replace(tzinfo=None) != naive:
            written = f"{day.isoformat()} {start.time:%H:%M}{format_offset(fixed.utcoffset())}"
            return (
                None,
                f"{written} is not a local time in {zone.key}: the offset there is {format_offset(local.utcoffset())}",
                True,
            )
        return local, None, False
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    back = early.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        return (
            None,
            f"{day.isoformat()} {start.time:%H:%M} does not exist in {zone.key} "
            f"(clocks change for daylight saving time); pick another time",
            True,
        )
    if early.utcoffset() != late.utcoffset():
        return (
            early,
            f"{day.isoformat()} {start.time:%H:%M} happens twice in {zone.key} (clocks go back); add the offset, "
            f"e.g. '{day.isoformat()} {start.time:%H:%M}{format_offset(early.utcoffset())}' "
            f"or '{format_offset(late.utcoffset())}'",
            True,
        )
    return early, None, False


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def build_schedule(agenda: Agenda) -> tuple[Schedule, list[Finding]]:
    """Time every segment; return the schedule and the timing findings (errors and warnings)."""
    zone = ZoneInfo(agenda.event.timezone)
    findings: list[Finding] = []
    days = agenda.event.days
    current_day = days[0]
    track_ids = [t.id for t in agenda.tracks]
    lanes: list[str | None] = list(track_ids) or [None]
    cursor: dict[str | None, tuple[datetime, Segment] | None] = dict.fromkeys(lanes)
    # Lanes whose time is unknown since a start that could not be resolved (already reported): what follows there,
    # up to the next fixed start, is not timed, so that one mistake gives one error, not a "needs a start time" or a
    # guessed overlap after it (a plenary segment that follows such a lane makes every lane unknown).
    untimed: set[str | None] = set()
    schedule = Schedule(agenda, zone)
    order = 0

    for index, segment in enumerate(agenda.segments):
        loc: Loc = ("segments", index)
        keys: list[str | None] = [segment.track] if segment.track in cursor else lanes
        previous = [c for c in (cursor[k] for k in keys) if c is not None]
        latest = max(previous, key=lambda c: c[0]) if previous else None

        if segment.start is not None:
            day = segment.start.date or current_day
            if day not in days:
                findings.append(
                    Finding(
                        (*loc, "start"),
                        "error",
                        f"{day.isoformat()} is not one of the event's days ({', '.join(d.isoformat() for d in days)})",
                    )
                )
            start, problem, is_error = resolve_wall_time(day, segment.start, zone)
            if problem:
                findings.append(Finding((*loc, "start"), "error" if is_error else "warning", problem))
            if start is None:
                untimed.update(keys)
                continue
            untimed.difference_update(keys)
            start = start.astimezone(UTC)
            current_day = day
            if latest is not None and start < latest[0]:
                overlap = int((latest[0] - start).total_seconds() // 60)
                findings.append(
                    Finding(
                        (*loc, "start"),
                        "error",
                        f"starts at {_clock(start.astimezone(zone))}, but '{latest[1].id}' before it runs until "
                        f"{_clock(latest[0].astimezone(zone))} ({overlap} min overlap); "
                        "move the start or shorten what comes before",
                    )
                )
        elif untimed.intersection(keys):  # follows a segment of unknown time: its own time is unknown too
            untimed.update(keys)
            continue
        elif latest is not None:
            start = latest[0]
        else:
            what = f"the first segment of track '{segment.track}'" if segment.track else "the first segment"
            findings.append(Finding(loc, "error", f"{what} needs a start time (start: '09:00')"))
            untimed.update(keys)  # one root cause, one error: what follows has no time either, until a start
            continue

        end = start + segment.length
        for key in keys:
            cursor[key] = (end, segment)
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        nights = (local_end.date() - local_start.date()).days - (local_end.time() == datetime.min.time())
        if nights >= 1:
            message = (
                f"runs past midnight ({_clock(local_start)}-{_clock(local_end)}); fine for a night session, "
                "else check the times"
                if nights == 1
                else f"runs over {nights} midnights ({local_start.date().isoformat()} {_clock(local_start)} to "
                f"{local_end.date().isoformat()} {_clock(local_end)}); check the duration"
            )
            findings.append(Finding((*loc, "duration") if segment.duration else loc, "warning", message))
        order = _add_items(schedule, agenda, segment, start, end, order)

    schedule.items.sort(key=lambda i: (i.start, i.index))
    return schedule, findings


def _add_items(schedule: Schedule, agenda: Agenda, segment: Segment, start: datetime, end: datetime, order: int) -> int:
    track = next((t for t in agenda.tracks if t.id == segment.track), None)
    people = list(segment.speakers)
    if segment.pitches is not None:
        people += [p.presenter for p in segment.pitches.items if p.presenter and p.presenter not in people]
    schedule.items.append(
        ScheduledItem(
            id=segment.id,
            segment_id=segment.id,
            kind=segment.kind,
            title=segment.title,
            start=start,
            end=end,
            room=track.id if track else None,
            room_title=track.title if track else None,
            people=tuple(people),
            url=segment.url or (track.url if track else None) or agenda.event.platform.url,
            index=order,
        )
    )
    order += 1
    if segment.breakout is not None:
        for room in segment.breakout.effective_rooms(agenda.event.language):
            schedule.items.append(
                ScheduledItem(
                    id=f"{segment.id}/{room.id}",
                    segment_id=segment.id,
                    kind=segment.kind,
                    title=room.title,
                    start=start,
                    end=end,
                    room=room.id,
                    room_title=room.title,
                    parent=segment.id,
                    people=(room.facilitator,) if room.facilitator else (),
                    url=room.url or segment.url or agenda.event.platform.url,
                    index=order,
                )
            )
            order += 1
    return order


def round_window(start: datetime, end: datetime, rounds: int, number: int) -> tuple[datetime, datetime]:
    """Round ``number`` (1-based) of a mixing block that splits ``start``-``end`` evenly into ``rounds``."""
    length = (end - start) / rounds
    return start + (number - 1) * length, start + number * length


@dataclass(frozen=True)
class PitchSlot:
    """One pitch of a pitches segment as the schedule shows it: team, title, presenter's name, planned times."""

    team: str
    title: str | None
    presenter: str | None
    start: datetime
    end: datetime

    def label(self) -> str:
        """``Team – Title (Presenter)``, the parts there are."""
        text = self.team + (f" – {self.title}" if self.title else "")
        return text + (f" ({self.presenter})" if self.presenter and self.presenter != self.team else "")


def pitch_slots(schedule: Schedule, item: ScheduledItem) -> list[PitchSlot]:
    """The pitches of ``item``'s segment in order, each ``per_pitch`` long with the changeover between them."""
    if item.parent is not None:
        return []
    segment = next((s for s in schedule.agenda.segments if s.id == item.segment_id), None)
    if segment is None or segment.pitches is None:
        return []
    block, slots = segment.pitches, []
    for number, pitch in enumerate(block.items):
        start = item.start + number * (block.per_pitch + block.changeover)
        name = person_name(schedule.agenda, pitch.presenter) if pitch.presenter else None
        slots.append(PitchSlot(pitch.team, pitch.title, name, start, start + block.per_pitch))
    return slots
