"""`clustermeet run --serve` without a browser: the bind decision and tokens against a real server, the control
commands, OSC, hooks, the now-file and the foyer's privacy."""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pythonosc.udp_client import SimpleUDPClient

from clustermeet.agenda.loading import load_agenda
from clustermeet.show.cues import build_plan
from clustermeet.show.driver import FakeClock, Show
from clustermeet.show.engine import Engine
from clustermeet.show.serve.board import Board, CommandError
from clustermeet.show.serve.hooks import Hooks, NowFile, run_hook
from clustermeet.show.serve.osc import handle
from clustermeet.show.serve.server import access_for, needs_tokens, parse_address
from clustermeet.show.serve.web import Hub
from tests.conftest import FIXTURES
from tests.show.serve_support import DEMO, Served, demo_board, get_status

# --- the bind decision and tokens --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "tokens"),
    [
        ("127.0.0.1", False),
        ("127.0.0.53", False),
        ("::1", False),
        ("localhost", False),
        ("0.0.0.0", True),
        ("::", True),
        ("192.168.1.20", True),
        ("studio.example.org", True),
    ],
)
def test_only_loopback_binds_without_tokens(host: str, tokens: bool) -> None:
    assert needs_tokens(host) is tokens
    access = access_for(host, False, {})
    assert bool(access.control and access.crew) is tokens
    assert access.control != access.crew or not tokens


def test_tokens_come_from_the_environment() -> None:
    access = access_for("0.0.0.0", True, {"CLUSTERMEET_CONTROL_TOKEN": "c" * 20, "CLUSTERMEET_CREW_TOKEN": "k" * 20})
    assert (access.control, access.crew, access.public_foyer) == ("c" * 20, "k" * 20, True)


def test_addresses() -> None:
    assert parse_address("8080") == ("127.0.0.1", 8080)
    assert parse_address("0.0.0.0:9000") == ("0.0.0.0", 9000)
    assert parse_address("[::1]:9000") == ("::1", 9000)
    for wrong in ("x", "host:", "1:70000"):
        with pytest.raises(Exception, match="PORT"):
            parse_address(wrong)


def test_a_real_server_enforces_its_tokens(tmp_path: Path) -> None:
    # The tokens a non-loopback bind makes up (checked above, at the bind decision) are set here through the
    # environment, which applies them on loopback too: the same checks, without leaving 127.0.0.1.
    control, crew = "control-" + "x" * 16, "crew-" + "y" * 16
    env = {"CLUSTERMEET_CONTROL_TOKEN": control, "CLUSTERMEET_CREW_TOKEN": crew}
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02", env=env)
    try:
        base = served.base
        for path in ("/stage", "/backstage", "/foyer", "/room/weiterbildung", "/operator", "/events?view=stage"):
            status, body = get_status(base + path)
            assert status == 401 and body == b"401 Unauthorized\n", path  # nothing revealed
            assert get_status(f"{base}{path}{'&' if '?' in path else '?'}token=wrong")[0] == 401
        assert get_status(f"{base}/stage?token={crew}")[0] == 200
        assert get_status(f"{base}/stage", {"Authorization": f"Bearer {crew}"})[0] == 200
        assert get_status(f"{base}/operator?token={crew}")[0] == 401  # the crew may look, not drive
        assert get_status(f"{base}/operator?token={control}")[0] == 200
        assert served.post("next") == 401
        assert served.post("next", headers={"Authorization": f"Bearer {crew}"}) == 401
        bearer = {"Authorization": f"Bearer {control}"}
        assert served.post("pause", headers={**bearer, "Origin": "http://evil.example"}) == 403
        assert served.post("pause", headers={**bearer, "Sec-Fetch-Site": "cross-site"}) == 403
        assert served.post("pause", headers=bearer) == 200
        assert served.state("stage", token=crew)["paused"] is True
        # OSC off loopback carries the control token as its first argument; without it nothing happens
        SimpleUDPClient("127.0.0.1", served.osc).send_message("/clustermeet/resume", [])
        time.sleep(0.5)
        assert served.state("stage", token=crew)["paused"] is True
        SimpleUDPClient("127.0.0.1", served.osc).send_message("/clustermeet/resume", [control])
        for _ in range(50):
            if not served.state("stage", token=crew)["paused"]:
                break
            time.sleep(0.1)
        assert served.state("stage", token=crew)["paused"] is False
    finally:
        served.stop()
    public = Served(tmp_path / "public.jsonl", "--public-foyer", env=env)
    try:
        assert get_status(f"{public.base}/foyer")[0] == 200
        assert get_status(f"{public.base}/stage")[0] == 401
    finally:
        public.stop()


