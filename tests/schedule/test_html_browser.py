"""The agenda page in a real browser: Debian's chromium, headless, driven over the DevTools protocol (a pipe).

Checks: no console errors, exceptions or CSP violations; nothing fetched but the page itself; parallel tracks side
by side at desktop width and stacked on a phone; the viewer's time zone added by the script. Screenshots of both
widths are saved for the test report (folder printed; CLUSTERMEET_TEST_REPORT sets it). Skipped where chromium is
absent (`.ci/run` installs it).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.schedule.page import schedule_to_html
from tests.conftest import FIXTURES

SUMMIT = FIXTURES / "frab" / "summit.yaml"
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
TIMEOUT = 30.0

_LAYOUT = """
JSON.stringify(Array.from(document.querySelectorAll('article')).map(function (a) {
  var r = a.getBoundingClientRect();
  return {id: a.id, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
}).concat([{id: 'viewer', text: Array.from(document.querySelectorAll('.viewer')).map(function (s) {
  return s.textContent; }).join('|')}, {id: 'height', bottom: document.documentElement.scrollHeight}]))
"""


class Chromium:
    """Just enough of the DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated)."""

    def __init__(self, profile: Path) -> None:
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def wire() -> None:  # runs in the child: put the pipe ends at fds 3 and 4 (copies first: they may be 3/4)
            r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        assert CHROMIUM is not None
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,  # noqa: PLW1509 - the test is single-threaded here
            close_fds=False,  # keeps fds 3 and 4 that wire() made; Python's own fds are not inheritable
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        reply = self.wait(lambda m: m.get("id") == self.next_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def wait(self, matches: Any) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                if matches(message):
                    return message
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.from_child], [], [], left)
            if ready:
                chunk = os.read(self.from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self.buffer += chunk

    def close(self) -> None:
        try:
            os.write(self.to_child, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=10)
        finally:
            os.close(self.to_child)
            os.close(self.from_child)


def page_problems(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exceptions, console errors and warnings, and log entries (a CSP violation is one) of a page."""
    return [
        e["params"]
        for e in events
        if e["method"] == "Runtime.exceptionThrown"
        or (e["method"] == "Runtime.consoleAPICalled" and e["params"].get("type") in {"error", "warning", "assert"})
        or (e["method"] == "Log.entryAdded" and e["params"]["entry"].get("level") in {"error", "warning"})
    ]


def fetched(events: list[dict[str, Any]]) -> set[str]:
    """Every URL the page asked for."""
    return {e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"}


def _render(browser: Chromium, url: str, width: int, mobile: bool, shot: Path) -> list[dict[str, Any]]:
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"}, session=session)
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile}
    browser.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
    value = browser.send("Runtime.evaluate", {"expression": _LAYOUT, "returnByValue": True}, session=session)
    boxes: list[dict[str, Any]] = json.loads(value["result"]["value"])
    height = int(next(b for b in boxes if b["id"] == "height")["bottom"])
    browser.send("Emulation.setDeviceMetricsOverride", {**metrics, "height": min(height, 6000)}, session=session)
    picture = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
    shot.write_bytes(base64.b64decode(picture["data"]))
    browser.send("Target.closeTarget", {"targetId": target})
    return boxes


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("CLUSTERMEET_TEST_REPORT") or tmp_path_factory.mktemp("report"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_page_in_chromium(tmp_path: Path, report_dir: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_text(schedule_to_html(load_agenda(SUMMIT).schedule, None, ["summit-2024.ics"]), encoding="utf-8")
    (site / "summit-2024.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    browser = Chromium(tmp_path / "profile")
    try:
        desktop = {b["id"]: b for b in _render(browser, page.as_uri(), 1280, False, report_dir / "agenda-desktop.png")}
        phone = {b["id"]: b for b in _render(browser, page.as_uri(), 390, True, report_dir / "agenda-phone.png")}
    finally:
        browser.close()
    print(f"\nscreenshots: {report_dir / 'agenda-desktop.png'} {report_dir / 'agenda-phone.png'}")

    problems = page_problems(browser.events)
    assert not problems, problems
    assert fetched(browser.events) == {page.as_uri()}

    # Desktop: the two parallel talks side by side, same top, no horizontal overlap; the plenary spans both.
    main, lab, welcome = desktop["item-talk-a"], desktop["item-lab-a"], desktop["item-welcome"]
    assert abs(main["top"] - lab["top"]) < 2
    assert main["right"] <= lab["left"]
    assert welcome["left"] <= main["left"] and welcome["right"] >= lab["right"]
    # Phone: one column, in time order.
    assert phone["item-lab-a"]["top"] >= phone["item-talk-a"]["bottom"]
    assert phone["item-talk-a"]["right"] <= 390
    # The script added New York times: 09:00 in Berlin (CEST) is 03:00 there.
    assert "03:00–03:15" in desktop["viewer"]["text"]
