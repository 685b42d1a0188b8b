"""The values the served control takes (HTTP JSON bodies, OSC arguments, text): each command's value checked, and
a :class:`CommandError` with what it takes otherwise (never a 500, whatever a client sends)."""

from __future__ import annotations

import math

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


def finite(value: object) -> float | None:
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


def shown(value: object) -> str:
    """A value quoted for an error message, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def adjust_seconds(value: object) -> int:
    number = finite(value)
    if number is None:
        raise CommandError(f"adjust: {shown(value)} is not a number of seconds")
    if abs(number) > ADJUST_LIMIT:
        raise CommandError(f"adjust: at most {ADJUST_LIMIT} seconds either way")
    return int(number)


def message_text(value: object) -> str:
    if not isinstance(value, str):
        raise CommandError("message: give the text to show as a string (clear removes it)")
    text = " ".join(value.split())
    if not text:
        raise CommandError("message: give the text to show (clear removes it)")
    return text[:MAX_MESSAGE]


def switch(value: object) -> bool:
    text = str(value).strip().lower() if isinstance(value, str | int | float) else ""
    if text in {"1", "1.0", "on", "true", "yes"}:
        return True
    if text in {"0", "0.0", "off", "false", "no"}:
        return False
    raise CommandError(f"blackout: {shown(value)} is not on or off")
