"""SQLite storage for the vault, through sqlite-utils. Only ids, revisions, nonces,
ciphertext and the columns in ALLOWED_COLUMNS are stored; nothing readable about a child.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from wt26desk.errors import VaultFormatError, VaultFullError
from wt26desk.fileio import DISK_FULL, is_disk_full

# 2 (issue 15): the state record gains a generation and a drafts accumulator, and the
# audit log is encrypted and MAC'd under separate keys. The step from 1 to 2 re-keys the
# audit log, so it is done by the vault (vault.py, `_migrate_from_1`), not by SQL here.
SCHEMA_VERSION = 2

# The complete list of plain columns. A test fails if the schema grows beyond it.
ALLOWED_COLUMNS: dict[str, set[str]] = {
    "meta": {"key", "value"},  # header (JSON, no personal data), schema version, audit head
    "blobs": {"record_id", "revision", "nonce", "ciphertext"},
    "drafts": {"draft_id", "nonce", "ciphertext"},
    "audit": {"seq", "nonce", "ciphertext", "mac"},
}
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA foreign_keys=ON",
)


def connect(path: Path) -> sqlite3.Connection:
    # Opened on a worker thread (key derivation is slow), then used on the GUI thread: the
    # caller guarantees one thread at a time, so SQLite's same-thread check is off.
    conn = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=False)
    # A damaged or tampered file may hold bytes that are not UTF-8 where text belongs;
    # decoding must never fail (integrity checks then report the damage).
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    import sqlite_utils  # about 70 ms to import; only needed when a vault is created

    db = sqlite_utils.Database(conn)
    db["meta"].create({"key": str, "value": bytes}, pk="key")  # type: ignore[union-attr]
    db["blobs"].create(  # type: ignore[union-attr]
        {"record_id": str, "revision": int, "nonce": bytes, "ciphertext": bytes},
        pk=("record_id", "revision"),
    )
    db["drafts"].create(  # type: ignore[union-attr]
        {"draft_id": str, "nonce": bytes, "ciphertext": bytes}, pk="draft_id"
    )
    db["audit"].create(  # type: ignore[union-attr]
        {"seq": int, "nonce": bytes, "ciphertext": bytes, "mac": bytes}, pk="seq"
    )


def new_database(path: Path) -> sqlite3.Connection:
    old = os.umask(0o077)
    try:
        conn = connect(path)
    finally:
        os.umask(old)
    create_schema(conn)
    return conn


def open_database(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise VaultFormatError(f"There is no vault at {path.parent}.")
    try:
        conn = connect(path)
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.DatabaseError as exc:
        if is_disk_full(exc, path.parent):  # even reading needs room for the -shm file
            raise VaultFullError(f"The vault cannot be opened: {DISK_FULL}.") from exc
        raise VaultFormatError(f"The vault file is not a readable database: {exc}.") from exc
    missing = set(ALLOWED_COLUMNS) - tables
    if missing:
        raise VaultFormatError(
            "The vault database is missing tables: " + ", ".join(sorted(missing))
        )
    return conn


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Columns or tables beyond the allow-list (plain data that should not be there)."""
    problems = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        allowed = ALLOWED_COLUMNS.get(table)
        if allowed is None:
            problems.append(f"unexpected table {table!r}")
            continue
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table!r})")}
        extra = columns - allowed
        if extra:
            problems.append(f"table {table!r} has unexpected columns {sorted(extra)}")
    return problems


def get_meta(conn: sqlite3.Connection, key: str) -> bytes | None:
    row = conn.execute("SELECT CAST(value AS BLOB) FROM meta WHERE key=?", (key,)).fetchone()
    return bytes(row[0]) if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: bytes) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's schema version (1 or 2); a newer one is refused."""
    raw = get_meta(conn, "schema_version")
    version = int(raw.decode()) if raw and raw.isdigit() else None
    if version is None or version < 1:
        raise VaultFormatError("The vault has no schema version: the file is damaged.")
    if version > SCHEMA_VERSION:
        raise VaultFormatError(
            f"This vault was made by a newer wt26desk (schema {version}); update to open it."
        )
    return version


def is_full_error(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "full" in text or (isinstance(exc, sqlite3.OperationalError) and "disk" in text)


def full_error() -> VaultFullError:
    return VaultFullError(
        "The disk is full, so this change was not saved. Everything saved before is intact. "
        "Free some space and try again."
    )
