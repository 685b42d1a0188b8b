"""Which column of a participant list holds which field: the agenda's ``columns:``, a preset for a registration
tool's export, or the built-in German and English header aliases; and which columns are left over.

Headers are compared as people read them (:func:`header_key`: case, runs of spaces and underscores, a trailing
colon, asterisk or question mark do not count). A field may take several columns: ``name`` joins them with a space
(``Vorname`` + ``Nachname``), ``preferences`` and ``fixed`` read them as ranked wishes (``Wunsch 1``, ``Wunsch 2``),
and any other field takes the first that is not empty. Pure: a header in, a :class:`ColumnMap` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clustermeet.i18n.participants import HEADER_ALIASES, ORDINALS, WISH_WORDS

FIELDS = ("name", "email", "organisation", "role", "preferences", "fixed", "timezone")
REQUIRED = ("name", "email")
#: fields whose columns are joined (name) or ranked (wishes) rather than alternatives
JOINED, RANKED = ("name",), ("preferences", "fixed")

#: the built-in header aliases of each field (both languages; i18n/participants.py lists them)
ALIASES: dict[str, tuple[str, ...]] = {name: (*by["en"], *by["de"]) for name, by in HEADER_ALIASES.items()}
FIRST_NAMES, LAST_NAMES = ALIASES.pop("first_name"), ALIASES.pop("last_name")
_ORDINAL_WORDS = {word: rank for words in ORDINALS.values() for word, rank in words.items()}
_WISH = "(?:" + "|".join(re.escape(w) for words in WISH_WORDS.values() for w in words) + ")"
_TOPIC = r"(?:.*?[\s:(-])?"  # words before it: "Workshop 1st choice", "Session: Wunsch 2"
_RANKED = (
    re.compile(rf"{_TOPIC}{_WISH}\s*(?:no\.?|nr\.?|#)?\s*(\d{{1,2}})\)?"),  # Wunsch 1, Choice #2, wish1
    re.compile(rf"{_TOPIC}(\d{{1,2}})\s*(?:\.|st|nd|rd|th)?\s*-?\s*{_WISH}\)?"),  # 1. Wunsch, 2nd choice
    re.compile(rf"{_TOPIC}({'|'.join(_ORDINAL_WORDS)})\s*-?\s*{_WISH}\)?"),  # first choice, Erstwunsch
)
#: a grid question of Google Forms heads each row's column ``Question [Row]``
_GRID = re.compile(r".*\[(.+)\]")


@dataclass(frozen=True)
class Preset:
    """A registration tool's export: for each field, the candidate headers in order (a tuple: joined or ranked
    columns); the first candidate the header has wins. ``marks`` the header row (several sections or title lines
    come before it in some reports); ``empty`` cell values that mean nothing."""

    fields: dict[str, tuple[str | tuple[str, ...], ...]]
    marks: tuple[str, ...]
    empty: tuple[str, ...] = ()


# Sources: ../shared/notes/registration-exports.md (pretix's exporter code, an Eventbrite report of 2024, a Zoom
# webinar report, MS/Google Forms exports). Headers marked "guess" are not documented anywhere we found.
PRESETS: dict[str, Preset] = {
    # pretix "Order data", sheet or CSV "Order positions" (src/pretix/base/exporters/orderlist.py); "Attendee
    # email" is empty unless the event asks each attendee, then the order's "Email" is the address
    "pretix": Preset(
        {
            "name": ("Attendee name", ("Attendee name: Given name", "Attendee name: Family name")),
            "email": (("Attendee email", "Email"), "Email", "E-mail"),
            "organisation": ("Company",),
        },
        ("Order code",),
    ),
    # Eventbrite attendee report (2024 example, and the older order "Last Name","First Name"); no official list
    "eventbrite": Preset(
        {"name": (("First Name", "Last Name"),), "email": ("Email",), "organisation": ("Company",)},
        ("First Name", "Last Name", "Email"),
    ),
    # Zoom registration report: guess. Zoom documents first and last name, e-mail, registration time and approval
    # status (KB0065642) but no exact header; the webinar report's "Attendee Details" heads them so, and pads
    # missing values with "--"
    "zoom": Preset(
        {"name": (("First Name", "Last Name"), "User Name (Original Name)"), "email": ("Email",)},
        ("First Name", "Last Name", "Email"),
        empty=("--",),
    ),
    # Microsoft Forms: "ID, Start time, Completion time, Email, Name" then one column per question; Email and Name
    # are the signed-in respondent's ("anonymous" when the form is open to anyone)
    "microsoft-forms": Preset(
        {"name": ("Name",), "email": ("Email",)}, ("Start time", "Completion time"), empty=("anonymous",)
    ),
    # Google Forms: "Timestamp, Email Address" (collected addresses), then the questions; a name question's header
    # is the question's text (a guess: "Name" and the aliases), a grid is "Question [Row]"
    "google-forms": Preset({"email": ("Email Address", "Email")}, ("Timestamp",)),
}


def header_key(text: str) -> str:
    """A header as people read it: case, runs of spaces and underscores and a trailing ``:*?`` do not count."""
    return " ".join(text.removeprefix("\ufeff").replace("_", " ").casefold().split()).rstrip(" :*?")


def wish_rank(header: str) -> int | None:
    """The rank a column of ranked wishes has (``Wunsch 2`` -> 2, ``Sessions [1st choice]`` -> 1); None if none."""
    key = header_key(header)
    grid = _GRID.fullmatch(key)
    for text in (key, grid.group(1).strip()) if grid else (key,):
        for pattern in _RANKED:
            found = pattern.fullmatch(text)
            if found:
                number = found.group(1)
                return _ORDINAL_WORDS[number] if number in _ORDINAL_WORDS else int(number)
    return None


@dataclass(frozen=True)
class ColumnMap:
    """The columns (0-based, in the order they are read) of each field found, and the columns nothing reads."""

    header: tuple[str, ...]
    fields: dict[str, tuple[int, ...]]
    empty: tuple[str, ...] = ()
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    """What is wrong with the header: (column or None, message)."""

    @property
    def ignored(self) -> list[int]:
        used = {i for columns in self.fields.values() for i in columns}
        return [i for i, name in enumerate(self.header) if name and i not in used]

    def headers(self, name: str) -> list[str]:
        return [self.header[i] for i in self.fields.get(name, ())]

    def to_dict(self) -> dict[str, list[str]]:
        return {name: self.headers(name) for name in FIELDS if name in self.fields}


def map_columns(header: tuple[str, ...], columns: dict[str, list[str]], preset: str | None) -> ColumnMap:
    """Map ``header`` to the fields: ``columns`` (the agenda's own, field -> headers) first, then the preset's
    candidates, then the aliases; the problems say what is missing or named twice."""
    keys = [header_key(name) for name in header]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key:
            first.setdefault(key, i)  # a header named twice (pretix's two "Company"): the first is read
    found: dict[str, tuple[int, ...]] = {}
    problems: list[tuple[int | None, str]] = []
    for name, wanted in columns.items():
        missing = [h for h in wanted if header_key(h) not in first]
        if missing:
            problems.append((None, f"columns: {name}: no column {', '.join(map(repr, missing))} in the header"))
        else:
            found[name] = tuple(first[header_key(h)] for h in wanted)
    chosen = PRESETS[preset] if preset is not None else None
    for name, candidates in (chosen.fields if chosen else {}).items():
        for candidate in candidates:
            parts = (candidate,) if isinstance(candidate, str) else candidate
            if name not in found and all(header_key(p) in first for p in parts):
                found[name] = tuple(first[header_key(p)] for p in parts)
    _aliases(keys, first, found, set(columns))
    for name in (n for n in REQUIRED if n not in found and n not in columns):
        problems.append((None, _missing(name, preset)))
    return ColumnMap(header, found, chosen.empty if chosen else (), problems)


def _aliases(keys: list[str], first: dict[str, int], found: dict[str, tuple[int, ...]], columns: set[str]) -> None:
    used = {i for columns in found.values() for i in columns}
    for name, aliases in ALIASES.items():
        if name in found:
            continue
        hits = [first[a] for a in aliases if a in first and first[a] not in used]
        if hits:
            found[name] = (min(hits),)
            used.add(min(hits))
    given = next((first[a] for a in FIRST_NAMES if a in first and first[a] not in used), None)
    family = next((first[a] for a in LAST_NAMES if a in first and first[a] not in used), None)
    if given is not None and "name" not in found:  # Vorname + Nachname, or a first name alone
        found["name"] = (given,) if family is None else (given, family)
        used.update(found["name"])
    elif given is not None and family is None and keys[found["name"][0]] == "name" and "name" not in columns:
        found["name"] = (given, found["name"][0])  # "Vorname, Name": the German form's Name is the family name
        used.add(given)
    if "preferences" not in found:
        ranked = sorted((rank, i) for i, key in enumerate(keys) if i not in used and (rank := wish_rank(key)))
        if ranked:
            found["preferences"] = tuple(i for _, i in ranked)


def _missing(name: str, preset: str | None) -> str:
    if preset is not None and name in PRESETS[preset].fields:
        wanted = [c if isinstance(c, str) else " + ".join(c) for c in PRESETS[preset].fields[name]]
        return f"no column for {name}: the {preset} export has {' or '.join(map(repr, wanted))}"
    examples = ", ".join(repr(alias) for alias in (*ALIASES[name][:2], ALIASES[name][-1]))
    parts = f", or {FIRST_NAMES[0]!r} and {LAST_NAMES[0]!r}" if name == "name" else ""
    return f"no column for {name} (such as {examples}{parts}); name it in the agenda: columns: {{{name}: ...}}"


def looks_like_header(header: tuple[str, ...], found: ColumnMap) -> bool:
    """Whether the row is a table header whose names may be repeated in a message: some column is a field's, and
    every name reads as words (no underscore, ``@`` or ``://``, so a token or a credentials line never is)."""
    return bool(found.fields) and all(_HEADER_NAME.fullmatch(name) for name in header if name)


_HEADER_NAME = re.compile(r"(?!.*://)[^\W_](?:[^\W_]|[ .,()/:?&'#+*\[\]-]){0,79}")
