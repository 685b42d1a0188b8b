"""The agenda file: one YAML document describing a whole virtual event.

Every model forbids unknown keys (a typo must not pass silently). Cross-references (people ids, room ids, tracks)
and time checks live in ``clustermeet.agenda.checks``, which can point at the offending node.
"""

import datetime as dt
from datetime import timedelta
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from clustermeet.agenda.tables import known_encoding
from clustermeet.agenda.types import Duration, Email, EventDate, Gap, Id, Start, Url, format_duration
from clustermeet.agenda.voting import AwardBlock, VoteBlock
from clustermeet.agenda.zones import find_zone, offset_advice, zone_suggestion
from clustermeet.i18n import KeyedValueError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def check_zone(value: str) -> str:
    """``value`` when it is an IANA zone; else a ``ValueError`` with the zone people mean."""
    if find_zone(value) is None:
        offset = offset_advice(value, dt.datetime.now(dt.UTC).year)
        close = zone_suggestion(value)
        if offset:
            raise ValueError(f"{value!r} is not an IANA time zone; {offset}")
        raise KeyedValueError("value.zone_close" if close else "value.zone", value=repr(value), close=close or "")
    return value


TimeZoneName = Annotated[
    str,
    AfterValidator(check_zone),
    WithJsonSchema({"type": "string", "description": "An IANA time zone, e.g. Europe/Berlin"}),
]


def _split_ids(value: object) -> object:
    """Allow ``a|b|c`` where a list of room ids is expected (the CSV form)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    return value


IdList = Annotated[list[Id], BeforeValidator(_split_ids)]


class Organiser(_Model):
    name: str = Field(min_length=1, description="Shown as the sender of invites and e-mails.")
    email: Email = Field(description="ORGANIZER of every invite; replies go here.")


class Platform(_Model):
    kind: Literal["zoom", "teams", "webex", "bbb", "jitsi", "other"] = Field(description="The video platform.")
    url: Url = Field(description="The main join link.")
    meeting_id: str | None = Field(default=None, description="Meeting id shown next to the link.")
    passcode: str | None = Field(default=None, description="Passcode shown next to the link.")
    preassign: Id | None = Field(
        default=None,
        description="The breakout block the meeting pre-assigns (Zoom keeps one set per meeting); "
        "default the first topics block.",
    )


class Event(_Model):
    title: str = Field(min_length=1)
    subtitle: str | None = None
    acronym: Id | None = Field(default=None, description="Short name, used in file names and exports.")
    date: EventDate | None = Field(default=None, description="The day of a one-day event.")
    dates: list[EventDate] | None = Field(default=None, description="The days of a multi-day event, in order.")
    timezone: TimeZoneName = Field(description="The event's IANA time zone; every start is wall time there.")
    language: Literal["de", "en"] = "en"
    organiser: Organiser
    platform: Platform
    description: str | None = None
    url: Url | None = Field(default=None, description="The event's public web page (a frab schedule's conference URL).")
    reminder: Gap | None = Field(default=None, description="Calendar reminder before each item, e.g. 15m.")
    live_url: Url | None = Field(
        default=None,
        description="Where the show's live pages are served (clustermeet run, served), e.g. http://studio.local:8080; "
        "rosters and facilitators' invites link each breakout room's timer there.",
    )

    def room_timer(self, room: str) -> str | None:
        """The address of a breakout room's live timer (``<live_url>/room/<id>``, as the served show has it)."""
        if self.live_url is None:
            return None
        return f"{self.live_url.rstrip('/')}/room/{room}"

    @model_validator(mode="after")
    def _one_date_field(self) -> Self:
        if (self.date is None) == (self.dates is None):
            raise KeyedValueError("value.date_or_dates")
        if self.dates is not None:
            if not self.dates:
                raise KeyedValueError("value.dates_empty")
            if sorted(set(self.dates)) != list(self.dates):
                raise KeyedValueError("value.dates_order")
        return self

    @property
    def days(self) -> list[dt.date]:
        if self.dates is not None:
            return list(self.dates)
        assert self.date is not None
        return [self.date]


class Role(StrEnum):
    speaker = "speaker"
    moderator = "moderator"
    host = "host"
    facilitator = "facilitator"
    tech = "tech"
    producer = "producer"
    interpreter = "interpreter"
    performer = "performer"
    jury = "jury"
    other = "other"


class Person(_Model):
    """Someone with a part in the programme: speaker, moderator, host, facilitator, tech."""

    id: Id
    name: str = Field(min_length=1)
    organisation: str | None = None
    email: Email | None = None
    role: Role = Role.speaker
    timezone: TimeZoneName | None = Field(default=None, description="Where they are, for their own cue times.")


class Track(_Model):
    """A parallel room of a multi-track conference that runs its own sequence of segments."""

    id: Id
    title: str = Field(min_length=1)
    url: Url | None = Field(default=None, description="Join link of this track; default the platform's.")


