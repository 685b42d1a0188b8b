"""Words and date formats in the event's language (de or en).

Dates and times go through Babel's CLDR data so that German reads "Donnerstag, 20. Oktober 2022", "14:00" and
English "Thursday, 20 October 2022", "14:00" (en-GB: day before month, 24-hour clock, as an international event
expects). Babel is imported on first use only (slow import: keeps --help and validate fast). Unknown languages
fall back to English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from clustermeet import text
from clustermeet.errors import OptionError

if TYPE_CHECKING:
    from datetime import date, datetime, timedelta

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")


def language_named(value: str) -> Language:
    """``de`` or ``en`` (any case); an :class:`OptionError` for the parameter ``lang`` otherwise."""
    wanted = value.strip().lower()
    for language in LANGUAGES:
        if wanted == language:
            return language
    raise OptionError("lang", value, "is not a language of clustermeet", choices=LANGUAGES)


_WORDS: dict[str, dict[str, str]] = {
    "start": {"de": "Beginn", "en": "Start"},
    "end": {"de": "Ende", "en": "End"},
    "segment": {"de": "Programmpunkt", "en": "Segment"},
    "who": {"de": "Mitwirkende", "en": "Who"},
    "room": {"de": "Raum", "en": "Room"},
    "rooms": {"de": "Räume", "en": "Rooms"},
    "plenary": {"de": "Plenum", "en": "Plenary"},
    "all_rooms": {"de": "alle Räume", "en": "all rooms"},
    "facilitator": {"de": "Moderation", "en": "Facilitator"},
    "join": {"de": "Teilnehmen", "en": "Join"},
    "time_zone": {"de": "Zeitzone", "en": "Time zone"},
    "schedule": {"de": "Programm", "en": "Schedule"},
    "breakout": {"de": "Breakout-Session", "en": "Breakout session"},
    "pitch": {"de": "Pitch", "en": "Pitch"},
    "your_room": {"de": "Ihr Raum", "en": "Your room"},
    "minutes": {"de": "Min.", "en": "min"},
    "add_to_calendar": {"de": "Zum Kalender hinzufügen", "en": "Add to calendar"},
    "skip_to_schedule": {"de": "Zum Programm springen", "en": "Skip to the schedule"},
    "days": {"de": "Tage", "en": "Days"},
    "times_in": {"de": "Alle Zeiten in", "en": "All times in"},
    "your_time": {"de": "Ihre Zeit", "en": "your time"},
    "your_time_zone": {
        "de": "Ihre Zeitzone ist {zone}: Ihre Ortszeit steht jeweils dahinter.",
        "en": "Your time zone is {zone}: your local time follows each time.",
    },
    "made_with": {"de": "Erstellt mit clustermeet", "en": "Made with clustermeet"},
    "no_script_zone": {
        "de": "Zeiten in Ihrer Zeitzone zeigt die Seite mit JavaScript.",
        "en": "With JavaScript, the page also shows the times in your time zone.",
    },
    "meeting_id": {"de": "Meeting-ID", "en": "Meeting ID"},
}

_KINDS: dict[str, dict[str, str]] = {
    "welcome": {"de": "Begrüßung", "en": "Welcome"},
    "keynote": {"de": "Impulsvortrag", "en": "Keynote"},
    "talk": {"de": "Vortrag", "en": "Talk"},
    "panel": {"de": "Podium", "en": "Panel"},
    "breakout": {"de": "Breakout", "en": "Breakout"},
    "pitches": {"de": "Pitches", "en": "Pitches"},
    "vote": {"de": "Abstimmung", "en": "Vote"},
    "award": {"de": "Preisverleihung", "en": "Award"},
    "break": {"de": "Pause", "en": "Break"},
    "performance": {"de": "Darbietung", "en": "Performance"},
    "closing": {"de": "Abschluss", "en": "Closing"},
    "other": {"de": "Sonstiges", "en": "Other"},
}

# One table per capability below, so each keeps its words together. Keys are unique within a table.

# --- the run of show: cues, runsheet, console, plain output, report (show/) ---------------------------------------
# Keys are prefixed by where they are read: cue., sheet. (runsheet), report., console. (console, plain output).
SHOW_WORDS: dict[str, dict[str, str]] = {
    # cues and the steps they belong to (show/cues.py, show/steps.py)
    "cue.tech_check": {"de": "Technik-Check", "en": "Tech check"},
    "cue.tech_check_action": {
        "de": "Meeting öffnen; Ton, Bild, Folien und Aufnahme prüfen",
        "en": "Open the meeting; check sound, video, slides and recording",
    },
    "cue.check_in": {"de": "Check-in der Mitwirkenden", "en": "Speakers' check-in"},
    "cue.check_in_action": {
        "de": "Mitwirkende zu Co-Hosts machen; Ablauf und Zeichen absprechen",
        "en": "Make the speakers co-hosts; go through the running order and signals",
    },
    "cue.open_rooms": {"de": "Breakout-Räume öffnen", "en": "Open breakout rooms"},
    "cue.open_rooms_action": {
        "de": "{rooms} Räume öffnen, Teilnehmende zuweisen",
        "en": "Open {rooms} rooms and assign the participants",
    },
    "cue.round": {"de": "Runde {part} von {parts}", "en": "Round {part} of {parts}"},
    "cue.round_action": {
        "de": "Räume neu mischen und öffnen (Runde {part})",
        "en": "Shuffle and reopen the rooms (round {part})",
    },
    "cue.close_warning": {"de": "Schließ-Hinweis T-{minutes}", "en": "Close warning T-{minutes}"},
    "cue.close_warning_action": {"de": "Nachricht an alle Räume senden", "en": "Broadcast a message to all rooms"},
    "cue.close_message_many": {
        "de": "Hinweis: Die Breakout-Räume schließen in {minutes} Minuten. Bitte kommen Sie langsam zum Ende.",
        "en": "Heads-up: the breakout rooms close in {minutes} minutes. Please start wrapping up.",
    },
    "cue.close_message_one": {
        "de": "Die Breakout-Räume schließen in 1 Minute – gleich geht es im Plenum weiter.",
        "en": "The breakout rooms close in 1 minute – see you back in the main room.",
    },
    "cue.close_message_seconds": {
        "de": "Die Breakout-Räume schließen in {seconds} Sekunden.",
        "en": "The breakout rooms close in {seconds} seconds.",
    },
    "cue.close_rooms": {"de": "Breakout-Räume schließen", "en": "Close breakout rooms"},
    "cue.close_rooms_action": {
        "de": "Alle Räume schließen; alle zurück ins Plenum",
        "en": "Close all rooms; everybody back to the main room",
    },
    "cue.launch_poll": {"de": "Umfrage starten", "en": "Launch the poll"},
    "cue.launch_poll_action": {"de": "Umfrage starten: {question}", "en": "Launch the poll: {question}"},
    "cue.close_poll": {"de": "Umfrage beenden", "en": "End the poll"},
    "cue.close_poll_action": {"de": "Umfrage beenden und Ergebnis teilen", "en": "End the poll and share the result"},
    "cue.spotlight": {"de": "Spotlight", "en": "Spotlight"},
    "cue.spotlight_action": {"de": "Spotlight auf {names}", "en": "Spotlight {names}"},
    "cue.start": {"de": "Beginn", "en": "Start"},
    "cue.break_action": {"de": "Pausenfolie mit Countdown zeigen", "en": "Show the break slide with a countdown"},
    "cue.pitch": {"de": "Pitch {part} von {parts}: {team}", "en": "Pitch {part} of {parts}: {team}"},
    "cue.pitch_action": {
        "de": "Spotlight auf {names}; Folien teilen; Timer {minutes} starten",
        "en": "Spotlight {names}; share the slides; start the {minutes} timer",
    },
    "cue.changeover": {"de": "Wechsel", "en": "Changeover"},
    "cue.changeover_action": {"de": "Nächste Person bereit: {next}", "en": "Next up, get ready: {next}"},
    "cue.tail": {"de": "Abschluss", "en": "Wrap-up"},
    "cue.start_recording": {"de": "Aufnahme starten", "en": "Start the recording"},
    "cue.show_end": {"de": "Ende der Veranstaltung", "en": "End of the show"},
    "cue.show_end_action": {"de": "Aufnahme stoppen; Meeting beenden", "en": "Stop the recording; end the meeting"},
    "cue.minutes": {"de": "{minutes} min", "en": "{minutes} min"},
    # the runsheet (show/runsheet_formats.py)
    "sheet.time": {"de": "Zeit", "en": "Time"},
    "sheet.segment": {"de": "Programmpunkt", "en": "Segment"},
    "sheet.cue": {"de": "Cue", "en": "Cue"},
    "sheet.who": {"de": "Wer", "en": "Who"},
    "sheet.owner": {"de": "Verantwortlich", "en": "Owner"},
    "sheet.action": {"de": "Aktion auf der Plattform", "en": "Platform action"},
    "sheet.message": {"de": "Nachricht", "en": "Message"},
    "sheet.notes": {"de": "Notizen", "en": "Notes"},
    "sheet.runsheet": {"de": "Ablaufplan", "en": "Run sheet"},
    "sheet.for": {"de": "für", "en": "for"},
    "sheet.zone": {"de": "Zeitzone", "en": "Time zone"},
    "sheet.pre_show": {"de": "Vorlauf", "en": "Pre-show"},
    "sheet.note": {"de": "Notiz", "en": "Note"},
    "sheet.quoted": {"de": "„{message}“", "en": "“{message}”"},
    # the report (show/report_formats.py)
    "report.segment": {"de": "Programmpunkt", "en": "Segment"},
    "report.planned": {"de": "Geplant", "en": "Planned"},
    "report.actual": {"de": "Tatsächlich", "en": "Actual"},
    "report.length": {"de": "Dauer", "en": "Length"},
    "report.overrun": {"de": "Überziehung", "en": "Overrun"},
    "report.delay": {"de": "Start-Verzug", "en": "Start delay"},
    "report.report": {"de": "Soll/Ist", "en": "Planned vs actual"},
    "report.drift": {"de": "Gesamtverzug", "en": "Total drift"},
    "report.unfinished": {"de": "nicht beendet", "en": "not finished"},
    "report.not_run": {"de": "nicht gelaufen", "en": "not run"},
    "report.resumes": {"de": "Fortsetzungen nach Abbruch", "en": "Resumed after a stop"},
    # the console and the plain output (show/console/)
    "console.waiting": {"de": "WARTEN", "en": "WAITING"},
    "console.on_time": {"de": "IM PLAN", "en": "ON TIME"},
    "console.warning": {"de": "WARNUNG", "en": "WARNING"},
    "console.overtime": {"de": "ÜBERZEIT", "en": "OVERTIME"},
    "console.finished": {"de": "ENDE", "en": "FINISHED"},
    "console.paused": {"de": "PAUSIERT", "en": "PAUSED"},
    "console.start": {"de": "BEGINN", "en": "START"},
    "console.end": {"de": "ENDE", "en": "END"},
    "console.cue": {"de": "CUE", "en": "CUE"},
    "console.wait": {"de": "WARTEN", "en": "WAIT"},
    "console.pause": {"de": "PAUSE", "en": "PAUSE"},
    "console.resume": {"de": "WEITER", "en": "RESUME"},
    "console.adjust": {"de": "ZEIT", "en": "TIME"},
    "console.previous": {"de": "ZURÜCK", "en": "BACK"},
    "console.jump": {"de": "SPRUNG", "en": "JUMP"},
    "console.show_over": {"de": "SCHLUSS", "en": "SHOW OVER"},
    "console.resumed": {"de": "FORTSETZUNG", "en": "RESUMED"},
    "console.left": {"de": "noch {time}", "en": "{time} left"},
    "console.over_by": {"de": "{time} drüber", "en": "{time} over"},
    "console.until": {"de": "bis {time}", "en": "until {time}"},
    "console.overrun": {"de": "Überziehung {time}", "en": "overrun {time}"},
    "console.underrun": {"de": "{time} kürzer", "en": "{time} short"},
    "console.on_the_dot": {"de": "pünktlich", "en": "on time"},
    "console.took": {"de": "Dauer {time}", "en": "took {time}"},
    "console.starts_at": {"de": "beginnt um {time}", "en": "starts at {time}"},
    "console.now": {"de": "JETZT", "en": "NOW"},
    "console.next": {"de": "DANACH", "en": "NEXT"},
    "console.show_end": {
        "de": "Ende geplant {planned} · erwartet {expected}",
        "en": "End planned {planned} · expected {expected}",
    },
    "console.drift": {"de": "Verzug {time}", "en": "Drift {time}"},
    "console.early": {"de": "Vorsprung {time}", "en": "ahead {time}"},
    "console.catch_up": {"de": "Aufholen bis {target}:", "en": "Catch up by {target}:"},
    "console.catch_up_end": {"de": "Aufholen bis zum Ende:", "en": "Catch up by the end:"},
    "console.cut": {"de": "{title} {old} → {new}", "en": "{title} {old} → {new}"},
    "console.still_late": {"de": "bleibt {time} zu spät", "en": "still {time} late"},
    "console.nothing_flexible": {"de": "nichts Flexibles davor", "en": "nothing flexible before it"},
    "console.keys": {
        "de": "n weiter · b zurück · Leertaste Pause · + / - 1 Min. · c Nachricht kopieren · q beenden",
        "en": "n next · b back · space pause · + / - 1 min · c copy message · q quit",
    },
    "console.keys_short": {"de": "n b ␣ + - c q", "en": "n b ␣ + - c q"},
    "console.copied": {"de": "Nachricht kopiert", "en": "Message copied"},
    "console.no_message": {"de": "Keine Nachricht zum Kopieren", "en": "No message to copy"},
    "console.resumed_from": {
        "de": "Fortsetzung aus {log}: {step}, Uhr {time}",
        "en": "Resuming from {log}: {step}, clock {time}",
    },
    "console.before_start": {"de": "Beginn in", "en": "Starts in"},
    "console.show_is_over": {"de": "Die Veranstaltung ist vorbei.", "en": "The show is over."},
    "console.message": {"de": "Nachricht an alle Räume", "en": "Message to all rooms"},
}

# (end of the show's words)

# --- what attendees read in invites and invite e-mails (invites/) -------------------------------------------------
INVITE_WORDS: dict[str, dict[str, str]] = {
    "join": {"de": "Teilnehmen", "en": "Join"},
    "meeting_id": {"de": "Meeting-ID", "en": "Meeting ID"},
    "passcode": {"de": "Kenncode", "en": "Passcode"},
    "programme": {"de": "Programm", "en": "Programme"},
    "your_room": {"de": "Ihr Raum", "en": "Your room"},
    "room_tba": {"de": "Ihr Raum wird noch mitgeteilt", "en": "Your room will be announced"},
    "round": {"de": "Runde", "en": "Round"},
    "day": {"de": "Tag", "en": "Day"},
    "times_in": {"de": "Zeiten in", "en": "Times in"},
    "speakers": {"de": "Mit", "en": "With"},
    "subject_new": {"de": "Einladung", "en": "Invitation"},
    "subject_updated": {"de": "Aktualisiert", "en": "Updated"},
    "subject_cancelled": {"de": "Abgesagt", "en": "Cancelled"},
    "greeting": {"de": "Guten Tag {name},", "en": "Dear {name},"},
    "intro_new": {
        "de": "Sie sind herzlich eingeladen zu {title}.",
        "en": "You are invited to {title}.",
    },
    "intro_updated": {
        "de": "Die Einladung zu {title} hat sich geändert. Die aktuelle Fassung hängt an.",
        "en": "The invitation to {title} has changed. The current version is attached.",
    },
    "intro_cancelled": {
        "de": "Der folgende Termin entfällt für Sie: {title}.",
        "en": "The following appointment is cancelled for you: {title}.",
    },
    "accept_hint": {
        "de": "Bitte sagen Sie in Ihrem Kalender zu oder ab (die Einladung hängt als invite.ics an).",
        "en": "Please accept or decline in your calendar (the invitation is attached as invite.ics).",
    },
    "regards": {"de": "Viele Grüße", "en": "Kind regards"},
}

# (end of the invites' words)

# --- breakout rooms: the assign summary, rosters, platform files (breakouts/) -------------------------------------
BREAKOUT_WORDS: dict[str, dict[str, str]] = {
    # the generated rooms of a mixing block: "Gruppe 1"
    "group": {"de": "Gruppe", "en": "Group"},
    # rosters
    "round": {"de": "Runde", "en": "Round"},
    "participants": {"de": "Teilnehmende", "en": "Participants"},
    "choice": {"de": "Wunsch", "en": "choice"},
    # the summary of `assign`
    "assignment": {"de": "Zuteilung", "en": "Assignment"},
    "people": {"de": "Teilnehmende", "en": "People"},
    "rooms": {"de": "Räume", "en": "Rooms"},
    "first_choice": {"de": "1. Wunsch (bestenfalls)", "en": "1st choice (best possible)"},
    "rank": {"de": "Rang Ø / schlechtester", "en": "Rank mean / worst"},
    "cost": {"de": "Zielwert / Schranke", "en": "Cost / lower bound"},
    "repeats": {"de": "Wiederholte Paare (min.)", "en": "Repeated pairs (least possible)"},
    "room_sizes": {"de": "Raumgrößen", "en": "Room sizes"},
    "moved": {"de": "Umgesetzt", "en": "Moved"},
    "name": {"de": "Name", "en": "Name"},
    "block": {"de": "Block", "en": "Block"},
    "from": {"de": "von", "en": "from"},
    "to": {"de": "nach", "en": "to"},
    "reason": {"de": "Grund", "en": "reason"},
    "left": {"de": "Nicht mehr angemeldet", "en": "No longer registered"},
    "open_automatic": {"de": "{rooms} Räume, automatisch zugeteilt", "en": "open {rooms} rooms, automatic assignment"},
    "open_self_select": {
        "de": "{rooms} Räume zur freien Wahl öffnen, genau so benannt: {names}",
        "en": "open {rooms} self-select rooms named exactly: {names}",
    },
    "open_by_hand": {
        "de": "{rooms} Räume öffnen und nach der Liste je Raum von Hand zuteilen (kein Import)",
        "en": "open {rooms} rooms and move people by hand from the list per room (no import)",
    },
    "sign_in_zoom": {
        "de": "Melden Sie sich in Zoom mit {email} an: nur dann kommen Sie direkt in Ihren Raum.",
        "en": "Sign in to Zoom as {email}: only then are you placed in your room directly.",
    },
}

# (end of the breakouts' words)

# --- other tools' schedules: words import recognises, words it writes (interop/) ----------------------------------
INTEROP_WORDS: dict[str, dict[str, str]] = {
    # what a frab event `type` (free text) says about the segment kind, tried in this order; space-separated
    # words, any language matches
    "kind_keynote": {"en": "keynote"},
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

# (end of the interop words)


def lookup(table: dict[str, dict[str, str]], key: str, language: str) -> str:
    """``table[key]`` in ``language``, falling back to English: the lookup of every word table."""
    entry = table[key]
    return entry.get(language, entry["en"])


def word(key: str, language: str) -> str:
    """A fixed word of the interface in ``language`` (falls back to English)."""
    return lookup(_WORDS, key, language)


def kind_label(kind: str, language: str) -> str:
    entry = _KINDS.get(kind, {"en": kind})
    return entry.get(language, entry["en"])


def format_day(day: date, language: str) -> str:
    """``Donnerstag, 20. Oktober 2022`` / ``Thursday, 20 October 2022``."""
    from babel.dates import format_date  # noqa: PLC0415 slow import: Babel, only when a date is written

    return str(format_date(day, format="full", locale=_locale(language)))


def format_time(moment: datetime, language: str) -> str:
    """``14:00`` in both languages (24-hour clock for de and en-GB), as the moment's own wall time."""
    from babel.dates import format_time as babel_time  # noqa: PLC0415 slow import: Babel, only when a date is written

    return str(babel_time(moment, format="short", tzinfo=moment.tzinfo, locale=_locale(language)))


