"""Benchmark of ``clustermeet assign``: the whole command, CSV in and out, in a fresh process, each case as
``assign`` solves it and beside it with the bare HiGHS model (one column per person and room, as before issue 16).

    .venv/bin/python bench/assign.py            # every case below
    .venv/bin/python bench/assign.py --small    # the 10,000-person cases only
    .venv/bin/python bench/assign.py --before main   # and each beside the code of main (mixing: ~3 minutes)

Cases: topics blocks of 10,000 people / 100 rooms of 110 and 100,000 / 1,000 rooms (a pure flow: OR-Tools'
min-cost flow where ``clustermeet[fast]`` is installed, else HiGHS on the classes of identical people); the same
10,000 with ``facilitators: true`` and ``max_per_organisation: 2`` (the MIP case, HiGHS either way); a mixing block
of 10,000 people in 1,000 groups over 50 rounds (no LP: only the new figure); and 100,000 people ranking 0 to 3
of 20 rooms (a few thousand classes of identical people: what the classes save HiGHS). Each participant ranks 5
rooms (or 0 to 3) drawn with Zipf-like popularity (room i has weight 1 / i^0.8), so the popular rooms are heavily
over-subscribed.

Rows: ``new`` is ``assign`` as installed with the extra ``fast`` (OR-Tools' flow; HiGHS for the MIP); ``HiGHS,
classes`` what the default install does (HiGHS on the classes of identical people); ``bare HiGHS`` the model as it
was before issue 16 (one column per person and room). Per run: wall time and peak RSS of the whole command (its
own, from wait4), and the solver's time inside it (``solve``: the call of the topics solver or of the mixing, its
imports included, the participants CSV and the outputs not), measured by running the command through this file's
``--child`` mode, which wraps the solver; then the ratios of the bare HiGHS run to the others (wall, solve).
The run stops if any objective or bound differs from the bare model's.
"""

from __future__ import annotations

import atexit
import io
import json
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from itertools import accumulate
from pathlib import Path
from typing import Any

from measure import PYTHON, ROOT, Run, breakout_agenda, run_measured

_SOLVE = "solve-seconds "


