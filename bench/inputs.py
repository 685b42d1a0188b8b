"""Bounded reads and the address rule, in figures: what refusing an oversized input costs, and what one address
check costs on the fast path and in email-validator.

- `validate /dev/zero` and `validate` of a 200 MB file: wall time and the peak memory (RSS) of the process. Before
  issue 11 the first ran to a MemoryError at 1.9 GB and the second cost 240 MB before it was refused.
- `validate` of the demo agenda: wall time, to show the address rule left start-up alone (email-validator is not
  imported for plain ASCII addresses).
- normalise_email per call: a plain address, an internationalised one.

Run: .venv/bin/python bench/inputs.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLUSTERMEET = [sys.executable, "-m", "clustermeet"]


_MEASURE = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], capture_output=True).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


def _run(*args: str) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one ``clustermeet`` process (measured by a parent of its own,
    so that no other child's peak counts)."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *CLUSTERMEET, *args],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    wall = time.perf_counter() - began
    peak, code = done.stdout.split()
    return wall, int(peak) / 1024, int(code)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        with big.open("wb") as stream:
            for _ in range(200):
                stream.write(b"#" * (1024 * 1024))
        rows = [("validate /dev/zero", "/dev/zero"), ("validate 200 MB file", str(big))]
        rows.append(("validate demo agenda", "agendas/go-cluster-2022.yaml"))
        print(f"{'command':<24} {'wall s':>8} {'peak RSS MB':>12} {'exit':>5}")
        for label, path in rows:
            wall, rss, code = _run("validate", path)
            print(f"{label:<24} {wall:>8.3f} {rss:>12.1f} {code:>5}")
    sys.path.insert(0, str(ROOT))
    from clustermeet.agenda.types import normalise_email

    for label, address in (
        ("plain address", "anna.albrecht@cluster-9.example.org"),
        ("IDN address", "jörg@münchen.example"),
    ):
        normalise_email(address)  # the library imported once
        times = []
        for _ in range(5):
            began = time.perf_counter()
            for _ in range(1000):
                normalise_email(address)
            times.append((time.perf_counter() - began) / 1000 * 1e6)
        print(f"normalise_email, {label}: {statistics.median(times):.1f} us per call")


if __name__ == "__main__":
    main()
