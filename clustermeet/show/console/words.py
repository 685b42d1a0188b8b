"""The console's and the plain output's words (``SHOW_WORDS["console." + key]``), and the clock format they share."""

from __future__ import annotations

from clustermeet.i18n import clock_span
from clustermeet.show import words

__all__ = ["clock_span", "say"]


def say(key: str, language: str, **values: object) -> str:
    return words.say(f"console.{key}", language, **values)
