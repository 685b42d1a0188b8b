"""The show's words in the event's language: the one lookup into ``i18n.SHOW_WORDS`` for cues, steps, the
runsheet, the report, the console and the plain output."""

from __future__ import annotations

from clustermeet.i18n import SHOW_WORDS, lookup


def say(key: str, language: str, **values: object) -> str:
    """``SHOW_WORDS[key]`` in ``language`` (English when missing), with ``values`` filled in."""
    return lookup(SHOW_WORDS, key, language).format(**values)
