"""The words of invites and invite e-mails in the event's language (de or en).

Kept apart from ``clustermeet.i18n`` (the interface words) because these are the texts attendees read.
"""

from __future__ import annotations

from clustermeet.i18n import lookup

_TEXT: dict[str, dict[str, str]] = {
    "join": {"de": "Teilnehmen", "en": "Join"},
    "meeting_id": {"de": "Meeting-ID", "en": "Meeting ID"},
    "passcode": {"de": "Kenncode", "en": "Passcode"},
    "programme": {"de": "Programm", "en": "Programme"},
    "your_room": {"de": "Ihr Raum", "en": "Your room"},
    "your_rooms": {"de": "Ihre Räume", "en": "Your rooms"},
    "room_tba": {"de": "Ihr Raum wird noch mitgeteilt", "en": "Your room will be announced"},
    "round": {"de": "Runde", "en": "Round"},
    "day": {"de": "Tag", "en": "Day"},
    "times_in": {"de": "Zeiten in", "en": "Times in"},
    "speakers": {"de": "Mit", "en": "With"},
    "parallel_rooms": {"de": "Parallele Räume", "en": "Parallel rooms"},
    "reminder": {"de": "Beginnt gleich", "en": "Starting soon"},
    "organiser": {"de": "Veranstalter", "en": "Organiser"},
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


def text(key: str, language: str, **values: str) -> str:
    """An invite text in ``language`` (English when the language has none), with ``{placeholders}`` filled."""
    template = lookup(_TEXT, key, language)
    return template.format(**values) if values else template
