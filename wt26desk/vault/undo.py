"""A vault that could not be created leaves nothing behind: not a 0-byte database that
makes the next `vault init` refuse, nor folders made for it."""

from __future__ import annotations

import gc
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from wt26desk.vault.exclusive import LOCK_NAME
from wt26desk.vault.layout import DB_NAME, HEADER_NAME

VAULT_FILES = (HEADER_NAME, DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", LOCK_NAME)


def _missing(folder: Path) -> list[Path]:
    """`folder` and those of its parents that do not exist yet."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    return missing


@contextmanager
def removed_if_failed(vault_folder: Path, *other_folders: Path) -> Iterator[None]:
    """Run the block; if it fails, remove the vault files and folders it made."""
    vault_folder = Path(vault_folder)
    made = {p for folder in (vault_folder, *other_folders) for p in _missing(Path(folder))}
    present = {name for name in VAULT_FILES if (vault_folder / name).exists()}
    try:
        yield
    except BaseException as exc:
        # Close what the failed code left open (its database connection) before removing
        # files: drop the locals of the frames that failed, then collect them.
        if exc.__traceback__ is not None:
            traceback.clear_frames(exc.__traceback__)
        gc.collect()
        for name in VAULT_FILES:
            if name not in present:
                with suppress(OSError):
                    (vault_folder / name).unlink(missing_ok=True)
        for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
            with suppress(OSError):
                folder.rmdir()  # only if empty
        raise
