"""The invites use cases called directly: their results are the commands' --json, and their errors name parameters
that cli turns into the flags and hints the commands always printed."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ics_support import NOW, ROOT, copy_agenda, run

from clustermeet.agenda.loading import load_agenda
from clustermeet.cli.output import flag
from clustermeet.errors import OptionError
from clustermeet.invites.issuing import NobodyToInviteError, issue_calendars, parse_now
from clustermeet.invites.sending import PlaintextPasswordError, SmtpServer, send_invites


def _json_with(folder: Path, text: str, other: Path) -> object:
    """``text`` (JSON) with the paths below ``other`` moved below ``folder``, to compare two runs."""
    return json.loads(text.replace(str(other), str(folder)))


def test_issue_calendars_result_is_the_json_report(tmp_path: Path) -> None:
    direct, _ = copy_agenda("go-cluster-2022", tmp_path / "direct")
    command, assignments = copy_agenda("go-cluster-2022", tmp_path / "command")
    assert assignments is not None
    result = issue_calendars(
        load_agenda(direct),
        feed=direct.parent / "feed.ics",
        per_person=direct.parent / "inv",
        assignments=assignments,
        now=NOW,
    )
    out = run(["ics", str(command), "-o", str(command.parent / "feed.ics"), "--per-person",
               str(command.parent / "inv"), "-a", str(assignments), "--now", NOW, "--json"])  # fmt: skip
    assert result.to_dict() == _json_with(direct.parent, out, command.parent)
    assert list(result.to_dict()) == ["state", "feed", "personal", "written"]
    assert result.personal is not None and result.personal.counts["new"] == 65
    assert result.feed is not None and result.feed.status == "new" and result.feed.cancel_files == []


def test_send_invites_without_a_server_writes_the_outbox(tmp_path: Path) -> None:
    direct, _ = copy_agenda("new-york-fold", tmp_path / "direct")
    command, _ = copy_agenda("new-york-fold", tmp_path / "command")
    result = send_invites(load_agenda(direct), now=NOW)
    assert result.ok and result.dry_run == direct.with_name(direct.stem + "-outbox")
    assert [m.recipient for m in result.written] == ["ray@example.com"] and result.sent == []
    out = run(["send", str(command), "--now", NOW, "--json"])
    assert result.to_dict(flag) == _json_with(direct.parent, out, command.parent)


def test_uncertain_messages_name_the_option_that_resends_them(tmp_path: Path) -> None:
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    loaded = load_agenda(agenda)
    result = send_invites(loaded, now=NOW)
    stopped = replace(result, dry_run=None, stopped_before=["ray@example.com"])
    assert not stopped.ok
    assert stopped.to_dict(flag)["uncertain"] == [
        {"email": "ray@example.com", "error": "a stopped run may have delivered it; --resend-uncertain sends it again"}
    ]
    entry = stopped.uncertain_entries(lambda option: f"<{option}>")[0]
    assert entry["error"].endswith("<resend_uncertain> sends it again")


@pytest.mark.parametrize(
    ("value", "problem", "hint"),
    [
        ("nonsense", "is not an ISO 8601 time", None),
        ("2022-10-01", "has no offset", "add Z or +02:00, e.g. 2022-10-01T09:00:00Z"),
        ("0001-01-01T00:00+14:00", "is not in the years 1900 to 2999", None),
    ],
)
def test_a_bad_now_is_an_option_error(value: str, problem: str, hint: str | None) -> None:
    with pytest.raises(OptionError) as caught:
        parse_now(value)
    assert (caught.value.option, caught.value.value, caught.value.problem, caught.value.hint) == (
        "now",
        value,
        problem,
        hint,
    )
    assert parse_now("2022-10-01T11:00:00.5+02:00") == datetime(2022, 10, 1, 9, tzinfo=UTC)


def test_bad_now_reads_as_before_on_the_command_line(tmp_path: Path) -> None:
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    out = run(["ics", str(agenda), "-o", str(tmp_path / "f.ics"), "--now", "nonsense"], code=2)
    assert "error: --now: 'nonsense' is not an ISO 8601 time\nhint: for example 2022-10-01T09:00:00Z" in out
    out = run(["send", str(agenda), "--now", "2022-10-01"], code=2)
    assert "error: --now: '2022-10-01' has no offset\nhint: add Z or +02:00, e.g. 2022-10-01T09:00:00Z" in out
    assert "error: --from: 'bad' is not an e-mail address" in run(["send", str(agenda), "--from", "bad"], code=2)


def test_nobody_to_invite_is_a_typed_error_with_the_old_hint(tmp_path: Path) -> None:
    agenda = tmp_path / "minimal.yaml"
    shutil.copy(ROOT / "agendas" / "minimal.yaml", agenda)
    with pytest.raises(NobodyToInviteError):
        issue_calendars(load_agenda(agenda), per_person=tmp_path / "inv", now=NOW)
    said = "error: nobody to invite: the agenda lists no participants and no one in people has an email\nhint: add"
    hint = f"{said} participants: to the agenda, an email to someone in people, or give --assignments FILE"
    assert hint in run(["ics", str(agenda), "--per-person", str(tmp_path / "inv")], code=2)
    assert hint in run(["send", str(agenda)], code=2)


def test_password_policy_lives_in_the_use_case(tmp_path: Path) -> None:
    agenda, _ = copy_agenda("new-york-fold", tmp_path)
    remote = SmtpServer("mail.example.org", password="secret")
    with pytest.raises(PlaintextPasswordError):
        send_invites(load_agenda(agenda), server=remote, now=NOW)
    assert not (tmp_path / "new-york-fold.invites.json").exists()  # refused before anything is written
