"""``clustermeet run`` in plain mode, with a fake clock and sleeper injected (nothing sleeps), and its log."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clustermeet.cli import app
from tests.conftest import AGENDAS

DEMO = str(AGENDAS / "go-cluster-2022.yaml")
runner = CliRunner()
run_module = importlib.import_module("clustermeet.cli.run")  # the package exports the command under that name


class FakeMachine:
    """A monotonic clock that only the sleeper moves; a wall clock fixed at ``now`` plus what was slept."""

    def __init__(self, now: datetime) -> None:
        self.seconds = 1000.0
        self.start = now
        self.slept = 0

    def monotonic(self) -> float:
        return self.seconds

    def sleep(self, seconds: float) -> None:
        assert 0 <= seconds <= 3600
        self.seconds += seconds
        self.slept += 1
        assert self.slept < 10_000, "runaway loop"

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds - 1000.0)


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> FakeMachine:
    fake = FakeMachine(datetime(2022, 10, 20, 7, 55, tzinfo=UTC))  # 09:55 in Berlin
    monkeypatch.setattr(
        run_module,
        "RUNTIME",
        run_module.Runtime(now=fake.now, monotonic=fake.monotonic, sleep=fake.sleep, is_terminal=lambda: False),
    )
    return fake


def test_plain_follows_the_plan_and_exits_0(machine: FakeMachine) -> None:
    result = runner.invoke(app, ["run", DEMO, "--speed", "60"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("10:00:00 BEGINN      Begrüßung und Ablauf")
    assert any("Schließ-Hinweis T-2" in line and "schließen in 2 Minuten" in line for line in lines)
    assert lines[-1].startswith("13:00:00 SCHLUSS")
    assert "\x1b" not in result.stdout
    # show seconds / speed = real seconds slept
    assert machine.seconds - 1000.0 == pytest.approx(3 * 3600 / 60, abs=1)


def test_wall_clock_counts_down_to_the_start(machine: FakeMachine) -> None:
    result = runner.invoke(app, ["run", DEMO, "--plain"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "09:55:00 WARTEN      Begrüßung und Ablauf – bis 10:00"
    assert machine.seconds - 1000.0 == pytest.approx(3 * 3600 + 5 * 60, abs=1)


def test_json_lines(machine: FakeMachine) -> None:
    result = runner.invoke(app, ["run", DEMO, "--json-lines", "--speed", "600", "--start-at", "12:10"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["event"] == "jump" and records[0]["step"] == "impuls-cdi"
    ends = [r for r in records if r["event"] == "end"]
    assert [r["step"] for r in ends][:2] == ["impuls-cdi", "pitches#pitch-1"]
    assert all(r["overrun"] == 0 for r in ends)
    assert records[-1]["event"] == "finished"


def test_log_resume_after_a_crash_and_report(machine: FakeMachine, tmp_path: Path) -> None:
    log = tmp_path / "show.jsonl"
    # a crash: the first run's log stops mid-show (what kill -9 leaves) with a torn last line
    first = runner.invoke(app, ["run", DEMO, "--json-lines", "--speed", "600", "--log", str(log)])
    assert first.exit_code == 0, first.output
    lines = log.read_bytes().splitlines(keepends=True)
    cut = next(n for n, line in enumerate(lines) if b'"step":"breakouts"' in line and b'"start"' in line)
    crashed = b"".join(lines[: cut + 1]) + b'{"type":"event","ev'
    log.write_bytes(crashed)
    again = runner.invoke(app, ["run", DEMO, "--plain", "--speed", "600", "--log", str(log)])
    assert again.exit_code == 0, again.output
    out = again.stdout.splitlines()
    assert out[0].startswith("11:00:00 FORTSETZUNG") and "Breakout-Sessions" in out[0]
    assert not any("BEGINN      Begrüßung" in line for line in out)
    assert out[-1].startswith("13:00:00 SCHLUSS")
    assert log.read_bytes().startswith(crashed + b"\n")  # appended, never rewritten
    report = runner.invoke(app, ["report", str(log), "--format", "json"])
    assert report.exit_code == 0, report.output
    data = json.loads(report.stdout)
    assert data["finished"] and data["drift_seconds"] == 0 and data["resumes"] == 1
    assert len(data["pitches"]) == 3
    assert "skipped unreadable line" in report.stderr


def test_log_of_another_agenda_is_refused(machine: FakeMachine, tmp_path: Path) -> None:
    log = tmp_path / "show.jsonl"
    assert runner.invoke(app, ["run", DEMO, "--plain", "--speed", "600", "--log", str(log)]).exit_code == 0
    minimal = str(Path(DEMO).parent / "minimal.yaml")
    result = runner.invoke(app, ["run", minimal, "--plain", "--speed", "600", "--log", str(log)])
    assert result.exit_code == 2
    assert "log of another plan" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start-at", "25:00"], "--start-at"),
        (["--speed", "0"], "--speed"),
        (["--track", "main"], "--track"),
    ],
)
def test_bad_options(machine: FakeMachine, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["run", DEMO, "--plain", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("start", "first_line"),
    [
        ("xx", "error: --start-at: 'xx' is not a start time; write HH:MM, or YYYY-MM-DD HH:MM"),
        (
            "0001-01-01 00:00",
            "error: --start-at: '0001-01-01 00:00' is not a start time: 0001-01-01 is not a plausible event date "
            "(years 1900 to 2999)",
        ),
    ],
)
def test_a_bad_start_says_what_is_wrong_once(machine: FakeMachine, start: str, first_line: str) -> None:
    result = runner.invoke(app, ["run", DEMO, "--plain", "--start-at", start])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == first_line


def test_tracks_need_track(machine: FakeMachine) -> None:
    agenda = str(Path(DEMO).parent / "open-transform-2023.yaml")
    result = runner.invoke(app, ["run", agenda, "--plain"])
    assert result.exit_code == 2 and "--track" in result.stderr


def test_plain_rehearsal_is_the_same_whatever_the_machine_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scheduling jitter of the real machine must not show: a plain rehearsal steps from one due time to the next."""
    import random

    outputs = []
    for seed in (1, 2):
        jitter = random.Random(seed)
        fake = FakeMachine(datetime(2022, 10, 20, 7, 55, tzinfo=UTC))

        def late_sleep(seconds: float, fake: FakeMachine = fake, jitter: random.Random = jitter) -> None:
            fake.sleep(seconds + jitter.random() * 0.05)  # the OS wakes us up to 50 ms late

        monkeypatch.setattr(
            run_module,
            "RUNTIME",
            run_module.Runtime(now=fake.now, monotonic=fake.monotonic, sleep=late_sleep, is_terminal=lambda: False),
        )
        result = runner.invoke(app, ["run", DEMO, "--plain", "--speed", "3000"])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert "10:08:00 WARNUNG" in outputs[0]
