"""The live operator console: a Textual app over a :class:`~clustermeet.show.driver.Show`.

Textual rather than rich Live: Live draws but reads no keys, and Textual (built on Rich) gives key bindings, a
layout that follows the terminal's size, NO_COLOR handling (monochrome) and a test harness (``run_test`` + Pilot)
that drives the app headless without a terminal.

The app holds no show logic: keys call ``show.act(...)``; a timer calls ``show.tick()`` and redraws from
``show.status()``. Widgets are only updated when their text changes, which keeps the CPU low.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Digits, Static

from clustermeet.show.console.words import catch_up_text, clock_span, say
from clustermeet.show.projection import expected_spans, shifted_time
from clustermeet.show.records import Phase

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from clustermeet.show.driver import Show
    from clustermeet.show.projection import Status
    from clustermeet.show.records import ShowEvent

COMPACT_HEIGHT = 22
COMPACT_WIDTH = 60


class OperatorConsole(App[None]):
    """Countdown of the current step, what is next, expected end, drift, the last cue and catch-up advice."""

    CSS = """
    Screen { layout: vertical; padding: 0 1; }
    #top { height: 1; text-style: bold; }
    #phase { height: 1; text-style: bold; }
    #title { height: auto; max-height: 2; text-style: bold; }
    #who { height: 1; color: $text-muted; }
    #digits { width: auto; height: 3; }
    #count { height: 1; text-style: bold; display: none; }
    #elapsed { height: 1; color: $text-muted; }
    #next { height: auto; max-height: 2; margin-top: 1; }
    #timing { height: 1; }
    #advice { height: auto; max-height: 3; color: $warning; }
    #cue { height: auto; max-height: 4; margin-top: 1; }
    #keys { dock: bottom; height: 1; color: $text-muted; }
    .waiting { color: $accent; }
    .on_time { color: $success; }
    .warning { color: $warning; }
    .overtime { color: $error; }
    .finished { color: $text-muted; }
    Screen.compact #digits { display: none; }
    Screen.compact #count { display: block; }
    Screen.compact #next, Screen.compact #cue { margin-top: 0; }
    Screen.compact #who, Screen.compact #elapsed { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right", "next", "next"),
        Binding("b,p,left", "previous", "back"),
        Binding("space", "pause", "pause/resume"),
        Binding("plus,equals_sign", "adjust(60)", "+1 min"),
        Binding("minus,underscore", "adjust(-60)", "-1 min"),
        Binding("c", "copy", "copy message"),
        Binding("q,escape", "confirm_quit", "quit"),
    ]
    #: a second q within this many (real) seconds quits a running show
    CONFIRM_SECONDS = 3.0

    def __init__(
        self,
        show: Show,
        zone: ZoneInfo,
        language: str,
        title: str,
        *,
        speed: float = 1.0,
        notice: str = "",
        tick_interval: float | None = None,
    ) -> None:
        super().__init__()
        self.show = show
        self.zone = zone
        self.language = language
        self.show_title = title
        self.speed = speed
        self.notice = notice
        # Redraw twice a (show) second, at most 20 times a real second: smooth enough, and cheap.
        self.tick_interval = tick_interval if tick_interval is not None else max(0.05, 0.5 / max(speed, 1.0))
        self.texts: dict[str, str] = {}
        self.events: list[ShowEvent] = []
        self._width: int | None = None
        self._quit_asked: float | None = None
        #: when the last cue fell due (its shifted time, as it happened)
        self._cue_at: datetime | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="top")
            yield Static(id="phase")
            yield Static(id="title")
            yield Static(id="who")
            yield Digits("0:00", id="digits")
            yield Static(id="count")
            yield Static(id="elapsed")
            yield Static(id="next")
            yield Static(id="timing")
            yield Static(id="advice")
            yield Static(id="cue")
        yield Static(id="keys")

    def on_mount(self) -> None:
        self.title = self.show_title
        self._fit(self.size.width, self.size.height)
        if self.notice:
            self.notify(self.notice, timeout=8)
        if self.tick_interval > 0:
            self.set_interval(self.tick_interval, self.refresh_status)
        self.refresh_status()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)
        self._width = event.size.width
        self._set("keys", self._keys_text())

    def _fit(self, width: int, height: int) -> None:
        self.screen.set_class(height < COMPACT_HEIGHT or width < COMPACT_WIDTH, "compact")

    # --- actions -------------------------------------------------------------------------------------------

    def action_next(self) -> None:
        self._take(self.show.act("next"))

    def action_previous(self) -> None:
        self._take(self.show.act("previous"))

    def action_pause(self) -> None:
        self._take(self.show.act("resume" if self.show.engine.paused_since is not None else "pause"))

    def action_adjust(self, seconds: int) -> None:
        self._take(self.show.act("adjust", seconds=seconds))

    def action_confirm_quit(self) -> None:
        """Quit at once when the show is over; while it runs, only on a second q (a stray key must not end it)."""
        now = time.monotonic()
        if self.show.engine.finished or (
            self._quit_asked is not None and now - self._quit_asked <= self.CONFIRM_SECONDS
        ):
            self.exit()
            return
        self._quit_asked = now
        self.notify(say("confirm_quit", self.language), timeout=self.CONFIRM_SECONDS, severity="warning")

    def action_help_quit(self) -> None:
        """Ctrl-C does not quit a Textual app; say how to, in the event's language (Textual's own is English)."""
        self.notify(say("ctrl_c", self.language), timeout=4)

    def action_copy(self) -> None:
        cue = self.show.engine.last_cue
        if cue is not None and cue.message:
            self.copy_to_clipboard(cue.message)
            self.notify(say("copied", self.language), timeout=3)
        else:
            self.notify(say("no_message", self.language), timeout=3, severity="warning")

    def _take(self, events: list[ShowEvent]) -> None:
        self.events += events
        self._note_cues(events)
        for event in events:
            if event.kind == "cue" and event.cue is not None and event.cue.message:
                self.bell()
        self.refresh_status()

    # --- drawing -------------------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        events = self.show.tick()
        if events:
            self.events += events
            self._note_cues(events)
            if any(e.kind == "cue" and e.cue is not None and e.cue.message for e in events):
                self.bell()
        self._draw(self.show.status())

    def _note_cues(self, events: list[ShowEvent]) -> None:
        for event in events:
            if event.kind == "cue":
                self._cue_at = event.at

    def _local(self, moment: datetime) -> str:
        return f"{moment.astimezone(self.zone):%H:%M}"

    def _keys_text(self) -> str:
        width = self._width if self._width is not None else self.size.width
        return say("keys" if width >= 90 else "keys_short", self.language)

    def _draw(self, status: Status) -> None:
        lang = self.language
        paused = f"  ⏸ {say('paused', lang)}" if status.paused else ""
        speed = f"  ×{self.speed:g}" if self.speed != 1 else ""
        self._set("top", f"{self.show_title}  ·  {status.now.astimezone(self.zone):%H:%M:%S}{speed}{paused}")
        phase = status.phase
        position = f"{status.index + 1}/{len(self.show.engine.steps)}" if status.step else ""
        self._set("phase", f"● {say(phase.value, lang)}  {position}", phase=phase)
        step = status.step
        if step is None:
            self._set("title", say("show_is_over", lang))
            self._set("who", "")
            countdown = "0:00"
            self._set("elapsed", "")
        else:
            title = step.title if step.segment_title == step.title else f"{step.segment_title} – {step.title}"
            self._set("title", title)
            cue = next((c for c in self.show.engine.cues if c.step == step.key and c.anchor == "start" and c.who), None)
            self._set("who", ", ".join(cue.who) if cue else "")
            if phase is Phase.waiting:
                countdown = clock_span(status.remaining)
                self._set("elapsed", f"{say('before_start', lang)} {countdown} · {self._local(step.planned_start)}")
            else:
                countdown = clock_span(status.remaining)
                self._set(
                    "elapsed",
                    f"{clock_span(status.elapsed)} / {clock_span(status.allotted)}"
                    f"  ({self._local(step.planned_start)}–{self._local(step.planned_end)})",
                )
        self._set_digits(countdown, phase)
        self._set("count", f"{countdown}", phase=phase)
        if status.next_step is not None and status.next_start is not None:
            following = status.next_step
            name = (
                following.title
                if following.segment_title == following.title
                else (f"{following.segment_title} – {following.title}")
            )
            self._set("next", f"{say('next', lang)}: {name} · {self._local(status.next_start)}")
        else:
            self._set("next", "")
        drift = status.drift if status.step is not None else status.show_drift
        drift_text = (
            say("drift", lang, time=clock_span(drift, sign=True))
            if drift.total_seconds() >= 0
            else say("early", lang, time=clock_span(-drift))
        )
        self._set(
            "timing",
            say("show_end", lang, planned=self._local(status.planned_end), expected=self._local(status.expected_end))
            + f"  ·  {drift_text}",
        )
        self._set("advice", catch_up_text(status.catch_up, self.language, self._local))
        last = status.last_cue
        if last is None:
            self._set("cue", "")
        else:
            # the time it fell due (after a resume, as things stand now): the plan's time is the runsheet's
            at = self._cue_at or shifted_time(last, expected_spans(self.show.engine, status.now))
            lines = [f"{say('cue', lang)} {self._local(at)}: {last.title} – {last.action}".rstrip(" –")]
            if last.message:
                lines.append(f"{say('message', lang)} [c]: {last.message}")
            self._set("cue", "\n".join(lines))
        self._set("keys", self._keys_text())

    def _set(self, widget_id: str, text: str, *, phase: Phase | None = None) -> None:
        if self.texts.get(widget_id) == text and self.texts.get(f"{widget_id}.phase") == str(phase):
            return
        self.texts[widget_id] = text
        self.texts[f"{widget_id}.phase"] = str(phase)
        widget = self.query_one(f"#{widget_id}", Static)
        widget.update(Text(text))  # Text, not a str: titles are data, never markup
        if phase is not None:
            for name in Phase:
                widget.set_class(name is phase, name.value)

    def _set_digits(self, value: str, phase: Phase) -> None:
        if self.texts.get("digits") == value and self.texts.get("digits.phase") == str(phase):
            return
        self.texts["digits"] = value
        self.texts["digits.phase"] = str(phase)
        digits = self.query_one("#digits", Digits)
        digits.update(value)
        for name in Phase:
            digits.set_class(name is phase, name.value)
