"""The kernel every feature may import: the agenda models and value types, the YAML source with line and column,
loading, checks, participants, timing (the schedule of instants) and the JSON Schema. No I/O beyond reading the
agenda and its participants list; nothing here prints."""
