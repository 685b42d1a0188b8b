"""What a command imports at start-up: what it does not need stays out (bench/startup.py measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import AGENDAS, ROOT

_REPORT = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: print(json.dumps({'metadata': 'importlib.metadata' in sys.modules,"
    " 'numpy': 'numpy' in sys.modules, 'plugins': list(__import__('pydantic.plugin._loader',"
    " fromlist=['get_plugins']).get_plugins())}), file=sys.stderr))\n"
    "sys.argv = ['clustermeet', *sys.argv[1:]]\n"
    "from clustermeet.__main__ import run\n"
    "run()\n"
)


def _imports(*args: str, disable: str | None = None) -> dict[str, object]:
    """Run ``clustermeet ARGS`` in a fresh process: whether it imported importlib.metadata and numpy, and the
    plugins pydantic's loader (the real one or ours) gives."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if disable is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = disable
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return report


def test_validate_does_not_import_the_plugin_lookup() -> None:
    """pydantic would import importlib.metadata for its plugin lookup (~10 ms) although every plugin is off."""
    report = _imports("validate", str(AGENDAS / "go-cluster-2022.yaml"))
    assert report == {"metadata": False, "numpy": False, "plugins": []}


@pytest.mark.parametrize("value", ["__all__", "1", "true"])
def test_pydantic_itself_finds_no_plugin_with_them_all_disabled(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in gives what pydantic's own loader gives for each value that disables every plugin."""
    from pydantic.plugin import _loader  # the real module, in this test process

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
    assert list(_loader.get_plugins()) == []
    assert _imports("validate", str(AGENDAS / "go-cluster-2022.yaml"), disable=value)["metadata"] is False


def test_plugins_named_one_by_one_are_left_to_pydantic() -> None:
    """Any other value is pydantic's to read: its real loader runs, importlib.metadata and all."""
    report = _imports("validate", str(AGENDAS / "go-cluster-2022.yaml"), disable="some_plugin")
    assert report["metadata"] is True


def test_a_small_topics_block_is_solved_without_numpy(tmp_path: object) -> None:
    """The demo's network goes to OR-Tools one arc at a call: numpy (~60 ms to import) is not needed."""
    pytest.importorskip("ortools", reason="the optional extra clustermeet[fast] (OR-Tools) is not installed")
    out = f"{tmp_path}/a.csv"
    report = _imports("assign", str(AGENDAS / "go-cluster-2022.yaml"), "-o", out, "--json")
    assert report["numpy"] is False and report["metadata"] is False
