"""Read frab / c3voc schedules (``schedule.xml``, ``schedule.json``) as frab and pretalx write them.

Pure: text in, agenda data out (plain dicts in the shape of ``clustermeet.agenda.models.Agenda``) plus warnings.
Lenient with the quirks real files have (see docs/interop.md): guids that are not UUIDs, days that run past
midnight, no ``time_zone_name`` (the offsets are taken instead), times without an offset (read in the file's
``time_zone_name``, else the import's ``tz``, else at their day's offset, with a warning), unknown fields, persons
as ``{id, public_name}`` (frab) or ``{code, name}`` (pretalx) whose numeric ids are reused (an id is a person only
with the same name; id 0 is nobody), events straight under ``<day>`` (the old penta layout), events that overlap
in one room. Strict only where a value cannot be
guessed: an event without a readable start or room is an error with its place.

Every imported event keeps its start instant, duration, room, title and persons:

* rooms become tracks, in the file's order; an event that overlaps another in its room goes into an extra track
  with the same title (the agenda allows no overlap inside one track), with a warning;
* each event gets a fixed start, written as wall time in the chosen zone (with the offset where the wall time
  happens twice); every local date that has a start becomes one of the event's days, so a talk at 01:00 after
  a long first day puts the next date into ``dates``;
* persons become people; a person who is in two overlapping events of different rooms (a talk and its stream
  relay) gets a second entry with the same name, because the agenda treats one person id in two places as an
  error.

The formats are read in ``frab_xml`` and ``frab_json`` (with ``frab_fields``), the zone is chosen in ``frab_zone``
and the agenda made in ``frab_agenda``; this module is the way in.
"""

from __future__ import annotations

from clustermeet.errors import InvalidInputError, Problem
from clustermeet.interop.frab_agenda import to_agenda
from clustermeet.interop.frab_json import parse_json
from clustermeet.interop.frab_schedule import FrabSchedule, ImportOptions, ImportResult
from clustermeet.interop.frab_xml import parse_xml


def parse_schedule(text: str, name: str, tz: str | None = None) -> FrabSchedule:
    """``schedule.xml`` or ``schedule.json`` text -> :class:`FrabSchedule`; ``InvalidInputError`` with places.
    ``tz`` reads the times that have no offset where the file names no ``time_zone_name``."""
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start == "<":
        return parse_xml(text, name, tz)
    if start in "{[" and start:
        return parse_json(text, name, tz)
    raise InvalidInputError([Problem(name, 1, 1, "error", "not a frab schedule: expected XML (<schedule>) or JSON")])


def import_schedule(text: str, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Parse a frab schedule and turn it into agenda data (``parse_schedule`` + ``to_agenda``)."""
    return to_agenda(parse_schedule(text, name, options.timezone if options else None), name, options)
