"""Benchmark of reading and checking a participant list: 10,000 and 100,000 rows, as CSV and as .xlsx.

    .venv/bin/python bench/participants.py            # both sizes
    .venv/bin/python bench/participants.py --small    # 10,000 rows only

The files are a German registration export (Vorname;Nachname;E-Mail-Adresse;Organisation;Wunsch 1..3;
Anmeldedatum, UTF-8 with BOM; wishes written as room ids, some as titles) generated in a temporary folder; the
.xlsx is written with openpyxl (a test dependency). "load+check" is what every command does before it uses the
list: read the file, map the header, check every cell, then the seating checks of validate and assign.

For comparison the script also runs the path of the commit before issue 13 (one Pydantic model per row) on the
same rows in the plain header it required (name,email,organisation,preferences), taken from git
(``git show 58b483a:clustermeet/agenda/participants.py``); skipped where git or that commit is not at hand.
Prints the best of three runs per case.
"""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from measure import breakout_agenda

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "58b483a"
ROOMS = 40
RUNS = 3

if TYPE_CHECKING:
    from collections.abc import Callable


def agenda_text() -> str:
    rooms = "\n".join(f"        - {{id: room-{i:02d}, title: Thema {i}}}" for i in range(ROOMS))
    return breakout_agenda(f"      rooms:\n{rooms}\n", language="de")


def rows(count: int, seed: int = 1) -> list[tuple[list[str], list[str]]]:
    """Each row as the export writes it, with the room ids its wishes mean."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        ids = [f"room-{w:02d}" for w in rng.sample(range(ROOMS), 3)]
        written = [f"Thema {int(i[5:])}" if n % 10 == 0 else i for i in ids]  # every tenth by title
        out.append(([f"Vor{n}", f"Nach{n}", f"person{n}@example.org", f"Org {n % 97}", *written, "2024-04-01"], ids))
    return out


HEADER = ["Vorname", "Nachname", "E-Mail-Adresse", "Organisation", "Wunsch 1", "Wunsch 2", "Wunsch 3", "Anmeldedatum"]


def write_files(folder: Path, count: int) -> tuple[Path, Path, Path]:
    data = rows(count)
    csv_path = folder / f"people-{count}.csv"
    lines = [";".join(HEADER), *(";".join(r) for r, _ in data)]
    csv_path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    from openpyxl import Workbook  # a test dependency, for writing the workbook only

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Anmeldungen")
    sheet.append(HEADER)
    for r, _ in data:
        sheet.append(r)
    xlsx_path = folder / f"people-{count}.xlsx"
    book.save(xlsx_path)
    plain = folder / f"plain-{count}.csv"  # the old reader's own header, and ids (it knew no titles)
    plain_lines = ["name,email,organisation,preferences"]
    plain_lines += [f"{r[0]} {r[1]},{r[2]},{r[3]},{'|'.join(ids)}" for r, ids in data]
    plain.write_text("\n".join(plain_lines) + "\n", encoding="utf-8")
    return csv_path, xlsx_path, plain


def best(run: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(RUNS):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def old_reader() -> Any | None:
    """The participants module of the commit before issue 13, loaded beside today's (or None)."""
    try:
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{BEFORE}:clustermeet/agenda/participants.py"],
            capture_output=True, check=True, text=True, timeout=30,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    folder = Path(tempfile.mkdtemp(prefix="cm-old-"))
    (folder / "old_participants.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_participants", folder / "old_participants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_participants"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from clustermeet.agenda.loading import load_agenda
    from clustermeet.agenda.participants import read_participants
    from clustermeet.agenda.seating import seating_findings
    from clustermeet.agenda.wishes import agenda_rooms

    sizes = [10_000] if "--small" in sys.argv else [10_000, 100_000]
    old = old_reader()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "agenda.yaml").write_text(agenda_text(), encoding="utf-8")
        agenda = load_agenda(folder / "agenda.yaml").agenda
        print(f"{'case':<28} {'load+check':>11} {'people':>8}")
        for count in sizes:
            csv_path, xlsx_path, plain = write_files(folder, count)
            for label, path in ((f"{count:,} rows CSV", csv_path), (f"{count:,} rows xlsx", xlsx_path)):

                def new(path: Path = path) -> int:
                    plist = read_participants(path, path.name, agenda_rooms(agenda))
                    assert not [f for f in seating_findings(agenda, plist) if f.severity == "error"]
                    return len(plist.participants)

                seconds, people = best(new)
                print(f"{label:<28} {seconds:>10.2f}s {people:>8,}")
            if old is not None:

                def before(path: Path = plain) -> int:
                    plist = old.load_participants_csv(path, path.name)
                    seating_findings(agenda, plist)
                    return len(plist.participants)

                seconds, people = best(before)
                print(f"{f'{count:,} rows CSV, before':<28} {seconds:>10.2f}s {people:>8,}")


if __name__ == "__main__":
    main()
