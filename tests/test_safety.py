"""Regression tests of issue 11: one per case the issue found on main, each run as a user runs the command (a real
process), with its input as a fixture file where it is a file. The crash tests are in tests/invites/test_crashes.py
and tests/show/test_run_crashes.py, the hostile inputs in tests/test_adversarial.py."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safety_support import NOW, SAFETY, clean_failure, cli, crowd, digest, mail_server, start

from clustermeet.breakouts.assignments_file import parse_assignments_csv
from clustermeet.files import remove_stale_temps
from clustermeet.text import csv_text

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def _send(agenda: Path, port: int, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    return cli("send", agenda, "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--now", NOW, *extra)


# --- 1. a dry run changes nothing -------------------------------------------------------------------------------


def test_send_dry_run_leaves_state_and_log_byte_identical(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 4)
    files = [tmp_path / "crowd.invites.json", tmp_path / "crowd.sendlog.jsonl"]
    fresh = cli("send", agenda, "--dry-run", tmp_path / "outbox", "--now", NOW)
    assert fresh.returncode == 0, fresh.stderr
    assert digest(*files) == {"crowd.invites.json": "-", "crowd.sendlog.jsonl": "-"}  # nothing made
    with mail_server() as (box, port):
        assert _send(agenda, port).returncode == 0
        before = digest(*files)
        agenda.write_text(agenda.read_text(encoding="utf-8").replace("title: Talk", "title: Keynote"), "utf-8")
        later = "2025-05-02T09:00:00Z"
        dry = cli("send", agenda, "--dry-run", tmp_path / "outbox2", "--now", later)
        assert dry.returncode == 0, dry.stderr
        assert digest(*files) == before  # a preview of the update: no SEQUENCE raised on disk
        update = _send(agenda, port, "--now", later)
        assert update.returncode == 0 and "sent 4 message(s) (4 updated)" in update.stdout, update.stdout
        again = _send(agenda, port, "--now", later)
        assert again.returncode == 0 and "sent 0 message(s)" in again.stdout, again.stdout
    assert len(box.messages) == 8  # 4 invites, 4 updates: nothing twice


# --- 2./4. one writer at a time ---------------------------------------------------------------------------------


def test_two_sends_at_once_mail_nobody_twice(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 200)
    with mail_server() as (box, port):
        args = ["send", agenda, "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--now", NOW]
        first, second = start(*args), start(*args)
        results = [(p.wait(timeout=120), *p.communicate()) for p in (first, second)]
    codes = sorted(code for code, _out, _err in results)
    assert codes == [0, 2], results
    refused = next(err for code, _out, err in results if code == 2)
    assert "another clustermeet send is using" in refused and "(pid " in refused, refused
    assert len(box.messages) == 200
    assert set(box.recipients().values()) == {1}


def test_two_runs_on_one_show_log_the_second_exits_at_once(tmp_path: Path) -> None:
    agenda, log = crowd(tmp_path, 1), tmp_path / "show.jsonl"
    first = start("run", agenda, "--plain", "--speed", "60", "--log", log)
    try:
        for _ in range(200):  # at most 10 s until the first run holds the log
            if log.exists() and log.stat().st_size:
                break
            time.sleep(0.05)
        began = time.monotonic()
        second = cli("run", agenda, "--plain", "--speed", "60", "--log", log, timeout=30)
        assert time.monotonic() - began < 10
        lines = clean_failure(second, 2)
        assert lines[0] == f"error: another clustermeet run is using {log} (pid {first.pid})", lines
    finally:
        first.send_signal(signal.SIGINT)
        first.wait(timeout=30)
    report = cli("report", log)
    assert report.returncode == 0, report.stderr


def test_a_second_ics_per_person_waits_for_nobody_and_exits_2(tmp_path: Path) -> None:
    from clustermeet.files import WriterLock

    agenda = crowd(tmp_path, 2)
    lock = WriterLock(tmp_path / "crowd.invites.json", "send")
    try:
        result = cli("ics", agenda, "--per-person", tmp_path / "inv", "--now", NOW)
    finally:
        lock.release()
    assert clean_failure(result, 2)[0] == (
        f"error: another clustermeet send is using {tmp_path / 'crowd.invites.json'} (pid {os.getpid()})"
    )
    assert not (tmp_path / "inv").exists() or not list((tmp_path / "inv").iterdir())


def test_the_lock_message_names_a_holder_that_has_not_written_its_line_yet(tmp_path: Path) -> None:
    """The holder takes the lock, then writes ``<pid> <command>``: a second writer in between waits for the line
    (it printed "pid ?" under load) and, where a last holder's longer line is still there, reads only the new one."""
    import fcntl
    import threading

    from clustermeet.files import LockedError, WriterLock

    sidecar = tmp_path / "state.json.lock"
    sidecar.write_text("123456789 run\n")  # a finished holder's line
    fd = os.open(sidecar, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)  # the holder is about to write its own
    timer = threading.Timer(0.05, os.pwrite, (fd, b"4242 send\n", 0))
    timer.start()
    try:
        with pytest.raises(LockedError, match=r"another clustermeet send is using .* \(pid 4242\)"):
            WriterLock(tmp_path / "state.json", "send")
    finally:
        timer.join()
        os.close(fd)
    holder = WriterLock(tmp_path / "state.json", "ics")
    try:
        assert sidecar.read_text() == f"{os.getpid()} ics\n"
    finally:
        holder.release()


