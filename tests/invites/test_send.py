"""``clustermeet send`` through a real SMTP server on loopback (aiosmtpd): what arrives, and only once."""

from __future__ import annotations

import json
import smtplib
import socket
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from ics_support import FIXTURES, NOW, copy_agenda, icaljs_missing, read_icaljs, run

from clustermeet.invites import smtp as mailer
from clustermeet.invites.message import OutgoingMail
from clustermeet.invites.send_log import SendLog, read_send_log, send_log_path_for

ASSIGNMENTS = FIXTURES / "go-cluster-2022-assignments.csv"
CREW = {"k.vogel@go-cluster.example.org", "t.brunner@go-cluster.example.org"}  # the demo's moderator and tech
PASSWORD = "s3cret-Pa55word!"


class Recorder:
    """Keeps every accepted message; refuses DATA with a 451 once ``fail_after`` messages were accepted."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.fail_after: int | None = None
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "451 4.3.0 Mailbox busy, try again later"
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        login, password = data.login.decode(), data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=password == PASSWORD)

    def recipients(self) -> Counter[str]:
        return Counter(r.lower() for _sender, rcpts, _data in self.messages for r in rcpts)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = _free_port()
    controller = Controller(
        recorder, hostname="127.0.0.1", port=port, authenticator=recorder.authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def _send(agenda: Path, port: int, *extra: str, code: int = 0, assignments: Path = ASSIGNMENTS) -> str:
    args = ["send", str(agenda), "--assignments", str(assignments), "--smtp-host", "127.0.0.1",
            "--smtp-port", str(port), "--now", NOW, *extra]  # fmt: skip
    return run(args, code)


def _parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_one_message_per_participant_with_the_invite(tmp_path: Path, smtp: tuple[Recorder, int]) -> None:
    recorder, port = smtp
    agenda, _ = copy_agenda("go-cluster-2022", tmp_path)
    out = _send(agenda, port)
    assert "65 Nachricht(en) gesendet (65 neu)" in out  # 60 participants, 5 of the crew with an address
    assert len(recorder.messages) == 65
    assert set(recorder.recipients().values()) == {1}
    calendars = []
    for sender, rcpts, data in recorder.messages:
        assert sender == "team@go-cluster.example.org"
        message = _parse(data)
        assert message["To"].addresses[0].addr_spec == rcpts[0]
        assert message["From"].addresses[0].addr_spec == "team@go-cluster.example.org"
        assert message["Subject"].startswith("Einladung: 3. Virtuelles Clustertreffen")
        assert message.get_content_type() == "multipart/mixed"
        alternative, attachment = message.get_payload()
        assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/html", "text/calendar"]
        calendar_part = alternative.get_payload()[2]
        assert calendar_part.get_param("method") == "REQUEST"
        assert calendar_part.get_param("charset") == "UTF-8"
        assert attachment.get_filename() == "invite.ics"
        ics = calendar_part.get_payload(decode=True)
        assert ics == attachment.get_payload(decode=True)
        assert b"\r\nMETHOD:REQUEST\r\n" in ics
        assert f"mailto:{rcpts[0]}".encode() in ics.replace(b"\r\n ", b"")
        if rcpts[0] not in CREW:  # the moderator and the tech run the breakout block rather than sit in a room
            assert "Ihr Raum" in alternative.get_payload()[0].get_content()
        calendars.append(ics)
    if icaljs_missing() is None:  # the mailed calendars, read by Thunderbird's parser
        paths = []
        for index, ics in enumerate(calendars):
            path = tmp_path / f"mail-{index}.ics"
            path.write_bytes(ics)
            paths.append(path)
        documents = read_icaljs(paths)
        # 10:00 Berlin; the moderator and facilitators at the check-in, the tech at the tech check
        assert Counter(d["events"][0]["start"] for d in documents) == {
            "2022-10-20T08:00:00Z": 60, "2022-10-20T07:45:00Z": 4, "2022-10-20T07:30:00Z": 1
        }  # fmt: skip
    # a second run sends nothing: everybody has this invite
    out = _send(agenda, port)
    assert "0 Nachricht(en) gesendet" in out and "65 Einladung(en) wurden schon gesendet" in out
    assert len(recorder.messages) == 65


def test_server_failure_then_resume_sends_nobody_twice(tmp_path: Path, smtp: tuple[Recorder, int]) -> None:
    recorder, port = smtp
    agenda, _ = copy_agenda("go-cluster-2022", tmp_path)
    recorder.fail_after = 10
    out = _send(agenda, port, code=1)
    assert len(recorder.messages) == 10
    assert out.count("fehlgeschlagen: ") == 55 and "451" in out
    recorder.fail_after = None
    out = _send(agenda, port)
    assert "55 Nachricht(en) gesendet" in out
    assert len(recorder.messages) == 65
    assert set(recorder.recipients().values()) == {1}


def test_interrupt_resumes_and_leaves_the_uncertain_one_alone(
    tmp_path: Path, smtp: tuple[Recorder, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, port = smtp
    agenda, _ = copy_agenda("go-cluster-2022", tmp_path)
    real_send = mailer.SmtpTransport.send
    calls = 0

    def interrupting(self: mailer.SmtpTransport, sender: str, recipient: str, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 7:
            raise KeyboardInterrupt  # Ctrl-C while the 7th message is on its way
        real_send(self, sender, recipient, data)

    monkeypatch.setattr(mailer.SmtpTransport, "send", interrupting)
    out = _send(agenda, port, code=130)
    assert "interrupted" in out
    assert len(recorder.messages) == 6
    monkeypatch.setattr(mailer.SmtpTransport, "send", real_send)
    out = _send(agenda, port, code=1)
    assert "58 Nachricht(en) gesendet" in out
    assert out.count("unklar, ob zugestellt: ") == 1
    assert len(recorder.messages) == 64
    out = _send(agenda, port, "--resend-uncertain")
    assert "1 Nachricht(en) gesendet" in out
    assert set(recorder.recipients().values()) == {1}
    assert len(recorder.recipients()) == 65


def test_later_run_sends_only_updates_and_cancellations(tmp_path: Path, smtp: tuple[Recorder, int]) -> None:
    recorder, port = smtp
    agenda, _ = copy_agenda("go-cluster-2022", tmp_path)
    _send(agenda, port)
    csv = agenda.with_name("go-cluster-2022-teilnehmende.csv")
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    gone = lines.pop(1)  # Anna Albrecht leaves
    csv.write_text("".join(lines), encoding="utf-8")
    kept = tmp_path / "assignments.csv"
    kept.write_text(
        "".join(line for line in ASSIGNMENTS.read_text(encoding="utf-8").splitlines(keepends=True)
                if not line.startswith("anna.albrecht")),
        encoding="utf-8",
    )  # fmt: skip
    text = agenda.read_text(encoding="utf-8")
    agenda.write_text(text.replace("title: Neue Geschäfts- und Erlösmodelle entwickeln", "title: Neue Erlösmodelle"),
                      encoding="utf-8")  # fmt: skip
    in_room = [
        line.split(",")[0] for line in kept.read_text(encoding="utf-8").splitlines() if "geschaeftsmodelle" in line
    ]
    before = len(recorder.messages)
    out = _send(agenda, port, "--now", "2022-10-05T08:00:00Z", assignments=kept)
    new = recorder.messages[before:]
    subjects = Counter(_parse(data)["Subject"].split(":")[0] for _s, _r, data in new)
    assert subjects == {"Aktualisiert": len(in_room) + 1, "Abgesagt": 1}  # and the room's facilitator
    cancel = next(data for _s, rcpts, data in new if rcpts == [gone.split(",")[1]])
    alternative, _attachment = _parse(cancel).get_payload()
    calendar_part = alternative.get_payload()[2]
    assert calendar_part.get_param("method") == "CANCEL"
    ics = calendar_part.get_payload(decode=True)
    assert b"STATUS:CANCELLED" in ics and b"SEQUENCE:1" in ics
    assert f"{len(in_room) + 2} Nachricht(en) gesendet" in out


def test_password_only_from_the_environment_and_never_shown(
    tmp_path: Path, smtp: tuple[Recorder, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, port = smtp
    agenda, _ = copy_agenda("go-cluster-2022", tmp_path)
    monkeypatch.setenv("CLUSTERMEET_SMTP_PASSWORD", PASSWORD)
    out = _send(agenda, port, "--smtp-user", "mailer", "--json")
    assert recorder.logins == [("mailer", PASSWORD)]
    assert len(json.loads(out)["sent"]) == 65
    assert PASSWORD not in out
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    monkeypatch.setenv("CLUSTERMEET_SMTP_PASSWORD", "wrong")
    out = run(["send", str(agenda), "--assignments", str(ASSIGNMENTS), "--smtp-host", "127.0.0.1",
               "--smtp-port", str(port), "--smtp-user", "mailer", "--now", "2022-10-06T00:00:00Z",
               "--resend-uncertain"], 0)  # fmt: skip
    assert "wrong" not in out  # nothing to send, so no login was even tried


def test_password_refused_over_plaintext_to_a_remote_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    monkeypatch.setenv("CLUSTERMEET_SMTP_PASSWORD", PASSWORD)
    out = run(["send", str(agenda), "--smtp-host", "mail.example.org"], 2)
    assert "refusing to send the SMTP password over an unencrypted connection" in out
    assert PASSWORD not in out
    assert "not both" in run(["send", str(agenda), "--starttls", "--ssl", "--smtp-host", "x"], 2)


def test_dry_run_writes_eml_files_and_sends_nothing(tmp_path: Path, smtp: tuple[Recorder, int]) -> None:
    recorder, port = smtp
    agenda, _ = copy_agenda("go-cluster-2022", tmp_path)
    outbox = tmp_path / "outbox"
    out = _send(agenda, port, "--dry-run", str(outbox))
    assert "65 Nachricht(en) nach" in out and "nichts wurde gesendet" in out
    assert recorder.messages == []
    assert not send_log_path_for(agenda).exists()
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 65
    first = {p.name: p.read_bytes() for p in files}
    _send(agenda, port, "--dry-run", str(outbox))  # same input, same bytes
    assert {p.name: p.read_bytes() for p in sorted(outbox.glob("*.eml"))} == first
    message = _parse(files[0].read_bytes())
    assert message["Message-ID"] and message["Date"] == "Sat, 01 Oct 2022 09:00:00 +0000"


def test_without_host_messages_go_to_the_outbox(tmp_path: Path) -> None:
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    out = run(["send", str(agenda), "--now", NOW, "--json"])
    report = json.loads(out)
    assert report["dry_run"] == str(tmp_path / "new-york-fold-outbox")
    assert [w["email"] for w in report["written"]] == ["ray@example.com"]


# --- units: the send log and the pacing -----------------------------------------------------------------------------


def test_send_log_survives_a_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    log = SendLog(path)
    log.append("u#0#REQUEST", "a@x.org", "attempt", datetime(2022, 10, 1, tzinfo=UTC))
    log.append("u#0#REQUEST", "a@x.org", "sent", datetime(2022, 10, 1, tzinfo=UTC))
    log.append("v#0#REQUEST", "b@x.org", "attempt", datetime(2022, 10, 1, tzinfo=UTC))
    log.close()
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"key": "w#0#REQUEST", "sta')  # power loss mid-line
    history = read_send_log(path)
    assert history.sent == {"u#0#REQUEST"} and history.uncertain == {"v#0#REQUEST"}
    log = SendLog(path)
    assert log.history.uncertain == {"v#0#REQUEST"}
    log.append("v#0#REQUEST", "b@x.org", "sent", datetime(2022, 10, 1, tzinfo=UTC))
    log.close()
    assert read_send_log(path).sent == {"u#0#REQUEST", "v#0#REQUEST"}


def test_rate_spaces_messages_without_a_wall_clock(tmp_path: Path) -> None:
    clock = [0.0]
    sleeps: list[float] = []
    delivered: list[str] = []

    class Fake:
        def send(self, sender: str, recipient: str, data: bytes) -> None:
            clock[0] += 0.5  # each message takes half a second
            delivered.append(recipient)

        def close(self) -> None:
            pass

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    mails = [
        OutgoingMail(f"k{i}#0#REQUEST", "k", "new", "o@x.org", f"p{i}@x.org", "P", "p.eml", b"x") for i in range(4)
    ]
    log = SendLog(tmp_path / "log.jsonl")
    result = mailer.deliver(
        mails, Fake(), log, lambda: datetime(2022, 10, 1, tzinfo=UTC), per_minute=30, sleep=sleep,
        monotonic=lambda: clock[0],
    )  # fmt: skip
    log.close()
    assert len(result.sent) == 4 and delivered == [m.recipient for m in mails]
    assert sleeps == [1.5, 1.5, 1.5]  # 2 s apart: 60/30


def test_refused_login_names_the_user_option_and_the_variable(
    tmp_path: Path, smtp: tuple[Recorder, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder, port = smtp
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    monkeypatch.setenv("CLUSTERMEET_SMTP_PASSWORD", "wrong")

    def refuse(self: smtplib.SMTP, user: str, password: str) -> None:
        raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid")

    monkeypatch.setattr(smtplib.SMTP, "login", refuse)  # aiosmtpd makes smtplib wait out its timeout instead
    out = run(["send", str(agenda), "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-user", "mailer",
               "--now", NOW], 2)  # fmt: skip
    assert f"error: SMTP login to 127.0.0.1:{port} as mailer was refused (535)" in out
    assert "hint: check --smtp-user and CLUSTERMEET_SMTP_PASSWORD" in out
    assert "wrong" not in out and recorder.messages == []
