"""The stream a browser's tabs share (``/events?views=...``): each frame named by its view, each view behind the
token it needs on its own, a view or room the show does not have refused. The tabs themselves, in Chromium, are in
test_serve_browser.py."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from tests.show.serve_support import Served, get_status

CONTROL, CREW = "control-" + "x" * 16, "crew-" + "y" * 16


def _first_frames(url: str, count: int) -> list[tuple[str, dict[str, object]]]:
    """The first ``count`` named frames of a stream: (event, data)."""
    frames: list[tuple[str, dict[str, object]]] = []
    event = ""
    with urllib.request.urlopen(url, timeout=10) as stream:
        for _ in range(200):  # bounded: a few lines a frame
            line = stream.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                frames.append((event, json.loads(line[6:])))
                if len(frames) == count:
                    break
    return frames


def test_one_stream_carries_several_views_each_behind_its_token(tmp_path: Path) -> None:
    env = {"CLUSTERMEET_CONTROL_TOKEN": CONTROL, "CLUSTERMEET_CREW_TOKEN": CREW}
    served = Served(tmp_path / "show.jsonl", "--speed", "1", "--start-at", "10:02", "--public-foyer", env=env)
    base = f"{served.base}/events?views="
    try:
        frames = _first_frames(f"{base}stage,room:weiterbildung,stage&token={CREW}", 2)
        assert [event for event, _data in frames] == ["stage", "room:weiterbildung"]  # each view once
        assert frames[0][1]["title"] == "Begrüßung und Ablauf"
        assert frames[1][1]["state"] == "closed"
        # a stream is as guarded as the most guarded view it carries
        assert get_status(f"{base}stage,operator&token={CREW}")[0] == 401
        assert get_status(f"{base}foyer,stage")[0] == 401
        assert _first_frames(f"{base}foyer", 1)[0][0] == "foyer"  # public with --public-foyer
        assert _first_frames(f"{base}operator,foyer&token={CONTROL}", 2)[0][0] == "operator"
        for wrong in ("stage,room:no-such-room", "stage,room", "nonsense", ""):
            assert get_status(f"{base}{wrong}&token={CREW}")[0] == 404, wrong
        assert get_status(f"{served.base}/static/stream.js?token={CREW}")[0] == 200
    finally:
        served.stop()
