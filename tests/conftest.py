"""Shared test helpers: paths, a CLI runner, and a console of a chosen width. Kept small and generic."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
AGENDAS = ROOT / "agendas"


@pytest.fixture
def runner() -> CliRunner:
    """A runner for ``clustermeet.cli.app``; stdout and stderr are kept apart (``result.stdout``/``.stderr``)."""
    return CliRunner()


@pytest.fixture
def console_width(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """Call with a width to make the rich Console that wide (it is cached per process, so the cache is reset)."""
    from clustermeet.cli import output

    def set_width(columns: int) -> None:
        monkeypatch.setenv("COLUMNS", str(columns))
        output.console.cache_clear()

    yield set_width
    output.console.cache_clear()
