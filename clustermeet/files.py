"""Writing output files without ever leaving half a file behind or overwriting one by surprise, and the one
append-only JSON-lines log (the show log and the send log)."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clustermeet.errors import OutputExistsError, UsageError
from clustermeet.text import fold_ascii

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


def write_atomic(path: Path, content: str | bytes, *, force: bool = False, display: str | None = None) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder and an atomic rename.

    Refuses to replace an existing file unless ``force``; a crash leaves either the old file or the new one.
    Text is written as UTF-8 with the line endings given (no translation). The folder is created if needed.
    """
    write_batch({path: content}, force=force, display={path: display} if display else None)


def write_batch(
    files: dict[Path, str | bytes], *, force: bool = False, display: dict[Path, str] | None = None
) -> list[Path]:
    """Write several files all or nothing: every target is checked, every content written to a temporary file
    beside its target, and only then are they moved into place. A failure before the moves changes nothing; a
    failure while placing new files takes back the ones placed (with ``force``, a replaced file stays replaced)."""
    names = {path: (display or {}).get(path, str(path)) for path in files}
    for path in files:
        if path.is_dir():
            raise UsageError(f"{names[path]} is a folder; give a file name")
    if not force:
        existing = [path for path in files if os.path.lexists(path)]  # a dangling symlink is there too
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise OutputExistsError(names[existing[0]] + more)
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    current = next(iter(files), None)
    try:
        for path, content in files.items():
            current = path
            staged.append((_stage(path, content), path))
        for temp, path in staged:
            current = path
            if force:
                temp.replace(path)
            elif not _place_new(temp, path):  # someone made the file since we looked
                raise OutputExistsError(names[path])
            placed.append(path)
    except BaseException as exc:
        if not force:  # new files only: take back those placed, so that nothing of the batch is left
            for done in placed:
                done.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        name = names.get(current, str(current)) if current is not None else "output"
        raise UsageError(f"cannot write {name}: {exc.strerror or exc}") from None
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return list(files)


def _place_new(temp: Path, path: Path) -> bool:
    """Move ``temp`` to ``path`` only if nothing is there: a hard link cannot replace a file, so no file that
    appeared after the check is overwritten. Where the file system has no hard links, check and rename."""
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(path):
            return False
        temp.replace(path)
    return True


_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


def _stage(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to a new temporary file beside ``path`` (with the mode ``path`` will have)."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)  # mkstemp makes 0600; a page or calendar is meant to be read
            os.fsync(stream.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _default_mode() -> int:
    """What ``open()`` would give a new file: 0666 less the umask (which can only be read by setting it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, fallback: str = "file", max_length: int = 80) -> str:
    """A file name made from user data: ASCII letters, digits, ``._-``; never empty, hidden or a path."""
    ascii_text = fold_ascii(text)
    name = _UNSAFE.sub("-", ascii_text).strip("-.")[:max_length].strip("-.")
    return name or fallback


def safe_join(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that would land outside ``folder``."""
    if not name or "/" in name or "\\" in name or name in {".", ".."} or "\x00" in name:
        raise UsageError(f"unsafe output file name {name!r}")
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise UsageError(f"unsafe output file name {name!r}")
    return target


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def neutralise_cell(value: str) -> str:
    """Stop a spreadsheet from reading a cell as a formula (OWASP CSV injection): prefix a quote."""
    if value and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence[str]], *, lineterminator: str = "\r\n") -> str:
    """CSV text of ``rows``, every cell through ``neutralise_cell``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return out.getvalue()


# --- the append-only JSON-lines log -----------------------------------------------------------------------------


class JsonLinesLog:
    """An append-only log of JSON records, one a line, each on disk before :meth:`write` returns.

    Each line goes out in a single ``write`` to a file opened with ``O_APPEND``, then is fsync'ed (unless ``sync``
    is off, for tests), so a crash, even ``kill -9``, loses at most the line being written. The file is never
    truncated or rewritten: a torn last line (no newline: the write a crash cut short) is closed with a newline on
    opening, so the next record starts a line of its own, and :func:`read_json_lines` reports it as unreadable.
    A new file's folder is fsync'ed too, so that the file itself survives a power loss. ``name`` is the file as
    messages call it; ``sort_keys`` and ``separators`` are :func:`json.dumps`'s, which fix each log's line format.
    """

    def __init__(
        self,
        path: Path,
        *,
        name: str | None = None,
        sync: bool = True,
        mode: int = 0o644,
        sort_keys: bool = False,
        separators: tuple[str, str] = (",", ":"),
    ) -> None:
        self.path = path
        self.name = name or str(path)
        self.sync = sync
        self._dumps: dict[str, Any] = {"ensure_ascii": False, "sort_keys": sort_keys, "separators": separators}
        try:
            created = not os.path.lexists(path)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
            if created:
                _sync_folder(path.parent)
            elif _torn(path, os.fstat(self._fd).st_size):
                os.write(self._fd, b"\n")
        except OSError as exc:
            raise UsageError(f"cannot write {self.name}: {exc.strerror or exc}") from None

    def write(self, record: dict[str, Any]) -> None:
        """Append ``record`` as one line, on disk (with ``sync``) when this returns."""
        os.write(self._fd, (json.dumps(record, **self._dumps) + "\n").encode("utf-8"))
        if self.sync:
            os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _torn(path: Path, size: int) -> bool:
    if not size:
        return False
    with path.open("rb") as stream:
        stream.seek(size - 1)
        return stream.read(1) != b"\n"


def _sync_folder(folder: Path) -> None:
    """Make a new entry in ``folder`` durable; where folders cannot be opened (Windows), the OS sees to it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the file's own fsync still holds
    finally:
        os.close(handle)


def read_json_lines(path: Path, *, name: str | None = None) -> list[tuple[int, Any]]:
    """Every non-blank line of a JSON-lines file with its line number (from 1) and its value, ``None`` for a line
    that does not parse (a torn write). A missing file has no lines. Bytes that are not UTF-8 read as U+FFFD."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise UsageError(f"cannot read {name or path}: {exc.strerror or exc}") from None
    lines: list[tuple[int, Any]] = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw.decode("utf-8", errors="replace"))
        except ValueError:
            value = None
        lines.append((number, value))
    return lines
