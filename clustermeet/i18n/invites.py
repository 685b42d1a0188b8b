"""The words of invites (invites/), in German and English: a table of :mod:`clustermeet.i18n`."""

from __future__ import annotations

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
    "your_part": {"de": "Ihr Einsatz", "en": "your part"},
    "call": {
        "de": "Bitte seien Sie ab {time} in der Konferenz: {what}.",
        "en": "Please be on the call at {time}: {what}.",
    },
    "room_timer": {"de": "Timer Ihres Raums", "en": "Your room's timer"},
}
