"""Words of the console and the plain output in the event's language, and the clock formats they share."""

from __future__ import annotations

from clustermeet.i18n import clock_span, lookup

__all__ = ["clock_span", "say"]

_WORDS: dict[str, dict[str, str]] = {
    "waiting": {"de": "WARTEN", "en": "WAITING"},
    "on_time": {"de": "IM PLAN", "en": "ON TIME"},
    "warning": {"de": "WARNUNG", "en": "WARNING"},
    "overtime": {"de": "ÜBERZEIT", "en": "OVERTIME"},
    "finished": {"de": "ENDE", "en": "FINISHED"},
    "paused": {"de": "PAUSIERT", "en": "PAUSED"},
    "start": {"de": "BEGINN", "en": "START"},
    "end": {"de": "ENDE", "en": "END"},
    "cue": {"de": "CUE", "en": "CUE"},
    "wait": {"de": "WARTEN", "en": "WAIT"},
    "pause": {"de": "PAUSE", "en": "PAUSE"},
    "resume": {"de": "WEITER", "en": "RESUME"},
    "adjust": {"de": "ZEIT", "en": "TIME"},
    "previous": {"de": "ZURÜCK", "en": "BACK"},
    "jump": {"de": "SPRUNG", "en": "JUMP"},
    "show_over": {"de": "SCHLUSS", "en": "SHOW OVER"},
    "resumed": {"de": "FORTSETZUNG", "en": "RESUMED"},
    "left": {"de": "noch {time}", "en": "{time} left"},
    "over_by": {"de": "{time} drüber", "en": "{time} over"},
    "until": {"de": "bis {time}", "en": "until {time}"},
    "overrun": {"de": "Überziehung {time}", "en": "overrun {time}"},
    "underrun": {"de": "{time} kürzer", "en": "{time} short"},
    "on_the_dot": {"de": "pünktlich", "en": "on time"},
    "took": {"de": "Dauer {time}", "en": "took {time}"},
    "starts_at": {"de": "beginnt um {time}", "en": "starts at {time}"},
    "now": {"de": "JETZT", "en": "NOW"},
    "next": {"de": "DANACH", "en": "NEXT"},
    "show_end": {
        "de": "Ende geplant {planned} · erwartet {expected}",
        "en": "End planned {planned} · expected {expected}",
    },
    "drift": {"de": "Verzug {time}", "en": "Drift {time}"},
    "early": {"de": "Vorsprung {time}", "en": "ahead {time}"},
    "catch_up": {"de": "Aufholen bis {target}:", "en": "Catch up by {target}:"},
    "catch_up_end": {"de": "Aufholen bis zum Ende:", "en": "Catch up by the end:"},
    "cut": {"de": "{title} {old} → {new}", "en": "{title} {old} → {new}"},
    "still_late": {"de": "bleibt {time} zu spät", "en": "still {time} late"},
    "nothing_flexible": {"de": "nichts Flexibles davor", "en": "nothing flexible before it"},
    "keys": {
        "de": "n weiter · b zurück · Leertaste Pause · + / - 1 Min. · c Nachricht kopieren · q beenden",
        "en": "n next · b back · space pause · + / - 1 min · c copy message · q quit",
    },
    "keys_short": {"de": "n b ␣ + - c q", "en": "n b ␣ + - c q"},
    "copied": {"de": "Nachricht kopiert", "en": "Message copied"},
    "no_message": {"de": "Keine Nachricht zum Kopieren", "en": "No message to copy"},
    "resumed_from": {
        "de": "Fortsetzung aus {log}: {step}, Uhr {time}",
        "en": "Resuming from {log}: {step}, clock {time}",
    },
    "before_start": {"de": "Beginn in", "en": "Starts in"},
    "show_is_over": {"de": "Die Veranstaltung ist vorbei.", "en": "The show is over."},
    "message": {"de": "Nachricht an alle Räume", "en": "Message to all rooms"},
}


def say(key: str, language: str, **values: object) -> str:
    return lookup(_WORDS, key, language).format(**values)