# --- 3. the assignments CSV: one address per cell ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("two-addresses.csv", "two-addresses.csv:2: error: email: 'eve@example.org, bob@example.org' is not"),
        ("crlf-in-cell.csv", "crlf-in-cell.csv:3: error: email: 'eve@example.org\\r\\nbob@example.org' is not"),
    ],
)
def test_an_assignments_cell_holds_one_address(tmp_path: Path, fixture: str, expected: str) -> None:
    agenda = crowd(tmp_path, 2, extra=("eve@example.org", "bob@example.org"))
    result = cli("ics", agenda, "--per-person", tmp_path / "inv", "-a", SAFETY / fixture, "--now", NOW)
    lines = clean_failure(result, 1)
    assert lines[0].startswith(f"{SAFETY}/{expected}"), lines
    assert not (tmp_path / "inv").exists() or not list((tmp_path / "inv").iterdir())


# --- neutralised cells read back ----------------------------------------------------------------------------------


@pytest.mark.parametrize("start_char", ["=", "+", "-", "@", "\t", "\r", "\n", "|", "%"])
def test_every_neutralised_prefix_reads_back_to_its_value(start_char: str) -> None:
    """Each prefix ``assign`` neutralises, in each cell; the address too where it makes one (``=x@y`` does)."""
    email = f"{start_char}1@example.org" if start_char in "=+-|%" else "p@example.org"
    cells = [email, f"{start_char}Name", f"{start_char}b", f"{start_char}r"]
    written = csv_text([["email", "name", "block", "room", "rank"], [*cells, "1"]])
    assert f"'{start_char}" in written  # neutralised on the way out
    placement = parse_assignments_csv(written, "a.csv")[0]
    assert [placement.email, placement.name, placement.block, placement.room] == [
        cells[0],
        *(c.strip() for c in cells[1:]),
    ]


def test_ics_reads_a_neutralised_address_back(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 1, extra=("=1+2@example.org",))
    result = cli("ics", agenda, "--per-person", tmp_path / "inv", "-a", SAFETY / "neutralised.csv", "--now", NOW)
    assert result.returncode == 0, result.stderr
    invites = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "inv").iterdir()}
    phantom = [n for n, text in invites.items() if "'=1+2@example.org" in text]
    assert not phantom
    assert any("mailto:=1+2@example.org" in text for text in invites.values())


# --- internationalised addresses ----------------------------------------------------------------------------------


def test_an_internationalised_address_validates_and_goes_out_where_the_server_takes_it(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 3, extra=("jörg@münchen.example", "joerg@münchen.example"))
    assert cli("validate", agenda).returncode == 0
    dry = cli("send", agenda, "--dry-run", tmp_path / "outbox", "--now", NOW)
    assert dry.returncode == 0, dry.stderr
    with mail_server(smtputf8=False) as (box, port):
        without = _send(agenda, port)
    assert without.returncode == 1
    assert "failed: jörg@münchen.example: the address needs SMTPUTF8 (RFC 6531)" in without.stderr
    assert sorted(box.recipients()) == [
        "joerg@xn--mnchen-3ya.example", "p0@example.org", "p1@example.org", "p2@example.org",
    ]  # fmt: skip
    with mail_server(smtputf8=True) as (box, port):
        retry = _send(agenda, port)
    assert retry.returncode == 0, retry.stderr
    assert list(box.recipients()) == ["jörg@xn--mnchen-3ya.example"]
    assert b"To: Extra 0 <j\xc3\xb6rg@xn--mnchen-3ya.example>" in box.messages[0][2]


