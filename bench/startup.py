"""Start-up speed: `clustermeet --help` and `clustermeet validate` against check-jsonschema on the same file.

Issue 2's target: each of ours under 0.6x the wall time of
`check-jsonschema --schemafile docs/agenda.schema.json agendas/go-cluster-2022.yaml`.

Run: .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
AGENDA = "agendas/go-cluster-2022.yaml"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[:400]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    clustermeet = str(BIN / "clustermeet")
    checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if checker is None:
        sys.exit("check-jsonschema is not installed (pip install -e '.[test]')")
    schema = ROOT / "build" / "agenda.schema.json"
    schema.parent.mkdir(exist_ok=True)
    schema.write_bytes(subprocess.run([clustermeet, "schema"], capture_output=True, check=True).stdout)

    commands = {
        f"check-jsonschema --schemafile <schema> {AGENDA}": [checker, "--schemafile", str(schema), AGENDA],
        "clustermeet --help": [clustermeet, "--help"],
        f"clustermeet validate {AGENDA}": [clustermeet, "validate", AGENDA],
    }
    for command in commands.values():  # warm the file cache and .pyc files
        timed(command)
    # Interleaved, so that load from anything else on the machine falls on all three alike.
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(args.runs):
        for label, command in commands.items():
            times[label].append(timed(command))
    reference_label = next(iter(commands))
    reference = statistics.median(times[reference_label])
    print(f"{args.runs} interleaved runs each; wall seconds")
    print(f"{'command':<62} {'median':>7} {'min':>7} {'ratio':>6}")
    for label, values in times.items():
        median = statistics.median(values)
        ratio = median / reference
        verdict = "" if label == reference_label else ("  ok (< 0.60)" if ratio < 0.6 else "  OVER TARGET (< 0.60)")
        print(f"{label:<62} {median:7.3f} {min(values):7.3f} {ratio:6.2f}{verdict}")


if __name__ == "__main__":
    main()
