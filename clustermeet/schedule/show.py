"""I/O: the ``schedule`` use case: the schedule in the zone and format asked for; the agenda page links the
whole-event calendar feeds it finds beside the page (reading the head of each ``.ics`` file there)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from clustermeet.agenda.zones import zone_named
from clustermeet.schedule import formats
from clustermeet.schedule.table import ScheduleTables, schedule_tables

if TYPE_CHECKING:
    from pathlib import Path

    from clustermeet.agenda.loading import LoadedAgenda

Format = Literal["table", "markdown", "json", "csv", "html"]


@dataclass(frozen=True)
class ScheduleView:
    """Either tables for the terminal or the text of a file format."""

    tables: ScheduleTables | None = None
    text: str = ""


def show_schedule(
    loaded: LoadedAgenda, fmt: Format, *, tz: str | None = None, to_file: Path | None = None
) -> ScheduleView:
    """The schedule as ``fmt``; in zone ``tz`` (else the event's). A table written ``to_file`` is Markdown; the
    page written ``to_file`` links the feeds in that file's folder."""
    schedule = loaded.schedule if tz is None else loaded.schedule.in_zone(zone_named(tz, "tz"))
    language = loaded.agenda.event.language
    if fmt == "table" and to_file is None:
        return ScheduleView(tables=schedule_tables(schedule, language))
    if fmt == "html":
        from clustermeet.schedule.page import schedule_to_html  # noqa: PLC0415 slow import: only the page needs it

        calendars = public_calendars(to_file.parent) if to_file is not None else []
        return ScheduleView(text=schedule_to_html(schedule, language, calendars))
    if fmt == "json":
        return ScheduleView(text=formats.schedule_to_json(schedule))
    if fmt == "csv":
        return ScheduleView(text=formats.schedule_to_csv(schedule))
    return ScheduleView(text=formats.schedule_to_markdown(schedule, language))


def public_calendars(folder: Path) -> list[str]:
    """The whole-event feeds (METHOD:PUBLISH) in ``folder``; never a personal invite, which holds an address."""
    names = []
    for path in sorted(folder.glob("*.ics")):
        if not path.is_file():  # a FIFO would block the open
            continue
        try:
            with path.open("rb") as stream:
                head = stream.read(4096)
        except OSError:
            continue
        if b"\nMETHOD:PUBLISH\r\n" in head and b"\nATTENDEE" not in head:
            names.append(path.name)
    return names
