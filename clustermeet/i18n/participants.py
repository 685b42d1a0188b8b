"""The words of participant lists, in German and English: a table of :mod:`clustermeet.i18n`.

``PARTICIPANT_WORDS`` is what ``clustermeet participants`` says; ``HEADER_ALIASES``, ``WISH_WORDS``,
``ORDINALS`` and ``ROLE_VALUES`` are the headers and cell values that registration forms in either language
write, as ``agenda/columns.py`` compares them (lower case, single spaces; see docs/participants-format.md).
"""

from __future__ import annotations

PARTICIPANT_WORDS: dict[str, dict[str, str]] = {
    "title": {"de": "Teilnehmendenliste {source}", "en": "Participant list {source}"},
    "read_as": {"de": "gelesen als {how}", "en": "read as {how}"},
    "header_on": {"de": "Kopfzeile in Zeile {line}", "en": "header on line {line}"},
    "sheet": {"de": "Tabellenblatt {sheet}", "en": "sheet {sheet}"},
    "delimiter": {"de": "Trennzeichen {delimiter}", "en": "delimiter {delimiter}"},
    "preset": {"de": "Vorlage {preset}", "en": "preset {preset}"},
    "mapping": {"de": "Zuordnung der Spalten", "en": "Columns used"},
    "field": {"de": "Feld", "en": "Field"},
    "columns": {"de": "Spalten", "en": "Columns"},
    "ignored": {"de": "Nicht gelesen", "en": "Not read"},
    "none": {"de": "(keine)", "en": "(none)"},
    "counts": {"de": "Zahlen", "en": "Counts"},
    "rows": {"de": "Datenzeilen", "en": "Rows"},
    "people": {"de": "Personen", "en": "People"},
    "facilitators": {"de": "davon Moderation", "en": "of them facilitators"},
    "with_wishes": {"de": "mit Wünschen", "en": "with wishes"},
    "without_wishes": {"de": "ohne Wünsche", "en": "without wishes"},
    "by_title": {
        "de": "Wünsche als Raumtitel oder dessen Anfang geschrieben",
        "en": "wishes written as a room title or its start",
    },
    "merged": {"de": "zusammengeführte Doppelungen", "en": "duplicates merged"},
    "line": {"de": "Zeile {line}", "en": "line {line}"},
    "merged_into": {"de": "Zeile {line} in Zeile {first}: {email}", "en": "line {line} into line {first}: {email}"},
    "warnings": {"de": "Warnungen", "en": "Warnings"},
    "inline": {"de": "in der Agenda", "en": "in the agenda"},
    "and_more": {"de": "und {count} weitere", "en": "and {count} more"},
}

#: the headers each field is known by (field -> language -> headers); ``first_name`` and ``last_name`` together
#: make ``name`` where the list has no column for the whole name
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "name": {
        "de": (
            "teilnehmer",
            "teilnehmerin",
            "teilnehmende",
            "teilnehmername",
            "vollständiger name",
            "vor- und nachname",
            "ihr name",
            "dein name",
            "name, vorname",
        ),
        "en": ("name", "full name", "fullname", "your name", "attendee name", "participant name", "display name"),
    },
    "first_name": {
        "de": ("vorname", "rufname"),
        "en": ("first name", "firstname", "given name", "forename", "attendee name: given name"),
    },
    "last_name": {
        "de": ("nachname", "familienname", "zuname"),
        "en": ("last name", "lastname", "surname", "family name", "attendee name: family name"),
    },
    "email": {
        "de": (
            "e-mail-adresse",
            "e-mail adresse",
            "emailadresse",
            "email-adresse",
            "mailadresse",
            "mail-adresse",
            "ihre e-mail-adresse",
            "deine e-mail-adresse",
        ),
        "en": (
            "email",
            "e-mail",
            "mail",
            "email address",
            "e-mail address",
            "attendee email",
            "your email",
        ),
    },
    "organisation": {
        "de": (
            "firma",
            "unternehmen",
            "einrichtung",
            "organisation/firma",
            "firma/organisation",
            "verein",
            "arbeitgeber",
            "hochschule",
        ),
        "en": (
            "organisation",
            "organization",
            "institution",
            "company",
            "company name",
            "employer",
            "affiliation",
            "university",
        ),
    },
    "role": {"de": ("rolle", "funktion"), "en": ("role",)},
    "preferences": {
        "de": ("wünsche", "wunsch", "raumwünsche", "themenwünsche", "themen", "räume", "präferenzen"),
        "en": ("preferences", "preference", "wishes", "wish", "choices", "rooms", "topics", "sessions"),
    },
    "fixed": {"de": ("fest", "fester raum", "feste räume", "zugeteilt"), "en": ("fixed", "fixed room", "fixed rooms")},
    "timezone": {"de": ("zeitzone",), "en": ("timezone", "time zone", "tz")},
}
#: the words of a ranked wish column (``Wunsch 1``, ``1. Wahl``, ``Choice 2``, ``2nd preference``)
WISH_WORDS: dict[str, tuple[str, ...]] = {
    "de": ("wunsch", "wahl", "präferenz", "priorität", "rang", "raum", "thema"),
    "en": ("wish", "choice", "preference", "priority", "rank", "option", "room", "topic"),
}
#: ordinals written as words before a wish word (``Erstwunsch``, ``first choice``)
ORDINALS: dict[str, dict[str, int]] = {
    "de": {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5},
    "en": {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5},
}
#: the role cells a form may hold, besides the role's own name
ROLE_VALUES: dict[str, dict[str, tuple[str, ...]]] = {
    "participant": {
        "de": ("teilnehmer", "teilnehmerin", "teilnehmende", "teilnahme", "gast"),
        "en": ("participant", "attendee", "guest"),
    },
    "facilitator": {
        "de": ("moderation", "moderator", "moderatorin", "raumleitung"),
        "en": ("facilitator", "moderator", "host"),
    },
}
