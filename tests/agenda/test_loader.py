"""The safe YAML loader and the agenda loader underneath validate and schedule."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from clustermeet.agenda.loading import load_agenda
from clustermeet.agenda.yamlsource import MAX_DEPTH, load_yaml, parse_yaml, read_text
from clustermeet.errors import InvalidInputError, UsageError
from tests.conftest import FIXTURES


def _data(text: str) -> object:
    return parse_yaml(text, "t.yaml").data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10:00", "10:00"),  # YAML 1.1: 600
        ("1:30:00", "1:30:00"),
        ("no", "no"),  # YAML 1.1: False
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("20", 20),
        ("-3", -3),
        ("0o17", "0o17"),
        ("012", 12),  # YAML 1.2 core: decimal, not octal
        ("1_000", "1_000"),
        ("2.5", 2.5),
        ("1e3", "1e3"),  # text: the parser tags it str (YAML 1.1) before we see it; no agenda field wants it
        (".inf", math.inf),
        ("2022-10-20", "2022-10-20"),  # a string; the model turns it into a date
        ("'20'", "20"),
        ('"true"', "true"),
        ("!!str 20", "20"),
        ("|\n  20\n", "20\n"),
    ],
)
def test_scalars_follow_yaml_1_2_core(text: str, value: object) -> None:
    """Both parsers (libyaml and pure Python) must agree; libyaml marks plain scalars with style '' not None."""
    assert _data(f"v: {text}") == {"v": value}


def test_scalars_with_the_pure_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    from clustermeet.agenda import yamlsource

    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    assert _data("a: 20\nb: 10:00\nc: no\nd: ~\ne: '5'") == {"a": 20, "b": "10:00", "c": "no", "d": None, "e": "5"}


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_a_control_character_is_placed_by_either_parser(monkeypatch: pytest.MonkeyPatch, loader: str) -> None:
    """libyaml gives the offset in UTF-8 bytes, PyYAML's reader in characters: the column is the same."""
    import yaml

    from clustermeet.agenda import yamlsource

    monkeypatch.setattr(yamlsource, "_Loader", getattr(yaml, loader))
    with pytest.raises(InvalidInputError) as caught:
        parse_yaml('title: Grüße aus Köln äöü\nnote: "é \x07"\n', "t.yaml")
    assert [p.text() for p in caught.value.problems] == [
        "t.yaml:2:10: error: control character U+0007 is not allowed in YAML; remove it"
    ]


def test_positions_of_keys_and_items() -> None:
    document = parse_yaml("event:\n  title: x\nsegments:\n  - {id: a, kind: talk}\n  - id: b\n", "t.yaml")
    assert document.where(("event", "title")) == (2, 3)
    assert document.where(("segments", 0)) == (4, 5)
    assert document.where(("segments", 0, "kind")) == (4, 13)
    assert document.where(("segments", 1, "id")) == (5, 5)
    # unknown paths fall back to the nearest ancestor with a place
    assert document.where(("segments", 1, "title", 3)) == (5, 5)
    assert document.where(("nothing",)) == (1, 1)


def test_bom_does_not_shift_columns(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\nb:  2\n")
    document = load_yaml(path)
    assert document.data == {"a": 1, "b": 2}
    assert document.where(("a",)) == (1, 1)


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"a: 1\r\nb:\r\n  - x\r\n")
    document = load_yaml(path)
    assert document.data == {"a": 1, "b": ["x"]}
    assert document.where(("b", 0)) == (3, 5)


def test_nesting_limit_is_an_error_not_a_crash() -> None:
    with pytest.raises(InvalidInputError, match=f"deeper than {MAX_DEPTH}"):
        parse_yaml("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), "t.yaml")


def test_aliases_within_the_limit_are_expanded() -> None:
    assert _data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_every_non_plain_tag_is_refused() -> None:
    for tag in ("!!python/name:os.system", "!!binary aGVsbG8=", "!custom x", "!!set {a}"):
        with pytest.raises(InvalidInputError, match="is not allowed"):
            parse_yaml(f"a: {tag}\n", "t.yaml")


def test_read_text_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        read_text(tmp_path / "missing.yaml", "missing.yaml")
    with pytest.raises(UsageError, match="is a folder"):
        read_text(tmp_path, "folder")


def test_too_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clustermeet.agenda import yamlsource

    monkeypatch.setattr(yamlsource, "MAX_BYTES", 1024)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="larger than"):
        load_yaml(path)


def test_loaded_agenda_carries_schedule_participants_and_warnings() -> None:
    loaded = load_agenda(FIXTURES / "invalid" / "past-midnight.yaml", "night.yaml")
    assert loaded.display == "night.yaml"
    assert [w.text() for w in loaded.warnings] == [
        "night.yaml:10:68: warning: segments[0].duration: runs past midnight (23:30-00:30); "
        "fine for a night session, else check the times"
    ]
    assert loaded.participants is None
    assert [i.id for i in loaded.schedule.items] == ["night"]
    assert loaded.folder == FIXTURES / "invalid"


def test_participants_csv_is_read_relative_to_the_agenda() -> None:
    loaded = load_agenda(Path("agendas/go-cluster-2022.yaml").resolve())
    assert loaded.participants is not None
    assert len(loaded.participants.participants) >= 50
    assert loaded.participants.lines[0] == 2


def test_load_agenda_collects_every_problem() -> None:
    with pytest.raises(InvalidInputError) as caught:
        load_agenda(FIXTURES / "invalid" / "unknown-person.yaml", "x.yaml")
    assert len(caught.value.problems) == 4
    assert caught.value.message.startswith("x.yaml:15:92: error: segments[0].speakers[0]")
