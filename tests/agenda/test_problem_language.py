"""Located problems in the event's language: every invalid fixture loaded as a German agenda says in German what
the i18n table has in German, the English text stays as it was, and validate's summary follows the files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.errors import InvalidInputError, Problem
from clustermeet.i18n import problem_message

FIXTURES = Path(__file__).parents[1] / "fixtures" / "invalid"
INVALID = sorted(FIXTURES.glob("*.yaml"))
#: words that only an English message has (a German one names fields and values, never these)
ENGLISH = re.compile(r"\b(is not|must|should|missing|unknown key|did you mean|allowed|the file|remove|write)\b")


def german(source: Path, folder: Path) -> Path:
    """The fixture with ``language: de`` in its event (replacing its own), beside its CSVs."""
    text = source.read_text(encoding="utf-8", errors="surrogateescape")
    text = re.sub(r"(?m)^  language:.*\n", "", text)
    text = re.sub(r"(?m)^event:[ ]*\n", "event:\n  language: de\n", text, count=1)
    for csv in source.parent.glob(f"{source.stem}*.csv"):
        (folder / csv.name).write_bytes(csv.read_bytes())
    target = folder / source.name
    target.write_text(text, encoding="utf-8", errors="surrogateescape")
    return target


def problems(path: Path) -> list[Problem]:
    try:
        return load_agenda(path, path.name).warnings
    except InvalidInputError as exc:
        return exc.problems


#: fixtures whose every problem is already a message of i18n/problems.py (the reading and the shape of the file);
#: the others' checks (checks.py, timing, seating, the e-mail check) keep English for now
WHOLLY_GERMAN = {
    "alias-bomb.yaml", "alias-loop.yaml", "alias-undefined.yaml", "control-character.yaml", "deep-nesting.yaml",
    "duplicate-keys.yaml", "merge-key.yaml", "missing-required.yaml", "only-list.yaml", "python-tag.yaml",
    "segments-null.yaml", "tab-indent.yaml", "two-documents.yaml", "unknown-key-top.yaml", "unknown-key.yaml",
    "unknown-kind.yaml", "wrong-types.yaml", "bad-duration.yaml", "bad-start.yaml", "bom-with-error.yaml",
    "duration-out-of-range.yaml", "latin1.yaml", "number-as-text.yaml", "start-out-of-range.yaml",
    "unquoted-colon.yaml", "yaml-syntax.yaml", "bad-timezone.yaml", "date-and-dates.yaml", "kind-block-mismatch.yaml",
    "timezone-folder.yaml", "duplicate-ids.yaml", "no-segments.yaml", "unknown-person.yaml", "unknown-track.yaml",
    "facilitator-two-rooms.yaml", "pitches-too-long.yaml", "two-places.yaml",
}  # fmt: skip


def translated(item: Problem) -> bool:
    """Whether the problem's whole text comes from i18n/problems.py (not a validator's English text inside it)."""
    chain = f"{item.key} {dict(item.params).get('inner', '')}".split()
    return (
        bool(item.key)
        and "schema.other" not in chain
        and ("message" not in dict(item.params) or any(key.startswith("pydantic.") for key in chain))
    )


@pytest.mark.parametrize("source", INVALID, ids=[p.name for p in INVALID])
def test_a_german_agenda_has_its_problems_in_german(source: Path, tmp_path: Path) -> None:
    path = german(source, tmp_path)
    found = problems(path)
    if not found:
        pytest.skip("its only problem was its language")
    if b"language: de" not in path.read_bytes():  # no event block to name the language in: English
        assert all(item.message == problem_message(item, "en") for item in found)
        return
    for item in found:
        if translated(item):  # German, and differs from its English rendering
            assert item.message != problem_message(item, "en") or item.key == "yaml.syntax", item.text()
            if not item.key.startswith(("yaml.syntax", "value.bad_clock")):  # libyaml's, Python's words stay
                assert not ENGLISH.search(item.message), item.text()
    if source.name in WHOLLY_GERMAN:
        assert all(translated(item) for item in found), [item.text() for item in found]


def test_the_english_text_is_the_one_of_old() -> None:
    """The fixtures' own ``# expect:`` lines (English agendas) still match, byte for byte."""
    for source in INVALID:
        expected = re.findall(r"(?m)^# expect: (.*)$", source.read_text(encoding="utf-8", errors="replace"))
        lines = [item.text().split(": ", 1)[1] if item.line else item.text() for item in problems(source)]
        for line in expected:
            assert any(line in text for text in [p.text() for p in problems(source)]), (source.name, line, lines)


