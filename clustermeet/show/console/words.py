"""The console's and the plain output's words (``SHOW_WORDS["console." + key]``), and the clock format they share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.i18n import clock_span
from clustermeet.show import words

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from clustermeet.show.projection import CatchUp

__all__ = ["catch_up_text", "clock_span", "say"]


def say(key: str, language: str, **values: object) -> str:
    return words.say(f"console.{key}", language, **values)


def catch_up_text(plan: CatchUp | None, language: str, local: Callable[[datetime], str]) -> str:
    """The catch-up advice the console and the operator page show: ``Aufholen bis ...: Kaffeepause 10:00 → 9:30``;
    ``local`` shows a moment as wall time."""
    if plan is None:
        return ""
    head = (
        say("catch_up", language, target=f"{plan.target.title} {local(plan.target.planned_start)}")
        if plan.target is not None
        else say("catch_up_end", language)
    )
    cuts = [
        say("cut", language, title=c.step.title, old=clock_span(c.planned), new=clock_span(c.new)) for c in plan.cuts
    ]
    if not cuts:
        cuts.append(say("nothing_flexible", language))
    text = f"{head} {'; '.join(cuts)}"
    if plan.remaining.total_seconds() > 0:
        text += f" ({say('still_late', language, time=clock_span(plan.remaining))})"
    return text
