"""Benchmark of ``clustermeet assign``: the whole command, CSV in and out, in a fresh process.

    .venv/bin/python bench/assign.py            # 10,000 people / 100 rooms of 110, and 100,000 / 1,000 rooms
    .venv/bin/python bench/assign.py --small    # the first case only

Each participant ranks 5 rooms drawn with Zipf-like popularity (room i has weight 1 / i^0.8), so the popular rooms
are heavily over-subscribed. Prints wall time, peak RSS of the child process and the block's figures.
Targets (issue 3): 10,000 under 2 s wall; 100,000 under 30 s and 2 GiB.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLUSTERMEET = ROOT / ".venv" / "bin" / "clustermeet"


def write_case(folder: Path, people: int, rooms: int, capacity: int, choices: int = 5, seed: int = 1) -> Path:
    room_lines = "\n".join(f"        - {{id: r{i:04d}, title: Room {i}, capacity: {capacity}}}" for i in range(rooms))
    agenda = folder / "bench.yaml"
    agenda.write_text(
        f"""event:
  title: Benchmark
  date: 2024-05-14
  timezone: Europe/Berlin
  organiser: {{name: Bench, email: bench@example.org}}
  platform: {{kind: zoom, url: https://zoom.example.org/j/1}}
segments:
  - id: topics
    title: Topics
    kind: breakout
    start: "10:00"
    duration: 45m
    breakout:
      rooms:
{room_lines}
""",
        encoding="utf-8",
    )
    rng = random.Random(seed)
    cumulative = list(accumulate(1.0 / (i + 1) ** 0.8 for i in range(rooms)))
    ids = [f"r{i:04d}" for i in range(rooms)]
    lines = ["name,email,organisation,role,preferences,fixed"]
    for n in range(people):
        wishes: list[str] = []
        while len(wishes) < choices:
            room = rng.choices(ids, cum_weights=cumulative)[0]
            if room not in wishes:
                wishes.append(room)
        lines.append(f"Person {n},person{n}@example.org,Org {n % 97},participant,{'|'.join(wishes)},")
    (folder / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return agenda


def run(people: int, rooms: int, capacity: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        agenda = write_case(folder, people, rooms, capacity)
        command = [str(CLUSTERMEET), "assign", str(agenda), "-p", str(folder / "people.csv")]
        command += ["-o", str(folder / "out.csv"), "--json"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            raise SystemExit(done.returncode)
        block = json.loads(done.stdout)["blocks"][0]
        rss = f"{peak / 1024:.0f} MiB" if peak > before else f"<= {peak / 1024:.0f} MiB (max of earlier children)"
        print(
            f"{people:>7} people, {rooms:>4} rooms of {capacity}: {wall:6.2f} s wall, peak RSS {rss}; "
            f"first choice {block['first_choice_share']:.1%} (best possible {block['first_choice_best']:.1%}), "
            f"mean rank {block['mean_rank']:.3f}, worst {block['worst_rank']}, "
            f"objective {block['objective']} vs bound {block['lower_bound']}, {block['method']}"
        )


def main() -> None:
    run(10_000, 100, 110)
    if "--small" not in sys.argv:
        run(100_000, 1_000, 110)


if __name__ == "__main__":
    main()