def format_day_short(day: date, language: str) -> str:
    """``Do., 20. Okt.`` / ``Thu 20 Oct``: for navigation and narrow columns."""
    from babel.dates import format_date  # noqa: PLC0415 slow import: Babel, only when a date is written

    pattern = "EEE, d. MMM" if language == "de" else "EEE d MMM"
    return str(format_date(day, format=pattern, locale=_locale(language)))


def format_datetime(moment: datetime, language: str) -> str:
    """``20.10.2022, 14:00`` / ``20 Oct 2022, 14:00`` in the moment's own zone."""
    from babel.dates import format_datetime as babel_datetime  # noqa: PLC0415 slow import: Babel, only when a date is written

    pattern = "dd.MM.yyyy, HH:mm" if language == "de" else "d MMM yyyy, HH:mm"
    return str(babel_datetime(moment, format=pattern, tzinfo=moment.tzinfo, locale=_locale(language)))


def format_minutes(minutes: int, language: str) -> str:
    """``90 Min.`` / ``90 min``."""
    from babel.numbers import format_decimal  # noqa: PLC0415 slow import: Babel, only when a number is written

    return f"{format_decimal(minutes, locale=_locale(language))} {word('minutes', language)}"


def clock_span(value: timedelta, *, sign: bool = False) -> str:
    """``4:05``, ``1:02:03``; with ``sign`` a leading + or - (minus for negative values in any case)."""
    seconds = int(value.total_seconds())
    prefix = "-" if seconds < 0 else ("+" if sign and seconds > 0 else "")
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{prefix}{hours}:{minutes:02d}:{secs:02d}"
    return f"{prefix}{minutes}:{secs:02d}"


def utc_offset_label(moment: datetime) -> str:
    """``UTC+02:00``: the same in both languages."""
    return "UTC" + text.format_offset(moment.utcoffset())


def _locale(language: str) -> str:
    return "de_DE" if language == "de" else "en_GB"
