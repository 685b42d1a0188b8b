"""The screenshots of docs/run-of-show.md: a served demo show in headless chromium, 11:41 in the breakouts.

.venv/bin/python -m tests.tools.serve_screenshots [FOLDER]    (default docs/img)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.schedule.test_html_browser import Chromium
from tests.show.serve_support import Served
from tests.show.test_serve_browser import Tab

ROOT = Path(__file__).resolve().parents[2]
SHOTS = [
    ("operator", "operator", 1280, 900),
    ("stage", "stage", 1280, 720),
    ("stage-phone", "stage", 390, 844),
    ("room", "room/weiterbildung", 1280, 720),
    ("backstage", "backstage", 1280, 720),
    ("foyer", "foyer", 1280, 900),
]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        served = Served(Path(work) / "show.jsonl", "--speed", "1", "--start-at", "11:41")
        browser = Chromium(Path(work) / "profile")
        try:
            served.post("message", "Um 11:50 alle zurück ins Plenum")
            served.post("adjust", 300)  # the rooms get five minutes more, and the programme follows (carry)
            served.post("carry")
            for name, path, width, height in SHOTS:
                tab = Tab(browser, f"{served.base}/{path}", width, height)
                tab.until("document.getElementById('clock').textContent !== ''")
                time.sleep(0.3)
                tab.shot(folder / f"serve-{name}.png")
                tab.close()
        finally:
            browser.close()
            served.stop()
    print(f"screenshots in {folder}")


if __name__ == "__main__":
    main()
