"""`clustermeet run --serve` against what a careless or hostile caller sends: paths and tokens that must reveal
nothing, values that are not numbers or text, a now-file that cannot be written, hooks that leave children behind."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pythonosc.udp_client import SimpleUDPClient

from clustermeet.show.serve.board import CommandError
from clustermeet.show.serve.hooks import QUEUE, Hooks, NowFile, run_hook
from clustermeet.show.serve.osc import handle
from clustermeet.show.serve.web import Hub
from tests.show.serve_support import CLUSTERMEET, DEMO, ROOT, Served, demo_board, get_status

CONTROL, CREW = "control-" + "x" * 16, "crew-" + "y" * 16
TOKENS = {"CLUSTERMEET_CONTROL_TOKEN": CONTROL, "CLUSTERMEET_CREW_TOKEN": CREW}


# --- 401 before anything else -------------------------------------------------------------------------------------


def test_without_the_token_every_path_answers_the_same_401(tmp_path: Path) -> None:
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02", env=TOKENS)
    paths = [
        "/room/weiterbildung",
        "/room/no-such-room",  # a room id that does not exist must not answer differently
        "/events?view=room&room=no-such-room",
        "/events?view=nonsense",
        "/api/state?view=room&room=no-such-room",
        "/api/state?view=stage",
        "/api/next",  # GET of a command: not a 405
        "/no/such/path",
        "/",
        "/static/show.css",
        "/static/nothing.js",
        "/favicon.ico",
    ]
    try:
        for path in paths:
            for query in ("", "token=wrong"):
                url = served.base + path + (("&" if "?" in path else "?") + query if query else "")
                status, body = get_status(url)
                assert (status, body) == (401, b"401 Unauthorized\n"), url
        for command in ("next", "fly"):  # an unknown command and a known one look alike
            assert served.reply(command) == (401, b"401 Unauthorized\n"), command
            assert served.reply(command, headers={"Authorization": f"Bearer {CREW}"})[0] == 401
        # with the token, the answers say what there is
        assert get_status(f"{served.base}/room/no-such-room?token={CREW}")[0] == 404
        assert get_status(f"{served.base}/api/state?view=nonsense&token={CREW}")[0] == 404
        assert get_status(f"{served.base}/static/show.css?token={CREW}")[0] == 200
        status, html = get_status(f"{served.base}/stage?token={CREW}")
        assert status == 200 and f"/static/show.js?token={CREW}".encode() in html  # its script loads too
        assert served.reply("fly", headers={"Authorization": f"Bearer {CONTROL}"})[0] == 404
    finally:
        served.stop()


# --- values that are not what a command takes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["inf", "-inf", "nan", "Infinity", "1e400", float("inf"), float("nan"), 10**400, "9" * 500, True, {}, []]
)
def test_adjust_refuses_what_is_not_a_finite_number(value: object) -> None:
    board, _clock, records = demo_board()
    with pytest.raises(CommandError, match="adjust"):
        board.command("adjust", value)
    assert not [r for r in records if r.get("action") == "adjust"]


def test_jump_takes_a_whole_float_and_refuses_a_fraction() -> None:
    board, _clock, _records = demo_board()
    board.command("jump", 2.0)  # Companion sends numbers as floats
    assert board.show.engine.index == 1
    board.command("jump", "3.0")
    assert board.show.engine.index == 2
    board.command("jump", 1)
    assert board.show.engine.index == 0
    for wrong in (2.5, "2.5", float("inf"), float("nan"), 0, 0.0, 10**400, True, {"value": 2}, [2], None):
        with pytest.raises(CommandError, match="jump"):
            board.command("jump", wrong)
    assert board.show.engine.index == 0


@pytest.mark.parametrize("value", [{"text": "hi"}, ["a", "b"], 42, 4.5, True, None, b"blob"])
def test_a_message_is_text_or_refused(value: object) -> None:
    board, _clock, _records = demo_board()
    with pytest.raises(CommandError, match="message"):
        board.command("message", value)
    assert board.views()["stage"]["message"] == ""


def test_a_damaged_message_record_never_shows_a_repr() -> None:
    board, _clock, _records = demo_board()
    board.restore([{"type": "control", "control": "message", "text": {"a": 1}}])
    assert board.views()["stage"]["message"] == ""


def test_blackout_refuses_what_is_not_on_or_off() -> None:
    board, _clock, _records = demo_board()
    for wrong in ({}, [], "maybe", 2):
        with pytest.raises(CommandError, match="blackout"):
            board.command("blackout", wrong)
    board.command("blackout", 1.0)
    assert board.blackout is True


def test_osc_refuses_bad_values_and_logs_them() -> None:
    board, _clock, _records = demo_board()
    hub = Hub(board)
    notes: list[dict[str, Any]] = []
    assert not handle(hub, "", "/clustermeet/adjust", [float("inf")], notes.append)
    assert not handle(hub, "", "/clustermeet/adjust", [float("nan")], notes.append)
    assert not handle(hub, "", "/clustermeet/jump", [2.5], notes.append)
    assert not handle(hub, "", "/clustermeet/message", [b"\x00\x01"], notes.append)
    assert handle(hub, "", "/clustermeet/jump", [2.0], notes.append)
    assert board.show.engine.index == 1
    assert [n["address"] for n in notes] == ["/clustermeet/adjust"] * 2 + ["/clustermeet/jump", "/clustermeet/message"]
    assert board.message == ""


def test_bad_values_over_http_and_osc_on_a_real_server(tmp_path: Path) -> None:
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    try:
        for value in ("inf", "nan", "1e400", float("inf")):
            status, body = served.reply("adjust", value)
            assert status == 400 and "adjust" in json.loads(body)["error"], (value, body)
        status, body = served.reply("adjust", body=b'{"value": 1e999}')
        assert status == 400 and "adjust" in json.loads(body)["error"]
        status, body = served.reply("message", {"text": "hi"})
        assert status == 400 and "message" in json.loads(body)["error"]
        assert served.reply("jump", 2.5)[0] == 400
        assert served.reply("message", body=b'{"value": "' + b"x" * 20000 + b'"}')[0] == 400  # bounded body
        assert served.post("jump", 2.0) == 200
        assert served.state("stage")["title"].startswith("Eröffnung")
        SimpleUDPClient("127.0.0.1", served.osc).send_message("/clustermeet/adjust", [float("inf")])
        SimpleUDPClient("127.0.0.1", served.osc).send_message("/clustermeet/message", ["still", "alive"])
        for _ in range(50):
            if served.state("stage")["message"]:
                break
            time.sleep(0.1)
        assert served.state("stage")["message"] == "still alive"
    finally:
        served.stop()
    records = [json.loads(line) for line in (tmp_path / "show.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r.get("type") == "osc" and "adjust" in r["error"] for r in records)
    assert "{'text'" not in (tmp_path / "show.jsonl").read_text(encoding="utf-8")


# --- the now-file: a failed write stops nothing -------------------------------------------------------------------


def test_a_now_file_that_cannot_be_written_is_logged_once_and_recovers(tmp_path: Path) -> None:
    board, clock, _records = demo_board()
    folder = tmp_path / "obs"
    notes: list[dict[str, Any]] = []
    moment = [0.0]
    now = NowFile(folder / "now.txt", notes.append, clock=lambda: moment[0])
    now.update(board.views())
    assert (folder / "now.txt").read_text(encoding="utf-8") == "Begrüßung und Ablauf\n5:00\n"
    (folder / "now.txt").unlink()
    folder.rmdir()
    folder.write_text("not a folder")  # the folder is gone and cannot be made again
    for _ in range(5):
        clock.advance(timedelta(seconds=1))
        moment[0] += 1.0
        now.update(board.views())  # does not raise
    assert [n["error"].startswith("cannot write it") for n in notes] == [True]
    folder.unlink()
    clock.advance(timedelta(seconds=1))
    moment[0] += 1.0
    now.update(board.views())
    assert (folder / "now.txt").read_text(encoding="utf-8") == "Begrüßung und Ablauf\n4:54\n"
    assert len(notes) == 2 and notes[1]["written"] is True


def test_the_pages_go_on_when_what_follows_a_tick_fails() -> None:
    board, clock, _records = demo_board()
    notes: list[dict[str, Any]] = []

    def broken(_views: dict[str, dict[str, Any]]) -> None:
        raise OSError(28, "No space left on device")

    hub = Hub(board, after_tick=broken, note=notes.append)
    hub.tick()
    first = json.loads(hub.latest["stage"])["countdown"]
    clock.advance(timedelta(seconds=3))
    hub.tick()
    assert json.loads(hub.latest["stage"])["countdown"] != first
    assert len(notes) == 1 and "No space left" in notes[0]["error"]


def test_a_served_show_goes_on_when_its_now_file_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "obs"
    now = folder / "now.txt"
    served = Served(tmp_path / "show.jsonl", "--speed", "60", "--start-at", "10:02", "--now-file", str(now))
    try:
        for _ in range(100):
            if now.exists():
                break
            time.sleep(0.05)
        shutil.rmtree(folder)
        folder.write_text("not a folder")
        before = served.state("stage")["countdown"]
        time.sleep(1.5)  # 90 s of show time
        assert served.state("stage")["countdown"] != before  # the pages still follow the clock
        folder.unlink()
        for _ in range(100):
            if now.exists():
                break
            time.sleep(0.05)
        assert now.exists()  # and the file is written again
    finally:
        served.stop()
    records = [json.loads(line) for line in (tmp_path / "show.jsonl").read_text(encoding="utf-8").splitlines()]
    failures = [r for r in records if r.get("type") == "now_file"]
    assert [bool(r["error"]) for r in failures] == [True, False], failures


# --- hooks: their own process group, killed at the limit and at quit -----------------------------------------------

SPAWNER = (
    "import subprocess, sys, time; child = subprocess.Popen(['sleep', '60']); "
    "open(sys.argv[1], 'a').write(f'{child.pid}\\n'); sys.stdout.flush(); time.sleep(60)"
)


def _gone(pid: int) -> bool:
    """Dead (or a zombie no one has reaped yet, which runs nothing)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in {"Z", "X"}


