"""I/O: the invite files and the invite state on disk: a batch of files checked first, identical files left alone;
the state locked for the run, read, and saved after the files it describes, through a journal.

The journal ``<state>.pending`` names the files a run is about to write. It is written before them and removed
once the state that describes them is saved, so a run killed at any point leaves the old state and a journal: the
next run issues against the old state (counting as new what never was on record) and may replace the files the
journal names without ``force``, since they are the interrupted run's own. State and files agree again after it.
"""

from __future__ import annotations

import json
from pathlib import Path

from clustermeet.errors import InputError, OutputExistsError, UsageError
from clustermeet.files import (
    WriterLock,
    check_not_utf16,
    check_replaceable,
    read_bounded,
    safe_join,
    write_atomic,
    write_batch,
)
from clustermeet.invites.state import InviteState, parse_state, state_to_json

#: a state file this long is not one of ours (an invite is about 300 bytes of it: 200,000 invites)
MAX_STATE_BYTES = 64 * 1024 * 1024


def plan_writes(
    folder: Path, files: dict[str, bytes], *, force: bool, ours: frozenset[Path] = frozenset()
) -> dict[Path, bytes]:
    """Targets whose bytes differ from what is on disk; refuses to replace a different file without ``force``
    (``ours``: files an interrupted run of this state was writing, replaced without it).

    Rewriting a file with the bytes it already has is not an overwrite, so re-running an unchanged export needs
    no ``--force``.
    """
    changed: dict[Path, bytes] = {}
    clashes: list[Path] = []
    for name, data in files.items():
        target = safe_join(folder, name)
        check_replaceable(target, str(target))
        if target.exists():
            try:
                same = target.read_bytes() == data
            except OSError as exc:
                raise UsageError(f"cannot read {target}: {exc.strerror or exc}") from None
            if same:
                continue
            if not force and target.absolute() not in ours:
                clashes.append(target)
        changed[target] = data
    if clashes:
        more = f" (and {len(clashes) - 1} more that differ)" if len(clashes) > 1 else ""
        raise OutputExistsError(f"{clashes[0]}{more}")
    return changed


def ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror or exc}") from None


def write_planned(changed: dict[Path, bytes]) -> None:
    """Write the changed files all or nothing (the clash check was :func:`plan_writes`)."""
    files: dict[Path, str | bytes] = dict(changed)
    write_batch(files, force=True)


def load_state(path: Path) -> InviteState:
    """Read the state file; a missing file is an empty state, a damaged one an ``InputError``."""
    if not path.exists():
        return InviteState({})
    content = read_bounded(path, MAX_STATE_BYTES, str(path), is_input=False)
    check_not_utf16(content, str(path))
    return parse_state(content, str(path))


class StateFile:
    """The invite state of one run: locked for as long as the run lasts (a second ``ics`` or ``send`` on it
    exits at once), and saved only after the files it describes, through the journal (see the module)."""

    def __init__(self, path: Path, command: str) -> None:
        self.path = path
        self.journal = path.with_name(path.name + ".pending")
        ensure_folder(path.parent)  # as saving the state would: ``--state new/folder/x.json`` is fine
        self._lock = WriterLock(path, command)
        try:
            self.ours = _journal_files(self.journal)
        except BaseException:
            self._lock.release()
            raise

    def load(self) -> InviteState:
        return load_state(self.path)

    def commit(self, state: InviteState, planned: dict[Path, bytes]) -> None:
        """Write ``planned``, then the state that describes them; the journal covers the time between."""
        if planned:
            names = sorted(str(target.absolute()) for target in planned)
            write_atomic(self.journal, json.dumps({"files": names}, indent=0) + "\n", force=True)
            write_planned(planned)
        save_state(self.path, state)
        self.journal.unlink(missing_ok=True)

    def close(self) -> None:
        self._lock.release()


def _journal_files(journal: Path) -> frozenset[Path]:
    """The files an interrupted run was writing, as its journal names them; none without a journal."""
    if not journal.exists():
        return frozenset()
    try:
        data = json.loads(read_bounded(journal, MAX_STATE_BYTES, str(journal), is_input=False))
        return frozenset(Path(name) for name in data["files"] if isinstance(name, str))
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{journal}: damaged journal of an interrupted run", hint="remove it and run again") from None


def save_state(path: Path, state: InviteState) -> bool:
    """Write the invite state atomically when its text changed; True when it was written."""
    text = state_to_json(state)
    try:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_atomic(path, text, force=True)
    return True
