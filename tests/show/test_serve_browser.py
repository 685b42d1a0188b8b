"""The served views in a real browser: `clustermeet run --serve` on a free loopback port, Debian's chromium headless.

Every view opens without console errors or CSP violations and fetches only from the server; the stage countdown
changes between two screenshots; the phases change colour at warning and overtime; a control request over HTTP
and one over OSC change what the pages show (a carried delay moves the foyer's times); after `kill -9` and a
restart with the same log the pages reconnect by themselves and show the resumed state; the operator page says
why a command was refused, in the event's language and without a reload. Screenshots go to the test report folder
(CLUSTERMEET_TEST_REPORT).
"""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from pythonosc.udp_client import SimpleUDPClient

from tests.schedule.test_html_browser import CHROMIUM, Chromium
from tests.show.serve_support import Served

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)"),
    pytest.mark.slow,
]
AMBER, RED, GREEN = "rgb(255, 193, 7)", "rgb(255, 59, 48)", "rgb(61, 220, 132)"


class Tab:
    """One page in the browser, through the DevTools session attached to it."""

    def __init__(self, browser: Chromium, url: str, width: int = 1280, height: int = 720) -> None:
        self.browser = browser
        self.target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable", session=self.session)
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        browser.send("Emulation.setDeviceMetricsOverride", metrics, session=self.session)
        browser.send("Page.navigate", {"url": url}, session=self.session)
        browser.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == self.session)

    def eval(self, expression: str) -> Any:
        reply = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session)
        return reply["result"].get("value")

    def text(self, element: str) -> str:
        return str(self.eval(f"(document.getElementById({element!r}) || {{}}).textContent || ''"))

    def until(self, expression: str, seconds: float = 15.0) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"never true: {expression}")

    def shot(self, path: Path) -> bytes:
        data = base64.b64decode(self.browser.send("Page.captureScreenshot", {"format": "png"}, self.session)["data"])
        path.write_bytes(data)
        return data

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


