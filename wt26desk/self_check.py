"""The start-up self-check: content valid, data folder writable, enough disk space, a
believable clock. Each problem comes with what to do about it, in plain words."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from wt26desk import RELEASED
from wt26desk.content_library.library import Library
from wt26desk.paths import AppPaths

MIN_FREE_BYTES = 100 * 1024 * 1024
PROBE = ".wt26desk-write-check"


@dataclass(frozen=True)
class Finding:
    problem: str
    what_to_do: str

    def __str__(self) -> str:
        return f"{self.problem} {self.what_to_do}"


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def self_check(paths: AppPaths, library: Library, now: datetime | None = None) -> list[Finding]:
    found: list[Finding] = []
    if library.errors:
        first = library.errors[0]
        found.append(
            Finding(
                f"{len(library.errors)} content problem(s), for example {first}.",
                "The rest of the guidance works. Run 'wt26desk content check' for the list "
                "and ask whoever looks after your local content pack to fix it.",
            )
        )
    try:
        paths.ensure()
        probe = paths.data_dir / PROBE
        with open(probe, "wb") as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as exc:
        found.append(
            Finding(
                f"wt26desk cannot write in {paths.data_dir} ({exc.strerror or exc}).",
                "Nothing can be saved until it can. Free some space or ask IT for write "
                "access; in portable mode, copy the app to a stick you can write to.",
            )
        )
    else:
        free = shutil.disk_usage(_existing(paths.data_dir)).free
        if free < MIN_FREE_BYTES:
            found.append(
                Finding(
                    f"Only {free // (1024 * 1024)} MB of disk space is left for {paths.data_dir}.",
                    "Free some space soon: saving stops when the disk is full (nothing "
                    "already saved is lost).",
                )
            )
    today = (now or datetime.now()).date()
    released = date.fromisoformat(RELEASED)
    if today < released or today.year > released.year + 30:
        found.append(
            Finding(
                f"The computer's clock says {today.isoformat()}, which cannot be right.",
                "Dates on records and due dates would be wrong. Set the correct date and "
                "time (or ask IT), then start wt26desk again.",
            )
        )
    return found
