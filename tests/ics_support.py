"""Shared by the ics and send tests: generate calendars from an agenda, read them with independent parsers.

Parsers: icalendar (in process), Mozilla's ical.js through node (tests/js, installed by `.ci/run` with `npm ci`),
libical through Debian's GObject bindings (/usr/bin/python3, packages gir1.2-ical-3.0 python3-gi) and vobject (one
fresh process per file: it caches time zones per process). Each reader returns, per file, the METHOD and per
VEVENT the UID, SEQUENCE, start and end in UTC (``2022-10-20T08:00:00Z``) and the attendees.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clustermeet.agenda.loading import load_agenda
from clustermeet.cli import app
from clustermeet.invites.content import event_key, make_uid

ROOT = Path(__file__).resolve().parent.parent  # tests/ is one level below the repository
FIXTURES = ROOT / "tests" / "fixtures" / "ics"
JS_DIR = ROOT / "tests" / "js"
TOOLS = ROOT / "tests" / "tools"
SYSTEM_PYTHON = Path("/usr/bin/python3")
NOW = "2022-10-01T09:00:00Z"

# agenda, assignments CSV (or None), folder the agenda comes from
AGENDAS: dict[str, tuple[Path, Path | None]] = {
    "go-cluster-2022": (ROOT / "agendas" / "go-cluster-2022.yaml", FIXTURES / "go-cluster-2022-assignments.csv"),
    "lord-howe-2023": (FIXTURES / "lord-howe-2023.yaml", FIXTURES / "lord-howe-2023-assignments.csv"),
    "kolkata-2024": (FIXTURES / "kolkata-2024.yaml", FIXTURES / "kolkata-2024-assignments.csv"),
    "berlin-dst-2022": (FIXTURES / "berlin-dst-2022.yaml", None),
    "new-york-fold": (FIXTURES / "new-york-fold.yaml", None),
    "crew-2024": (FIXTURES / "crew-2024.yaml", None),
}
#: per agenda, the people called before the show and how long before its first item (the runsheet's tech check
#: for the crew every day, check-in for everyone with a part on the days they have one, by day number): their
#: invites start then
CALLED: dict[str, dict[str, timedelta | dict[int, timedelta]]] = {
    "go-cluster-2022": {
        "t.brunner@go-cluster.example.org": timedelta(minutes=30),
        **dict.fromkeys(
            [
                "k.vogel@go-cluster.example.org",
                "s.kraft@go-cluster.example.org",
                "m.demir@go-cluster.example.org",
                "m.lindqvist@go-cluster.example.org",
            ],
            timedelta(minutes=15),
        ),
    },
    "crew-2024": {
        "hana@crew.example.jp": timedelta(minutes=30),
        "sam@crew.example.com": {2: timedelta(minutes=15)},  # speaks on day 2 only
        "fay@crew.example.org": {1: timedelta(minutes=15)},  # facilitates on day 1 only
    },
}


def copy_agenda(name: str, folder: Path) -> tuple[Path, Path | None]:
    """Copy an agenda (and its participants CSV) into ``folder``, so its state file lands there."""
    source, assignments = AGENDAS[name]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copy(source, target)
    for csv in source.parent.glob(source.stem + "-teilnehmende.csv"):
        shutil.copy(csv, folder / csv.name)
    return target, assignments


def run(args: list[str], code: int = 0) -> str:
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


@dataclass
class Generated:
    name: str
    agenda: Path
    feed: Path
    folder: Path

    @property
    def personal(self) -> list[Path]:
        return sorted(self.folder.glob("*.ics"))


def generate(name: str, folder: Path, *extra: str) -> Generated:
    agenda, assignments = copy_agenda(name, folder)
    feed, personal = folder / "feed.ics", folder / "invites"
    args = ["ics", str(agenda), "--output", str(feed), "--per-person", str(personal), "--now", NOW, *extra]
    if assignments is not None:
        args += ["--assignments", str(assignments)]
    run(args)
    return Generated(name, agenda, feed, personal)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_feed(agenda: Path) -> dict[str, tuple[str, str]]:
    """UID -> (start, end) in UTC, straight from the schedule: every item except blocks that have rooms."""
    schedule = load_agenda(agenda).schedule
    key = event_key(schedule.agenda)
    parents = {i.parent for i in schedule.items}
    return {
        make_uid("feed", key, item.segment_id, item.room or ""): (_utc(item.start), _utc(item.end))
        for item in schedule.items
        if item.id not in parents
    }


def invited(agenda: Path) -> list[str]:
    """Who gets a personal invite: the participants, then the agenda's people with an address; once each."""
    loaded = load_agenda(agenda)
    emails = [p.email for p in loaded.participants.participants] if loaded.participants else []
    emails += [p.email for p in loaded.agenda.people if p.email]
    once: dict[str, str] = {}
    for email in emails:
        once.setdefault(email.lower(), email)
    return list(once.values())