@pytest.fixture
def browser(tmp_path: Path) -> Any:
    chromium = Chromium(tmp_path / "profile")
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("CLUSTERMEET_TEST_REPORT") or tmp_path_factory.mktemp("report"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _problems(browser: Chromium) -> list[Any]:
    return [
        e["params"]
        for e in browser.events
        if e["method"] == "Runtime.exceptionThrown"
        or (e["method"] == "Runtime.consoleAPICalled" and e["params"].get("type") in {"error", "warning", "assert"})
        or (e["method"] == "Log.entryAdded" and e["params"]["entry"].get("level") in {"error", "warning"})
    ]


COLOR = "getComputedStyle(document.getElementById('countdown')).color"


def test_every_view_live_in_chromium(tmp_path: Path, browser: Chromium, report_dir: Path) -> None:
    # 10:07 in the 10-minute welcome at 30x: warning at 10:08 (2 s), overtime at 10:10 (6 s)
    served = Served(tmp_path / "show.jsonl", "--speed", "30", "--start-at", "10:07")
    try:
        stage = Tab(browser, f"{served.base}/stage")
        stage.until("document.getElementById('countdown').textContent !== '0:00'")
        assert stage.eval("document.body.dataset.phase") == "on_time"
        assert stage.eval(COLOR) == GREEN
        first, first_shot = stage.text("countdown"), stage.shot(report_dir / "serve-stage-1.png")
        time.sleep(1.2)
        second, second_shot = stage.text("countdown"), stage.shot(report_dir / "serve-stage-2.png")
        assert first != second and first_shot != second_shot
        assert stage.text("title") == "Begrüßung und Ablauf"
        stage.until("document.body.dataset.phase === 'warning'")
        assert stage.eval(COLOR) == AMBER
        assert stage.text("phase_word") == "WARNUNG"
        assert stage.text("wrap") == "Bitte zum Ende kommen"
        assert stage.eval("document.body.classList.contains('flash')")  # the wrap-up flash
        stage.until("document.body.dataset.phase === 'overtime'")
        assert stage.eval(COLOR) == RED
        assert stage.text("countdown").startswith("-")  # overtime counts up, below zero
        for view in ("operator", "backstage", "foyer", "room/weiterbildung"):
            tab = Tab(browser, f"{served.base}/{view}")
            tab.until("document.getElementById('clock').textContent !== ''")
            tab.shot(report_dir / f"serve-{view.replace('/', '-')}.png")
            tab.close()
        stage.close()
    finally:
        served.stop()
    assert not _problems(browser), _problems(browser)
    fetched = {e["params"]["request"]["url"] for e in browser.events if e["method"] == "Network.requestWillBeSent"}
    assert fetched and all(url.startswith(served.base + "/") for url in fetched), fetched


def test_http_and_osc_control_change_the_pages(tmp_path: Path, browser: Chromium) -> None:
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    try:
        stage = Tab(browser, f"{served.base}/stage")
        stage.until("document.getElementById('countdown').textContent !== '0:00'")
        assert stage.eval("document.getElementById('message').hidden")
        assert served.post("message", "Noch zwei Fragen") == 200
        stage.until("document.getElementById('message').textContent === 'Noch zwei Fragen'", 5)
        assert not stage.eval("document.getElementById('message').hidden")
        before = stage.text("countdown")
        SimpleUDPClient("127.0.0.1", served.osc).send_message("/clustermeet/adjust", [600])
        stage.until(
            f"document.getElementById('countdown').textContent.startsWith('{int(before.split(':')[0]) + 10}:')", 5
        )
        SimpleUDPClient("127.0.0.1", served.osc).send_message("/clustermeet/blackout", [1])
        stage.until("document.body.classList.contains('blackout')", 5)
        # carry: the welcome, 10 minutes longer now, ends at 10:20; the opening is announced for then, not 10:10
        foyer = Tab(browser, f"{served.base}/foyer")
        foyer.until("document.querySelectorAll('#items li').length > 0")
        assert served.post("carry") == 200
        opening = "Array.from(document.querySelectorAll('#items li')).find(li => li.textContent.includes('Eröffnung'))"
        foyer.until(f"{opening}.textContent.includes('neue Zeit')", 5)
        assert foyer.eval(f"{opening}.querySelector('.t').textContent") == "10:20"
        assert foyer.eval(f"{opening}.querySelector('.p').textContent") == "10:10"  # the planned time, struck
        foyer.close()
        # the operator page's own button goes through the same control
        operator = Tab(browser, f"{served.base}/operator")
        operator.until("document.getElementById('title').textContent === 'Begrüßung und Ablauf'")
        operator.eval("document.querySelector('button[data-cmd=next]').click()")
        stage.until("document.getElementById('title').textContent.startsWith('Eröffnung')", 5)
    finally:
        served.stop()
    records = [json.loads(line) for line in (tmp_path / "show.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"control": "message", "text": "Noch zwei Fragen"}.items() <= next(
        r for r in records if r.get("control") == "message"
    ).items()
    assert any(r.get("action") == "adjust" and r.get("seconds") == 600 for r in records)
    assert any(r.get("action") == "next" and not r.get("auto") for r in records)


def test_pages_reconnect_after_kill_9_and_show_the_resumed_state(tmp_path: Path, browser: Chromium) -> None:
    log = tmp_path / "show.jsonl"
    served = Served(log, "--speed", "1", "--start-at", "10:02")
    try:
        assert served.post("next") == 200
        assert served.post("message", "Gleich geht es weiter") == 200
        stage = Tab(browser, f"{served.base}/stage")
        stage.until("document.getElementById('title').textContent.startsWith('Eröffnung')")
        served.kill9()
        stage.until("document.body.classList.contains('offline')", 10)
        served.start()  # the same command, the same log, the same port
        stage.until("!document.body.classList.contains('offline')", 15)
        stage.until("document.getElementById('message').textContent === 'Gleich geht es weiter'", 5)
        assert stage.text("title").startswith("Eröffnung")
        assert served.state("stage")["title"].startswith("Eröffnung")
    finally:
        served.stop()
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    assert sum(r.get("type") == "show" for r in records) == 1
    assert any(r.get("type") == "resume" for r in records)


def test_the_operator_page_says_why_a_command_was_refused(tmp_path: Path, browser: Chromium) -> None:
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    error = "document.getElementById('error')"
    click = "document.querySelector('button[data-cmd={}]').click()"
    try:
        operator = Tab(browser, f"{served.base}/operator")
        operator.until("document.getElementById('title').textContent !== ''")
        assert operator.eval(f"{error}.hidden")
        operator.eval("window.samePage = true")  # gone after a reload
        # a message without text: 400, said in the event's language, and what was typed stays to be mended
        operator.eval(f"document.getElementById('message_text').value = '   '; {click.format('message')}")
        operator.until(f"!{error}.hidden", 5)
        assert operator.text("error") == "Bitte den Text der Nachricht eingeben (Nachricht löschen entfernt sie)"
        assert operator.eval("document.getElementById('message_text').value") == "   "
        # a jump to a segment the plan does not have (a list from before the agenda changed, say)
        operator.eval(
            "var j = document.getElementById('jump_to'), o = document.createElement('option'); o.value = '999';"
            f"j.appendChild(o); j.value = '999'; {click.format('jump')}"
        )
        operator.until(f"{error}.textContent === 'Diesen Programmpunkt gibt es nicht'", 5)
        assert operator.eval("window.samePage") is True
        # a command that is done clears the refusal, and the field
        operator.eval(f"document.getElementById('message_text').value = 'Gleich'; {click.format('message')}")
        operator.until(f"{error}.hidden", 5)
        assert operator.eval("document.getElementById('message_text').value") == ""
        served.stop()
        operator.eval(click.format("next"))
        operator.until(f"{error}.textContent === 'Server nicht erreichbar: nichts geändert'", 5)
        assert operator.eval("window.samePage") is True
    finally:
        served.stop()


def test_more_tabs_than_a_browser_opens_connections_all_stay_live(tmp_path: Path, browser: Chromium) -> None:
    # browsers open at most 6 HTTP/1.1 connections to one server and each live page holds its stream: the tabs
    # share one stream through a shared worker, so the 7th and 8th tab load and follow the show like the first
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    paths = ["operator", "stage", "backstage", "foyer", "room/weiterbildung", "stage", "backstage", "stage"]
    tabs: list[Tab] = []
    try:
        for path in paths:
            tabs.append(Tab(browser, f"{served.base}/{path}", 640, 400))
        for tab in tabs:
            tab.until("document.getElementById('clock').textContent !== ''", 10)
        assert served.post("message", "Alle Tabs sehen das") == 200
        for tab, path in zip(tabs, paths, strict=True):
            if path in {"operator", "stage"}:
                tab.until("document.getElementById('message').textContent === 'Alle Tabs sehen das'", 5)
        tabs.pop().close()  # a tab that goes away takes its view with it; the others go on
        assert served.post("next") == 200
        tabs[-1].until("document.getElementById('title').textContent.startsWith('Eröffnung')", 5)
        assert not _problems(browser)
    finally:
        served.stop()


def test_a_two_line_message_fits_the_projector_beside_the_countdown(tmp_path: Path, browser: Chromium) -> None:
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02")
    try:
        assert served.post("message", "Um 11:50 alle zurück ins Plenum, bitte pünktlich") == 200
        stage = Tab(browser, f"{served.base}/stage", 1280, 720)
        stage.until("document.getElementById('message').textContent !== ''")
        box = "document.getElementById('message').getBoundingClientRect()"
        assert stage.eval(f"{box}.height") > 100  # two lines at this width
        assert stage.eval(f"{box}.bottom <= innerHeight && document.documentElement.scrollHeight <= innerHeight")
    finally:
        served.stop()
