"""Atomic file writes: a reader sees the old file or the new one, never half of either,
and no temporary of ours outlives the process that made it for long."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import time
from pathlib import Path

from wt26desk.errors import Wt26Error

DISK_FULL = "the disk is full; free space and try again"
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
# SQLite's names for "no space": a write that found the disk full, and shared memory (the
# -shm file every reader needs) that could not grow.
_FULL_SQLITE = {"SQLITE_FULL", "SQLITE_IOERR_SHMSIZE"}
NEARLY_FULL_BYTES = 1024 * 1024


class WriteError(Wt26Error):
    """A file could not be written (full disk, no permission). The old file is untouched."""


def _free_bytes(folder: Path) -> int | None:
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


def is_disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """Whether `exc`, or an error that caused it, means the disk is full: ENOSPC or
    EDQUOT from the system, SQLITE_FULL or SQLITE_IOERR_SHMSIZE from SQLite, or another
    SQLite I/O error while less than 1 MiB is free where `folder` lives."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _FULL_ERRNOS:
            return True
        name = str(getattr(current, "sqlite_errorname", ""))
        if name in _FULL_SQLITE:
            return True
        if name.startswith("SQLITE_IOERR") and folder is not None:
            free = _free_bytes(Path(folder))
            if free is not None and free < NEARLY_FULL_BYTES:
                return True
        current = current.__cause__ or current.__context__
    return False


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Named temporaries are ours when they end so: ".NAME.PID-RANDOM.wt26desk-tmp".
TEMP_SUFFIX = ".wt26desk-tmp"
_OURS = re.compile(r"^\..+\.(\d+)-[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")
_LEGACY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what versions before 15 left
STALE_SECONDS = 24 * 3600  # no write of ours takes this long, whoever wrote it
STALE_SECONDS_WITHOUT_PID = 600  # where a process id cannot be checked (Windows)
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows
_journal: list[Path] = []  # the folder that lists named temporaries in flight, if any


def remember_temporaries_in(folder: Path) -> None:
    """List each named temporary in flight in `folder` (the data folder), so that one a
    kill leaves behind, wherever it was (an export folder), is removed at the next start."""
    _journal[:] = [Path(folder)]


def _unnamed_file(folder: Path) -> int | None:
    """A file with no name in `folder` (Linux O_TMPFILE), or None where there is none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError as exc:
        if exc.errno in _FULL_ERRNOS or exc.errno in (errno.EACCES, errno.EPERM, errno.ENOENT):
            raise
        return None  # EOPNOTSUPP, EISDIR, EINVAL: a filesystem or kernel without it


def _temp_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}"


def _note(tmp: Path) -> Path | None:
    """Write down a named temporary before it exists (see remember_temporaries_in)."""
    if not _journal:
        return None
    note = _journal[0] / f"{os.getpid()}-{os.urandom(6).hex()}"
    try:
        note.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        note.write_text(str(tmp.resolve()), encoding="utf-8")
    except OSError:
        return None  # the write itself matters more; the folder sweep still finds it
    return note


def _writer_gone(pid: int, age: float) -> bool:
    if age > STALE_SECONDS:
        return True
    if os.name == "nt":  # os.kill would end the process there
        return age > STALE_SECONDS_WITHOUT_PID
    if pid == os.getpid():
        return False  # this process's own write, in flight on another thread
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, someone else's
    return False


def remove_stale_temporaries(folder: Path, *, legacy: bool = False) -> int:
    """Remove named temporaries of ours in `folder` whose writer has gone (killed between
    writing and renaming). `legacy`: also the `.NAME.XXXXXXXX.tmp` files of older
    versions, for folders that only wt26desk writes in. Returns how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        ours = _OURS.match(entry.name)
        old_style = legacy and _LEGACY.match(entry.name)
        if not (ours or old_style):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            age = now - info.st_mtime
            pid = int(ours.group(1)) if ours else 0
            if (ours and _writer_gone(pid, age)) or (old_style and age > STALE_SECONDS_WITHOUT_PID):
                os.unlink(entry.path)
                removed += 1
        except (OSError, ValueError):
            continue
    return removed


def remove_noted_temporaries() -> int:
    """At start: remove the temporaries listed by processes that were killed mid-write."""
    if not _journal:
        return 0
    removed = 0
    try:
        notes = list(os.scandir(_journal[0]))
    except OSError:
        return 0
    now = time.time()
    for note in notes:
        try:
            pid = int(note.name.split("-", 1)[0])
            age = now - note.stat().st_mtime
            if not _writer_gone(pid, age):
                continue
            tmp = Path(Path(note.path).read_text(encoding="utf-8").strip())
            if _OURS.match(tmp.name) and tmp.is_file():
                tmp.unlink()
                removed += 1
            os.unlink(note.path)
        except (OSError, ValueError):
            continue
    return removed


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write `data` to `path` whole or not at all: a reader sees the old file or the new.

    On Linux the data goes into a file with no name (O_TMPFILE), synced, then linked in:
    as `path` itself when it is new, so nothing else ever has a name; beside it and
    renamed over it when it exists. Elsewhere (or on filesystems without O_TMPFILE) a
    hidden `.NAME.PID-RANDOM.wt26desk-tmp` beside the target is written, synced and
    renamed. A kill at the wrong moment can leave such a file; `remove_stale_temporaries`
    and `remove_noted_temporaries` remove it at the next export or start.
    """
    path = Path(path)
    folder = path.parent
    tmp: Path | None = None
    note: Path | None = None
    try:
        fd = _unnamed_file(folder)
        if fd is None:
            tmp = _temp_name(path)
            note = _note(tmp)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600)
    except OSError as exc:
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()
        reason = DISK_FULL if is_disk_full(exc) else exc.strerror or str(exc)
        raise WriteError(f"Cannot write in {folder}: {reason}") from exc
    unnamed = tmp is None
    try:
        try:
            with os.fdopen(fd, "wb", closefd=False) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if unnamed:
                os.fchmod(fd, mode)
                # A new target gets its name directly, and never had another.
                if not _link(fd, path):
                    tmp = _temp_name(path)  # it exists: link beside it, rename over it
                    note = _note(tmp)
                    _link(fd, tmp)
        finally:
            os.close(fd)
        if tmp is not None:
            os.chmod(tmp, mode)
            os.replace(tmp, path)
            tmp = None
        _fsync_dir(folder)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        reason = DISK_FULL if is_disk_full(exc) else exc.strerror or str(exc)
        raise WriteError(f"Could not save {path.name}: {reason}. Nothing was changed.") from exc
    finally:
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()


def _link(fd: int, target: Path) -> bool:
    """Give the unnamed file `fd` the name `target`; False if that name is taken."""
    folder_fd = os.open(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N, as open(2) describes for O_TMPFILE;
        # Python calls linkat (not link) when given a folder descriptor.
        os.link(f"/proc/self/fd/{fd}", target.name, dst_dir_fd=folder_fd, follow_symlinks=True)
    except FileExistsError:
        return False
    finally:
        os.close(folder_fd)
    return True


def atomic_write_text(path: Path, text: str, *, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)
