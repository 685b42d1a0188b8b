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


def wall(command: list[str], runs: int) -> tuple[float, float]:
    """Median and minimum wall seconds of ``command`` over ``runs`` runs (one warm-up run first)."""
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0,):
            sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[:400]}")
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    clustermeet = str(BIN / "clustermeet")
    checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if checker is None:
        sys.exit("check-jsonschema is not installed (pip install -e '.[test]')")
    schema = ROOT / "build" / "agenda.schema.json"
    schema.parent.mkdir(exist_ok=True)
    schema.write_bytes(subprocess.run([clustermeet, "schema"], capture_output=True, check=True).stdout)

    reference, reference_min = wall([checker, "--schemafile", str(schema), AGENDA], args.runs)
    print(f"{'command':<58} {'median':>8} {'min':>8} {'ratio':>6}")
    print(f"{'check-jsonschema --schemafile <schema> ' + AGENDA:<58} {reference:8.3f} {reference_min:8.3f} {1:6.2f}")
    for label, command in (
        ("clustermeet --help", [clustermeet, "--help"]),
        (f"clustermeet validate {AGENDA}", [clustermeet, "validate", AGENDA]),
    ):
        median, least = wall(command, args.runs)
        verdict = "ok" if median < 0.6 * reference else "OVER TARGET"
        print(f"{label:<58} {median:8.3f} {least:8.3f} {median / reference:6.2f}  {verdict} (target < 0.60)")


if __name__ == "__main__":
    main()