# --- the board: commands and views -------------------------------------------------------------------------------


def test_commands_act_on_the_engine_and_are_logged() -> None:
    board, _clock, records = demo_board()
    board.command("plus")
    assert board.show.engine.run is not None and board.show.engine.run.extra == timedelta(minutes=1)
    board.command("adjust", "-30")
    assert board.show.engine.run.extra == timedelta(seconds=30)
    board.command("jump", "pause-1")
    assert board.show.engine.current is not None and board.show.engine.current.segment_id == "pause-1"
    board.command("jump", 1)
    assert board.show.engine.index == 0
    board.command("message", "  Bitte   Mikro an ")
    assert board.views()["stage"]["message"] == "Bitte Mikro an"
    board.command("blackout")
    assert board.views()["stage"]["blackout"] is True
    board.command("blackout", "off")
    board.command("clear")
    assert board.views()["stage"]["message"] == ""
    board.command("toggle")
    assert board.views()["stage"]["paused"] is True
    for wrong, value in (
        ("fly", None),
        ("jump", "nowhere"),
        ("adjust", "soon"),
        ("blackout", "maybe"),
        ("message", " "),
    ):
        with pytest.raises(CommandError):
            board.command(wrong, value)
    controls = [r for r in records if r["type"] == "control"]
    assert [r["control"] for r in controls] == ["message", "blackout", "blackout", "message"]
    # a resume reads them back
    again, _clock, _records = demo_board()
    again.restore(records)
    assert (again.message, again.blackout) == ("", False)
    again.restore(controls[:2])
    assert (again.message, again.blackout) == ("Bitte Mikro an", True)


def test_carry_announces_the_overrun_until_the_next_fixed_start() -> None:
    board, clock, _records = demo_board()
    clock.advance(timedelta(minutes=9))  # 10:14: the welcome (10:00-10:10) is 4 minutes over
    board.command("carry")
    foyer = board.views()["foyer"]
    opening = next(i for i in foyer["items"] if i["title"].startswith("Eröffnung"))
    assert opening["planned"] == "10:10" and opening["announced"] == "10:14"
    fixed = [s for s in board.plan.steps if s.fixed]
    assert all(s.key not in board.carried for s in fixed)


def test_the_foyer_holds_titles_and_times_only() -> None:
    board, _clock, _records = demo_board()
    foyer = json.dumps(board.views()["foyer"], ensure_ascii=False)
    agenda = load_agenda(DEMO).agenda
    for person in agenda.people:
        assert person.name not in foyer
        if person.email:
            assert person.email not in foyer
    for segment in agenda.segments:
        if segment.notes:
            assert segment.notes not in foyer


def test_room_views_count_down_to_the_close_and_show_the_warnings() -> None:
    board, clock, _records = demo_board()
    assert board.views()["room:weiterbildung"]["state"] == "closed"
    board.command("jump", "breakouts")  # a fixed start (11:00): the rooms wait for it
    waiting = board.views()["room:weiterbildung"]
    assert waiting["state"] == "waiting" and waiting["countdown"] == "55:00"
    step = board.show.engine.current
    assert step is not None
    clock.moment = step.planned_start
    board.show.tick()
    room = board.views()["room:weiterbildung"]
    assert room["state"] == "open" and room["texts"] == []
    clock.moment = step.planned_end - timedelta(minutes=4, seconds=50)
    board.show.tick()
    room = board.views()["room:weiterbildung"]
    assert room["countdown"] == "4:50"
    assert len(room["texts"]) == 1 and "5" in room["texts"][0]