class BreakoutRoom(_Model):
    id: Id
    title: str = Field(min_length=1)
    capacity: int | None = Field(default=None, ge=1, description="Most participants; none means no limit.")
    facilitator: Id | None = Field(default=None, description="People id of the room's facilitator.")
    url: Url | None = Field(default=None, description="The room's own join link, if it has one.")
    description: str | None = None


class Breakout(_Model):
    """Parallel rooms of one breakout block."""

    mode: Literal["topics", "mixing"] = Field(
        default="topics", description="topics: participants choose; mixing: groups, possibly several rounds."
    )
    rooms: list[BreakoutRoom] = []
    groups: int | None = Field(default=None, ge=1, le=1000, description="mixing: number of generated rooms.")
    capacity: int | None = Field(default=None, ge=1, description="mixing: capacity of each generated room.")
    rounds: int = Field(default=1, ge=1, le=50, description="mixing: rounds with new groups each time.")
    facilitators: bool = Field(default=False, description="Every room needs exactly one facilitator.")
    max_per_organisation: int | None = Field(
        default=None, ge=1, description="Most people of one organisation per room."
    )
    close_warnings: list[Duration] = Field(
        default_factory=lambda: [timedelta(minutes=5), timedelta(minutes=2), timedelta(minutes=1)],
        description="When to warn all rooms that they close, before the end.",
    )

    @model_validator(mode="after")
    def _rooms_or_groups(self) -> Self:
        if self.mode == "topics":
            if self.groups is not None:
                raise KeyedValueError("value.topics_groups")
            if not self.rooms:
                raise KeyedValueError("value.topics_no_room")
            if self.rounds != 1:
                raise KeyedValueError("value.topics_rounds")
        elif not self.rooms and self.groups is None:
            raise KeyedValueError("value.mixing_empty")
        elif self.rooms and self.groups is not None:
            raise KeyedValueError("value.rooms_and_groups")
        return self

    def effective_rooms(self, language: str = "en") -> list[BreakoutRoom]:
        """The listed rooms, or the generated rooms of a mixing block (``group-01``...)."""
        if self.rooms:
            return list(self.rooms)
        count = self.groups or 0
        width = max(2, len(str(count)))
        from clustermeet.i18n import (  # noqa: PLC0415 slow import: words, for generated rooms only (off validate)
            BREAKOUT_WORDS,
            lookup,
        )

        word = lookup(BREAKOUT_WORDS, "group", language)
        return [
            BreakoutRoom(id=f"group-{i:0{width}d}", title=f"{word} {i}", capacity=self.capacity)
            for i in range(1, count + 1)
        ]


class Pitch(_Model):
    team: str = Field(min_length=1, description="Who pitches: team, project or organisation.")
    presenter: Id | None = Field(default=None, description="People id of the presenter.")
    title: str | None = None


class PitchBlock(_Model):
    per_pitch: Duration = Field(description="Time for each pitch, e.g. 3m.")
    changeover: Gap = Field(default=timedelta(0), description="Time between two pitches.")
    items: list[Pitch] = Field(min_length=1)

    @property
    def needed(self) -> timedelta:
        count = len(self.items)
        return count * self.per_pitch + (count - 1) * self.changeover


class Poll(_Model):
    question: str = Field(min_length=1)
    options: list[str] = []


class SegmentKind(StrEnum):
    welcome = "welcome"
    keynote = "keynote"
    talk = "talk"
    panel = "panel"
    breakout = "breakout"
    pitches = "pitches"
    vote = "vote"
    award = "award"
    break_ = "break"
    performance = "performance"
    closing = "closing"
    other = "other"


