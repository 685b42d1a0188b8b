"""frab / c3voc export: valid against the c3voc schemas, stable bytes, and import -> export -> import keeps events."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from test_frab_import import FIXTURES, REAL_FILES, SHARED, agenda_events, frab_events, needs_shared
from typer.testing import CliRunner

from clustermeet.agenda.loading import load_agenda
from clustermeet.cli import app
from clustermeet.interop.agenda_yaml import agenda_to_yaml
from clustermeet.interop.frab_read import import_schedule, parse_schedule
from clustermeet.interop.frab_write import schedule_to_frab_dict, schedule_to_frab_json, schedule_to_frab_xml
from tests.conftest import GOLDEN as GOLDEN_ROOT
from tests.conftest import ROOT

AGENDAS = sorted((ROOT / "agendas").glob("*.yaml"))
GOLDEN = GOLDEN_ROOT / "frab"
SCHEMAS = SHARED.parent / "schemas"
needs_schemas = pytest.mark.skipif(
    not (SCHEMAS / "c3voc-schedule.xml.xsd").is_file(),
    reason=f"c3voc schemas not found in {SCHEMAS} (../shared absent)",
)


@pytest.fixture(scope="module")
def xsd() -> Any:
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is a test dependency (pip install -e '.[test]')")
    return xmlschema.XMLSchema(str(SCHEMAS / "c3voc-schedule.xml.xsd"))


@pytest.fixture(scope="module")
def json_validator() -> Any:
    import jsonschema

    schema = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()

    @checker.checks("uuid")
    def _uuid(value: object) -> bool:
        return not isinstance(value, str) or str(uuid.UUID(value)) == value.lower()

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None

    return jsonschema.Draft6Validator(schema, format_checker=checker)


def _agenda_sources(tmp_path: Path) -> list[Path]:
    """The example agendas, and the imported fixtures and real files."""
    paths = [*AGENDAS, FIXTURES / "summit.yaml", FIXTURES / "kept.yaml"]
    for source in [*sorted(FIXTURES.glob("*.schedule.*")), *REAL_FILES]:
        result = import_schedule(source.read_text(encoding="utf-8"), source.name)
        target = tmp_path / f"{source.name}.yaml"
        target.write_text(agenda_to_yaml(result.data), encoding="utf-8")
        paths.append(target)
    return paths


@needs_schemas
def test_exports_are_valid_against_the_c3voc_schemas(tmp_path: Path, xsd: Any, json_validator: Any) -> None:
    for path in _agenda_sources(tmp_path):
        schedule = load_agenda(path).schedule
        xml_errors = [f"{e.path}: {e.reason}" for e in xsd.iter_errors(schedule_to_frab_xml(schedule))]
        assert not xml_errors, f"{path.name}: {xml_errors[:5]}"
        data = json.loads(schedule_to_frab_json(schedule))
        json_errors = [f"{list(e.path)}: {e.message}" for e in json_validator.iter_errors(data)]
        assert not json_errors, f"{path.name}: {json_errors[:5]}"


def test_breakout_rooms_become_rooms() -> None:
    schedule = load_agenda(ROOT / "agendas" / "go-cluster-2022.yaml").schedule
    data = schedule_to_frab_dict(schedule)
    rooms = [r["name"] for r in data["schedule"]["conference"]["rooms"]]
    block = next(s for s in schedule.agenda.segments if s.breakout is not None)
    assert block.breakout is not None
    assert rooms[0] == "Plenum"
    for room in block.breakout.rooms:
        assert room.title in rooms
        events = data["schedule"]["conference"]["days"][0]["rooms"][room.title]
        assert [e["title"] for e in events] == [f"{block.title}: {room.title}"]


def test_guids_are_stable_and_unique(tmp_path: Path) -> None:
    path = ROOT / "agendas" / "open-transform-2023.yaml"
    first = schedule_to_frab_json(load_agenda(path).schedule)
    second = schedule_to_frab_json(load_agenda(path).schedule)
    assert first == second
    data = json.loads(first)
    events = [e for d in data["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r]
    assert len({e["guid"] for e in events}) == len(events)
    assert len({e["id"] for e in events}) == len(events)


@pytest.mark.parametrize(("fmt", "suffix"), [("xml", "xml"), ("json", "json")])
def test_golden(fmt: str, suffix: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{suffix}"
    result = CliRunner().invoke(
        app, ["export", "frab", str(FIXTURES / "summit.yaml"), "--format", fmt, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"summit.schedule.{suffix}"
    text = target.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "run UPDATE_GOLDEN=1 pytest tests/interop/test_frab_export.py"


def _round_trip(source: Path, tmp_path: Path, fmt: str) -> None:
    first = import_schedule(source.read_text(encoding="utf-8"), source.name)
    agenda_path = tmp_path / "first.yaml"
    agenda_path.write_text(agenda_to_yaml(first.data), encoding="utf-8")
    loaded = load_agenda(agenda_path)
    exported = schedule_to_frab_xml(loaded.schedule) if fmt == "xml" else schedule_to_frab_json(loaded.schedule)
    again = parse_schedule(exported, f"export.{fmt}")
    assert frab_events(again) == agenda_events(loaded)
    second = import_schedule(exported, f"export.{fmt}")
    second_path = tmp_path / "second.yaml"
    second_path.write_text(agenda_to_yaml(second.data), encoding="utf-8")
    assert agenda_events(load_agenda(second_path)) == agenda_events(loaded)


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize("name", ["quirks.schedule.xml", "quirks.schedule.json"])
def test_round_trip_keeps_events(name: str, fmt: str, tmp_path: Path) -> None:
    _round_trip(FIXTURES / name, tmp_path, fmt)


@needs_shared
@pytest.mark.parametrize("path", REAL_FILES, ids=[p.name for p in REAL_FILES])
def test_round_trip_of_real_files(path: Path, tmp_path: Path) -> None:
    _round_trip(path, tmp_path, "json")


def test_export_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["export", "frab", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 2
    bad = runner.invoke(app, ["export", "frab", str(ROOT / "agendas" / "minimal.yaml"), "--format", "csv"])
    assert bad.exit_code == 2
    out = runner.invoke(app, ["export", "frab", str(ROOT / "agendas" / "minimal.yaml"), "-f", "json"])
    assert out.exit_code == 0
    assert json.loads(out.stdout)["schedule"]["conference"]["acronym"] == "team_sync"
