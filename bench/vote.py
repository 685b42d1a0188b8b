"""Benchmark of ``clustermeet vote``: the whole command on a Zoom poll report, in a fresh process, per method.

    .venv/bin/python bench/vote.py            # 1,000 and 20,000 voters, 5 candidates, ranked ballots
    .venv/bin/python bench/vote.py --small    # 1,000 voters only

Each voter ranks the 5 candidates in a random order drawn with a slight lean (seeded), one ballot in 50 is a
duplicate from a second device and one in 100 comes from an unregistered address. Plurality reads a Zoom poll
report of the first choices; the other methods a plain CSV of the rankings, each cut to a random length
(approval approves the ranked ones). Prints wall time and peak RSS
of the child process for each method, and the winner, so a change in speed or result shows.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import tempfile
from pathlib import Path

from measure import CLUSTERMEET, run_measured

CANDIDATES = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
METHODS = ["plurality", "approval", "borda", "instant-runoff", "schulze"]


def write_case(folder: Path, voters: int, seed: int = 1) -> Path:
    items = "\n".join(f"        - {{team: {name}}}" for name in CANDIDATES)
    people = folder / "people.csv"
    people.write_text(
        "name,email\n" + "".join(f"Voter {i},voter{i}@example.org\n" for i in range(voters)), encoding="utf-8"
    )
    agenda = folder / "bench.yaml"
    agenda.write_text(
        f"""event:
  title: Benchmark
  date: 2024-05-14
  timezone: Europe/Berlin
  organiser: {{name: Bench, email: bench@example.org}}
  platform: {{kind: zoom, url: https://zoom.example.org/j/1}}
segments:
  - id: pitches
    title: Pitches
    kind: pitches
    start: "10:00"
    pitches:
      per_pitch: 3m
      items:
{items}
  - {{id: vote, title: Vote, kind: vote, duration: 30m, poll: {{question: Rank them}}}}
participants: people.csv
""",
        encoding="utf-8",
    )
    rng = random.Random(seed)
    zoom, plain = io.StringIO(), io.StringIO()
    zoom_rows, plain_rows = csv.writer(zoom), csv.writer(plain)
    zoom.write("Poll Report\n\n")
    zoom_rows.writerow(["#", "User Name", "User Email", "Submitted Date/Time", "Rank them", ""])
    plain_rows.writerow(["email", "name", "submitted", "1", "2", "3", "4", "5"])
    rows = 0
    for i in range(voters):
        for _ in range(2 if i % 50 == 0 else 1):
            ranking = sorted(CANDIDATES, key=lambda c: rng.random() * (1.0 + CANDIDATES.index(c) / 10))
            email = f"voter{i}@example.org" if i % 100 != 1 else f"guest{i}@example.net"
            second = 5 + rows % 1500
            rows += 1
            when = f"May 14, 2024 10:{15 + second // 60:02d}:{second % 60:02d}"
            name = f"Voter {i}" if i % 100 != 1 else f"Guest {i}"
            zoom_rows.writerow([rows, name, email, when, ranking[0], ""])
            plain_rows.writerow([email, name, when, *ranking[: rng.randint(1, 5)]])
    (folder / "zoom.csv").write_text(zoom.getvalue(), encoding="utf-8")
    (folder / "ranked.csv").write_text(plain.getvalue(), encoding="utf-8")
    return agenda


def run(agenda: Path, report: Path, method: str, folder: Path) -> tuple[float, float, dict[str, object]]:
    command = [str(CLUSTERMEET), "vote", str(agenda), str(report), "--method", method, "--json", "--force"]
    command += ["--output", str(folder / "out"), "--record", str(folder / "record.json")]
    done = run_measured(command)
    if done.returncode != 0:
        sys.exit(f"vote failed ({done.returncode}): {done.stderr}")
    return done.wall, done.peak_mib, json.loads(done.stdout)


def main() -> None:
    sizes = [1_000] if "--small" in sys.argv else [1_000, 20_000]
    print(f"{'voters':>7} {'method':<15} {'wall s':>7} {'peak MiB':>9}  counted  winner")
    for voters in sizes:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            agenda = write_case(folder, voters)
            for method in METHODS:
                report = folder / ("zoom.csv" if method == "plurality" else "ranked.csv")
                wall, peak, result = run(agenda, report, method, folder)
                ballots = result["ballots"]
                assert isinstance(ballots, dict)
                print(
                    f"{voters:>7} {method:<15} {wall:>7.2f} {peak:>9.0f}  {ballots['counted']:>7}  {result['winner']}"
                )


if __name__ == "__main__":
    main()
