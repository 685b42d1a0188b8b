"""The agenda page: one self-contained HTML file (inline CSS and a few lines of script, nothing fetched).

A timeline per day: tracks are columns side by side (a CSS grid whose rows are the day's start and end times, so
parallel segments line up), plenary segments span all columns, breakout rooms sit side by side inside their block.
Narrow screens get one column in time order, each segment naming its room; print gets black on white.

The page is complete without script. The script only adds the viewer's own time zone: when it differs from the
event's, each time is followed by the viewer's local time. A Content-Security-Policy with the script's hash
forbids everything else (no fetches, no other scripts).

Pure: schedule in, text out; the list of calendar files to link is passed in.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from itertools import groupby
from typing import TYPE_CHECKING
from urllib.parse import quote

from clustermeet.agenda.timing import pitch_slots
from clustermeet.i18n import format_day, format_day_short, format_time, kind_label, utc_offset_label, word

if TYPE_CHECKING:
    from datetime import date, datetime

    from clustermeet.agenda.timing import Schedule, ScheduledItem

_CSS = """
:root { color-scheme: light dark; --fg: #1b1b1b; --muted: #4a4a4a; --bg: #ffffff; --card: #f2f5fa;
  --line: #c9d1dd; --link: #0a4fb4; --accent: #0a4fb4; --plenary: #fff6e0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #eeeeee; --muted: #c4c4c4; --bg: #121417; --card: #1d2229; --line: #3a4350; --link: #8ab8ff;
    --accent: #8ab8ff; --plenary: #2a2619; }
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.45;
  color: var(--fg); background: var(--bg); -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; padding: 0 1rem 2rem; max-width: 80rem; }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 1rem; background: var(--bg); padding: .5rem; z-index: 2; }
header { padding: 1.25rem 0 .5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 .75rem; }
h3 { font-size: 1rem; margin: .1rem 0 .2rem; line-height: 1.3; }
header p { margin: .25rem 0; }
.subtitle { font-size: 1.1rem; }
.muted, .kind, .zone-note { color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.calendar a { margin-right: .75rem; }
.timeline { display: grid; gap: .5rem; grid-template-columns: repeat(var(--tracks), minmax(0, 1fr));
  align-items: stretch; }
.track-head { font-weight: 600; padding: .25rem .5rem; border-bottom: 2px solid var(--accent); }
.item { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--accent);
  border-radius: 6px; padding: .5rem .75rem; min-width: 0; overflow-wrap: anywhere; }
.item.plenary { background: var(--plenary); }
.item.kind-break { border-left-color: var(--line); }
.item p { margin: .15rem 0; }
.when { font-variant-numeric: tabular-nums; font-weight: 600; }
.viewer { font-weight: 400; color: var(--muted); margin-left: .4rem; }
.room-label { display: none; }
.rooms { list-style: none; padding: 0; margin: .4rem 0 0; display: grid; gap: .4rem;
  grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); }
.rooms li { border: 1px solid var(--line); border-radius: 4px; padding: .35rem .5rem; background: var(--bg); }
.pitches { margin: .4rem 0 0; padding-left: 1.2rem; }
.pitches li { margin: .15rem 0; }
.desc { font-size: .95rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; color: var(--muted);
  font-size: .9rem; }
