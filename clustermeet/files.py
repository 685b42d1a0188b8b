"""Writing output files without ever leaving half a file behind or overwriting one by surprise, reading input files
no further than their limit, the one lock a writer of a state file or log holds, and the one append-only JSON-lines
log (the show log and the send log)."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clustermeet.errors import InvalidInputError, OutputExistsError, Problem, UsageError
from clustermeet.text import size_text

if TYPE_CHECKING:
    from collections.abc import Iterator


def write_atomic(path: Path, content: str | bytes, *, force: bool = False, display: str | None = None) -> None:
    """Write ``content`` to ``path`` through a temporary file beside it and an atomic rename (see :func:`write_batch`);
    text as UTF-8 with the line endings given. The folder is created if needed."""
    write_batch({path: content}, force=force, display={path: display} if display else None)


def write_batch(
    files: dict[Path, str | bytes], *, force: bool = False, display: dict[Path, str] | None = None
) -> list[Path]:
    """Write several files all or nothing: every target checked (a regular file, not an input, replaced only with
    ``force``), every content staged beside its target, and only then moved into place and the folder fsync'ed. A
    failure before the moves changes nothing; one while placing new files takes back those placed (with ``force``,
    a replaced file stays replaced). Temporary files of a killed earlier run are removed first."""
    names = {path: (display or {}).get(path, str(path)) for path in files}
    for path in files:
        check_replaceable(path, names[path])
        check_not_input(path, names[path])
    if not force:
        existing = [path for path in files if os.path.lexists(path)]  # a dangling symlink is there too
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise OutputExistsError(names[existing[0]] + more)
    for folder in {path.parent for path in files}:
        remove_stale_temps(folder)
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
    for folder in {path.parent for path in placed}:
        _sync_folder(folder)  # the renames themselves survive a power loss
    return list(files)


def check_replaceable(path: Path, name: str) -> None:
    """Refuse an output path that holds a folder, symbolic link, FIFO, socket or device: ``--force`` replaces files."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UsageError(f"cannot write {name}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise UsageError(f"{name} is a folder; give a file name")
    if not stat.S_ISREG(mode):
        kind = next((kind for test, kind in _KINDS if test(mode)), "a device")
        raise UsageError(f"{name} is {kind}, not a regular file; refusing to replace it")


_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


#: the files the running command has read as input (device and inode), while :func:`command_inputs` is open
_INPUTS: ContextVar[set[tuple[int, int]] | None] = ContextVar("clustermeet_inputs", default=None)


@contextmanager
def command_inputs() -> Iterator[None]:
    """While open, every file read through :func:`read_bounded` as input is remembered, and no write of
    :func:`write_batch` may replace one (``schedule -o agenda.yaml --force`` would destroy the agenda)."""
    token = _INPUTS.set(set())
    try:
        yield
    finally:
        _INPUTS.reset(token)


def check_not_input(path: Path, name: str) -> None:
    """Refuse to write over a file the running command read as input."""
    inputs = _INPUTS.get()
    if inputs and _identity(path) in inputs:
        raise UsageError(f"{name} is an input of this command; refusing to write over it")


def _identity(path: Path) -> tuple[int, int] | None:
    info = path.stat() if path.exists() else None
    return (info.st_dev, info.st_ino) if info else None


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
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
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


TEMP_SUFFIX = ".tmp"
_TEMP = re.compile(r"\..+\.(?P<pid>[0-9]+)\.[A-Za-z0-9_]+\.tmp\Z")