# --- 5. outputs -----------------------------------------------------------------------------------------------------


def _specials(folder: Path) -> dict[str, Path]:
    fifo, link = folder / "pipe", folder / "link.md"
    os.mkfifo(fifo)
    link.symlink_to(folder / "elsewhere.md")
    (folder / "elsewhere.md").write_text("keep\n", encoding="utf-8")
    found = {"fifo": fifo, "symlink": link, "folder": folder / "sub"}
    (folder / "sub").mkdir()
    if os.geteuid() == 0 and Path("/dev/full").exists():
        found["device"] = Path("/dev/full")
    return found


def test_force_replaces_only_regular_files(tmp_path: Path) -> None:
    agenda = crowd(tmp_path / "a", 1)
    for kind, target in _specials(tmp_path).items():
        result = cli("schedule", agenda, "-f", "markdown", "-o", target, "--force", timeout=20)
        assert clean_failure(result, 2), kind
        assert any(w in result.stderr for w in ("not a regular file", "is a folder", "is a directory")), result.stderr
    assert (tmp_path / "elsewhere.md").read_text(encoding="utf-8") == "keep\n"
    assert (tmp_path / "link.md").is_symlink() and stat.S_ISFIFO((tmp_path / "pipe").lstat().st_mode)


def test_no_command_writes_over_its_own_input(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 1)
    before = digest(agenda)
    refusal = f"error: {agenda} is an input of this command; refusing to write over it"
    result = cli("schedule", agenda, "-f", "markdown", "-o", agenda, "--force")
    assert clean_failure(result, 2)[0] == refusal
    participants = tmp_path / "crowd.csv"
    kept = digest(participants)
    result = cli("assign", agenda, "-o", participants, "--force")
    assert (
        clean_failure(result, 2)[0] == f"error: {participants} is an input of this command; refusing to write over it"
    )
    result = cli("run", agenda, "--plain", "--speed", "100000", "--log", agenda)
    assert clean_failure(result, 2)[0] == refusal
    assert digest(agenda) == before and digest(participants) == kept


def test_temp_files_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", ""])  # a writer that has certainly exited
    child.wait()
    folder = tmp_path / "inv"
    folder.mkdir()
    stale = folder / f".a.ics.{child.pid}.x1y2z3.tmp"
    live = folder / f".a.ics.{os.getpid()}.x1y2z3.tmp"
    stale.write_bytes(b"half")
    live.write_bytes(b"mine")
    assert remove_stale_temps(folder) == 1
    assert not stale.exists() and live.exists()


def test_a_full_disk_during_ics_leaves_no_state_for_files_never_written(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 6)
    state = tmp_path / "crowd.invites.json"
    full = subprocess.run(  # the folder of invites on a "disk" that refuses the 4th file
        [sys.executable, "-c", _FULL_DISK.format(agenda=agenda, folder=tmp_path / "inv", now=NOW)],
        capture_output=True, text=True, cwd=Path(__file__).parent.parent, check=False, timeout=60,
    )  # fmt: skip
    assert full.returncode == 2 and "No space left on device" in full.stderr, full.stderr
    assert not state.exists()
    again = cli("ics", agenda, "--per-person", tmp_path / "inv", "--now", NOW)
    assert again.returncode == 0, again.stderr
    assert "6 new" in again.stdout, again.stdout
    assert len(list((tmp_path / "inv").glob("*.ics"))) == 6
    assert not list((tmp_path / "inv").glob(".*.tmp"))


_FULL_DISK = """
import errno, os, sys
from clustermeet import files
real, count = files._stage, [0]
def stage(path, content):
    count[0] += 1
    if count[0] == 4:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    return real(path, content)
files._stage = stage
sys.argv = ["clustermeet", "ics", "{agenda}", "--per-person", "{folder}", "--now", "{now}"]
from clustermeet.cli import main
main()
"""


# --- 6. bounded reads -----------------------------------------------------------------------------------------------


