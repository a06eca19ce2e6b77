"""A file the person asked for, written where they chose: atomically (never through the
temporary folder), after clearing what a killed write left there, and logged in the vault's
audit log with where it went and the SHA-256 of what was written. One way for every export
(referrals, the chronology across staff, the lead's figures)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wt26desk.errors import Wt26Error
from wt26desk.fileio import atomic_write_bytes, remove_stale_temporaries

if TYPE_CHECKING:
    from wt26desk.vault.vault import Vault

TRAINING_STAMP = "TRAINING - FICTIONAL"  # on every page or file made from fictional records


def write_logged(
    vault: Vault,
    data: bytes,
    target: Path,
    *,
    error: type[Wt26Error],
    event: str,
    **detail: Any,
) -> str:
    """Write `data` to `target` and log `event` with `detail`; returns the SHA-256.
    A folder given as the target, or a folder that does not exist, raises `error`."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise error(f"{target} is a folder: give a file name.")
    if not target.parent.is_dir():
        raise error(f"The folder {target.parent} does not exist.")
    remove_stale_temporaries(target.parent)  # what a killed export left here, if any
    atomic_write_bytes(target, data)
    sha256 = hashlib.sha256(data).hexdigest()
    vault.record_event(
        event, **detail, target=str(target.resolve()), sha256=sha256, bytes=len(data)
    )
    return sha256