def expected_personal(
    agenda: Path, emails: list[str], called: dict[str, timedelta | dict[int, timedelta]] | None = None
) -> dict[str, tuple[str, str, str]]:
    """UID -> (start, end, e-mail): the first start and last end of each event day, per person; the start that
    much earlier for someone ``called`` before the show."""
    loaded = load_agenda(agenda)
    schedule = loaded.schedule
    key = event_key(schedule.agenda)
    days: dict[int, list[Any]] = {}
    for item in schedule.segments:
        number = schedule.agenda.event.days.index(schedule.local(item.start).date()) + 1
        days.setdefault(number, []).append(item)
    found = {}
    for email in emails:
        for number, items in days.items():
            start, end = min(i.start for i in items), max(i.end for i in items)
            lead = (called or {}).get(email.lower(), timedelta(0))
            start -= lead if isinstance(lead, timedelta) else lead.get(number, timedelta(0))
            found[make_uid("invite", key, email.lower(), str(number))] = (_utc(start), _utc(end), email)
    return found


# --- parsers ------------------------------------------------------------------------------------------------------


def read_icalendar(paths: list[Path]) -> list[dict[str, Any]]:
    from icalendar import Calendar

    out = []
    for path in paths:
        calendar = Calendar.from_ical(path.read_bytes())
        events = [
            {
                "uid": str(event["UID"]),
                "sequence": int(event.get("SEQUENCE", 0)),
                "start": _utc(event.decoded("DTSTART")),
                "end": _utc(event.decoded("DTEND")),
                "attendees": [str(a) for a in _as_list(event.get("ATTENDEE"))],
            }
            for event in calendar.walk("VEVENT")
        ]
        out.append({"file": str(path), "method": str(calendar.get("METHOD")), "events": events})
    return out


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@cache
def icaljs_missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (JS_DIR / "node_modules" / "ical.js").is_dir():
        return "ical.js is not installed: run `npm ci --prefix tests/js` (done by .ci/run)"
    return None


def read_icaljs(paths: list[Path]) -> list[dict[str, Any]]:
    done = subprocess.run(
        ["node", str(JS_DIR / "instants.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


@cache
def libical_missing() -> str | None:
    if not SYSTEM_PYTHON.exists():
        return "no /usr/bin/python3 for libical's bindings"
    probe = subprocess.run(
        [
            str(SYSTEM_PYTHON),
            "-c",
            "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib",
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        return "libical bindings missing: apt-get install gir1.2-ical-3.0 python3-gi (done by .ci/run)"
    return None


def read_libical(paths: list[Path]) -> list[dict[str, Any]]:
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(TOOLS / "libical_instants.py"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def read_vobject(paths: list[Path]) -> list[dict[str, Any]]:
    """vobject keeps the first definition of each TZID per process: files are read in one process only when their
    VTIMEZONE blocks are byte-identical (then the cache cannot matter), otherwise each in a fresh one."""
    groups: dict[bytes, list[Path]] = {}
    for path in paths:
        data = path.read_bytes()
        zones = b"".join(re.findall(rb"BEGIN:VTIMEZONE.*?END:VTIMEZONE", data, flags=re.DOTALL))
        groups.setdefault(zones, []).append(path)

    def batch(group: list[Path]) -> list[dict[str, Any]]:
        done = subprocess.run(
            [sys.executable, str(TOOLS / "vobject_instants.py"), *map(str, group)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        documents: list[dict[str, Any]] = json.loads(done.stdout)
        return documents

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [d for documents in pool.map(batch, groups.values()) for d in documents]
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(results, key=lambda d: order[d["file"]])


def _always() -> str | None:
    return None


PARSERS = {
    "icalendar": (_always, read_icalendar),
    "ical.js": (icaljs_missing, read_icaljs),
    "libical": (libical_missing, read_libical),
    "vobject": (_always, read_vobject),
}


def parser_params() -> list[Any]:
    params = []
    for name, (missing, _reader) in PARSERS.items():
        reason = missing()
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def read_with(parser: str, paths: list[Path]) -> list[dict[str, Any]]:
    return PARSERS[parser][1](paths)


def personal_invites(agenda_text: str, assignments: str, folder: Path) -> dict[str, str]:
    """`ics --per-person` for an agenda and assignments CSV given as text: each invite's unfolded text by file name."""
    agenda = folder / "agenda.yaml"
    agenda.write_text(agenda_text, encoding="utf-8")
    (folder / "a.csv").write_text(assignments, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["ics", str(agenda), "--assignments", str(folder / "a.csv"), "--per-person", str(folder / "inv")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return {
        p.name: p.read_bytes().decode("utf-8").replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",")
        for p in (folder / "inv").iterdir()
    }
