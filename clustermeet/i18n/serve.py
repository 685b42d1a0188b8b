"""The words of the served show (show/serve/): its pages, their script and the start-up lines, in German and
English: a table of :mod:`clustermeet.i18n`, one key per word a user reads."""

from __future__ import annotations

# --- the served show: views, buttons, columns, page texts, start-up labels (show/serve/) --------------------------
# Keys are prefixed by what they name: view., button., column., text. (pages and their script), label. (start-up),
# error. (why a control command was refused, shown on the operator page).
SERVE_WORDS: dict[str, dict[str, str]] = {
    "view.operator": {"de": "Regie", "en": "Operator"},
    "view.stage": {"de": "Bühne", "en": "Stage"},
    "view.backstage": {"de": "Backstage", "en": "Backstage"},
    "view.foyer": {"de": "Programm", "en": "Programme"},
    "view.room": {"de": "Raum", "en": "Room"},
    "button.next": {"de": "Weiter", "en": "Next"},
    "button.back": {"de": "Zurück", "en": "Back"},
    "button.toggle": {"de": "Pause/Weiter", "en": "Pause/resume"},
    "button.plus": {"de": "+1 Min.", "en": "+1 min"},
    "button.minus": {"de": "-1 Min.", "en": "-1 min"},
    "button.jump": {"de": "Springen", "en": "Jump"},
    "button.message": {"de": "Nachricht zeigen", "en": "Send message"},
    "button.clear": {"de": "Nachricht löschen", "en": "Clear message"},
    "button.blackout": {"de": "Blackout", "en": "Blackout"},
    "button.carry": {"de": "Verzug weitergeben", "en": "Carry the delay"},
    "button.copy": {"de": "Kopieren", "en": "Copy"},
    "column.time": {"de": "Zeit", "en": "Time"},
    "column.planned": {"de": "geplant", "en": "planned"},
    "column.cue": {"de": "Cue", "en": "Cue"},
    "column.task": {"de": "Aufgabe", "en": "Task"},
    "column.who": {"de": "Wer", "en": "Who"},
    "text.wrap_up": {"de": "Bitte zum Ende kommen", "en": "Please wrap up"},
    "text.rooms_close": {"de": "Räume schließen in", "en": "Rooms close in"},
    "text.rooms_closed": {"de": "Räume zu, öffnen um", "en": "Rooms closed, open at"},
    "text.offline": {"de": "Verbindung wird wiederhergestellt …", "en": "Reconnecting …"},
    "text.message": {"de": "Nachricht an die Bühne", "en": "Message to the stage"},
    "text.new_time": {"de": "neue Zeit", "en": "new time"},
    "text.carried": {
        "de": "Verzug {time} weitergegeben an {count} Programmpunkte",
        "en": "Delay of {time} carried into {count} segments",
    },
    "text.refused": {"de": "Befehl abgelehnt", "en": "Command refused"},
    "text.unreachable": {
        "de": "Server nicht erreichbar: nichts geändert",
        "en": "The server cannot be reached: nothing changed",
    },
    "error.adjust": {
        "de": "Keine Zahl von Sekunden (höchstens ±3600)",
        "en": "Not a number of seconds (at most ±3600)",
    },
    "error.jump": {"de": "Diesen Programmpunkt gibt es nicht", "en": "There is no such segment"},
    "error.message": {
        "de": "Bitte den Text der Nachricht eingeben (Nachricht löschen entfernt sie)",
        "en": "Please type the message (Clear message removes it)",
    },
    "error.blackout": {"de": "Blackout: an oder aus", "en": "Blackout: on or off"},
    "error.command": {"de": "Diesen Befehl gibt es nicht", "en": "There is no such command"},
    "error.body": {"de": "Die Anfrage ist kein gültiges JSON", "en": "The request is not valid JSON"},
    "error.origin": {"de": "Befehl von einer fremden Seite abgelehnt", "en": "Command from another site refused"},
    "error.log": {
        "de": "Das Show-Log kann nicht geschrieben werden (Platte voll?): nichts geändert, bitte wiederholen",
        "en": "The show log cannot be written (disk full?): nothing changed, please try again",
    },
    "label.osc": {"de": "OSC", "en": "OSC"},
    "label.room": {"de": "Raum {title}", "en": "Room {title}"},
}