def test_a_room_hides_a_close_warning_that_more_time_has_made_untrue() -> None:
    """T-5 fell due, then the rooms got five minutes more: "the rooms close in 5 minutes" is no longer true with
    nine left, so the room page hides it until the countdown is back under five minutes."""
    board, clock, _records = demo_board()
    board.command("jump", "breakouts")
    step = board.show.engine.current
    assert step is not None
    clock.moment = step.planned_end - timedelta(minutes=4)
    board.show.tick()
    assert len(board.views()["room:weiterbildung"]["texts"]) == 1
    board.command("adjust", 300)
    room = board.views()["room:weiterbildung"]
    assert room["countdown"] == "9:00" and room["texts"] == []
    clock.advance(timedelta(minutes=4, seconds=10))
    board.show.tick()
    room = board.views()["room:weiterbildung"]
    assert room["countdown"] == "4:50" and len(room["texts"]) == 1


def test_osc_messages_map_to_commands() -> None:
    board, _clock, _records = demo_board()
    hub = Hub(board)
    notes: list[dict[str, Any]] = []
    assert handle(hub, "", "/clustermeet/message", ["Noch", "zwei", "Minuten"], notes.append)
    assert board.message == "Noch zwei Minuten"
    assert handle(hub, "", "/clustermeet/message/clear", [], notes.append)
    assert board.message == ""
    assert not handle(hub, "", "/ontime/start", [], notes.append)
    assert not handle(hub, "", "/clustermeet/jump", ["nowhere"], notes.append)
    assert not handle(hub, "secret", "/clustermeet/next", [], notes.append)
    assert [n["address"] for n in notes] == ["/clustermeet/jump", "/clustermeet/next"]


# --- hooks and the now-file --------------------------------------------------------------------------------------


def test_hooks_get_each_cue_on_stdin_and_failures_are_logged(tmp_path: Path) -> None:
    out = tmp_path / "cues.jsonl"
    writer = f"{sys.executable} -c \"import sys; open({str(out)!r}, 'a').write(sys.stdin.read())\""
    failing = f'{sys.executable} -c "import sys; sys.exit(3)"'
    notes: list[dict[str, Any]] = []
    hooks = Hooks([writer, failing], notes.append)
    hooks.offer({"type": "event", "event": "start"})  # not a cue: no hook
    hooks.offer({"type": "event", "event": "cue", "cue": "a:start:0"})
    hooks.close(timeout=20)
    assert [json.loads(line)["cue"] for line in out.read_text().splitlines()] == ["a:start:0"]
    assert [(n["cue"], n["error"]) for n in notes] == [("a:start:0", "exit code 3")]


def test_a_slow_hook_is_stopped_and_a_missing_one_reported() -> None:
    started = time.monotonic()
    said = run_hook([sys.executable, "-c", "import time; time.sleep(30)"], "{}", timeout=0.5)
    assert "took longer" in said and time.monotonic() - started < 10
    assert "cannot run it" in run_hook(["/nonexistent/hook"], "{}")


def test_the_now_file_follows_the_stage(tmp_path: Path) -> None:
    board, clock, _records = demo_board()
    now = NowFile(tmp_path / "now.txt", print)
    now.update(board.views())
    assert (tmp_path / "now.txt").read_text(encoding="utf-8") == "Begrüßung und Ablauf\n5:00\n"
    clock.advance(timedelta(minutes=6))
    now.update(board.views())
    assert (tmp_path / "now.txt").read_text(encoding="utf-8") == "Begrüßung und Ablauf\n-1:00\n"


def test_pages_carry_a_csp_and_speak_the_event_language(tmp_path: Path) -> None:
    from clustermeet.show.serve.pages import CSP, page

    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    try:
        with urllib.request.urlopen(f"{served.base}/stage", timeout=5) as reply:
            assert reply.headers["Content-Security-Policy"] == CSP
            assert reply.headers["Referrer-Policy"] == "no-referrer"
            html = reply.read().decode("utf-8")
        assert "'unsafe-inline'" not in CSP and "http" not in CSP.replace("'self'", "")
        assert 'lang="de"' in html and "Bitte zum Ende kommen" in html
        assert "<script>" not in html and "style=" not in html  # nothing inline for the CSP to allow
    finally:
        served.stop()
    schedule = load_agenda(FIXTURES / "agendas" / "multitrack.yaml").schedule
    plan = build_plan(schedule, schedule.agenda.tracks[0].id if schedule.agenda.tracks else None)
    show = Show(Engine(plan.steps, plan.cues), FakeClock(plan.steps[0].planned_start))
    show.open()
    english = page("operator", Board(show, plan, schedule))
    assert 'lang="en"' in english and "Please wrap up" in english and ">Next<" in english


