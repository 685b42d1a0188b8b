"""Output files: written whole or not at all, and an existing file is never replaced without --force."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from clustermeet import files
from clustermeet.errors import OutputExistsError, UsageError
from clustermeet.files import write_atomic, write_batch


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    with pytest.raises(OutputExistsError):
        write_atomic(target, "new")
    assert target.read_text() == "keep me"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert _leftovers(tmp_path) == []


def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new", force=True)
    assert target.stat().st_mode & 0o777 == 0o640


def _racing_stage(monkeypatch: pytest.MonkeyPatch, victim: Path) -> None:
    """Another process creates ``victim`` after our check, while our content is being written."""
    real_stage = files._stage

    def stage(path: Path, content: str | bytes) -> Path:
        temp = real_stage(path, content)
        if path == victim:
            victim.write_text("theirs")
        return temp

    monkeypatch.setattr(files, "_stage", stage)


def test_a_file_that_appears_after_the_check_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ics"
    _racing_stage(monkeypatch, target)
    with pytest.raises(OutputExistsError):
        write_atomic(target, "ours")
    assert target.read_text() == "theirs"
    assert _leftovers(tmp_path) == []


def test_a_batch_that_loses_a_race_takes_back_what_it_placed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    _racing_stage(monkeypatch, second)
    with pytest.raises(OutputExistsError):
        write_batch({first: "ours a", second: "ours b"})
    assert not first.exists()
    assert second.read_text() == "theirs"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP])
def test_without_hard_links_it_checks_and_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def no_link(src: object, dst: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "link", no_link)
    target = tmp_path / "out.json"
    write_atomic(target, "first")
    assert target.read_text() == "first"
    _racing_stage(monkeypatch, tmp_path / "late.json")
    with pytest.raises(OutputExistsError):
        write_atomic(tmp_path / "late.json", "ours")
    assert (tmp_path / "late.json").read_text() == "theirs"
    assert _leftovers(tmp_path) == []


def test_a_failure_while_placing_new_files_takes_back_the_placed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link = os.link
    calls: list[object] = []

    def failing_second_link(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_link(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "link", failing_second_link)
    with pytest.raises(UsageError, match=r"cannot write .*b\.ics"):
        write_batch({tmp_path / "a.ics": "a", tmp_path / "b.ics": "b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_dangling_symlink_is_not_replaced_with_or_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.symlink_to(tmp_path / "nowhere.csv")
    for force in (False, True):
        with pytest.raises(UsageError, match="is a symbolic link, not a regular file"):
            write_atomic(target, "new", force=force)
    assert target.is_symlink()
    assert not (tmp_path / "nowhere.csv").exists()


# --- the append-only JSON-lines log -----------------------------------------------------------------------------


def test_json_lines_log_appends_reads_back_with_line_numbers_and_closes_a_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    log = files.JsonLinesLog(path, sync=True)
    log.write({"n": 1, "text": "Begrüßung"})
    log.write({"n": 2})
    log.close()
    assert path.read_bytes() == '{"n":1,"text":"Begrüßung"}\n{"n":2}\n'.encode()
    with path.open("ab") as stream:  # a crash in the middle of a write
        stream.write(b'{"n": 3, "te')
    assert files.read_json_lines(path) == [(1, {"n": 1, "text": "Begrüßung"}), (2, {"n": 2}), (3, None)]
    again = files.JsonLinesLog(path, sort_keys=True, separators=(", ", ": "))
    again.write({"z": 1, "a": 2})
    again.close()
    assert path.read_bytes().endswith(b'{"n": 3, "te\n{"a": 2, "z": 1}\n')  # nothing rewritten; the torn line closed
    assert files.read_json_lines(path)[-1] == (4, {"a": 2, "z": 1})


def test_json_lines_log_missing_file_and_unwritable_place(tmp_path: Path) -> None:
    assert files.read_json_lines(tmp_path / "none.jsonl") == []
    with pytest.raises(UsageError, match="cannot write the log"):
        files.JsonLinesLog(tmp_path / "no" / "such" / "folder.jsonl", name="the log")


def test_a_short_write_to_a_json_lines_log_leaves_no_torn_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk takes half a line, then is full: the half is cut off again, so the next record is a line of its
    own (a torn line would swallow it, and the reader would lose both)."""
    import json

    path = tmp_path / "log.jsonl"
    log = files.JsonLinesLog(path, sync=False)
    log.write({"n": 1})
    real = os.write
    monkeypatch.setattr(files.os, "write", lambda fd, data: real(fd, data[: len(data) // 2]))
    with pytest.raises(OSError, match="No space left"):
        log.write({"n": 2, "text": "a record long enough to be cut in the middle"})
    monkeypatch.setattr(files.os, "write", real)
    log.write({"n": 3})
    log.close()
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == [{"n": 1}, {"n": 3}]
