"""The import direction of docs/architecture.md: cli/console -> export -> core -> model, never back up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "clustermeet"

# layer -> imports it must never make (module prefixes)
FORBIDDEN = {
    "model": ("clustermeet.core", "clustermeet.export", "clustermeet.cli", "clustermeet.console", "typer", "rich"),
    "core": ("clustermeet.export", "clustermeet.cli", "clustermeet.console", "typer", "rich", "textual"),
    "export": ("clustermeet.cli", "clustermeet.console", "typer", "rich", "textual"),
    "console": ("clustermeet.cli", "typer"),
}


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in _imports(path)
        if name.startswith(FORBIDDEN[layer])
    ]
    assert not wrong, wrong


def test_core_prints_nothing() -> None:
    calls = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in sorted((PACKAGE / "core").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"print", "input"}
    ]
    assert not calls, calls