def write_case(
    folder: Path, people: int, rooms: int, capacity: int, *, mode: str = "topics", choices: int = 5, seed: int = 1
) -> Path:
    if mode == "mixing":
        breakout = f"      mode: mixing\n      groups: {rooms}\n      rounds: 50\n"
    else:
        room_lines = "\n".join(
            f"        - {{id: r{i:04d}, title: Room {i}, capacity: {capacity}}}" for i in range(rooms)
        )
        extra = "      facilitators: true\n      max_per_organisation: 2\n" if mode == "mip" else ""
        breakout = f"{extra}      rooms:\n{room_lines}\n"
    agenda = folder / "bench.yaml"
    agenda.write_text(breakout_agenda(breakout), encoding="utf-8")
    rng = random.Random(seed)
    cumulative = list(accumulate(1.0 / (i + 1) ** 0.8 for i in range(rooms)))
    ids = [f"r{i:04d}" for i in range(rooms)]
    lines = ["name,email,organisation,role,preferences,fixed"]
    for n in range(people):
        wishes: list[str] = []
        wanted = 0 if mode == "mixing" else rng.randint(0, 3) if mode == "shared" else choices
        while len(wishes) < wanted:
            room = rng.choices(ids, cum_weights=cumulative)[0]
            if room not in wishes:
                wishes.append(room)
        role = "facilitator" if mode == "mip" and n < rooms else "participant"
        lines.append(f"Person {n},person{n}@example.org,Org {n % 97},{role},{'|'.join(wishes)},")
    (folder / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return agenda


def measure(folder: Path, agenda: Path, solver: str, code: Path | None = None) -> tuple[Run, float, dict[str, Any]]:
    """One whole ``assign`` run with the topics solver ``solver`` (``before``: the code in ``code``, as it is);
    the run, the solver's seconds, the block."""
    command = [str(PYTHON), __file__, "--child", solver, "assign", str(agenda), "-p", str(folder / "people.csv")]
    command += ["-o", str(folder / "out.csv"), "--json", "--force"]
    done = run_measured(command, {"PYTHONPATH": str(code)} if code is not None else None)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(done.returncode)
    solve = sum(float(line[len(_SOLVE) :]) for line in done.stderr.splitlines() if line.startswith(_SOLVE))
    return done, solve, json.loads(done.stdout)["blocks"][0]


def case(
    label: str, people: int, rooms: int, capacity: int, mode: str = "topics", before: tuple[str, Path] | None = None
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        agenda = write_case(folder, people, rooms, capacity, mode=mode)
        runs = {"new": measure(folder, agenda, "auto")}
        if before is not None:
            runs[f"before ({before[0]})"] = measure(folder, agenda, "before", before[1])
        print(f"{label}: {runs['new'][2]['method']}")
        print(f"  {'':<22} {'wall s':>8} {'solve s':>8} {'peak MiB':>9}  figures")
        if mode in ("topics", "shared"):  # what the default install (without the extra `fast`) does
            runs["HiGHS, classes"] = measure(folder, agenda, "highs")
        if mode != "mixing":
            runs["bare HiGHS"] = measure(folder, agenda, "highs-bare")
        for name, (run, solve, block) in runs.items():
            print(f"  {name:<22} {run.wall:>8.2f} {solve:>8.2f} {run.peak_mib:>9.0f}  {_figures(block)}")
        reference = (
            "bare HiGHS" if mode != "mixing" else next(iter(runs)) if before is None else f"before ({before[0]})"
        )
        if mode == "mixing" and before is None:
            print("  (no LP for mixing rounds: --before main runs main's code beside it; main took 174 s, issue 16)")
            return
        base, base_solve, old = runs[reference]
        for name, (run, solve, block) in runs.items():
            if name != reference:
                ratio = f"{base.wall / run.wall:>7.1f}x {base_solve / max(solve, 1e-9):>7.1f}x"
                print(f"  {reference.split()[0] + ' / ' + name:<22} {ratio}  (wall, solve)")
            if _objective(block) != _objective(old):
                raise SystemExit(f"{label}: {name}: the objective differs from {reference}'s")


def _objective(block: dict[str, Any]) -> tuple[object, object]:
    if block["mode"] == "mixing":
        return block["repeat_pairs"], block["repeat_pairs_bound"]
    return block["objective"], block["lower_bound"]


def _figures(block: dict[str, Any]) -> str:
    if block["mode"] == "mixing":
        return f"repeated pairs {block['repeat_pairs']} vs bound {block['repeat_pairs_bound']}"
    return (
        f"first choice {block['first_choice_share']:.1%} (best {block['first_choice_best']:.1%}), "
        f"mean rank {block['mean_rank']:.3f}, worst {block['worst_rank']}, "
        f"objective {block['objective']} vs bound {block['lower_bound']}"
    )


def child(solver: str) -> None:
    """Run the command line in this process with the topics solver (and the mixing) timed."""
    from functools import partial

    from clustermeet.__main__ import run
    from clustermeet.breakouts import mixing_block, topics_block

    spent: list[float] = []

    def timed(function: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - start)

        return call

    solve = topics_block.solve_topics if solver == "before" else partial(topics_block.solve_topics, solver=solver)
    topics_block.solve_topics = timed(solve)  # type: ignore[assignment]
    mixing_block.mix = timed(mixing_block.mix)  # type: ignore[assignment]
    atexit.register(lambda: print(f"{_SOLVE}{sum(spent):.3f}", file=sys.stderr))
    sys.argv = ["clustermeet", *sys.argv[3:]]
    run()


def checkout(revision: str, folder: Path) -> Path:
    """The package ``clustermeet`` as it is at ``revision`` of this repository, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "clustermeet"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        return
    with tempfile.TemporaryDirectory() as code:
        before = None
        if "--before" in sys.argv:
            revision = sys.argv[sys.argv.index("--before") + 1]
            before = (revision, checkout(revision, Path(code)))
        case("topics, 10,000 people, 100 rooms of 110", 10_000, 100, 110, before=before)
        case("MIP: the same with facilitators and at most 2 per organisation", 10_000, 100, 110, "mip", before)
        if "--small" not in sys.argv:
            case("topics, 100,000 people, 1,000 rooms of 110", 100_000, 1_000, 110, before=before)
            case("classes: 100,000 people ranking 0 to 3 of 20 rooms of 5,200", 100_000, 20, 5_200, "shared", before)
            case("mixing, 10,000 people, 1,000 groups, 50 rounds", 10_000, 1_000, 0, "mixing", before)


if __name__ == "__main__":
    main()
