"""The files vote writes, byte for byte (tests/golden/vote/; UPDATE_GOLDEN=1 rewrites them after a deliberate
change): the result page, the audit file and the record, for instant-runoff and Schulze on the pitch night."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.vote.counting import count_vote
from tests.conftest import FIXTURES, GOLDEN

BALLOTS = [FIXTURES / "ballots" / "plain-ranked.csv", FIXTURES / "ballots" / "zoom-2021.csv"]


@pytest.mark.parametrize("method", ["instant-runoff", "schulze"])
def test_written_files(tmp_path: Path, method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(FIXTURES / "agendas" / "pitch-night.yaml", tmp_path / "night.yaml")
    for ballot in BALLOTS:
        shutil.copy(ballot, tmp_path / ballot.name)
    monkeypatch.chdir(tmp_path)  # relative names, as an organiser types them
    loaded = load_agenda(Path("night.yaml"), "night.yaml")
    result = count_vote(loaded, [Path(b.name) for b in BALLOTS], method=method)
    for kind, path in result.written.items():
        golden = GOLDEN / "vote" / f"{method}-{kind}{path.suffix}"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_bytes(path.read_bytes())
        assert path.read_bytes() == golden.read_bytes(), f"{kind}: {path} differs from {golden}"
