"""I/O: load an agenda file (and its participants list): parse YAML, validate the models, run every check,
place each problem in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic import BaseModel, ValidationError

from clustermeet.agenda.checks import check_agenda
from clustermeet.agenda.findings import Finding, Loc, field_name
from clustermeet.agenda.models import Agenda, ParticipantsFile
from clustermeet.agenda.participants import ListOptions, ParticipantList, read_participants
from clustermeet.agenda.timing import Schedule, build_schedule
from clustermeet.agenda.wishes import agenda_rooms, rooms_in_data
from clustermeet.agenda.yamlsource import MAX_BYTES, YamlDocument, load_yaml
from clustermeet.errors import ClustermeetError, InvalidInputError, Problem, UsageError
from clustermeet.files import read_bounded
from clustermeet.i18n import PROBLEM_WORDS, KeyedValueError, problem, problems_in
from clustermeet.text import closest

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass
class LoadedAgenda:
    """A valid agenda with its schedule, participants and the warnings found on the way."""

    agenda: Agenda
    path: Path
    display: str
    schedule: Schedule
    participants: ParticipantList | None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.path.parent


def load_agenda(path: Path, display: str | None = None, participants: Path | None = None) -> LoadedAgenda:
    """Load and check one agenda; raise ``InvalidInputError`` (all problems, warnings too) when it has errors.

    ``participants`` (from the command line, so trusted: any path) is read instead of the agenda's own list, with
    the agenda's ``columns``, ``sheet``, ``encoding`` and ``preset`` when it names them."""
    name = display if display is not None else str(path)
    try:
        document = load_yaml(path, name)
    except InvalidInputError as exc:
        language = _text_language(path, name)
        raise InvalidInputError(problems_in(exc.problems, language), language) from None
    language = data_language(document.data)
    if not isinstance(document.data, dict):
        line, col = document.where(())
        raise InvalidInputError([problem(name, line, col, "error", "agenda.not_mapping")])
    try:
        agenda = Agenda.model_validate(document.data, context={"rooms": rooms_in_data(document.data)})
    except ValidationError as exc:
        raise InvalidInputError(problems_in(pydantic_problems(exc, document), language), language) from None

    schedule, findings = build_schedule(agenda)
    plist, problems = _participants(agenda, document, path, participants)
    findings += check_agenda(agenda, schedule, plist)
    problems = problems_in(problems + [_place(f, document) for f in findings], agenda.event.language)
    if any(p.is_error for p in problems):
        raise InvalidInputError(problems, agenda.event.language)
    return LoadedAgenda(agenda, path, name, schedule, plist, sorted(problems))


def data_language(data: object) -> str:
    """The event's language as the raw data writes it (``de`` or ``en``), for problems found before (or instead
    of) a valid model; ``en`` where it names none or another."""
    event = data.get("event") if isinstance(data, dict) else None
    language = event.get("language") if isinstance(event, dict) else None
    return language if language in ("de", "en") else "en"


_LANGUAGE_LINE = re.compile(r"""^[ ]+language:[ ]*["']?(de|en)["']?[ ]*(?:#.*)?$""", re.MULTILINE)


def _text_language(path: Path, name: str) -> str:
    """The language of a file YAML cannot read: an indented ``language: de`` line (the event's), else ``en``."""
    try:
        text = read_bounded(path, MAX_BYTES, name).decode("utf-8", "replace")  # a file not in UTF-8 has one too
    except ClustermeetError:
        return "en"
    found = _LANGUAGE_LINE.search(text)
    return found.group(1) if found else "en"


def _participants(
    agenda: Agenda, document: YamlDocument, path: Path, override: Path | None
) -> tuple[ParticipantList | None, list[Problem]]:
    """The participant list (the command line's, else the agenda's) and the problems of reading it."""
    spec = agenda.participants
    options = ListOptions()
    if isinstance(spec, ParticipantsFile):
        columns = {str(k): v for k, v in spec.columns.items()}
        ignore = None if spec.ignore == "all" else list(spec.ignore)
        options = ListOptions(columns, spec.sheet, spec.encoding, spec.preset, ignore)
    if override is None and isinstance(spec, list):
        return ParticipantList(list(spec), "", list(range(len(spec)))), []
    if override is None and spec is None:
        return None, []
    loc: Loc = ("participants",) if isinstance(spec, str) else ("participants", "file")
    if override is not None:
        target, display = override, str(override)
    else:
        written = spec if isinstance(spec, str) else spec.file  # type: ignore[union-attr]
        refused = _untrusted_key(path, written)
        target, display = path.parent / written, str(Path(document.path).parent / written)
        if refused:
            line, col = document.value_where(loc)
            return None, [problem(document.path, line, col, "error", refused, path=repr(written))]
    try:
        plist = read_participants(target, display, agenda_rooms(agenda), options)
    except InvalidInputError as exc:
        return None, exc.problems
    except UsageError as exc:
        if override is not None:
            raise
        line, col = document.where(loc)  # a missing list is a problem of the agenda, at its participants key
        return None, [Problem(document.path, line, col, "error", f"participants: {exc.message}")]
    return plist, list(plist.warnings)


