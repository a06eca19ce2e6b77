"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
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


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write `data` to `path` through a temporary file in the same folder, fsync, rename.

    The temporary file lives beside the target (never in the system temp folder), so a
    crash leaves at worst a stray `.tmp` file and the previous version of `path`.
    """
    path = Path(path)
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"Cannot write in {folder}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        reason = DISK_FULL if is_disk_full(exc) else exc.strerror or str(exc)
        raise WriteError(f"Could not save {path.name}: {reason}. Nothing was changed.") from exc


def atomic_write_text(path: Path, text: str, *, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)