def _wait_gone(pids: list[int], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(_gone(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def test_a_hook_and_its_children_are_killed_at_the_limit(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    started = time.monotonic()
    said = run_hook([sys.executable, "-c", SPAWNER, str(pids)], "{}", timeout=1.0)
    assert "took longer" in said and time.monotonic() - started < 5
    children = [int(p) for p in pids.read_text().split()]
    assert children and _wait_gone(children), children


def test_closing_the_hooks_is_quick_and_leaves_nothing_running(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    notes: list[dict[str, Any]] = []
    hooks = Hooks([shlex.join([sys.executable, "-c", SPAWNER, str(pids)])], notes.append)
    for n in range(QUEUE):  # a full queue: closing must not wait for it
        hooks.offer({"type": "event", "event": "cue", "cue": f"c:{n}"})
    for _ in range(100):
        if pids.exists() and pids.read_text().strip():
            break
        time.sleep(0.05)
    started = time.monotonic()
    hooks.close()
    assert time.monotonic() - started < 3
    children = [int(p) for p in pids.read_text().split()]
    assert len(children) == 1 and _wait_gone(children)
    assert any("dropped at quit" in n["error"] for n in notes)


# --- words: every one through i18n ---------------------------------------------------------------------------------


def test_every_served_word_is_one_key_in_both_languages() -> None:
    from clustermeet.i18n import SERVE_WORDS, SHOW_WORDS

    for key, entry in SERVE_WORDS.items():
        assert set(entry) == {"de", "en"} and all(entry.values()), key
        assert "|" not in entry["de"] + entry["en"], key  # one word a key, not a group to split
    assert not [k for k in SHOW_WORDS if k.startswith("serve.")]


def test_german_pages_and_the_script_hold_no_english_word() -> None:
    from clustermeet.i18n import SERVE_WORDS
    from clustermeet.show.serve.pages import SCRIPT, VIEWS, page

    board, _clock, _records = demo_board()
    english = {e["en"] for e in SERVE_WORDS.values() if e["en"] != e["de"] and "{" not in e["en"]}
    for view in VIEWS:
        html = page(view, board, "weiterbildung" if view == "room" else "")
        shown = set(re.findall(r">([^<]+)<", html)) | set(re.findall(r'placeholder="([^"]*)"', html))
        assert not [w for w in english if w in shown], view
    code = re.sub(r"//[^\n]*", "", SCRIPT)  # comments are for us
    script_strings = set(re.findall(r"'([^']*)'", code)) - {"use strict"}
    assert not script_strings & english
    assert not [s for s in script_strings if re.search(r"[A-Za-z]{3,} [a-z]{3,}", s)]  # no sentence in the script


def test_the_start_up_lines_name_the_views_in_the_event_language(tmp_path: Path) -> None:
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    try:
        for _ in range(100):  # the lines follow the server's start by a moment
            lines = served.err.read_text(encoding="utf-8").splitlines()
            if any("udp://" in line for line in lines):
                break
            time.sleep(0.05)
    finally:
        served.stop()
    labels = [line.split(" http")[0].split(" udp")[0].strip() for line in lines if "://" in line]
    assert labels[:4] == ["Regie", "Bühne", "Backstage", "Programm"], lines
    assert labels[4].startswith("Raum ") and labels[-1] == "OSC", lines
    assert not [line for line in lines if line.split()[0] in {"operator", "stage", "foyer", "room", "osc"}]


# --- a real bind off loopback, inside a network namespace -----------------------------------------------------------

NETNS_HOST = "10.77.0.1"  # on the namespace's own loopback device, but not a loopback address: tokens are needed
PROBE = r"""
import json, subprocess, sys, time, urllib.error, urllib.request
argv, err_path = json.loads(sys.argv[1]), sys.argv[2]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
def status(url, method="GET"):
    try:
        with opener.open(urllib.request.Request(url, data=b"{}" if method == "POST" else None, method=method),
                         timeout=5) as reply:
            return reply.status
    except urllib.error.HTTPError as exc:
        return exc.code
with open(err_path, "wb") as err:
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
urls = {}
try:
    for _ in range(300):
        lines = open(err_path, encoding="utf-8").read().splitlines()
        urls = {l.split()[0]: l.split()[-1] for l in lines if "http://" in l}
        if len(urls) >= 4 and any("udp://" in l for l in lines):
            break
        time.sleep(0.05)
    base = urls["Bühne"].split("/stage")[0]
    crew, control = urls["Bühne"].split("token=")[1], urls["Regie"].split("token=")[1]
    print(json.dumps({
        "urls": urls,
        "stage": status(base + "/stage"),
        "room": status(base + "/room/no-such-room"),
        "stage_crew": status(base + "/stage?token=" + crew),
        "operator_crew": status(base + "/operator?token=" + crew),
        "operator_control": status(urls["Regie"]),
        "next": status(base + "/api/next", "POST"),
        "next_crew": status(base + "/api/next?token=" + crew, "POST"),
        "next_control": status(base + "/api/next?token=" + control, "POST"),
    }))
finally:
    server.terminate()
    server.wait(10)
"""


def _netns() -> bool:
    try:
        done = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.mark.skipif(not _netns(), reason="no network namespaces here (unshare -n needs root or user namespaces)")
def test_a_bind_off_loopback_makes_up_tokens_and_enforces_them(tmp_path: Path) -> None:
    argv = [*CLUSTERMEET, "run", str(DEMO), "--plain", "--start-at", "10:02", "--speed", "1"]
    argv += ["--serve", f"{NETNS_HOST}:8080", "--osc", "9000", "--log", str(tmp_path / "show.jsonl")]
    script = f"ip link set lo up && ip addr add {NETNS_HOST}/32 dev lo && exec {shlex.quote(sys.executable)} -c "
    script += shlex.quote(PROBE) + " " + shlex.quote(json.dumps(argv)) + " " + shlex.quote(str(tmp_path / "err"))
    done = subprocess.run(
        ["unshare", "-n", "sh", "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr + (tmp_path / "err").read_text(encoding="utf-8")
    seen = json.loads(done.stdout)
    assert all("?token=" in url for url in seen["urls"].values()), seen["urls"]  # the foyer too: not public
    assert (seen["stage"], seen["room"]) == (401, 401)
    assert (seen["stage_crew"], seen["operator_crew"], seen["operator_control"]) == (200, 401, 200)
    assert (seen["next"], seen["next_crew"], seen["next_control"]) == (401, 401, 200)


def test_a_failed_hook_says_its_last_line_however_much_it_wrote() -> None:
    noisy = "import sys; sys.stderr.write('x' * 1_000_000 + '\\nlast words\\n'); sys.exit(1)"
    assert run_hook([sys.executable, "-c", noisy], "{}") == "exit code 1: last words"


def test_the_pages_go_on_when_even_the_log_cannot_be_written() -> None:
    board, clock, _records = demo_board()

    def full(_record: dict[str, Any]) -> None:
        raise OSError(28, "No space left on device")

    def broken(_views: dict[str, dict[str, Any]]) -> None:
        raise OSError(28, "No space left on device")

    hub = Hub(board, after_tick=broken, note=full)
    hub.tick()  # the now-file fails, and so does the note of it: nothing escapes
    first = json.loads(hub.latest["stage"])["countdown"]
    clock.advance(timedelta(seconds=3))
    hub.tick()
    assert json.loads(hub.latest["stage"])["countdown"] != first


def test_quitting_a_served_show_does_not_wait_for_a_slow_hook(tmp_path: Path) -> None:
    import signal

    pids = tmp_path / "pids"
    hook = shlex.join([sys.executable, "-c", SPAWNER, str(pids)])
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02", "--hook", hook)
    try:
        assert served.post("next") == 200  # the opening's spotlight cue: the hook starts and sleeps
        for _ in range(100):
            if pids.exists() and pids.read_text().strip():
                break
            time.sleep(0.05)
        assert served.process is not None
        started = time.monotonic()
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=10) == 130
        assert time.monotonic() - started < 4
    finally:
        served.stop()
    children = [int(p) for p in pids.read_text().split()]
    assert children and _wait_gone(children)
