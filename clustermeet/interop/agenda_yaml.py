"""Write agenda data as YAML text that ``agenda.yamlsource`` reads back to the same data.

Our loader resolves plain scalars with YAML 1.2 core rules and refuses tags, so the writer is conservative: a
string is written plain only when it is plainly a string (letters, digits and a few safe characters, not a number,
boolean or null); everything else is double-quoted with escapes, or, for clean multi-line text, a literal block.
Short mappings and lists go on one line (flow style) like the hand-written example agendas.
"""

from __future__ import annotations

import math
import re
from typing import Any

WIDTH = 118

_PLAIN_EXTRA = set(" _./+()'&-")
_NOT_STRINGS = re.compile(
    r"(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\Z"
)


def _is_plain(text: str) -> bool:
    if not text or text != text.strip() or not text[0].isalnum():
        return False
    if not all(c.isalnum() or c in _PLAIN_EXTRA for c in text):
        return False
    return not _NOT_STRINGS.match(text)


def _escape_char(char: str) -> str:
    code = ord(char)
    if char == '"':
        return '\\"'
    if char == "\\":
        return "\\\\"
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    printable = (
        0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    )
    if not printable or code in (0x2028, 0x2029, 0xFEFF):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + "".join(_escape_char(c) for c in text) + '"'


def scalar(value: Any) -> str:
    """One scalar as YAML text that reads back as ``value``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        if math.isnan(value):
            return ".nan"
        return repr(value)
    text = str(value)
    return text if _is_plain(text) else quoted(text)


def _block_literal(text: str, indent: int) -> str | None:
    """``|-`` followed by the lines, when the text survives a literal block unchanged; else None."""
    if "\n" not in text or text != text.strip():
        return None
    lines = text.split("\n")
    for line in lines:
        if line != line.rstrip() or any(_escape_char(c) != c for c in line if c not in '"\\\t'):
            return None
        if "\t" in line:
            return None
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in lines)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _flow(value: Any) -> str | None:
    """One-line flow text for a mapping or list of plain scalars, or None when it needs block style."""
    if isinstance(value, dict):
        if not all(_is_scalar(v) for v in value.values()):
            return None
        parts = [f"{_key(k)}: {_flow_scalar(v)}" for k, v in value.items()]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        if not all(_is_scalar(v) for v in value):
            return None
        return "[" + ", ".join(_flow_scalar(v) for v in value) + "]"
    return None


def _flow_scalar(value: Any) -> str:
    text = scalar(value)
    if isinstance(value, str) and "\n" in value:
        return quoted(value)
    return text


def _key(key: str) -> str:
    return key if _is_plain(key) else quoted(key)


def _emit_mapping(data: dict[str, Any], indent: int, out: list[str], *, spaced: bool = False) -> None:
    pad = " " * indent
    for position, (key, value) in enumerate(data.items()):
        if spaced and position:
            out.append("")
        _emit_entry(f"{pad}{_key(key)}:", value, indent, out)


def _emit_entry(head: str, value: Any, indent: int, out: list[str]) -> None:
    """``head`` is ``key:`` or ``- key:``; ``indent`` is the column of the key."""
    if _is_scalar(value):
        if isinstance(value, str):
            block = _block_literal(value, indent + 2)
            if block is not None:
                out.append(f"{head} {block}")
                return
        out.append(f"{head} {scalar(value)}")
        return
    flow = _flow(value)
    if flow is not None and (len(head) + 1 + len(flow) <= WIDTH or not value):
        out.append(f"{head} {flow}")
        return
    out.append(head)
    if isinstance(value, dict):
        _emit_mapping(value, indent + 2, out)
    else:
        _emit_list(value, indent + 2, out)


def _emit_list(items: list[Any], indent: int, out: list[str], *, spaced: bool = False) -> None:
    pad = " " * indent
    for position, item in enumerate(items):
        if spaced and position:
            out.append("")
        if _is_scalar(item):
            out.append(f"{pad}- {scalar(item)}")
            continue
        flow = _flow(item)
        if flow is not None and indent + 2 + len(flow) <= WIDTH:
            out.append(f"{pad}- {flow}")
            continue
        if isinstance(item, dict) and item:
            entries = list(item.items())
            first_key, first_value = entries[0]
            _emit_entry(f"{pad}- {_key(first_key)}:", first_value, indent + 2, out)
            _emit_mapping(dict(entries[1:]), indent + 2, out)
        else:
            out.append(f"{pad}-")
            if isinstance(item, dict):
                _emit_mapping(item, indent + 2, out)
            else:
                _emit_list(item, indent + 2, out)


def agenda_to_yaml(data: dict[str, Any], comment: str = "") -> str:
    """The agenda (plain data in model shape) as YAML; ``comment`` becomes ``#`` lines at the top."""
    out: list[str] = []
    for line in comment.splitlines():
        out.append(f"# {line}".rstrip())
    for position, (key, value) in enumerate(data.items()):
        if position or out:
            out.append("")
        if isinstance(value, list) and value and not _is_scalar(value[0]):
            out.append(f"{_key(key)}:")
            _emit_list(value, 2, out, spaced=key == "segments")
        else:
            _emit_entry(f"{_key(key)}:", value, 0, out)
    return "\n".join(out) + "\n"
