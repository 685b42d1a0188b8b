"""The words of other tools' schedules (interop/), in German and English: a table of :mod:`clustermeet.i18n`."""

from __future__ import annotations

# --- other tools' schedules: words import recognises, words it writes (interop/) ----------------------------------
INTEROP_WORDS: dict[str, dict[str, str]] = {
    # what a frab event `type` (free text) says about the segment kind, tried in this order; space-separated
    # words, any language matches
    "kind_keynote": {"en": "keynote", "de": "keynote hauptvortrag"},
    "kind_panel": {"en": "panel discussion fishbowl", "de": "podium diskussion"},
    "kind_break": {"en": "break lunch coffee", "de": "pause"},
    "kind_welcome": {"en": "welcome opening", "de": "begrüßung eröffnung"},
    "kind_closing": {"en": "closing", "de": "abschluss"},
    "kind_performance": {"en": "performance concert music show", "de": "konzert musik"},
    "kind_talk": {"en": "talk lecture lightning presentation", "de": "vortrag"},
    # titles the imported agenda gets where the file gives none, in the agenda's language
    "untitled_schedule": {"de": "Importiertes Programm", "en": "Imported schedule"},
    "untitled_event": {"de": "(ohne Titel)", "en": "(untitled)"},
}
