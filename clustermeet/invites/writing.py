"""I/O: the invite files and the invite state on disk: a batch of files checked first, identical files left alone,
the state read, and saved before the files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermeet.errors import OutputExistsError, UsageError
from clustermeet.files import safe_join, write_atomic, write_batch
from clustermeet.invites.state import InviteState, parse_state, state_to_json

if TYPE_CHECKING:
    from pathlib import Path


def plan_writes(folder: Path, files: dict[str, bytes], *, force: bool) -> dict[Path, bytes]:
    """Targets whose bytes differ from what is on disk; refuses to replace a different file without ``force``.

    Rewriting a file with the bytes it already has is not an overwrite, so re-running an unchanged export needs
    no ``--force``.
    """
    changed: dict[Path, bytes] = {}
    clashes: list[Path] = []
    for name, data in files.items():
        target = safe_join(folder, name)
        if target.is_dir():
            raise UsageError(f"{target} is a folder; give a file name")
        if target.exists():
            try:
                same = target.read_bytes() == data
            except OSError as exc:
                raise UsageError(f"cannot read {target}: {exc.strerror or exc}") from None
            if same:
                continue
            if not force:
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
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_state(content, str(path))


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
