"""Hostile and damaged inputs for every command that reads a file: each is refused with a located error or a clean
refusal (exit 1 or 2), one line per problem, no control character in any line, never a traceback.

Each case names the role its file plays (the agenda, its participants list, the assignments CSV, the invite state,
the send log, the show log, a frab schedule) and the bytes of that file; the other inputs are a small valid event.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from safety_support import NOW, crowd
from typer.testing import CliRunner

from clustermeet.cli import app

GOOD_EVENT = """\
event:
  title: T
  date: 2025-06-03
  timezone: Europe/Berlin
  organiser: {name: O, email: o@example.org}
  platform: {kind: jitsi, url: "https://meet.example.org/t"}
segments:
  - {id: hello, title: Hello, kind: welcome, start: "09:30", duration: 5m}
"""
HEADER = json.dumps(
    {"type": "show", "version": 1, "title": "T", "agenda": "a.yaml", "zone": "Europe/Berlin", "language": "en",
     "plan": "x", "speed": 1.0, "at": "2025-06-03T07:30:00+00:00",
     "steps": [{"key": "hello", "segment": "hello", "kind": "segment", "title": "Hello", "segment_title": "Hello",
                "planned_start": "2025-06-03T07:30:00+00:00", "planned_end": "2025-06-03T07:35:00+00:00",
                "fixed": True, "flexible": False, "min_duration": 0, "warn_before": 60, "auto_end": False,
                "part": 0, "parts": 1}]},
)  # fmt: skip
STATE_ENTRY = {
    "attendee_email": "p0@example.org", "attendee_name": "P", "cancelled": False, "digest": "d",
    "dtstamp": "2025-05-01T09:00:00Z", "end": "2025-06-03T08:20:00Z", "label": "P-1", "sequence": 0,
    "start": "2025-06-03T07:30:00Z", "summary": "S",
}  # fmt: skip
BIG = 131_073


def _agenda(**changes: str) -> bytes:
    text = GOOD_EVENT
    for old, new in changes.items():
        text = text.replace(old, new)
    return text.encode("utf-8")


def _state(**entry: object) -> bytes:
    record = {**STATE_ENTRY, **entry}
    return json.dumps({"events": {"personal": {"u@clustermeet": record}}, "format": 1}, indent=1).encode()


def _action(**fields: object) -> bytes:
    return (HEADER + "\n" + json.dumps({"type": "action", "action": "next", "at": "2025-06-03T07:31:00+00:00",
                                        **fields}) + "\n").encode()  # fmt: skip


ASSIGN_HEAD = b"email,name,block,room,rank\n"
PART_HEAD = b"name,email\n"

CASES: dict[str, tuple[str, bytes]] = {
    # the agenda (validate, schedule, runsheet, export)
    "agenda-utf16le": ("agenda", GOOD_EVENT.encode("utf-16-le").join([b"\xff\xfe", b""])),
    "agenda-utf16be": ("agenda", b"\xfe\xff" + GOOD_EVENT.encode("utf-16-be")),
    "agenda-utf32le": ("agenda", b"\xff\xfe\x00\x00" + GOOD_EVENT.encode("utf-32-le")),
    "agenda-utf32be": ("agenda", b"\x00\x00\xfe\xff" + GOOD_EVENT.encode("utf-32-be")),
    "agenda-nul": ("agenda", _agenda(**{"title: T": "title: T\x00x"})),
    "agenda-latin1": ("agenda", _agenda(**{"title: T": "title: Gr\xfc\xdfe"}).replace(b"\xc3\xbc", b"\xfc")),
    "agenda-too-big": ("agenda", b"#" * (10 * 1024 * 1024 + 1)),
    "agenda-url-space": ("agenda", _agenda(**{"meet.example.org/t": "meet.example.org/a b"})),
    "agenda-url-tab": ("agenda", _agenda(**{"meet.example.org/t": "meet.example.org/a\\tb"})),
    "agenda-url-crlf": ("agenda", _agenda(**{"meet.example.org/t": "meet.example.org/t\\r\\nX-Evil: 1"})),
    "agenda-url-javascript": ("agenda", _agenda(**{'"https://meet.example.org/t"': '"javascript:alert(1)"'})),
    "agenda-url-no-host": ("agenda", _agenda(**{"https://meet.example.org/t": "https:///t"})),
    "agenda-email-two": ("agenda", _agenda(**{"o@example.org": '"o@example.org, p@example.org"'})),
    "agenda-email-header-injection": ("agenda", _agenda(**{"o@example.org": '"o@example.org\\r\\nBcc: x@y.org"'})),
    "agenda-email-display-name": ("agenda", _agenda(**{"o@example.org": '"Boss <o@example.org>"'})),
    "agenda-email-bad-idna": ("agenda", _agenda(**{"o@example.org": "o@xn--zz.org"})),
    "agenda-email-long-local": ("agenda", _agenda(**{"o@example.org": "o" * 65 + "@example.org"})),
    "agenda-email-nul": ("agenda", _agenda(**{"o@example.org": '"o\\0@example.org"'})),
    "agenda-email-del": ("agenda", _agenda(**{"o@example.org": '"o\\x7f@example.org"'})),
    "agenda-email-localhost": ("agenda", _agenda(**{"o@example.org": "o@localhost"})),
    "agenda-key-with-newline": ("agenda", _agenda(**{"  title: T\n": '  title: T\n  "evil\\nkey": 1\n'})),
    "agenda-id-with-newline": ("agenda", _agenda(**{"id: hello": 'id: "hel\\nlo"'})),
    "agenda-participants-missing": ("agenda", GOOD_EVENT.encode() + b"participants: nowhere.csv\n"),
    "agenda-participants-folder": ("agenda", GOOD_EVENT.encode() + b"participants: .\n"),
    "agenda-participants-dev-zero": ("agenda", GOOD_EVENT.encode() + b"participants: /dev/zero\n"),
    "agenda-participants-bad-inline": ("agenda", GOOD_EVENT.encode() + b"participants: [{name: A, email: a}]\n"),
    # the participants list (validate reads it through the agenda)
    # UTF-16 is read since issue 13; one cut in the middle of a character is not
    "participants-utf16-cut": ("participants", "name,email\nA,a@example.org\n".encode("utf-16") + b"\x41"),
    "participants-binary": ("participants", b"PK\x03\x04\x00\x00binary"),
    "participants-credentials": ("participants", b"https://ada:ghp_token123@github.com\n"),
    "participants-two-addresses": ("participants", PART_HEAD + b'A,"a@example.org, b@example.org"\n'),
    "participants-nul-address": ("participants", PART_HEAD + b"A,a\\x00@example.org\n".replace(b"\\x00", b"\x00")),
    "participants-crlf-address": ("participants", PART_HEAD + b'A,"a@example.org\r\nb@example.org"\n'),
    "participants-huge-cell": ("participants", PART_HEAD + b'"' + b"x" * BIG + b'",a@example.org\n'),
    "participants-many-cells": ("participants", PART_HEAD + b"A,a@example.org" + b",x" * 1000 + b"\n"),
    "participants-formula": ("participants", PART_HEAD + b'A,=HYPERLINK("http://x")\n'),
    "participants-empty": ("participants", b""),
    # registration exports (issue 13): header search, title lines, wishes, a code page with a secret in it
    "participants-title-lines-only": ("participants", b"Registration Report\nReport Generated:,x\n\n" * 20),
    "participants-secret-cp1252": ("participants", "Schl\u00fcssel;ghp_token123\n".encode("cp1252") * 3),
    "participants-wish-flood": ("participants", b"name,email,preferences\nA,a@example.org," + b"x|" * 20_000 + b"\n"),
    "participants-header-only-extras": ("participants", b"Anmeldedatum;Bemerkung\n2025-01-01;hi\n"),
    # the assignments CSV (ics -a)
    "assignments-empty": ("assignments", b""),
    "assignments-wrong-header": ("assignments", b"mail,who\nx,y\n"),
    "assignments-utf16": ("assignments", (ASSIGN_HEAD + b"p0@example.org,P,b,r,\n").decode().encode("utf-16")),
    "assignments-binary": ("assignments", ASSIGN_HEAD + b"\x00\x01\x02"),
    "assignments-two-addresses": ("assignments", ASSIGN_HEAD + b'"p0@example.org,p1@example.org",P,b,r,\n'),
    "assignments-crlf": ("assignments", ASSIGN_HEAD + b'"p0@example.org\r\np1@example.org",P,b,r,\n'),
    "assignments-huge-cell": ("assignments", ASSIGN_HEAD + b'p0@example.org,"' + b"x" * BIG + b'",b,r,\n'),
    "assignments-negative-rank": ("assignments", ASSIGN_HEAD + b"p0@example.org,P,b,r,-1\n"),
    "assignments-float-rank": ("assignments", ASSIGN_HEAD + b"p0@example.org,P,b,r,1e9999\n"),
    "assignments-unknown-block": ("assignments", ASSIGN_HEAD + b"p0@example.org,P,nope,r,\n"),
    "assignments-unknown-room": ("assignments", ASSIGN_HEAD + b"p0@example.org,P,b,nope,\n"),
    "assignments-twice": ("assignments", ASSIGN_HEAD + b"p0@example.org,P,b,r,\np0@example.org,P,b,s,\n"),
    "assignments-formula": ("assignments", ASSIGN_HEAD + b'=HYPERLINK("http://x"),P,b,r,\n'),
    "assignments-no-block": ("assignments", ASSIGN_HEAD + b"p0@example.org,P,,r,\n"),
    # the invite state (ics)
    "state-not-json": ("state", b"{not json"),
    "state-array": ("state", b"[1, 2, 3]\n"),
    "state-format-2": ("state", b'{"events": {}, "format": 2}\n'),
    "state-events-list": ("state", b'{"events": [], "format": 1}\n'),
    "state-personal-list": ("state", b'{"events": {"personal": [1, 2, 3]}, "format": 1}\n'),
    "state-entry-text": ("state", b'{"events": {"personal": {"u": "x"}}, "format": 1}\n'),
    "state-sequence-huge": ("state", _state(sequence=10**30)),
    "state-sequence-negative": ("state", _state(sequence=-1)),
    "state-sequence-text": ("state", _state(sequence="1")),
    "state-sequence-bool": ("state", _state(sequence=True)),
    "state-dtstamp-bad": ("state", _state(dtstamp="yesterday")),
    "state-dtstamp-number": ("state", _state(dtstamp=5)),
    "state-digest-number": ("state", _state(digest=5)),
    "state-attendee-bad": ("state", _state(attendee_email="a@b.org\r\nBcc: c@d.org")),
    "state-cancelled-text": ("state", _state(cancelled="no")),
    "state-missing-field": ("state", _state(start=None).replace(b'"start": null,', b"")),
    "state-deep": ("state", b"[" * 100_000 + b"]" * 100_000),
    "state-utf16": ("state", '{"events": {}, "format": 1}'.encode("utf-16")),
    "state-latin1": ("state", b'{"events": {}, "format": 1, "x": "\xfc"}'),
    # the send log (send --dry-run plans from it)
    "sendlog-unknown-status": ("sendlog", b'{"key": "u#0#REQUEST", "status": "delivered"}\n'),
    "sendlog-key-number": ("sendlog", b'{"key": 5, "status": "sent"}\n'),
    "sendlog-key-shape": ("sendlog", b'{"key": "u", "status": "sent"}\n'),
    "sendlog-array": ("sendlog", b"[1, 2]\n"),
    "sendlog-utf16": ("sendlog", '{"key": "u#0#REQUEST", "status": "sent"}\n'.encode("utf-16")),
    # the show log (report, and run --log)
    "showlog-jump-minus-5": ("showlog", _action(action="jump", step=-5)),
    "showlog-jump-far": ("showlog", _action(action="jump", step=10**6)),
    "showlog-adjust-huge": ("showlog", _action(action="adjust", seconds=10**30)),
    "showlog-at-naive": ("showlog", _action(at="2025-06-03T07:31:00")),
    "showlog-at-text": ("showlog", _action(at="soon")),
    "showlog-unknown-action": ("showlog", _action(action="explode")),
    "showlog-version-2": ("showlog", HEADER.replace('"version": 1', '"version": 2').encode() + b"\n"),
    "showlog-steps-text": ("showlog", re.sub(r'"steps": \[.*\]', '"steps": "x"', HEADER).encode() + b"\n"),
    "showlog-action-first": ("showlog", b'{"type": "action", "action": "next", "at": "2025-06-03T07:31:00+00:00"}\n'),
    "showlog-no-type": ("showlog", HEADER.encode() + b'\n{"at": "2025-06-03T07:31:00+00:00"}\n'),
    "showlog-utf16": ("showlog", (HEADER + "\n").encode("utf-16")),
    "runlog-jump-minus-5": ("runlog", _action(action="jump", step=-5)),
    "runlog-at-naive": ("runlog", _action(at="2025-06-03T07:31:00")),
    # a frab schedule (import)
    "frab-utf16": ("frab", '<?xml version="1.0"?><schedule/>'.encode("utf-16")),
    "frab-entities": ("frab", b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa">]><schedule>&a;</schedule>'),
    "frab-binary": ("frab", b"\x89PNG\r\n\x1a\n\x00\x00"),
    "frab-json-deep": ("frab-json", b"[" * 100_000 + b"]" * 100_000),
}
SUFFIX = {"agenda": ".yaml", "participants": ".csv", "assignments": ".csv", "state": ".json", "sendlog": ".jsonl"}
SUFFIX |= {"showlog": ".jsonl", "runlog": ".jsonl", "frab": ".xml", "frab-json": ".json"}
PROBLEM_LINE = re.compile(r"^(\S.*?:\d+(:\d+)?: (error|warning): |error: |hint: |\d+ files? checked)")


def _command(role: str, file: Path, folder: Path) -> list[str]:
    agenda = crowd(folder / "event", 2)
    if role == "agenda":
        return ["validate", str(file)]
    if role == "participants":  # a list outside the agenda's folder is given on the command line (issue 11, item 7)
        return ["validate", str(agenda), "--participants", str(file)]
    if role == "assignments":
        return ["ics", str(agenda), "--per-person", str(folder / "inv"), "-a", str(file), "--now", NOW]
    if role == "state":
        return ["ics", str(agenda), "--per-person", str(folder / "inv"), "--state", str(file), "--now", NOW]
    if role == "sendlog":
        return ["send", str(agenda), "--dry-run", str(folder / "out"), "--send-log", str(file), "--now", NOW]
    if role == "showlog":
        return ["report", str(file)]
    if role == "runlog":
        return ["run", str(agenda), "--plain", "--speed", "100000", "--log", str(file)]
    return ["import", str(file)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_input_is_refused_cleanly(tmp_path: Path, case: str) -> None:
    role, content = CASES[case]
    file = tmp_path / f"input{SUFFIX[role]}"
    file.write_bytes(content)
    result = CliRunner().invoke(app, _command(role, file, tmp_path), catch_exceptions=False)
    output = result.stdout + result.stderr
    assert result.exit_code in (1, 2), (result.exit_code, output[-1500:])
    assert "Traceback" not in output and "internal error" not in output, output[-1500:]
    lines = output.splitlines()
    assert lines, "a refusal says why"
    for line in lines:
        assert line.isprintable(), repr(line)  # one problem, one line: nothing in it can start another
        assert PROBLEM_LINE.match(line), (case, line)
    assert "ghp_token123" not in output


def test_the_set_is_large_and_covers_every_reader() -> None:
    assert len(CASES) >= 60
    assert {role for role, _ in CASES.values()} >= {
        "agenda", "participants", "assignments", "state", "sendlog", "showlog", "runlog", "frab",
    }  # fmt: skip
