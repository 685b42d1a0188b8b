"""What each served view shows, and the operator's commands: the board of a show on every screen.

Pure: a :class:`~clustermeet.show.driver.Show` and its plan in, JSON-ready data out. :meth:`Board.views` is computed
once per tick and every client of a view gets the same dict; :meth:`Board.command` is the one place the HTTP and
OSC control act through, so both do exactly what the console's keys do, and every command goes into the show's log
(engine actions, a carried delay too, as ``action`` records; message and blackout as ``control`` records, which
a resume reads back with :meth:`Board.restore`).

The foyer view is for attendees: titles and times only, never a cue's notes, a person or an address.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.timing import person_name
from clustermeet.show.console.words import catch_up_text, clock_span, say
from clustermeet.show.projection import expected_spans, shifted_time
from clustermeet.show.records import Phase
from clustermeet.show.words import serve_say

if TYPE_CHECKING:
    from datetime import datetime

    from clustermeet.agenda.timing import Schedule
    from clustermeet.show.cues import Cue, Plan
    from clustermeet.show.driver import Show
    from clustermeet.show.projection import Status
    from clustermeet.show.steps import Step

ZERO = timedelta(0)
BACKSTAGE_CUES = 8
MAX_MESSAGE = 280
#: what ``adjust`` takes either way, in seconds
ADJUST_LIMIT = 3600
#: the commands of the HTTP and OSC control; ``adjust`` takes seconds, ``jump`` a segment id or a 1-based number,
#: ``message`` a text, ``blackout`` on/off (none: toggle)
COMMANDS = (
    "next",
    "back",
    "pause",
    "resume",
    "toggle",
    "plus",
    "minus",
    "adjust",
    "jump",
    "message",
    "clear",
    "blackout",
    "carry",
)


class CommandError(ValueError):
    """A control command that cannot be done (unknown, or a value it does not take)."""


@dataclass(frozen=True)
class Room:
    """A breakout room, and the segments whose steps it is open in."""

    id: str
    title: str
    segments: frozenset[str]


@dataclass
class Board:
    """The served show: the engine's state plus what only the screens have (message, blackout)."""

    show: Show
    plan: Plan
    schedule: Schedule
    message: str = ""
    blackout: bool = False
    rooms: dict[str, Room] = field(default_factory=dict)

    def __post_init__(self) -> None:
        language = self.plan.language
        keys = {s.segment_id for s in self.plan.steps}
        found: dict[str, tuple[str, set[str]]] = {}
        for segment in self.schedule.agenda.segments:
            if segment.breakout is None or segment.id not in keys:
                continue
            for room in segment.breakout.effective_rooms(language):
                found.setdefault(room.id, (room.title, set()))[1].add(segment.id)
        self.rooms = {k: Room(k, title, frozenset(segs)) for k, (title, segs) in found.items()}

    @property
    def language(self) -> str:
        return self.plan.language

    def local(self, moment: datetime) -> str:
        return f"{self.schedule.local(moment):%H:%M}"

    # --- commands ------------------------------------------------------------------------------------------

    def command(self, name: str, value: object = None) -> None:
        """Do one control command (see :data:`COMMANDS`); raises :class:`CommandError`."""
        show = self.show
        with show.guard:
            if name in {"next", "pause", "resume"}:
                show.act(name)
            elif name == "back":
                show.act("previous")
            elif name == "toggle":
                show.act("resume" if show.engine.paused_since is not None else "pause")
            elif name in {"plus", "minus", "adjust"}:
                seconds = {"plus": 60, "minus": -60}.get(name) or _seconds(value)
                show.act("adjust", seconds=seconds)
            elif name == "jump":
                show.act("jump", step=self._step_index(value))
            elif name in {"message", "clear"}:
                text = "" if name == "clear" else _message(value)
                self._control({"control": "message", "text": text})
            elif name == "blackout":
                on = not self.blackout if value is None or value == "" else _switch(value)
                self._control({"control": "blackout", "on": on})
            elif name == "carry":
                self._carry()
            else:
                raise CommandError(f"unknown command {name!r}; one of: {', '.join(COMMANDS)}")

    def _control(self, record: dict[str, Any]) -> None:
        full = {"type": "control", **record, "at": self.show.now().isoformat()}
        self.show.write([full])  # first: what the log cannot take is not done
        self.take(full)

    def take(self, record: dict[str, Any]) -> None:
        """Apply one ``control`` record (as written, or read back from the log)."""
        kind = record.get("control")
        if kind == "message":
            text = record.get("text", "")
            self.message = text[:MAX_MESSAGE] if isinstance(text, str) else ""  # never a repr on a page
        elif kind == "blackout":
            self.blackout = bool(record.get("on"))

    def restore(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            if record.get("type") == "control":
                self.take(record)

    def _carry(self) -> None:
        """Carry the current overrun (in whole minutes) into every step up to the next fixed start (which keeps its
        time): an engine action, so the projection, the log, a resume and ``report`` all have it."""
        if self.show.engine.finished:
            return
        drift = self.show.status().drift
        self.show.act("carry", seconds=max(int(drift.total_seconds()) // 60 * 60, 0))

    @property
    def carried(self) -> dict[str, int]:
        """The delay carried into each step, in seconds, by step key."""
        engine = self.show.engine
        return {engine.steps[i].key: int(d.total_seconds()) for i, d in engine.carried.items()}

    def _step_index(self, value: object) -> int:
        """A segment id or step key, or a 1-based number (``2``, ``"2"``, or ``2.0`` as Companion sends it)."""
        steps = self.plan.steps
        wanted = f"a segment id, or a number from 1 to {len(steps)}"
        if isinstance(value, str):
            text = value.strip()
            for index, step in enumerate(steps):
                if text in {step.key, step.segment_id}:
                    return index
        elif not isinstance(value, int | float) or isinstance(value, bool):
            raise CommandError(f"jump: give {wanted}")
        number = _number(value)
        if number is None:
            raise CommandError(f"jump: no segment {_shown(value)} ({wanted})")
        if not number.is_integer() or not 1 <= number <= len(steps):
            raise CommandError(f"jump: {_shown(value)} is not {wanted}")
        return int(number) - 1

    # --- views ---------------------------------------------------------------------------------------------

    def views(self) -> dict[str, dict[str, Any]]:
        """Every view's data at this moment: ``operator``, ``stage``, ``backstage``, ``foyer``, ``room:<id>``."""
        with self.show.guard:
            status = self.show.status()
            spans = expected_spans(self.show.engine, status.now)
            stage = self._stage(status)
            out = {
                "stage": stage,
                "operator": {**stage, **self._operator(status)},
                "backstage": {**stage, "cues": self._backstage(status, spans)},
                "foyer": self._foyer(status, spans),
            }
            for room in self.rooms.values():
                out[f"room:{room.id}"] = self._room(room, status)
        return out

    def step_title(self, step: Step | None) -> str:
        if step is None:
            return say("show_is_over", self.language)
        return step.title if step.segment_title == step.title else f"{step.segment_title} – {step.title}"

    def _stage(self, status: Status) -> dict[str, Any]:
        phase = status.phase
        step = status.step
        who = ""
        if step is not None:
            cue = next((c for c in self.plan.cues if c.step == step.key and c.anchor == "start" and c.who), None)
            who = ", ".join(cue.who) if cue else ""
        return {
            "clock": f"{self.schedule.local(status.now):%H:%M:%S}",
            "phase": phase.value,
            "phase_word": say(phase.value, self.language),
            "paused": status.paused,
            "countdown": countdown(status.remaining) if step is not None else "0:00",
            "title": self.step_title(step),
            "who": who,
            "message": self.message,
            "blackout": self.blackout,
        }

    def _operator(self, status: Status) -> dict[str, Any]:
        lang = self.language
        drift = status.drift if status.step is not None else status.show_drift
        drift_text = (
            say("drift", lang, time=clock_span(drift, sign=True))
            if drift >= ZERO
            else say("early", lang, time=clock_span(-drift))
        )
        following = ""
        if status.next_step is not None and status.next_start is not None:
            following = f"{self.step_title(status.next_step)} · {self.local(status.next_start)}"
        cue = status.last_cue
        return {
            "next": following,
            "timing": say(
                "show_end", lang, planned=self.local(status.planned_end), expected=self.local(status.expected_end)
            )
            + f"  ·  {drift_text}",
            "elapsed": f"{clock_span(status.elapsed)} / {clock_span(status.allotted)}",
            "advice": catch_up_text(status.catch_up, lang, self.local),
            "cue": f"{cue.title} – {cue.action}".rstrip(" –") if cue is not None else "",
            "cue_message": cue.message or "" if cue is not None else "",
            "carried": self._carried_text(),
            "position": f"{status.index + 1}/{len(self.plan.steps)}" if status.step else "",
            "index": status.index,
        }

    def _carried_text(self) -> str:
        """What the operator carried into the steps still to come: ``Verzug +4:00 weitergegeben an 3 ...``."""
        engine = self.show.engine
        later = {i: d for i, d in engine.carried.items() if i > engine.index}
        if not later:
            return ""
        segments = len({engine.steps[i].segment_id for i in later})
        delay = clock_span(max(later.values()), sign=True)
        return serve_say("text.carried", self.language, time=delay, count=segments)

    def _backstage(self, status: Status, spans: dict[str, tuple[datetime, datetime]]) -> list[dict[str, str]]:
        engine = self.show.engine
        due = [c for c in self.plan.cues if c.key not in engine.fired and c.step in spans]
        due.sort(key=lambda c: shifted_time(c, spans))
        return [
            {
                "time": self.local(shifted_time(c, spans)),
                "planned": self.local(c.at),
                "title": c.title,
                "action": c.action,
                "who": self._who(c),
            }
            for c in due[:BACKSTAGE_CUES]
        ]

    def _who(self, cue: Cue) -> str:
        """Who does it, and whose segment it is (its owner) when that is someone else."""
        who = list(cue.who)
        owner = person_name(self.schedule.agenda, cue.owner) if cue.owner else ""
        if owner and owner not in who:
            who.append(f"({owner})")
        return ", ".join(who)

    def _foyer(self, status: Status, spans: dict[str, tuple[datetime, datetime]]) -> dict[str, Any]:
        """Segments with planned, actual or expected times (following the drift and any carried delay) and the
        announced start where a delay was carried into it; titles only."""
        engine = self.show.engine
        items: list[dict[str, Any]] = []
        seen: dict[str, dict[str, Any]] = {}
        for index, step in enumerate(engine.steps):
            item = seen.get(step.segment_id)
            if item is None:
                run = engine.runs.get(index)
                if index < engine.index:
                    state, moment = "done", run.start if run else None
                elif index == engine.index:
                    state, moment = ("now" if run else "next"), run.start if run else spans[step.key][0]
                else:
                    state, moment = "later", spans[step.key][0]
                carried = engine.carried.get(index)
                item = {
                    "title": step.segment_title,
                    "planned": self.local(step.planned_start),
                    "time": self.local(moment) if moment is not None else "",
                    "announced": self.local(step.planned_start + carried) if carried else "",
                    "state": state,
                }
                seen[step.segment_id] = item
                items.append(item)
        now_item = next((i for i in items if i["state"] in {"now", "next"}), None)
        return {
            "clock": f"{self.schedule.local(status.now):%H:%M}",
            "now": now_item["title"] if now_item else say("show_is_over", self.language),
            "items": items,
            "blackout": False,
        }

    def _room(self, room: Room, status: Status) -> dict[str, Any]:
        step = status.step
        base = {"room": room.title, "clock": f"{self.schedule.local(status.now):%H:%M:%S}"}
        if step is None or step.segment_id not in room.segments:
            following = next(
                (s for s in self.plan.steps[status.index :] if s.segment_id in room.segments and step is not None),
                None,
            )
            opens = self.local(following.planned_start) if following is not None else ""
            return {**base, "state": "closed", "title": following.segment_title if following else "", "opens": opens}
        engine = self.show.engine
        texts = [  # a warning that more time made untrue ("5 minutes" with 9 left) waits until it is true again
            c.message
            for c in self.plan.cues
            if c.step == step.key and c.message and c.key in engine.fired and c.kind.value == "close_warning"
            if status.remaining <= c.before
        ]
        return {
            **base,
            "state": "waiting" if status.phase is Phase.waiting else "open",
            "title": self.step_title(step),
            "countdown": countdown(status.remaining),
            "phase": status.phase.value,
            "texts": texts,
        }


def countdown(remaining: timedelta) -> str:
    """``4:59``; in overtime ``-0:00`` from its first moment on, counting up."""
    return f"-{clock_span(-remaining)}" if remaining < ZERO else clock_span(remaining)


def _number(value: object) -> float | None:
    """A finite number from a JSON or OSC number or from text; None for anything else (NaN, infinity, 1e400, a
    JSON object, ``true``)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    if isinstance(value, str) and len(value) > 40:  # no number of seconds or steps is that long
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):  # OverflowError: an int too large for a float
        return None
    return number if math.isfinite(number) else None


def _shown(value: object) -> str:
    """A value quoted for an error message, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _seconds(value: object) -> int:
    number = _number(value)
    if number is None:
        raise CommandError(f"adjust: {_shown(value)} is not a number of seconds")
    if abs(number) > ADJUST_LIMIT:
        raise CommandError(f"adjust: at most {ADJUST_LIMIT} seconds either way")
    return int(number)


def _message(value: object) -> str:
    if not isinstance(value, str):
        raise CommandError("message: give the text to show as a string (clear removes it)")
    text = " ".join(value.split())
    if not text:
        raise CommandError("message: give the text to show (clear removes it)")
    return text[:MAX_MESSAGE]


def _switch(value: object) -> bool:
    text = str(value).strip().lower() if isinstance(value, str | int | float) else ""
    if text in {"1", "1.0", "on", "true", "yes"}:
        return True
    if text in {"0", "0.0", "off", "false", "no"}:
        return False
    raise CommandError(f"blackout: {_shown(value)} is not on or off")
