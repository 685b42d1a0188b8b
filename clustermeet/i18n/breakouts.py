"""The words of breakout rooms (breakouts/), in German and English: a table of :mod:`clustermeet.i18n`."""

from __future__ import annotations

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
    "method": {"de": "Verfahren", "en": "Method"},
    "repeats": {"de": "Wiederholte Paare (min.)", "en": "Repeated pairs (least possible)"},
    "room_sizes": {"de": "Raumgrößen", "en": "Room sizes"},
    "moved": {"de": "Umgesetzt", "en": "Moved"},
    "name": {"de": "Name", "en": "Name"},
    "block": {"de": "Block", "en": "Block"},
    "from": {"de": "von", "en": "from"},
    "to": {"de": "nach", "en": "to"},
    "reason": {"de": "Grund", "en": "reason"},
    "left": {"de": "Nicht mehr angemeldet", "en": "No longer registered"},
    "room_timer": {"de": "Timer des Raums", "en": "Room timer"},
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
