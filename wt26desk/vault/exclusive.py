"""One process at a time per vault. A process that opens a vault holds an exclusive lock
on `vault.lock` in the vault's folder until it locks the vault again; another process
(a window or a command) is refused before it reads or changes anything, with a plain
message, instead of saving from an old view of the vault.

The lock is an operating-system lock (flock on Linux and macOS, msvcrt.locking on
Windows): it ends when the process ends, however it ends, so a crash never leaves the
vault locked. Within one process, opening the same vault again shares the lock (the
window proves the passphrase with a second unlock while the first is open).
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path

from wt26desk.errors import VaultInUseError

LOCK_NAME = "vault.lock"
IN_USE = (
    "The vault is open in another wt26desk window or command. Close it or lock it there, "
    "then try again. Nothing was changed."
)
# Errors that mean "someone else holds it"; others (a filesystem without locks) do not.
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", -1)}

_guard = threading.Lock()
_held: dict[str, list[int]] = {}  # real folder path -> [file descriptor, users]


def _try_lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class Hold:
    """This process's use of one vault folder; `release()` once when done."""

    def __init__(self, key: str | None) -> None:
        self._key = key

    def release(self) -> None:
        key, self._key = self._key, None
        if key is None:
            return
        with _guard:
            entry = _held.get(key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] == 0:
                del _held[key]
                os.close(entry[0])  # closing the file ends the lock


def hold(folder: Path) -> Hold:
    """Hold the vault in `folder` for this process, or raise VaultInUseError."""
    key = os.path.realpath(folder)
    with _guard:
        entry = _held.get(key)
        if entry is not None:
            entry[1] += 1
            return Hold(key)
        try:
            fd = os.open(os.path.join(key, LOCK_NAME), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            # A read-only or full medium: nothing here can change the vault either, and
            # the database reports what it cannot do.
            return Hold(None)
        try:
            _try_lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _BUSY:
                raise VaultInUseError(IN_USE) from None
            return Hold(None)  # a filesystem without locks: carry on as before
        _held[key] = [fd, 1]
        return Hold(key)


def check_free(folder: Path) -> None:
    """Raise VaultInUseError now if another process has the vault open (before asking
    for a passphrase); the lock that counts is taken when the vault is opened."""
    if Path(folder).is_dir():
        hold(folder).release()
