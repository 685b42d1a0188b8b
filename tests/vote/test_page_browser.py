"""The result page in a real browser (headless chromium over the DevTools pipe of the schedule page's test):
no console error or CSP violation, nothing fetched, the winner and one bar per candidate, widest for the winner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.vote.counting import count_vote
from tests.conftest import AGENDAS
from tests.schedule.test_html_browser import CHROMIUM, Chromium, fetched, page_problems

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")

_READ = """JSON.stringify({
  winner: document.querySelector('.winner').textContent,
  bars: Array.from(document.querySelectorAll('rect')).map(function (r) { return r.getBoundingClientRect().width; }),
  lang: document.documentElement.lang, title: document.title})"""


def test_result_page_in_chromium(tmp_path: Path) -> None:
    loaded = load_agenda(AGENDAS / "go-cluster-2022.yaml")
    result = count_vote(
        loaded, [AGENDAS / "go-cluster-2022-abstimmung.csv"], output=tmp_path, record=tmp_path / "r.json"
    )
    url = result.written["page"].as_uri()
    browser = Chromium(tmp_path / "profile")
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable", session=session)
        browser.send("Page.navigate", {"url": url}, session=session)
        browser.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
        value = browser.send("Runtime.evaluate", {"expression": _READ, "returnByValue": True}, session=session)
        seen = json.loads(value["result"]["value"])
    finally:
        browser.close()
    problems = page_problems(browser.events)
    assert not problems, problems
    assert fetched(browser.events) == {url}
    assert seen["winner"] == "Netzwerk Industrie RuhrOst e. V. (NIRO)"
    assert (seen["lang"], seen["title"]) == ("de", "Ergebnis: Abstimmung ClusterERFOLG 2022")
    niro, lausitz, nord = seen["bars"]
    assert niro > lausitz > nord > 0
    assert abs(lausitz / niro - 17 / 30) < 0.02
