"""The JSON Schema of agenda files (kept in docs/agenda.schema.json), for editors and other tools."""

from __future__ import annotations

import json

from clustermeet.agenda.models import Agenda


def agenda_schema_text() -> str:
    """The schema as indented JSON text, in the models' field order."""
    schema = Agenda.model_json_schema(mode="validation")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