@media (max-width: 44rem) {
  .timeline { display: block; }
  .timeline .track-head { display: none; }
  .timeline .item { margin: 0 0 .5rem; }
  .room-label { display: inline; }
  h1 { font-size: 1.35rem; }
}
@media print {
  :root { --fg: #000; --muted: #222; --bg: #fff; --card: #fff; --plenary: #fff; --line: #777; --link: #000; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .skip, .viewer, .zone-note { display: none; }
  .item, .rooms li { break-inside: avoid; }
  .join a::after { content: " (" attr(href) ")"; font-size: 8pt; }
  h2 { break-after: avoid; }
}
""".strip()

# The viewer's time zone: texts come from data attributes so the script is the same for every page (one hash).
_SCRIPT = """
(function () {
  var root = document.documentElement, zone = root.getAttribute("data-zone"), viewer;
  try { viewer = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!viewer || viewer === zone) { return; }
  var lang = root.lang || "en", label = root.getAttribute("data-your-time") || "";
  var time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: viewer });
  var day = new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: viewer });
  var eventDay = new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: zone });
  var spans = document.querySelectorAll("p.when");
  for (var i = 0; i < spans.length; i++) {
    var times = spans[i].querySelectorAll("time");
    if (times.length < 2) { continue; }
    var a = new Date(times[0].getAttribute("datetime")), b = new Date(times[1].getAttribute("datetime"));
    var text = time.format(a) + "\\u2013" + time.format(b);
    if (day.format(a) !== eventDay.format(a)) { text = day.format(a) + " " + text; }
    var span = document.createElement("span");
    span.className = "viewer";
    span.textContent = "(" + text + " " + label + ")";
    spans[i].appendChild(span);
  }
  var note = document.getElementById("viewer-zone");
  if (note) {
    note.textContent = (note.getAttribute("data-template") || "{zone}").replace("{zone}", viewer);
    note.hidden = false;
  }
  var fallback = document.getElementById("no-script-zone");
  if (fallback) { fallback.hidden = true; }
})();
""".strip()


def _script_hash() -> str:
    digest = hashlib.sha256(f"\n{_SCRIPT}\n".encode()).digest()  # exactly the <script> element's text
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _names(schedule: Schedule, item: ScheduledItem) -> str:
    parts = []
    for person_id in item.people:
        person = schedule.agenda.person(person_id)
        if person is None:
            parts.append(_e(person_id))
        elif person.organisation:
            parts.append(f'{_e(person.name)} <span class="muted">({_e(person.organisation)})</span>')
        else:
            parts.append(_e(person.name))
    return ", ".join(parts)


def _when(schedule: Schedule, item: ScheduledItem, language: str) -> str:
    start, end = schedule.local(item.start), schedule.local(item.end)
    return (
        f'<p class="when"><time datetime="{_iso(start)}">{format_time(start, language)}</time>–'
        f'<time datetime="{_iso(end)}">{format_time(end, language)}</time></p>'
    )


def _item_html(schedule: Schedule, item: ScheduledItem, language: str, column: str, rows: str) -> str:
    agenda = schedule.agenda
    segment = next(s for s in agenda.segments if s.id == item.segment_id)
    classes = ["item", f"kind-{item.kind.value}"]
    if item.room is None:
        classes.append("plenary")
    room_name = item.room_title or word("plenary", language)
    label = kind_label(item.kind.value, language)
    show_label = label.lower() not in item.title.lower()  # "Pause" needs no "Pause" under it
    parts = [
        f'<article class="{" ".join(classes)}" id="item-{_e(item.id)}" data-room="{_e(item.room or "")}" '
        f'style="grid-column: {column}; grid-row: {rows}" aria-labelledby="title-{_e(item.id)}">',
        _when(schedule, item, language),
        f'<h3 id="title-{_e(item.id)}">{_e(item.title)}</h3>',
        f'<p class="kind">{_e(label) if show_label else ""}<span class="room-label">{" · " if show_label else ""}'
        f"{_e(room_name)}</span></p>",
    ]
    who = _names(schedule, item)
    if who:
        parts.append(f'<p class="who">{who}</p>')
    if segment.description:
        parts.append(f'<p class="desc">{_e(segment.description)}</p>')
    pitches = pitch_slots(schedule, item)
    if pitches:
        parts.append(f'<ol class="pitches" aria-label="{_e(kind_label("pitches", language))}">')
        for pitch in pitches:
            title = f" – {_e(pitch.title)}" if pitch.title else ""
            presenter = f'<br><span class="muted">{_e(pitch.presenter)}</span>' if pitch.presenter else ""
            moment = schedule.local(pitch.start)
            clock = f'<time datetime="{_iso(moment)}">{format_time(moment, language)}</time>'
            parts.append(f"<li>{clock} <strong>{_e(pitch.team)}</strong>{title}{presenter}</li>")
        parts.append("</ol>")
    rooms = schedule.rooms_of(item.id)
    if rooms:
        parts.append(f'<ul class="rooms" aria-label="{_e(word("rooms", language))}">')
        for room in rooms:
            room_who = _names(schedule, room)
            link = (
                f' <a href="{_e(room.url)}">{_e(word("join", language))}</a>'
                if room.url and room.url != item.url
                else ""
            )
            who_html = f'<br><span class="muted">{room_who}</span>' if room_who else ""
            parts.append(f"<li><strong>{_e(room.title)}</strong>{link}{who_html}</li>")
        parts.append("</ul>")
    if item.url and item.kind.value != "break":
        parts.append(
            f'<p class="join"><a href="{_e(item.url)}">{_e(word("join", language))}'
            f'<span class="muted"> – {_e(title_of_link(item.url))}</span></a></p>'
        )
    parts.append("</article>")
    return "\n".join(parts)


def title_of_link(url: str) -> str:
    """The host of a join link, shown next to it (``zoom.example.org``)."""
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0]


def _day_html(schedule: Schedule, day: date, items: list[ScheduledItem], language: str) -> str:
    tracks = schedule.agenda.tracks
    columns = {t.id: i + 1 for i, t in enumerate(tracks)}
    count = max(1, len(tracks))
    boundaries = sorted({i.start for i in items} | {i.end for i in items})
    row = {moment: index + 2 for index, moment in enumerate(boundaries)}
    day_id = f"day-{day.isoformat()}"
    parts = [
        f'<section id="{day_id}" aria-labelledby="{day_id}-h">',
        f'<h2 id="{day_id}-h">{_e(format_day(day, language))}</h2>',
        f'<div class="timeline" style="--tracks: {count}">',
    ]
    if tracks:
        parts += [
            f'<div class="track-head" style="grid-column: {columns[t.id]}; grid-row: 1" aria-hidden="true">'
            f"{_e(t.title)}</div>"
            for t in tracks
        ]
    for item in items:
        column = str(columns[item.room]) if item.room in columns else "1 / -1"
        rows = f"{row[item.start]} / {row[item.end]}"
        parts.append(_item_html(schedule, item, language, column, rows))
    parts += ["</div>", "</section>"]
    return "\n".join(parts)


def schedule_to_html(schedule: Schedule, language: str | None = None, calendars: list[str] | None = None) -> str:
    """The agenda page. ``calendars``: names of .ics files in the page's folder, linked as "add to calendar"."""
    agenda = schedule.agenda
    event = agenda.event
    lang = language or event.language
    segments = schedule.segments
    days = schedule.days()
    by_day = {
        day: sorted(group, key=lambda i: (i.start, i.index))
        for day, group in groupby(
            sorted(segments, key=lambda i: (schedule.local(i.start).date(), i.start, i.index)),
            key=lambda i: schedule.local(i.start).date(),
        )
    }
    offsets = sorted({utc_offset_label(schedule.local(i.start)) for i in segments})
    zone_text = f"{word('times_in', lang)} {schedule.zone.key} ({', '.join(offsets)})"
    dates_text = " – ".join(dict.fromkeys([format_day(days[0], lang), format_day(days[-1], lang)]) if days else [])
    csp = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src '{_script_hash()}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}" data-zone="{_e(schedule.zone.key)}" data-your-time="{_e(word("your_time", lang))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">',
        '<meta name="generator" content="clustermeet">',
        f"<title>{_e(event.title)} – {_e(word('schedule', lang))}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#main">{_e(word("skip_to_schedule", lang))}</a>',
        "<header>",
        f"<h1>{_e(event.title)}</h1>",
    ]
    if event.subtitle:
        head.append(f'<p class="subtitle">{_e(event.subtitle)}</p>')
    head.append(f"<p>{_e(dates_text)}</p>")
    head.append(f'<p class="zone">{_e(zone_text)}</p>')
    head.append(f'<p class="zone-note" id="no-script-zone">{_e(word("no_script_zone", lang))}</p>')
    template = word("your_time_zone", lang)
    head.append(f'<p class="zone-note" id="viewer-zone" data-template="{_e(template)}" hidden></p>')
    platform = event.platform
    meeting = f" · {_e(word('meeting_id', lang))} {_e(platform.meeting_id)}" if platform.meeting_id else ""
    head.append(
        f'<p class="join"><a href="{_e(platform.url)}">{_e(word("join", lang))}: '
        f"{_e(title_of_link(platform.url))}</a>{meeting}</p>"
    )
    if calendars:
        links = " ".join(f'<a href="{_e(quote(name))}" download>{_e(name)}</a>' for name in calendars)
        head.append(f'<p class="calendar">{_e(word("add_to_calendar", lang))}: {links}</p>')
    if event.description:
        head.append(f'<p class="desc">{_e(event.description)}</p>')
    if len(days) > 1:
        head.append(f'<nav aria-label="{_e(word("days", lang))}"><ul>')
        head += [f'<li><a href="#day-{d.isoformat()}">{_e(format_day_short(d, lang))}</a></li>' for d in days]
        head.append("</ul></nav>")
    head.append("</header>")
    body = ['<main id="main">']
    body += [_day_html(schedule, day, items, lang) for day, items in by_day.items()]
    body.append("</main>")
    foot = [
        f"<footer><p>{_e(word('made_with', lang))}</p></footer>",
        f"<script>\n{_SCRIPT}\n</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(head + body + foot) + "\n"