def test_yaml_and_shape_messages_in_german(tmp_path: Path) -> None:
    agenda = tmp_path / "a.yaml"
    agenda.write_text("event:\n  language: de\n  title: T\n  title: U\n", encoding="utf-8")
    (item,) = problems(agenda)
    assert item.text() == "a.yaml:4:3: error: doppelter Schlüssel 'title' (zuerst in Zeile 3); einen davon entfernen"
    agenda.write_text("event:\n  language: de\n\ttitle: T\n", encoding="utf-8")
    assert problems(agenda)[0].message == "Tabulatorzeichen: YAML rückt nur mit Leerzeichen ein"
    agenda.write_text("event:\n  language: de\na: &x 1\nb: &x 2\n", encoding="utf-8")
    assert problems(agenda)[0].message == "YAML-Fehler: der Anker &x ist doppelt definiert (zuerst in Zeile 3)"
    agenda.write_text("event:\n  language: de\n  titel: T\nsegments: []\n", encoding="utf-8")
    messages = {p.field: p.message for p in problems(agenda)}
    assert messages["event.titel"] == "unbekannter Schlüssel 'titel'; vielleicht 'title'?"
    assert messages["event.timezone"] == "fehlt (Pflichtfeld)"
    agenda.write_text("event:\n  language: fr\n  titel: T\n", encoding="utf-8")  # no language of ours: English
    assert {p.message for p in problems(agenda)} >= {"missing (required)", "unknown key 'titel'; did you mean 'title'?"}


def test_validate_github_and_summary_in_german(tmp_path: Path) -> None:
    agenda = tmp_path / "a.yaml"
    agenda.write_text("event:\n  language: de\n  title: T\n  titel: U\n", encoding="utf-8")
    english = tmp_path / "b.yaml"
    english.write_text("event:\n  language: en\n  titel: U\n", encoding="utf-8")

    def run(*paths: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "clustermeet", "validate", "--format", "github", *map(str, paths)]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)

    result = run(agenda)
    assert result.returncode == 1
    where = f"::error file={str(agenda).replace(':', '%3A')},line=4,col=3::"
    assert f"{where}event.titel: unbekannter Schlüssel 'titel'; vielleicht 'title'?\n" in result.stdout
    assert f"{where.replace('line=4,col=3', 'line=1,col=1')}event.timezone: fehlt (Pflichtfeld)" in result.stdout
    assert result.stderr.strip() == "1 Datei geprüft: 0 gültig, 1 ungültig; 5 Fehler, 0 Warnungen"
    mixed = run(agenda, english)  # each file in its own language, the summary in English for a mixed set
    assert "unbekannter Schlüssel" in mixed.stdout and "unknown key 'titel'" in mixed.stdout
    assert mixed.stderr.strip() == "2 files checked: 0 valid, 2 invalid; 11 errors, 0 warnings"


def test_a_value_refused_by_its_type_in_german(tmp_path: Path) -> None:
    agenda = tmp_path / "a.yaml"
    demo = (Path(__file__).parents[2] / "agendas" / "go-cluster-2022.yaml").read_text(encoding="utf-8")
    agenda.write_text(demo.replace("duration: 25m", "duration: 25x", 1), encoding="utf-8")
    for csv in (Path(__file__).parents[2] / "agendas").glob("*.csv"):
        (tmp_path / csv.name).write_bytes(csv.read_bytes())
    (item,) = problems(agenda)
    assert item.message == "'25x' ist keine Dauer; Minuten (15) oder Text wie 15m, 1h30m, 90s angeben"
    assert problem_message(item, "en") == "'25x' is not a duration; write minutes (15) or text such as 15m, 1h30m, 90s"


def test_a_reference_check_in_german(tmp_path: Path) -> None:
    found = {p.field: p.message for p in problems(german(FIXTURES / "unknown-person.yaml", tmp_path))}
    assert found["segments[0].speakers[0]"] == "Vortragende 'anne' steht nicht in people; vielleicht 'ann'?"
    english = {p.field: p.message for p in problems(FIXTURES / "unknown-person.yaml")}
    assert english["segments[0].speakers[0]"] == "speaker 'anne' is not in people; did you mean 'ann'?"