def _untrusted_key(agenda: Path, written: str) -> str:
    """Why the agenda may not name ``written`` as its list (an agenda may come from a pull request), as a key of
    i18n's problems: an absolute path, or one that leads out of the agenda's folder once symlinks are resolved;
    ``""`` when it may."""
    if Path(written).is_absolute() or written.startswith("\\"):
        return "agenda.list_absolute"
    folder = agenda.parent.resolve()
    try:
        inside = (folder / written).resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    return "" if inside else "agenda.list_outside"


def with_language(loaded: LoadedAgenda, language: str) -> LoadedAgenda:
    """The same agenda with another event language (``--lang``); the schedule is rebuilt, since generated room
    titles ("Gruppe 1" / "Group 1") follow the language."""
    if language == loaded.agenda.event.language:
        return loaded
    event = loaded.agenda.event.model_copy(update={"language": language})
    agenda = loaded.agenda.model_copy(update={"event": event})
    schedule, _ = build_schedule(agenda)
    return replace(loaded, agenda=agenda, schedule=schedule)


def finding_placer(loaded: LoadedAgenda) -> Callable[[Finding], Problem]:
    """Findings about ``loaded`` (checks run after loading, such as seating another participants file) placed at
    their line and column; the agenda's text is read again only when one needs it."""
    documents: list[YamlDocument] = []

    def place(finding: Finding) -> Problem:
        if not documents and finding.source is None:
            documents.append(load_yaml(loaded.path, loaded.display))
        if finding.source is not None:
            return Problem(finding.source, finding.line or 0, finding.col or 0, finding.severity, finding.message)
        return _place(finding, documents[0])

    return place


def _place(finding: Finding, document: YamlDocument) -> Problem:
    if finding.source is not None:
        return Problem(finding.source, finding.line or 0, finding.col or 0, finding.severity, finding.message)
    line, col = document.where(finding.loc)
    field = _field(finding.loc)
    return Problem(document.path, line, col, finding.severity, finding.message, field, finding.key, finding.params)


def _field(loc: Loc) -> str:
    """The field a problem names: a wish's own place is where it is, but the message counts it (wish 2), so its
    index (from zero) is not repeated in the field."""
    if len(loc) == 4 and loc[0] == "participants" and loc[2] in ("preferences", "fixed") and isinstance(loc[3], int):
        return field_name(loc[:3])
    return field_name(loc)


# --- Pydantic errors -> one problem each ----------------------------------------------------------------------


def pydantic_problems(exc: ValidationError, document: YamlDocument) -> list[Problem]:
    """One problem per Pydantic error, placed at its node; union branches that do not fit the data are dropped."""
    problems: dict[tuple[int, int, str, str], Problem] = {}
    for error in exc.errors(include_url=False):
        clean = _clean_loc(error["loc"], document.data, error["type"])
        if clean is None:
            continue
        line, col = document.where(clean)
        key, params = _room_title(error, clean, document.data) or _message(error, clean)
        if _field(clean) != field_name(clean):  # a wish counted as the file counts it: wish 1 is the first
            english = problem(document.path, line, col, "error", key, "", **params).message
            base = {"base": params["message"]} if "message" in params else {}
            chain = f"{key} {params.get('inner', '')}".strip()
            params = {**params, **base, "inner": chain, "message": english, "number": int(clean[3]) + 1}
            key = "schema.wish" if clean[2] == "preferences" else "schema.fixed_room"
        found = problem(document.path, line, col, "error", key, _field(clean), **params)
        problems.setdefault((line, col, found.message, found.field), found)
    if not problems:  # every error was a union branch: report them all rather than nothing
        for error in exc.errors(include_url=False):
            loc = tuple(p for p in error["loc"] if isinstance(p, int) or "[" not in str(p))
            line, col = document.where(loc)
            key, params = _message(error, loc)
            problems.setdefault(
                (line, col, error["msg"], field_name(loc)),
                problem(document.path, line, col, "error", key, field_name(loc), **params),
            )
    return list(problems.values())


