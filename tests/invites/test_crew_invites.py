"""Everyone on the call gets an invite: the agenda's people with an address, with their call time (as the runsheet
plans it), their own segments marked and their own time beside the event's; one invite per person, each carrying
only its recipient's address. The fixture is ``crew-2024`` (tests/fixtures/ics/crew-2024.yaml); the independent
parsers read its invites in test_ics_parsers.py (``CALLED``)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from ics_support import NOW, copy_agenda, generate, read_icalendar, run
from test_send import Recorder, smtp  # noqa: F401 (the aiosmtpd fixture)

from clustermeet.agenda.loading import load_agenda
from clustermeet.show.cues import Cue, CueKind, build_plan

HANA, SAM, FAY = "hana@crew.example.jp", "sam@crew.example.com", "fay@crew.example.org"
OLA, PER = "ola@example.se", "per@example.dk"
EVERYONE = {HANA, SAM, FAY, OLA, PER}  # Nia Berg has no address; Fay is a participant too


def _descriptions(folder: Path) -> dict[str, str]:
    """File name -> the DESCRIPTION of its one event, unescaped (icalendar)."""
    from icalendar import Calendar

    found = {}
    for path in sorted(folder.glob("*.ics")):
        (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        found[path.name] = str(event["DESCRIPTION"])
    return found


@pytest.fixture(scope="module")
def crew(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate("crew-2024", tmp_path_factory.mktemp("crew")).folder


def test_everyone_with_an_address_gets_one_invite_per_day(crew: Path) -> None:
    documents = read_icalendar(sorted(crew.glob("*.ics")))
    attendees = Counter(a.removeprefix("mailto:").lower() for d in documents for a in d["events"][0]["attendees"])
    assert attendees == dict.fromkeys(EVERYONE, 2)  # two days each; Fay (person and participant) once a day
    assert not list(crew.glob("Nia-*"))


def test_call_time_is_the_runsheets_and_the_invite_starts_then(crew: Path) -> None:
    loaded = load_agenda(crew.parent / "crew-2024.yaml")
    plan = build_plan(loaded.schedule, all_tracks=True)
    called: dict[CueKind, list[Cue]] = {CueKind.tech_check: [], CueKind.check_in: []}
    for cue in plan.cues:
        if cue.kind in called:
            called[cue.kind].append(cue)
    starts = {}
    for document in read_icalendar(sorted(crew.glob("*.ics"))):
        event = document["events"][0]
        starts.setdefault(event["attendees"][0].removeprefix("mailto:").lower(), []).append(event["start"])
    people = {p.id: p.email.lower() for p in loaded.agenda.people if p.email}
    for email in (HANA, SAM, FAY):
        person = next(k for k, v in people.items() if v == email)
        cues = called[CueKind.tech_check] if person == "hana" else called[CueKind.check_in]
        expected = [c.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for c in cues if person in c.people]
        show_starts = starts[PER]  # a participant's: the first item of each day
        assert sorted(s for s in starts[email] if s not in show_starts) == expected, email
    assert sorted(starts[HANA]) == ["2024-06-11T13:30:00Z", "2024-06-12T13:30:00Z"]  # 15:30 Berlin
    assert sorted(starts[PER]) == ["2024-06-11T14:00:00Z", "2024-06-12T14:00:00Z"]  # a participant: the show's start
    # a call only on the days with a part: Sam speaks on day 2, Fay facilitates on day 1
    assert sorted(starts[SAM]) == ["2024-06-11T14:00:00Z", "2024-06-12T13:45:00Z"]
    assert sorted(starts[FAY]) == ["2024-06-11T13:45:00Z", "2024-06-12T14:00:00Z"]
    text = _descriptions(crew)
    hana = next(v for k, v in text.items() if k.startswith("Hana-Sato-") and k.endswith("-day1.ics"))
    assert "Please be on the call at 15:30 (22:30): Tech check." in hana
    sam = next(v for k, v in text.items() if k.startswith("Sam-Rivera-") and k.endswith("-day2.ics"))
    assert "Please be on the call at 15:45 (09:45): Speakers' check-in." in sam
    sam_day1 = next(v for k, v in text.items() if k.startswith("Sam-Rivera-") and k.endswith("-day1.ics"))
    assert "Please be on the call" not in sam_day1


def test_own_segments_marked_and_own_time_beside_the_events(crew: Path) -> None:
    text = _descriptions(crew)

    def of(prefix: str, day: int) -> str:
        return next(v for k, v in text.items() if k.startswith(prefix) and k.endswith(f"-day{day}.ics"))

    hana = of("Hana-Sato-", 1)
    assert "Your time zone is Asia/Tokyo" in hana
    assert "Your time: Tuesday, 11 June 2024, 23:00–01:00 (Asia/Tokyo)" in hana
    assert "16:00–16:15 (23:00–23:15) Opening – Nia Berg ← your part" in hana
    assert hana.endswith("\n17:00–18:00 (00:00–01:00 +1) Late session")  # past midnight in Tokyo; not hers
    sam = of("Sam-Rivera-", 2)
    assert "16:00–16:30 (10:00–10:30) Keynote – Sam Rivera ← your part" in sam
    assert "← your part" not in of("Sam-Rivera-", 1)
    fay = of("Fay-Okafor-", 1)
    assert "16:15–17:00 Round tables ← your part\n    Your room: North table" in fay  # the room she facilitates
    assert "Your time" not in fay  # no zone of her own: event times only
    ola = of("Ola-Lind-", 1)  # a participant's zone, from the CSV's "Zeitzone" column
    assert "Your time: Wednesday, 12 June 2024, 00:00–02:00 (Australia/Sydney)" in ola
    assert "16:00–16:15 (00:00–00:15 +1) Opening – Nia Berg\n" in ola
    assert "Your room will be announced" in ola
    assert "Your room will be announced" not in hana  # the crew is not seated in a room


def test_each_invite_carries_only_its_recipients_address(crew: Path) -> None:
    for path in crew.glob("*.ics"):
        data = path.read_bytes().replace(b"\r\n ", b"").decode().lower()
        (own,) = set(re.findall(r"attendee;[^\r]*mailto:([^\r]+)", data))
        assert [e for e in EVERYONE - {own} if e in data] == [], path.name


def _parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_send_mails_the_crew_with_their_times(tmp_path: Path, smtp: tuple[Recorder, int]) -> None:  # noqa: F811
    recorder, port = smtp
    agenda, _ = copy_agenda("crew-2024", tmp_path)
    out = run(["send", str(agenda), "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--now", NOW])
    assert "sent 10 message(s) (10 new)" in out
    assert recorder.recipients() == dict.fromkeys(EVERYONE, 2)
    for _sender, rcpts, data in recorder.messages:
        text = data.decode("ascii").lower()
        assert [e for e in EVERYONE - {rcpts[0].lower()} if e in text] == []  # headers: only the recipient
        body = _parse(data).get_payload()[0].get_payload()[0].get_content()
        assert [e for e in EVERYONE - {rcpts[0].lower()} if e in body.lower()] == []
    hana = [_parse(d) for _s, r, d in recorder.messages if r == [HANA]]
    plain = hana[0].get_payload()[0].get_payload()[0].get_content()
    assert "Please be on the call at 15:30 (22:30): Tech check." in plain
    assert "16:00–16:15 (23:00–23:15) Opening – Nia Berg ← your part" in plain


def test_a_person_who_is_also_a_participant_is_one_recipient(tmp_path: Path) -> None:
    from clustermeet.invites.issuing import invitees

    agenda, _ = copy_agenda("crew-2024", tmp_path)
    recipients, _rooms = invitees(load_agenda(agenda), None)
    assert [(r.email, r.person_id, r.timezone) for r in recipients] == [
        ("fay@crew.example.org", "fay", None),  # the participant's place and address, the person's id
        ("ola@example.se", None, "Australia/Sydney"),
        ("per@example.dk", None, None),
        ("hana@crew.example.jp", "hana", "Asia/Tokyo"),
        ("sam@crew.example.com", "sam", "America/New_York"),
    ]
