"""``clustermeet ics``: content of the feed and the personal invites, updates and cancellations, golden files."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from ics_support import FIXTURES, NOW, ROOT, copy_agenda, expected_personal, generate, invited, read_icalendar, run

from clustermeet.invites.state import state_path_for

GOLDEN = ROOT / "tests" / "golden" / "ics"
DEMO_ASSIGNMENTS = FIXTURES / "go-cluster-2022-assignments.csv"


def _unfold(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} missing: run UPDATE_GOLDEN=1 pytest tests/invites/test_ics.py"
    assert data == path.read_bytes(), f"{name} differs from the golden file; UPDATE_GOLDEN=1 if intended"


def test_golden_feed_and_invite(tmp_path: Path) -> None:
    files = generate("go-cluster-2022", tmp_path)
    _check_golden("go-cluster-2022-feed.ics", files.feed.read_bytes())
    anna = next(p for p in files.personal if p.name.startswith("Anna-Albrecht-"))
    _check_golden("go-cluster-2022-anna-albrecht.ics", anna.read_bytes())


def test_every_line_is_crlf_and_at_most_75_octets(tmp_path: Path) -> None:
    files = generate("go-cluster-2022", tmp_path)
    for path in [files.feed, *files.personal]:
        data = path.read_bytes()
        assert data.endswith(b"\r\n")
        lines = data[:-2].split(b"\r\n")
        assert all(b"\n" not in line and len(line) <= 75 for line in lines), path
        for line in lines:
            line.decode("utf-8")  # no fold splits a UTF-8 character


def test_feed_content(tmp_path: Path) -> None:
    files = generate("go-cluster-2022", tmp_path)
    text = _unfold(files.feed.read_bytes())
    assert "METHOD:PUBLISH" in text
    assert "ATTENDEE" not in text
    assert "@example.org" not in text.replace("team@go-cluster.example.org", "")  # no attendee or crew addresses
    assert text.count("BEGIN:VEVENT") == 14  # 11 segments, the breakout block as its 3 rooms
    assert text.count('ORGANIZER;CN="Geschäftsstelle go-cluster":mailto:team@go-cluster.example.org') == 14
    assert "SUMMARY:Breakout-Sessions: Weiterbildung etablieren und Fachkräfte sichern" in text
    event = text.split("BEGIN:VEVENT")[2]  # the opening
    assert "Mit: Dr. Ole Janssen (Bundesministerium für Wirtschaft und Klimaschutz (BMWK))" in event
    for prop in ("LOCATION:", "URL:", "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Zoom:"):
        assert f"{prop}https://zoom.example.org/j/81234567890" in event
    assert "Teilnehmen: https://zoom.example.org/j/81234567890" in event
    assert "TRIGGER:-PT15M" in event
    pauses = [e for e in text.split("BEGIN:VEVENT")[1:] if "SUMMARY:Kaffeepause" in e]
    assert pauses and "VALARM" not in pauses[0]  # no reminder before a break


def test_personal_invite_content(tmp_path: Path) -> None:
    files = generate("go-cluster-2022", tmp_path)
    emails = invited(files.agenda)
    assert len(files.personal) == len(emails) == 65  # 60 participants, 5 of the crew with an address
    for path in files.personal:
        text = _unfold(path.read_bytes())
        assert text.count("BEGIN:VEVENT") == 1
        assert "METHOD:REQUEST" in text
        (attendee,) = re.findall(r"^ATTENDEE.*$", text, flags=re.MULTILINE)
        assert "PARTSTAT=NEEDS-ACTION" in attendee and "RSVP=TRUE" in attendee and "ROLE=REQ-PARTICIPANT" in attendee
        own = attendee.rsplit("mailto:", 1)[1].strip()
        others = [e for e in emails if e.lower() != own.lower()]
        assert not [e for e in others if e.lower() in text.lower()], f"{path.name} shows another attendee's address"
    anna = _unfold(next(p for p in files.personal if p.name.startswith("Anna-Albrecht-")).read_bytes())
    assert "Ihr Raum: Weiterbildung etablieren und Fachkräfte sichern (11:00–11:45)" in anna
    assert "Donnerstag\\, 20. Oktober 2022\\, 10:00–13:00 (Europe/Berlin)" in anna
    assert 'ATTENDEE;CN="Anna Albrecht"' in anna
    unplaced = [p for p in files.personal if "Ihr Raum wird noch mitgeteilt" in _unfold(p.read_bytes())]
    assert len(unplaced) == 2  # the fixture CSV leaves two people without a room


def test_file_names_are_safe_and_stable(tmp_path: Path) -> None:
    first = generate("lord-howe-2023", tmp_path / "a")
    second = generate("lord-howe-2023", tmp_path / "b")
    names = [p.name for p in first.personal]
    assert names == [p.name for p in second.personal]
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*\.ics", n) for n in names)
    assert any(n.startswith("Bob-O-Neil-") and n.endswith("-day2.ics") for n in names)
    # same bytes from the same input, in another folder with its own state
    assert _snapshot(first.folder) == _snapshot(second.folder)
    assert first.feed.read_bytes() == second.feed.read_bytes()


def test_feed_and_personal_uids_differ_and_english_text(tmp_path: Path) -> None:
    files = generate("kolkata-2024", tmp_path)
    feed = {e["uid"] for d in read_icalendar([files.feed]) for e in d["events"]}
    personal = {e["uid"] for d in read_icalendar(files.personal) for e in d["events"]}
    assert feed and personal and not feed & personal
    kavya = _unfold(next(p for p in files.personal if p.name.startswith("Kavya-")).read_bytes())
    assert "Your room: Round 1: Group 1 (11:00–11:15)" in kavya  # 30 minutes, two rounds
    assert "Your room: Round 2: Group 2 (11:15–11:30)" in kavya
    assert "Thursday\\, 18 July 2024" in kavya
    assert "Meeting ID: 555 000 111 · Passcode: rain" in kavya


def test_rerun_gives_identical_bytes_without_now(tmp_path: Path) -> None:
    files = generate("go-cluster-2022", tmp_path)
    before = _snapshot(tmp_path)
    out = run(
        ["ics", str(files.agenda), "-o", str(files.feed), "--per-person", str(files.folder),
         "--assignments", str(DEMO_ASSIGNMENTS)]
    )  # fmt: skip
    assert "0 neu, 0 geändert, 65 unverändert, 0 abgesagt" in out
    assert _snapshot(tmp_path) == before


def _events(path: Path) -> dict[str, dict[str, str]]:
    found = {}
    for block in _unfold(path.read_bytes()).split("BEGIN:VEVENT")[1:]:
        props = dict(re.findall(r"^(UID|SEQUENCE|DTSTAMP|SUMMARY|STATUS):(.*)\r$", block, flags=re.MULTILINE))
        found[props["UID"]] = props
    return found


def test_change_raises_sequence_only_where_changed_and_cancels_removed(tmp_path: Path) -> None:
    files = generate("lord-howe-2023", tmp_path)
    feed_before = _events(files.feed)
    personal_before = {p.name: _events(p) for p in files.personal}
    text = files.agenda.read_text(encoding="utf-8")
    text = text.replace("title: Seabirds", "title: Seabirds and shearwaters")  # one room of the block
    text = text.replace("  - {id: close, title: Closing, kind: closing, duration: 15m}\n", "")  # a segment goes
    text = text.replace('  - {name: "Chen, Li", email: li.chen@example.com}\n', "")  # a participant goes
    files.agenda.write_text(text, encoding="utf-8")
    csv = tmp_path / "assignments.csv"
    csv.write_text("email,name,block,room,rank\nada@example.org,Ada Lovelace,groups,reef,1\n"
                   "bob@example.net,Bob O'Neil,groups,birds,2\n", encoding="utf-8")  # fmt: skip
    later = "2022-10-05T12:00:00Z"
    out = run(["ics", str(files.agenda), "-o", str(files.feed), "--per-person", str(files.folder),
               "--assignments", str(csv), "--now", later, "--force", "--json"])  # fmt: skip
    report = json.loads(out)
    feed_after = _events(files.feed)
    changed = {uid for uid in feed_after if feed_after[uid] != feed_before[uid]}
    (birds,) = [uid for uid, e in feed_after.items() if "Seabirds" in e["SUMMARY"]]
    assert changed == {birds}
    assert feed_after[birds]["SEQUENCE"] == "1"
    assert feed_after[birds]["DTSTAMP"] == "20221005T120000Z"
    (closing,) = set(feed_before) - set(feed_after)
    cancel = files.feed.parent / "feed-cancel-close.ics"
    assert report["feed"]["cancel_files"] == [str(cancel)]
    cancelled = _events(cancel)[closing]
    assert (cancelled["STATUS"], cancelled["SEQUENCE"], cancelled["DTSTAMP"]) == ("CANCELLED", "1", "20221005T120000Z")
    assert b"METHOD:CANCEL" in cancel.read_bytes()
    # personal: day 2 changed for everybody (closing removed); day 1 only for Bob (his room's title)
    assert report["personal"] == {
        "folder": str(files.folder), "timezone": "Australia/Lord_Howe",
        "new": 0, "updated": 3, "unchanged": 1, "cancelled": 2, "cancelled-before": 0,
    }  # fmt: skip
    ada_day1 = next(n for n in personal_before if n.startswith("Ada-") and n.endswith("day1.ics"))
    assert _events(files.folder / ada_day1) == personal_before[ada_day1]
    chen = sorted(files.folder.glob("cancel-Chen-Li-*.ics"))
    assert len(chen) == 2
    for path in chen:
        data = _unfold(path.read_bytes())
        assert "METHOD:CANCEL" in data and "STATUS:CANCELLED" in data and "SEQUENCE:1" in data
        assert "mailto:li.chen@example.com" in data and "VALARM" not in data
    # nothing changed since: identical bytes, cancels included
    before = _snapshot(tmp_path)
    out = run(["ics", str(files.agenda), "-o", str(files.feed), "--per-person", str(files.folder),
               "--assignments", str(csv), "--now", "2022-10-09T00:00:00Z"])  # fmt: skip
    assert _snapshot(tmp_path) == before
    # the state file is documented JSON
    state = json.loads(state_path_for(files.agenda).read_text(encoding="utf-8"))
    assert state["format"] == 1 and set(state["events"]) == {"feed", "personal"}


def test_participant_back_after_cancel_gets_a_higher_sequence(tmp_path: Path) -> None:
    files = generate("new-york-fold", tmp_path)
    original = files.agenda.read_text(encoding="utf-8")
    files.agenda.write_text(original.replace("participants:\n  - {name: Ray Charles, email: ray@example.com}\n",
                                             "participants:\n  - {name: Nina Simone, email: nina@example.com}\n"),
                            encoding="utf-8")  # fmt: skip
    run(["ics", str(files.agenda), "--per-person", str(files.folder), "--now", "2022-10-02T00:00:00Z"])
    files.agenda.write_text(original, encoding="utf-8")
    run(["ics", str(files.agenda), "--per-person", str(files.folder), "--now", "2022-10-03T00:00:00Z", "--force"])
    ray = next(p for p in files.folder.glob("Ray-*.ics"))
    (event,) = _events(ray).values()
    assert event["SEQUENCE"] == "2" and event["DTSTAMP"] == "20221003T000000Z"


def test_existing_different_file_needs_force(tmp_path: Path) -> None:
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    target = tmp_path / "feed.ics"
    target.write_text("something else", encoding="utf-8")
    result = run(["ics", str(agenda), "-o", str(target), "--now", NOW], code=2)
    assert "exists already" in result and "--force" in result
    assert target.read_text(encoding="utf-8") == "something else"
    assert not state_path_for(agenda).exists()  # nothing issued when nothing was written


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("a@x.org,A,nope,reef,1", "assignments.csv:2: error: block: 'nope' is not a breakout segment"),
        ("a@x.org,A,groups,nope,1", "assignments.csv:2: error: room: 'nope' is not a room of block 'groups'"),
        ("\na@x.org,A,welcome,reef,", "assignments.csv:3: error: block: 'welcome' is not a breakout segment"),
    ],
)
def test_bad_assignments_name_file_and_line(tmp_path: Path, rows: str, message: str) -> None:
    agenda, _ = copy_agenda("lord-howe-2023", tmp_path)
    csv = tmp_path / "assignments.csv"
    csv.write_text(f"email,name,block,room,rank\n{rows}\n", encoding="utf-8")
    out = run(["ics", str(agenda), "--per-person", str(tmp_path / "inv"), "-a", str(csv)], code=1)
    assert message in out
    assert "Traceback" not in out


def test_usage_errors(tmp_path: Path) -> None:
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    assert "give --output FILE, --per-person DIR, or both" in run(["ics", str(agenda)], code=2)
    assert "has no offset" in run(["ics", str(agenda), "-o", str(tmp_path / "f.ics"), "--now", "2022-10-01"], code=2)
    state = state_path_for(agenda)
    state.write_text("{not json", encoding="utf-8")
    out = run(["ics", str(agenda), "-o", str(tmp_path / "f.ics")], code=1)
    assert f"{state}:1:2: error: damaged invite state: not JSON" in out


def test_expected_personal_helper_matches_days(tmp_path: Path) -> None:
    """Guards the test helper itself: two event days give two invites per person."""
    agenda, _ = copy_agenda("berlin-dst-2022", tmp_path)
    assert len(expected_personal(agenda, ["a@x.org"])) == 2
