"""`assign` writes its files all or nothing (one output that cannot be written leaves none behind), in the event's
language."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from clustermeet.agenda.loading import load_agenda, with_language
from clustermeet.breakouts.assigning import assign_breakouts
from clustermeet.cli import app
from tests.conftest import AGENDAS, FIXTURES

DEMO = AGENDAS / "go-cluster-2022.yaml"
WORKSHOP = FIXTURES / "participants" / "workshop.yaml"


def test_a_blocked_output_folder_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    output = tmp_path / "assignments.csv"
    args = ["assign", str(DEMO), "-o", str(output), "--zoom-csv", str(tmp_path / "blocker" / "zoom")]
    args += ["--rosters", str(tmp_path / "rosters")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.stderr
    assert not output.exists()
    assert not (tmp_path / "rosters").exists() or not any((tmp_path / "rosters").iterdir())
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary files


def test_all_outputs_are_written_together(tmp_path: Path) -> None:
    output = tmp_path / "assignments.csv"
    args = ["assign", str(DEMO), "-o", str(output), "--zoom-csv", str(tmp_path / "zoom")]
    args += ["--rosters", str(tmp_path / "rosters")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert output.is_file()
    assert [p.name for p in (tmp_path / "zoom").iterdir()] == ["breakouts-zoom.csv"]
    assert len(list((tmp_path / "rosters").iterdir())) == 3


def test_the_use_case_writes_and_speaks_the_event_language(tmp_path: Path) -> None:
    """Rosters, generated room titles and the summary take their words from i18n.BREAKOUT_WORDS."""
    loaded = with_language(load_agenda(WORKSHOP), "de")
    output = tmp_path / "a.csv"
    outcome = assign_breakouts(loaded, output=output, rosters_dir=tmp_path / "rosters", seed=1)
    assert outcome.written[0] == str(output) and output.is_file()
    assert len(outcome.written) == 1 + len(list((tmp_path / "rosters").iterdir()))
    mixer = (tmp_path / "rosters" / "mixer-2-group-01.md").read_text(encoding="utf-8")
    assert mixer.startswith("# Gruppe 1\n\nMixer – Runde 2  \n")
    assert "## Teilnehmende (" in mixer
    alpha = (tmp_path / "rosters" / "topics-alpha.md").read_text(encoding="utf-8")
    assert "– Wunsch 1\n" in alpha
    labels = [label for label, _ in outcome.block_tables()[0].rows]
    assert labels[:2] == ["Teilnehmende", "Räume"] and labels[-2:] == ["Raumgrößen", "Verfahren"]
    assert outcome.block_tables()[0].title == "Zuteilung: topics"
    assert set(outcome.to_dict()) == {"blocks", "moved", "left", "warnings", "notes", "written"}


def test_rosters_link_the_rooms_live_timer_when_the_agenda_has_a_live_url(tmp_path: Path) -> None:
    source = FIXTURES / "participants"
    text = (source / "workshop.yaml").read_text(encoding="utf-8")
    agenda = tmp_path / "workshop.yaml"
    agenda.write_text(
        text.replace("  platform: {kind: zoom", "  live_url: http://studio.example.org:8080\n  platform: {kind: zoom"),
        encoding="utf-8",
    )
    (tmp_path / "workshop.csv").write_bytes((source / "workshop.csv").read_bytes())
    rosters = tmp_path / "rosters"
    result = CliRunner().invoke(
        app, ["assign", str(agenda), "-o", str(tmp_path / "a.csv"), "--rosters", str(rosters)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    alpha = (rosters / "topics-alpha.md").read_text(encoding="utf-8")
    assert "Room timer: <http://studio.example.org:8080/room/alpha>" in alpha