def remove_stale_temps(folder: Path) -> int:
    """Remove the temporary files a killed run left in ``folder``: those whose writer, named by the pid in the
    file name, is no longer running. A live writer's files are left alone."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None or _running(int(match["pid"])):
            continue
        try:
            Path(entry.path).unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        pass  # someone else's process: leave its files
    return True


def _default_mode() -> int:
    """What ``open()`` would give a new file: 0666 less the umask (which can only be read by setting it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# --- bounded reads ------------------------------------------------------------------------------------------------

#: byte order marks of encodings that are not UTF-8, longest first (UTF-32 LE starts like UTF-16 LE)
_BOMS: tuple[tuple[bytes, str], ...] = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"))
_BOMS += ((b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def read_bounded(path: Path, limit: int, display: str, *, is_input: bool = True) -> bytes:
    """An input file's bytes, reading at most ``limit`` + 1 of them: ``/dev/zero`` or a 200 MB file is refused
    there, as a located problem. An ``is_input`` file must not be written over (a state file or log is not one)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO with no writer must not hang us at open
        os.set_blocking(handle, True)  # reading a folder raises IsADirectoryError
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            inputs = _INPUTS.get()
            if is_input and inputs is not None:
                inputs.add((info.st_dev, info.st_ino))
            raw = stream.read(limit + 1)
    except OSError as exc:
        reason = _READ_ERRORS.get(type(exc), f"cannot read ({exc.strerror or exc})")
        raise UsageError(f"{display}: {reason}") from None
    if len(raw) > limit:
        message = f"file is larger than {size_text(limit)}, the limit for this kind of file"
        raise InvalidInputError([Problem(display, 1, 1, "error", message)])
    return raw


_READ_ERRORS = {FileNotFoundError: "no such file", IsADirectoryError: "is a folder, not a file"}
_READ_ERRORS[PermissionError] = "permission denied"


def check_not_utf16(raw: bytes, display: str) -> None:
    """A UTF-16 or UTF-32 file, known by its byte order mark, is named as such (not "contains NUL bytes")."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            message = f"the file is {encoding} (byte order mark {bom.hex(' ')}); save it as UTF-8"
            raise InvalidInputError([Problem(display, 1, 1, "error", message)])


def safe_join(folder: Path, name: str) -> Path:
    """``folder / name``, refusing any name that would land outside ``folder``."""
    if not name or "/" in name or "\\" in name or name in {".", ".."} or "\x00" in name:
        raise UsageError(f"unsafe output file name {name!r}")
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise UsageError(f"unsafe output file name {name!r}")
    return target


# --- one writer at a time ---------------------------------------------------------------------------------------
class LockedError(UsageError):
    """Another process holds the lock of a state file or log."""


class WriterLock:
    """An exclusive lock on ``path`` while a command writes it: ``fcntl.flock`` on a sidecar ``<name>.lock``.

    The kernel releases a flock when its holder exits in any way, ``kill -9`` included, so no stale lock is ever
    left to clear by hand. A sidecar, because a state file is replaced by a rename and a lock on the old file would
    not stop a writer that opens the new one; it holds ``<pid> <command>`` for the message the second one gets.
    """

    def __init__(self, path: Path, command: str, name: str | None = None) -> None:
        self.path = path.with_name(path.name + ".lock")
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UsageError(f"cannot write {name or path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            words = [*self._holder().split(), "", ""]
            self.release()
            pid, other = (words[0], re.sub(r"[^a-z-]", "", words[1])[:20]) if words[0].isdigit() else ("?", "")
            raise LockedError(f"another clustermeet {other or 'command'} is using {name or path} (pid {pid})") from None
        line = f"{os.getpid()} {command}\n".encode()
        os.pwrite(self._fd, line, 0)  # over the last holder's line, then cut: the first line is always whole
        os.ftruncate(self._fd, len(line))

    def _holder(self) -> str:
        """The holder's ``<pid> <command>`` line; it writes it just after taking the lock, so wait 0.2 s for it."""
        for _ in range(100):
            text = os.pread(self._fd, 100, 0).decode("ascii", "replace")
            if "\n" in text:
                return text.split("\n")[0]
            time.sleep(0.002)
        return ""

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the only descriptor releases the flock
            self._fd = -1


# --- the append-only JSON-lines log -----------------------------------------------------------------------------
class JsonLinesLog:
    """An append-only log of JSON records, one a line, each on disk before :meth:`write` returns; its writer holds
    the log's :class:`WriterLock` (``command`` names it for a second one) until :meth:`close`.

    One ``write`` a line to an ``O_APPEND`` file, then fsync (unless ``sync`` is off, for tests): a crash, even
    ``kill -9``, loses at most that line. Never truncated: a torn last line is closed with a newline on opening and
    read back as unreadable. ``sort_keys`` and ``separators`` (:func:`json.dumps`'s) fix each log's line format.
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
        command: str = "run",
    ) -> None:
        self.path = path
        self.name = name or str(path)
        self.sync = sync
        self._dumps: dict[str, Any] = {"ensure_ascii": False, "sort_keys": sort_keys, "separators": separators}
        self._fd = -1
        check_not_input(path, self.name)  # ``run agenda.yaml --log agenda.yaml`` must not append to the agenda
        self._lock = WriterLock(path, command, self.name)  # every writer of a log holds it: one at a time
        try:
            created = not os.path.lexists(path)
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, mode)
            if created:
                _sync_folder(path.parent)
            elif _torn(path, os.fstat(self._fd).st_size):
                os.write(self._fd, b"\n")
        except OSError as exc:
            self._lock.release()
            raise UsageError(f"cannot write {self.name}: {exc.strerror or exc}") from None

    def write(self, record: dict[str, Any]) -> None:
        """Append ``record`` as one line, on disk (with ``sync``) when this returns."""
        line, size = (json.dumps(record, **self._dumps) + "\n").encode("utf-8"), os.lseek(self._fd, 0, os.SEEK_END)
        try:
            if os.write(self._fd, line) != len(line):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            if self.sync:
                os.fsync(self._fd)
        except OSError:
            os.ftruncate(self._fd, size)  # a full disk leaves no torn line for the next record to follow
            raise

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self._lock.release()


def _torn(path: Path, size: int) -> bool:
    with path.open("rb") as stream:
        return bool(size) and stream.seek(size - 1) >= 0 and stream.read(1) != b"\n"


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


#: a log this long is not one of ours (a send log line is about 150 bytes: 400,000 of them)
MAX_LOG_BYTES = 64 * 1024 * 1024


def read_json_lines(path: Path, *, name: str | None = None) -> list[tuple[int, Any]]:
    """Every non-blank line of a JSON-lines file with its line number (from 1) and its value, ``None`` for a line
    that does not parse (a torn write). A missing file has no lines. Bytes that are not UTF-8 read as U+FFFD."""
    if not os.path.lexists(path):
        return []
    data = read_bounded(path, MAX_LOG_BYTES, name or str(path), is_input=False)
    check_not_utf16(data, name or str(path))
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
