"""The show's words in the event's language: the one lookup into ``i18n.SHOW_WORDS`` for cues, steps, the
runsheet, the report, the console and the plain output, and into ``i18n.SERVE_WORDS`` for the served pages."""

from __future__ import annotations

from clustermeet.i18n import SERVE_WORDS, SHOW_WORDS, lookup


def say(key: str, language: str, **values: object) -> str:
    """``SHOW_WORDS[key]`` in ``language`` (English when missing), with ``values`` filled in."""
    return lookup(SHOW_WORDS, key, language).format(**values)


def serve_say(key: str, language: str, **values: object) -> str:
    """``SERVE_WORDS[key]`` in ``language`` (English when missing), with ``values`` filled in."""
    return lookup(SERVE_WORDS, key, language).format(**values)
