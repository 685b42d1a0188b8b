"""The words of invites and invite e-mails in the event's language: ``i18n.INVITE_WORDS``, with placeholders."""

from __future__ import annotations

from clustermeet.i18n import INVITE_WORDS, lookup


def text(key: str, language: str, **values: str) -> str:
    """An invite text in ``language`` (English when the language has none), with ``{placeholders}`` filled."""
    template = lookup(INVITE_WORDS, key, language)
    return template.format(**values) if values else template
