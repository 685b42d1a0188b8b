"""Start-up speed: `clustermeet --help` and `clustermeet validate` against check-jsonschema on the same file.

Issue 2's target: each of ours under 0.6x the wall time of
`check-jsonschema --schemafile docs/agenda.schema.json agendas/go-cluster-2022.yaml`.

Below the three commands of the target it prints what `validate` is made of, each a process of its own and each
including the one before: the bare interpreter, the libraries (pydantic and PyYAML, imported as our models import
them), our agenda core without any CLI (load, validate and check the demo), and the same with pydantic's plugin
lookup module kept out (pydantic imports `importlib.metadata` for it on the first model, even when plugins are
disabled). These rows are the floor under any command line built on this stack.

Run: .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AGENDA = "agendas/go-cluster-2022.yaml"

_CORE = (
    "from pathlib import Path; from clustermeet.agenda.loading import load_agenda; "
    f"assert not load_agenda(Path({AGENDA!r})).warnings"
)
# Stands in for pydantic's plugin loader, to show what its eager import costs; `clustermeet` itself does the same
# where every plugin is disabled (clustermeet/cli/__init__.py, _no_plugin_loader), so the two rows bracket it.
_NO_PLUGIN_LOOKUP = (
    "import sys, types; loader = types.ModuleType('pydantic.plugin._loader'); loader.get_plugins = lambda: (); "
    "sys.modules[loader.__name__] = loader; "
)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, check=False, env=dict(os.environ, PYDANTIC_DISABLE_PLUGINS="__all__")
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[:400]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    python, clustermeet = sys.executable, str(BIN / "clustermeet")
    checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if checker is None:
        sys.exit("check-jsonschema is not installed (pip install -e '.[test]')")
    schema = ROOT / "build" / "agenda.schema.json"
    schema.parent.mkdir(exist_ok=True)
    schema.write_bytes(subprocess.run([clustermeet, "schema"], capture_output=True, check=True).stdout)

    target = {
        f"check-jsonschema --schemafile <schema> {AGENDA}": [checker, "--schemafile", str(schema), AGENDA],
        "clustermeet --help": [clustermeet, "--help"],
        f"clustermeet validate {AGENDA}": [clustermeet, "validate", AGENDA],
    }
    floor = {
        "python -c pass": [python, "-c", "pass"],
        "+ pydantic and PyYAML imported": [python, "-c", "import yaml; from pydantic import BaseModel, Field"],
        "+ importlib.metadata and typer imported (no code of ours)": [
            python,
            "-c",
            "import yaml; from pydantic import BaseModel, Field; import importlib.metadata; import typer.main",
        ],
        "our models built, demo loaded and checked (no CLI, no typer)": [python, "-c", _CORE],
        "  the same, pydantic's plugin lookup not imported": [python, "-c", _NO_PLUGIN_LOOKUP + _CORE],
    }
    commands = target | floor
    # Bytecode for our modules, as a regular install has: with PYTHONDONTWRITEBYTECODE set, the warm-up runs below
    # would not write it, and every run would compile our sources again.
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "clustermeet")], check=True)
    for command in commands.values():  # warm the file cache and .pyc files
        timed(command)
    # Interleaved, so that load from anything else on the machine falls on all of them alike.
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(args.runs):
        for label, command in commands.items():
            times[label].append(timed(command))
    reference_label = next(iter(commands))
    reference = statistics.median(times[reference_label])
    print(f"{args.runs} interleaved runs each; wall seconds; ratio to check-jsonschema")
    print(f"{'command':<62} {'median':>7} {'min':>7} {'ratio':>6}")
    for label, values in times.items():
        if label == next(iter(floor)):
            print("the floor under validate (each + row includes the one above):")
        median = statistics.median(values)
        ratio = median / reference
        verdict = ""
        if label in target and label != reference_label:
            verdict = "  ok (< 0.60)" if ratio < 0.6 else "  OVER TARGET (< 0.60)"
        print(f"{label:<62} {median:7.3f} {min(values):7.3f} {ratio:6.2f}{verdict}")


if __name__ == "__main__":
    main()