def test_qr_codes_encode_each_address() -> None:
    import segno

    from clustermeet.show.serve.qr import qr_text

    url = "http://192.168.1.20:8080/stage?token=abc"
    text = qr_text(url)
    _width, height = segno.make(url, error="m").symbol_size(border=2)
    lines = text.splitlines()
    assert len(lines) == (height + 1) // 2 and qr_text(url) == text
    assert qr_text(url + "d") != text


def test_without_tokens_only_loopback_names_are_served(tmp_path: Path) -> None:
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    try:
        assert get_status(f"{served.base}/stage")[0] == 200
        assert get_status(f"{served.base}/stage", {"Host": f"localhost:{served.port}"})[0] == 200
        # a page of a name pointed at 127.0.0.1 (DNS rebinding) reaches nothing
        assert get_status(f"{served.base}/stage", {"Host": f"rebind.example:{served.port}"})[0] == 401
        assert served.post("next", headers={"Host": "rebind.example", "Origin": "http://rebind.example"}) == 401
    finally:
        served.stop()


def test_hooks_and_the_now_file_from_the_command_line(tmp_path: Path) -> None:
    out, now = tmp_path / "cues.jsonl", tmp_path / "now.txt"
    hook = f"{sys.executable} -c \"import sys; open({str(out)!r}, 'a').write(sys.stdin.read())\""
    served = Served(
        tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02", "--hook", hook, "--now-file", str(now)
    )
    try:
        assert served.post("next") == 200  # the opening starts: its spotlight cue falls due
        for _ in range(100):
            if out.exists() and now.exists() and now.read_text(encoding="utf-8").startswith("Eröffnung"):
                break
            time.sleep(0.1)
    finally:
        served.stop()
    cues = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [c["cue"] for c in cues] == ["eroeffnung:spotlight:0"] and cues[0]["type"] == "event"
    title, left = now.read_text(encoding="utf-8").splitlines()
    assert title == "Eröffnung: Transformation der Industrie" and left.startswith("14:")


def test_serving_errors_are_one_line(tmp_path: Path) -> None:
    import subprocess

    from tests.show.serve_support import CLUSTERMEET, ROOT

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        argv = [*CLUSTERMEET, "run", str(DEMO), "--plain", "--start-at", "10:02", *args]
        return subprocess.run(argv, capture_output=True, text=True, timeout=30, cwd=ROOT, check=False)

    bad = run("--serve", "localhost:http")
    assert bad.returncode == 2 and bad.stderr.startswith("error: --serve: 'localhost:http' is not [HOST:]PORT")
    lonely = run("--osc", "9000")
    assert lonely.returncode == 2 and "need --serve" in lonely.stderr
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    try:
        taken = run("--serve", f"127.0.0.1:{served.port}")
        assert taken.returncode == 2, taken.stderr
        assert f"cannot serve on 127.0.0.1:{served.port}" in taken.stderr and "Traceback" not in taken.stderr
    finally:
        served.stop()


def test_ctrl_c_ends_the_streams_and_the_log_at_once(tmp_path: Path) -> None:
    import signal
    import threading

    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    opened = threading.Event()

    def follow() -> None:
        with urllib.request.urlopen(f"{served.base}/events?view=stage", timeout=20) as stream:
            opened.set()
            while stream.read(64):
                pass

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    assert opened.wait(10)
    assert served.process is not None
    started = time.monotonic()
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=10) == 130
    assert time.monotonic() - started < 5  # an open event stream does not hold the quit
    reader.join(5)
    assert not reader.is_alive()  # the stream was ended, not left hanging
    last = json.loads((tmp_path / "show.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert last["type"] == "quit"
