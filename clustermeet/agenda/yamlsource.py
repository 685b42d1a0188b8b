"""I/O: load YAML files safely and remember where every node came from.

PyYAML's composer gives a node graph with marks; we turn it into plain Python data ourselves instead of using a
constructor, which lets us

* resolve plain scalars with YAML 1.2 core rules (``10:00`` stays a string, ``no`` is not ``False``),
* refuse every tag that is not a plain YAML type (``!!python/object`` and friends never reach a constructor),
* report duplicate keys, which PyYAML silently drops,
* bound the work an alias bomb can cause, and
* keep a ``path -> (line, col)`` map that turns Pydantic error locations into ``file:line:col``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from clustermeet.errors import InvalidInputError, Problem
from clustermeet.files import check_not_utf16, read_bounded
from clustermeet.i18n import problem

if TYPE_CHECKING:
    from pathlib import Path

try:  # the C parser is much faster; fall back where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]

MAX_BYTES = 10 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


@dataclass
class YamlDocument:
    """Plain data of one YAML document and the place of each of its nodes."""

    path: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    """The place of each mapping value (``positions`` has its key's)."""

    def value_where(self, loc: PathKey) -> tuple[int, int]:
        """The line and column of the value at ``loc`` (a path in the agenda, say), else of its key."""
        return self.values.get(tuple(loc)) or self.where(loc)

    def where(self, loc: PathKey) -> tuple[int, int]:
        """The line and column of ``loc``, or of its nearest ancestor that has a place."""
        key = tuple(loc)
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return self.positions.get((), (1, 1))


def _problem(path: str, line: int, col: int, key: str, **params: object) -> InvalidInputError:
    return InvalidInputError([problem(path, line, col, "error", key, **params)])


def read_text(path: Path, display: str, limit: int | None = None, *, is_input: bool = True) -> str:
    """Read a text input file as UTF-8 (BOM allowed), no more than ``limit`` bytes of it; raise typed errors for
    unreadable, oversized, UTF-16/32 and binary files. A state file the command rewrites is not ``is_input``."""
    raw = read_bounded(path, limit or MAX_BYTES, display, is_input=is_input)
    check_not_utf16(raw, display)
    if b"\x00" in raw:
        return _fail_binary(raw, display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, line_start = _line_at(raw, exc.start)
        col = exc.start - line_start + 1  # in bytes: the line cannot be decoded
        raise _problem(display, line, col, "yaml.not_utf8", byte=f"{raw[exc.start]:02x}") from None
    return text.removeprefix("\ufeff")


def _fail_binary(raw: bytes, display: str) -> str:
    line, _ = _line_at(raw, raw.index(b"\x00"))
    raise _problem(display, line, 1, "yaml.binary")


def load_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Parse one YAML file into plain data plus positions; raise ``InvalidInputError`` on any problem."""
    name = display if display is not None else str(path)
    return parse_yaml(read_text(path, name), name)


def parse_yaml(text: str, name: str) -> YamlDocument:
    """Parse YAML text (see :func:`load_yaml`)."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark and _tab_at(text, mark.line, mark.column):
            raise _problem(name, line, col, "yaml.tab") from None
        key, params = _yaml_message(exc, text)
        raise _problem(name, line, col, key, **params) from None
    except yaml.reader.ReaderError as exc:  # a control character
        line, col = _reader_position(text, exc.position, c_parser=_Loader.__name__.startswith("C"))
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise _problem(name, line, col, "yaml.control", char=char) from None
    except yaml.YAMLError as exc:
        raise _problem(name, 1, 1, "yaml.error", detail=" ".join(str(exc).split())) from None
    except RecursionError:
        raise _problem(name, 1, 1, "yaml.too_deep") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise _problem(name, 1, 1, "yaml.empty")
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        raise _problem(name, mark.line + 1, mark.column + 1, "yaml.two_documents")
    return _Converter(name).document(nodes[0])


def _line_at(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line of a byte offset, and the offset where that line starts."""
    return raw.count(b"\n", 0, offset) + 1, raw.rfind(b"\n", 0, offset) + 1


def _reader_position(text: str, offset: int, *, c_parser: bool) -> tuple[int, int]:
    """Line and column (1-based, in characters) of a reader error's offset: libyaml counts bytes of the UTF-8
    form of ``text``, PyYAML's own reader counts characters."""
    raw = text.encode("utf-8")
    offset = min(max(0, offset), len(raw if c_parser else text))
    if not c_parser:
        offset = len(text[:offset].encode("utf-8"))
    line, line_start = _line_at(raw, offset)
    return line, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _tab_at(text: str, line: int, column: int) -> bool:
    """Whether the parser stopped at a tab (libyaml's message does not name the character)."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    row = lines[line]
    return row[column : column + 1] == "\t" or "\t" in row[: len(row) - len(row.lstrip())]


def _yaml_message(exc: yaml.MarkedYAMLError, source: str = "") -> tuple[str, dict[str, object]]:
    """The key and values of a parser's error (libyaml's own words, which it writes in English, are kept)."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "'\\t'" in problem or "\\t" in problem:
        return "yaml.tab", {}
    if "undefined alias" in problem:
        alias = _word_at(source, exc.problem_mark)
        return (
            ("yaml.alias_undefined", {"alias": alias}) if alias.startswith("*") else ("yaml.some_alias_undefined", {})
        )
    if "recursive" in problem:
        return "yaml.alias_self", {}
    if "duplicate anchor" in context:
        first = exc.context_mark
        anchor = _word_at(source, exc.problem_mark)
        if first:
            return "yaml.anchor_twice_first", {"anchor": anchor, "first": first.line + 1}
        return "yaml.anchor_twice", {"anchor": anchor}
    text = f"{context}; {problem}" if context and problem else problem or context
    if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        text += f" (the construct started on line {exc.context_mark.line + 1})"
    if "mapping values are not allowed" in problem:
        return "yaml.syntax_quotes", {"detail": text}
    return "yaml.syntax", {"detail": text}


def _word_at(source: str, mark: yaml.Mark | None) -> str:
    """The token at ``mark`` (an alias ``*name`` or an anchor ``&name``), for messages."""
    if mark is None:
        return ""
    lines = source.splitlines()
    if not 0 <= mark.line < len(lines):
        return ""
    rest = lines[mark.line][mark.column :]
    match = re.match(r"[*&][^\s,\[\]{}]+", rest)
    return match.group(0) if match else ""


class _Converter:
    def __init__(self, name: str) -> None:
        self.name = name
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.count = 0
        self.problems: list[Problem] = []
        self.open: set[int] = set()  # ids of the collections being converted: an alias to one of them is a loop

    def document(self, root: yaml.Node) -> YamlDocument:
        self.positions[()] = _pos(root)
        sizes: dict[int, int] = {}
        if _expanded_size(root, sizes, set(), 0) > MAX_NODES:
            # measured on the node graph (each anchored node once), so an alias bomb fails in microseconds
            culprit = _first_too_big(root, sizes)
            raise self.fail(culprit, "yaml.alias_bomb", limit=MAX_NODES)
        data = self.convert(root, (), 0)
        if self.problems:
            raise InvalidInputError(self.problems)
        return YamlDocument(self.name, data, self.positions, self.values)

    def fail(self, node: yaml.Node, key: str, **params: object) -> InvalidInputError:
        line, col = _pos(node)
        return _problem(self.name, line, col, key, **params)

    def convert(self, node: yaml.Node, loc: PathKey, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, "yaml.too_many_nodes", limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise self.fail(node, "yaml.deeper_than", limit=MAX_DEPTH)
        if node.tag not in _STANDARD_TAGS and node.tag != "!":
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise self.fail(node, "yaml.tag", tag=tag)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise self.fail(node, "yaml.alias_loop")
            self.open.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self.mapping(node, loc, depth)
                items = []
                for index, item in enumerate(node.value):
                    self.positions.setdefault((*loc, index), _pos(item))
                    items.append(self.convert(item, (*loc, index), depth + 1))
                return items
            finally:
                self.open.discard(id(node))
        return _scalar(node)

    def mapping(self, node: yaml.MappingNode, loc: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "yaml.merge_key")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "yaml.key_not_plain")
            key = str(key_node.value)
            if key in result:
                line, col = _pos(key_node)
                found = problem(
                    self.name, line, col, "error", "yaml.duplicate_key", key=repr(key), first=first_line[key]
                )
                self.problems.append(found)
                continue
            first_line[key] = _pos(key_node)[0]
            self.positions.setdefault((*loc, key), _pos(key_node))
            self.values.setdefault((*loc, key), _pos(value_node))
            result[key] = self.convert(value_node, (*loc, key), depth + 1)
        return result


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [value for _, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int], depth: int) -> int:
    """How many nodes converting ``node`` would produce, aliases expanded; memoised per node, so it is cheap."""
    if not isinstance(node, yaml.CollectionNode):
        return 1
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes or depth > MAX_DEPTH:
        return 1  # a loop or too deep: the converter reports it with a better message
    open_nodes.add(key)
    total = 1 + sum(_expanded_size(child, sizes, open_nodes, depth + 1) for child in _children(node))
    open_nodes.discard(key)
    sizes[key] = total
    return total


def _first_too_big(root: yaml.Node, sizes: dict[int, int]) -> yaml.Node:
    """The first top-level entry of an alias bomb, to point at; else the root."""
    running = 1
    for child in _children(root):
        running += sizes.get(id(child), 1)
        if running > MAX_NODES:
            return child
    return root


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node: yaml.Node) -> Any:
    value = str(node.value)
    # A quoted or block scalar is text. Plain scalars have style None (Python parser) or "" (libyaml's C parser).
    if getattr(node, "style", None) or node.tag == "tag:yaml.org,2002:str":
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if value in {".inf", "+.inf", ".Inf", "+.Inf"}:
        return math.inf
    return value