def test_validate_dev_zero_refuses_within_a_second() -> None:
    began = time.monotonic()
    result = cli("validate", "/dev/zero", timeout=20)
    assert time.monotonic() - began < 5  # a whole process; the read itself stops at 10 MiB + 1 byte
    clean_failure(result, 1)
    assert (
        "/dev/zero:1:1: error: file is larger than 10 MiB, the limit for this kind of file"
        in result.stdout.splitlines()
    )


def test_a_csv_field_over_the_csv_limit_is_located(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 1)
    big = tmp_path / "big.csv"
    big.write_text('email,name,block,room,rank\np0@example.org,"' + "x" * 140_000 + '",b,r,\n', encoding="utf-8")
    result = cli("ics", agenda, "--per-person", tmp_path / "inv", "-a", big, "--now", NOW)
    assert clean_failure(result, 1)[0].startswith(f"{big}:2: error: not a readable CSV file (field larger than")


# --- 7. trust: a participants file is never echoed unless it is a CSV header -----------------------------------


@pytest.mark.parametrize(
    "secret", ["https://ada:ghp_s3cr3tT0ken@github.com", "ghp_s3cr3tT0kenabcdefghijklmnopqrstuvwxyz", "AKIA1234,x9/y"]
)
def test_a_non_csv_participants_file_is_not_echoed(tmp_path: Path, secret: str) -> None:
    shutil.copy(SAFETY / "credentials-participants.yaml", tmp_path / "agenda.yaml")
    (tmp_path / "git-credentials").write_text(secret + "\n", encoding="utf-8")
    result = cli("validate", tmp_path / "agenda.yaml", "--format", "github")
    assert result.returncode == 1
    assert "s3cr3t" not in result.stdout + result.stderr and "AKIA" not in result.stdout + result.stderr
    assert "not a participants header" in result.stdout + result.stderr


def test_a_real_header_with_unknown_columns_is_still_named(tmp_path: Path) -> None:
    shutil.copy(SAFETY / "credentials-participants.yaml", tmp_path / "agenda.yaml")
    (tmp_path / "git-credentials").write_text(
        "Vorname,E-Mail-Adresse,Kommentar\nAda,a@example.org,x\n", encoding="utf-8"
    )
    result = cli("validate", tmp_path / "agenda.yaml")
    assert "git-credentials:1: warning: 1 column(s) not read: 'Kommentar'" in result.stdout, result.stdout


# --- damaged files between commands -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "line", "message"),
    [
        ("state-huge-sequence.json", 4, "sequence must be a whole number from 0 to 2147483647"),
        ("state-personal-list.json", 4, "events.personal: a section is an object of UIDs"),
    ],
)
def test_a_damaged_state_file_is_a_located_error(tmp_path: Path, fixture: str, line: int, message: str) -> None:
    agenda = crowd(tmp_path, 1)
    shutil.copy(SAFETY / fixture, tmp_path / "crowd.invites.json")
    result = cli("ics", agenda, "--per-person", tmp_path / "inv", "--now", NOW)
    first = clean_failure(result, 1)[0]
    assert first.startswith(f"{tmp_path / 'crowd.invites.json'}:{line}") and message in first, first


def test_a_show_log_with_a_jump_to_step_minus_5_is_a_located_error(tmp_path: Path) -> None:
    result = cli("report", SAFETY / "show-jump-minus-5.jsonl")
    assert clean_failure(result, 1)[0] == (
        f"{SAFETY / 'show-jump-minus-5.jsonl'}:2: error: damaged show log record: a jump to step -5, "
        "which the plan does not have"
    )


# --- 8. one line per problem, clean exits -------------------------------------------------------------------------


def test_a_url_with_a_line_break_after_a_valid_start_is_refused() -> None:
    result = cli("validate", SAFETY / "url-crlf.yaml")
    lines = clean_failure(result, 1)
    assert any("event.platform.url:" in line and "control character" in line for line in lines), lines


def test_a_nul_in_an_address_is_refused() -> None:
    result = cli("validate", SAFETY / "email-nul.yaml")
    lines = clean_failure(result, 1)
    assert any("organiser.email: 'alex\\x00@example.org' is not an e-mail address" in line for line in lines), lines