class Segment(_Model):
    """One item of the running order."""

    id: Id
    title: str = Field(min_length=1)
    subtitle: str | None = Field(default=None, description="A second line under the title.")
    kind: SegmentKind
    duration: Duration | None = Field(default=None, description="Length; pitch blocks may leave it out.")
    start: Start | None = Field(default=None, description="Fixed ('hard') start; without it, follows the previous.")
    track: Id | None = Field(default=None, description="Track id; none means plenary, in all tracks at once.")
    speakers: IdList = Field(default=[], description="People ids on stage.")
    owner: Id | None = Field(default=None, description="People id of who runs this segment (moderator, host).")
    description: str | None = Field(default=None, description="For attendees: schedule, page and invites.")
    notes: str | None = Field(default=None, description="For the crew: shown on the cue sheet only.")
    url: Url | None = Field(default=None, description="A join link of its own, if not the platform's.")
    page_url: Url | None = Field(default=None, description="Its web page (a frab event's url); not a join link.")
    topic: str | None = Field(
        default=None, description="Its subject, such as Security (a frab schedule's track); not one of tracks."
    )
    language: str | None = Field(
        default=None, max_length=35, description="Its language when not the event's: a code such as fr."
    )
    flexible: bool = Field(default=False, description="May be shortened to catch up a delay.")
    min_duration: Duration | None = Field(default=None, description="Shortest it may become when flexible.")
    breakout: Breakout | None = None
    pitches: PitchBlock | None = None
    poll: Poll | None = None
    vote: VoteBlock | None = Field(default=None, description="How a vote segment is counted (docs/vote.md).")
    award: AwardBlock | None = Field(default=None, description="The vote an award segment announces.")

    @model_validator(mode="after")
    def _kind_matches_block(self) -> Self:
        if self.kind is SegmentKind.breakout and self.breakout is None:
            raise KeyedValueError("value.breakout_needs_block")
        if self.kind is not SegmentKind.breakout and self.breakout is not None:
            raise KeyedValueError("value.block_on_kind", name="breakout", kind="breakout", actual=self.kind.value)
        if self.kind is SegmentKind.pitches and self.pitches is None:
            raise KeyedValueError("value.pitches_needs_block")
        if self.kind is not SegmentKind.pitches and self.pitches is not None:
            raise KeyedValueError("value.block_on_kind", name="pitches", kind="pitches", actual=self.kind.value)
        for name, kind in (("vote", SegmentKind.vote), ("award", SegmentKind.award)):
            if getattr(self, name) is not None and self.kind is not kind:
                raise KeyedValueError("value.block_on_kind", name=name, kind=kind.value, actual=self.kind.value)
        if self.duration is None and self.pitches is None:
            raise KeyedValueError("value.duration_required")
        return self

    @field_validator("min_duration")
    @classmethod
    def _min_within_duration(cls, value: timedelta | None, info: ValidationInfo) -> timedelta | None:
        duration = info.data.get("duration")
        if value is not None and duration is not None and value > duration:
            raise KeyedValueError("value.longer_than_duration", duration=format_duration(duration))
        return value

    @property
    def length(self) -> timedelta:
        """The planned length: the duration, or what the pitches need."""
        if self.duration is not None:
            return self.duration
        assert self.pitches is not None
        return self.pitches.needed


class Participant(_Model):
    """An attendee: who gets invites and breakout rooms."""

    name: str = Field(min_length=1)
    email: Email
    organisation: str | None = None
    role: Literal["participant", "facilitator"] = "participant"
    preferences: IdList = Field(default=[], description="Room ids, best first.")
    fixed: IdList = Field(default=[], description="Room ids this person must be in.")
    timezone: TimeZoneName | None = Field(default=None, description="Where they are: their invite shows their time.")

    @field_validator("preferences", "fixed", mode="before")
    @classmethod
    def _rooms_as_written(cls, value: object, info: ValidationInfo) -> object:
        """A wish written as a room's title or an unambiguous start names that room, as in a list file: the
        loader passes the agenda's rooms (``agenda/wishes.py: RoomIndex``) as the validation context."""
        rooms = info.context.get("rooms") if isinstance(info.context, dict) else None
        if rooms is None or not isinstance(value, str | list):
            return value
        written = rooms.split(value) if isinstance(value, str) else value
        found = [rooms.room_for(w.strip()).room if isinstance(w, str) else None for w in written]
        return [room if room is not None else w for room, w in zip(found, written, strict=True)]


ColumnField = Literal["name", "email", "organisation", "role", "preferences", "fixed", "timezone"]


def _one_or_more(value: object) -> object:
    return [value] if isinstance(value, str) else value


class ParticipantsFile(_Model):
    """A participant list as a registration tool exported it, and how to read it (docs/participants-format.md)."""

    file: str = Field(min_length=1, description="The list's path, relative to the agenda and inside its folder.")
    columns: dict[
        ColumnField,
        Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_one_or_more), Field(min_length=1)],
    ] = Field(
        default={},
        description="Header(s) of each field: name joins several with a space, preferences and fixed read "
        "them as ranked wishes, any other field takes the first that is not empty.",
    )
    sheet: str | None = Field(default=None, min_length=1, description="The workbook's sheet; default the first.")
    encoding: str | None = Field(default=None, description="The CSV file's encoding; default detected.")
    preset: Literal["pretix", "eventbrite", "zoom", "microsoft-forms", "google-forms"] | None = Field(
        default=None, description="The registration tool that wrote the export: its headers are known."
    )
    ignore: Literal["all"] | Annotated[list[str], BeforeValidator(_one_or_more)] = Field(
        default=[], description="Columns known to be of no use here (or all): not named in the warning."
    )

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is not None and known_encoding(value) is None:
            raise ValueError(f"unknown encoding {value!r}; for example utf-8, utf-16, windows-1252")
        return value


class Agenda(_Model):
    """The whole agenda file."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "clustermeet agenda"},
    )

    event: Event
    people: list[Person] = []
    tracks: list[Track] = Field(default=[], description="Parallel tracks; leave out for one room.")
    segments: list[Segment] = Field(description="The running order.")
    participants: list[Participant] | ParticipantsFile | str | None = Field(
        default=None,
        description="Attendees inline, or a CSV or .xlsx list: its path relative to the agenda (inside the agenda's "
        "folder), or {file, columns, sheet, encoding, preset}.",
    )

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)
