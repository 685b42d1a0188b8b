"""``clustermeet schema``: the JSON Schema of the agenda file."""

from __future__ import annotations

from clustermeet.cli.common import emit
from clustermeet.cli.options import Force, OutputFile
from clustermeet.cli.output import handle_errors


def agenda_schema_text() -> str:
    import json

    from clustermeet.model.agenda import Agenda

    schema = Agenda.model_json_schema(mode="validation")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema(output: OutputFile = None, force: Force = False) -> None:
    """Print the JSON Schema of agenda files, for editors (yaml-language-server) and other tools."""
    with handle_errors():
        emit(agenda_schema_text(), output, force)