def test_a_line_break_in_a_file_name_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    forged = tmp_path / "x.yaml\n/etc/passwd:1:1: error: forged"
    forged.parent.mkdir(parents=True)
    forged.write_text("event: [\n", encoding="utf-8")
    result = cli("validate", forged)
    lines = clean_failure(result, 1)
    assert not any(line.startswith("/etc/passwd") for line in lines), lines
    assert any("x.yaml\\n/etc/passwd:1:1: error: forged:" in line for line in lines), lines


def _interpreter_start() -> float:
    """How long the bare interpreter takes to start (site included): before that no line of ours can run, and a
    Ctrl-C there is the interpreter's own to report."""
    times = []
    for _ in range(5):
        began = time.monotonic()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.monotonic() - began)
    return sorted(times)[2]


def test_ctrl_c_at_any_moment_is_one_line_and_130() -> None:
    """SIGINT at moments spread over the whole run, from the end of the interpreter's own start-up on."""
    script = Path(sys.executable).with_name("clustermeet")
    if not script.exists():
        pytest.skip("the clustermeet console script is not installed beside this interpreter")
    first = _interpreter_start()
    seen = set()
    for attempt in range(24):
        process = subprocess.Popen(
            [script, "validate", "agendas/go-cluster-2022.yaml"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent,
        )  # fmt: skip
        time.sleep(first + attempt * 0.008)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
        seen.add(process.returncode)
        assert "Traceback" not in err, (attempt, err)
        assert process.returncode in (0, 130, -signal.SIGINT), (attempt, process.returncode, err)
        if process.returncode == 130:  # one line for the interruption, after whatever was printed before it
            assert err.endswith("interrupted\n") and err.count("interrupted") == 1, (attempt, err)
            assert all(line.endswith("Warnungen") or line == "interrupted" for line in err.splitlines()), err
    assert 130 in seen


def test_a_ctrl_c_python_cannot_raise_still_ends_the_command() -> None:
    """A SIGINT inside a weakref callback (importlib's module locks, mid-import) is "unraisable": Python would print
    "Exception ignored in ..." with a traceback and go on. clustermeet's hook ends the command with 130."""
    code = (
        "import sys, weakref\n"
        "from clustermeet.__main__ import _unraisable\n"
        "sys.unraisablehook = _unraisable\n"
        "class A: pass\n"
        "def cb(_):\n    raise KeyboardInterrupt\n"
        "a = A(); r = weakref.ref(a, cb); del a\n"
        "print('went on')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "interrupted\n")


def test_a_ctrl_c_wrapped_by_python_is_still_an_interruption() -> None:
    """Python wraps a KeyboardInterrupt raised in ``__set_name__`` (while pydantic builds a class, mid-import) into
    a RuntimeError: that is an interruption (130), not an internal error."""
    code = (
        "import sys\n"
        "from clustermeet.cli import main\n"
        "class Setter:\n    def __set_name__(self, owner, name):\n        raise KeyboardInterrupt\n"
        "def boom():\n    class Late:\n        attribute = Setter()\n"
        "import clustermeet.cli as cli\n"
        "cli.app = boom\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False)
    assert (result.returncode, result.stderr) == (130, "interrupted\n"), result.stderr


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_bytes("event:\n  title: T\n".encode("utf-16"))
    lines = clean_failure(cli("validate", path), 1)
    assert f"{path}:1:1: error: the file is UTF-16 (byte order mark ff fe); save it as UTF-8" in lines


def test_a_bad_inline_participant_gives_no_union_error() -> None:
    result = cli("validate", SAFETY / "bad-inline-participant.yaml")
    lines = clean_failure(result, 1)
    assert not any("constrained-str" in line for line in lines), lines
    assert any("participants[0].email:" in line for line in lines), lines


def test_a_fifo_named_in_an_agenda_does_not_hang_the_command(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    agenda = crowd(tmp_path, 1)
    agenda.write_text(agenda.read_text(encoding="utf-8").replace("crowd.csv", "pipe.csv"), encoding="utf-8")
    lines = clean_failure(cli("validate", agenda, timeout=20), 1)
    assert any("pipe.csv:1: error: the file is empty" in line for line in lines), lines


def test_a_state_file_in_a_new_folder_is_made_as_before(tmp_path: Path) -> None:
    agenda = crowd(tmp_path, 1)
    state = tmp_path / "new" / "folder" / "state.json"
    result = cli("ics", agenda, "--per-person", tmp_path / "inv", "--state", state, "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert state.exists()