def _clean_loc(loc: tuple[Any, ...], data: Any, kind: str) -> Loc | None:
    """Walk the data along a Pydantic loc, dropping union tags; None when the error is of a branch that does not fit."""
    clean: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            clean.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            clean.append(part)
            current = current[part]
        elif isinstance(part, str) and _is_type_tag(part):
            if not _tag_fits(part, current):
                return None
        elif last or kind == "missing":
            clean.append(part)
        else:
            clean.append(part)
            current = None
    return tuple(clean)


def _is_type_tag(part: str) -> bool:
    """A union branch's tag: ``str``, ``list[...]``, and ``constrained-str`` (a str with ``str_strip_whitespace``)."""
    return part in {"str", "int", "float", "bool", "none", "constrained-str"} or "[" in part or part in _MODEL_TAGS


#: models that are a branch of a union (``participants``: a list, a file's options, or a path)
_MODEL_TAGS = {"ParticipantsFile"}


def _tag_fits(tag: str, value: Any) -> bool:
    if tag in _MODEL_TAGS:
        return isinstance(value, dict)
    tag = tag.removeprefix("constrained-")
    if tag.startswith("list["):
        return isinstance(value, list)
    if tag in {"str", "constrained-str"}:  # a constrained str is how Pydantic names a pattern-checked text
        return isinstance(value, str)
    if tag in {"int", "float"}:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if tag == "bool":
        return isinstance(value, bool)
    return True


def _message(error: Any, loc: Loc) -> tuple[str, dict[str, object]]:
    """The key of i18n's problems and the values for one Pydantic error (its English text is the one of old)."""
    kind = error["type"]
    message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, KeyedValueError) and message == str(cause):  # a validator's own message, by its key
        return cause.key, dict(cause.params)
    if kind == "missing":
        return "schema.missing", {}
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        allowed = _allowed_keys(loc[:-1])
        close = closest(key, allowed)
        if close and close != key:
            return "schema.unknown_key_close", {"key": key, "close": close}
        if allowed:
            return "schema.unknown_key_allowed", {"key": key, "allowed": ", ".join(allowed)}
        return "schema.unknown_key", {"key": key}
    params: dict[str, object] = {"message": message, **_pydantic_key(error, message)}
    if kind in {"enum", "literal_error"}:
        got = error.get("input")
        choices = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        close = closest(str(got), choices)
        if close and close != str(got):
            return "schema.choice_close", {**params, "got": repr(got), "close": close}
        return "schema.choice", {**params, "got": repr(got)}
    if kind.endswith(("_type", "_parsing")) and error.get("input") is None:
        lowered = f"{message[:1].lower()}{message[1:]}"
        return "schema.no_value", {**params, "message": lowered}
    if kind == "string_type" and isinstance(error.get("input"), int | float):
        return "schema.number_as_text", {**params, "got": _short(error.get("input"))}
    if kind.endswith(("_type", "_parsing")):
        return "schema.got", {**params, "got": _short(error.get("input"))}
    text = message[:1].lower() + message[1:] if message[:2] != message[:2].upper() else message
    return "schema.other", {**params, "message": text}


def _pydantic_key(error: Any, message: str) -> dict[str, object]:
    """``inner`` naming Pydantic's message in i18n's problems, with its values, where the table has it in the very
    words Pydantic wrote; nothing otherwise (the English text is kept)."""
    key = f"pydantic.{error['type']}"
    if key not in PROBLEM_WORDS:
        return {}
    values = {str(name): str(value) for name, value in (error.get("ctx") or {}).items()}
    try:
        same = PROBLEM_WORDS[key]["en"].format(**values) == message
    except (KeyError, IndexError, ValueError):
        same = False
    return {"inner": key, **values} if same else {}


def _room_title(error: Any, loc: Loc, data: Any) -> tuple[str, dict[str, object]] | None:
    """A wish or fixed room written as a room's title rather than its id: which id that is."""
    value = error.get("input")
    if len(loc) < 3 or loc[0] != "participants" or loc[2] not in ("preferences", "fixed") or not isinstance(value, str):
        return None
    segments = data.get("segments") if isinstance(data, dict) else None
    for segment in segments if isinstance(segments, list) else []:
        breakout = segment.get("breakout") if isinstance(segment, dict) else None
        rooms = breakout.get("rooms") if isinstance(breakout, dict) else None
        for room in rooms if isinstance(rooms, list) else []:
            title = room.get("title") if isinstance(room, dict) else None
            if isinstance(title, str) and title.strip().casefold() == value.strip().casefold():
                return "schema.room_title", {"value": value, "room": room.get("id")}
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_keys(loc: Loc) -> list[str]:
    model: Any = Agenda
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return []
        model = _model_of(model.model_fields[part].annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_of(annotation: Any) -> Any:
    """The Pydantic model inside ``list[X]``, ``X | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None
