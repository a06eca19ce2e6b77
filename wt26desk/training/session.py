"""A trainer's session: a title and a list of entries (item ids), saved as a small JSON file
that can be shared. Reading one never fails silently: unknown entries are reported and
left out, and anything that is not a session file is refused with a reason."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wt26desk.content_library.library import Library
from wt26desk.errors import Wt26Error
from wt26desk.fileio import atomic_write_bytes
from wt26desk.parsing import InputError, loads_json
from wt26desk.training.slides import presentable

FORMAT = "wt26desk-session"
VERSION = 1
SUFFIX = ".wt26session"
MAX_BYTES = 256 * 1024
MAX_ENTRIES = 500
MAX_TITLE = 200


class SessionFileError(Wt26Error):
    """The file is not a session this version can read."""


@dataclass(frozen=True)
class Session:
    title: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class LoadedSession:
    session: Session
    skipped: tuple[str, ...]  # entries this library does not have (another pack, a typo)


def dumps(session: Session) -> bytes:
    data: dict[str, object] = {"format": FORMAT, "version": VERSION, "title": session.title}
    data["entries"] = list(session.entries)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def loads(raw: bytes, library: Library) -> LoadedSession:
    if len(raw) > MAX_BYTES:
        raise SessionFileError("The file is larger than 256 KiB: not a session file.")
    try:
        data: Any = loads_json(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionFileError(f"The file is not valid JSON ({exc}).") from None
    except InputError as exc:
        raise SessionFileError(f"The file is not accepted: {exc}.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionFileError("The file is not a wt26desk session.")
    if data.get("version") != VERSION:
        raise SessionFileError(
            f"The session is version {data.get('version')!r}; this wt26desk reads {VERSION}."
        )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        raise SessionFileError(f"title must be text of 1 to {MAX_TITLE} characters.")
    entries = data.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise SessionFileError("entries must be a list of item ids.")
    if len(entries) > MAX_ENTRIES:
        raise SessionFileError(f"A session has at most {MAX_ENTRIES} entries.")
    kept = tuple(e for e in entries if presentable(library, e))
    skipped = tuple(e for e in entries if not presentable(library, e))
    return LoadedSession(Session(title.strip(), kept), skipped)


def save_session(path: Path, session: Session) -> None:
    atomic_write_bytes(Path(path), dumps(session), mode=0o644)  # made to be shared


def load_session(path: Path, library: Library) -> LoadedSession:
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise SessionFileError("The file is larger than 256 KiB: not a session file.")
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SessionFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return loads(raw, library)


def starter_session(library: Library) -> Session:
    """A ready-made session: section A's standards, a scenario and three quiz questions."""
    entries = ["@standards", *(s.id for s in library.standards_in("section-A"))]
    entries += [s.id for s in library.scenarios[:1]]
    entries += ["@timescales", *(q.id for q in library.quiz[:3])]
    return Session("Everyone's role: section A of the practice standards", tuple(entries))
