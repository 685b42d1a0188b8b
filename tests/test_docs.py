"""The documentation keeps up with the code: every agenda field documented, the committed schema current."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from clustermeet.agenda import models as agenda_models
from clustermeet.agenda.schema import agenda_schema_text
from clustermeet.agenda.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def _models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(agenda_models).values()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == agenda_models.__name__
        and not value.__name__.startswith("_")
    ]


def test_every_agenda_field_is_documented() -> None:
    text = (ROOT / "docs" / "agenda-format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", text))
    missing = sorted(
        f"{model.__name__}.{name}" for model in _models() for name in model.model_fields if name not in documented
    )
    assert not missing, f"fields missing from docs/agenda-format.md: {missing}"


def test_committed_schema_is_current() -> None:
    committed: Any = json.loads((ROOT / "docs" / "agenda.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(agenda_schema_text()), "run `make schema` and commit docs/agenda.schema.json"


def test_readme_opens_with_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]


def test_every_command_has_help_and_is_in_the_readme() -> None:
    from typer.main import get_command

    from clustermeet.cli import app

    group = get_command(app)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    context = group.make_context("clustermeet", [], resilient_parsing=True)
    names = group.list_commands(context)  # type: ignore[attr-defined]
    assert len(names) >= 11, names
    for name in names:
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        assert command is not None, name
        assert (command.help or "").strip(), f"{name} has no help text"
        assert f"clustermeet {name}" in readme, f"README does not show `clustermeet {name}`"


def _yaml_examples() -> list[str]:
    text = (ROOT / "docs" / "agenda-format.md").read_text(encoding="utf-8")
    blocks = [textwrap.dedent(block) for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)]
    # leave out the editor line, a block with only a comment
    return [b for b in blocks if any(line.strip() and not line.lstrip().startswith("#") for line in b.splitlines())]


@pytest.mark.parametrize("example", _yaml_examples(), ids=lambda e: e.strip().splitlines()[0][:40])
def test_yaml_examples_in_the_format_docs_are_valid(example: str) -> None:
    """Each example is a whole agenda, some of its top-level keys, or a few segments; each part must validate."""
    models: dict[str, Any] = {
        "event": agenda_models.Event,
        "people": list[agenda_models.Person],
        "tracks": list[agenda_models.Track],
        "segments": list[agenda_models.Segment],
        "participants": list[agenda_models.Participant] | agenda_models.ParticipantsFile | str,
    }
    data = parse_yaml(example, "example").data
    if isinstance(data, list):
        data = {"segments": data}
    assert isinstance(data, dict)
    if "event" in data and "segments" in data:
        agenda_models.Agenda.model_validate(data)
    for key, value in data.items():
        TypeAdapter(models[key]).validate_python(value)
