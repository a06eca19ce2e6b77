"""The vault: create, unlock, store documents as encrypted revisions, audit, verify, lock.

A vault is a folder with `vault.header` (key-derivation settings and the vault key,
wrapped by the passphrase and by the recovery key) and `vault.sqlite` (ciphertext only).
Unlocking reads only the header, so a wrong passphrase changes no file.
"""

from __future__ import annotations

import functools
import hmac
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wt26desk.errors import (
    IntegrityError,
    VaultError,
    VaultFormatError,
    VaultLockedError,
)
from wt26desk.fileio import atomic_write_bytes
from wt26desk.vault import exclusive, storage
from wt26desk.vault.crypto import (
    KEY_BYTES,
    Cipher,
    KdfParams,
    calibrate,
    derive_from_passphrase,
    digest,
    mac,
    new_recovery_key,
    parse_recovery_key,
    subkey,
)
from wt26desk.vault.header import (
    VaultHeader,
    new_vault_id,
    recovery_kek,
    unwrap_with_passphrase,
    unwrap_with_recovery,
    wrap,
)
from wt26desk.vault.layout import DB_NAME, HEADER_NAME, vault_exists
from wt26desk.vault.undo import removed_if_failed

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
ZERO_MAC = bytes(32)
Document = dict[str, Any]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Revision:
    """One stored revision. The plaintext was authenticated when it was decrypted; it is
    parsed into a document when first asked for (parsing 10,000 notes at unlock would
    cost more than decrypting them)."""

    record_id: str
    revision: int
    plaintext: bytes

    @functools.cached_property
    def document(self) -> Document:
        document = json.loads(self.plaintext)
        if not isinstance(document, dict):
            raise IntegrityError(
                f"Record {self.record_id} revision {self.revision} is not a document."
            )
        return document


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    time: str
    action: str
    detail: dict[str, Any]


class _Keys:
    """Keys of an unlocked vault. `wipe()` overwrites the vault key's bytes; the derived
    keys are Python bytes and are dropped (Python gives no way to overwrite them)."""

    def __init__(self, vault_key: bytes) -> None:
        self.vault_key = bytearray(vault_key)
        self.blob = subkey(vault_key, "wt26desk-vault-v1|blob")
        self.audit = subkey(vault_key, "wt26desk-vault-v1|audit")
        self.state = subkey(vault_key, "wt26desk-vault-v1|state")
        self.blob_cipher = Cipher(self.blob)
        self.audit_cipher = Cipher(self.audit)

    def wipe(self) -> None:
        for i in range(len(self.vault_key)):
            self.vault_key[i] = 0
        self.blob = self.audit = self.state = b""
        del self.blob_cipher, self.audit_cipher


def _json(document: Document) -> bytes:
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return data.encode("utf-8")


def read_header(folder: Path) -> VaultHeader:
    path = Path(folder) / HEADER_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise VaultFormatError(f"There is no vault in {folder}.") from None
    except OSError as exc:
        raise VaultFormatError(f"The vault header cannot be read: {exc.strerror}.") from exc
    return VaultHeader.from_json(raw)


class Vault:
    """An unlocked vault. Obtain one with `Vault.create`, `Vault.unlock` or
    `Vault.unlock_with_recovery`; call `lock()` when done."""

    _hold: exclusive.Hold | None = None  # this process's lock on the folder, while open

    def __init__(
        self,
        folder: Path,
        header: VaultHeader,
        vault_key: bytes,
        conn: sqlite3.Connection,
        clock: Clock = utc_now,
    ) -> None:
        self.folder = Path(folder)
        self.header = header
        self._conn = conn
        self._clock = clock
        self._keys: _Keys | None = _Keys(vault_key)
        self._latest: dict[str, Revision] = {}
        self._search_text: dict[str, str] = {}

    # Creating and opening ---------------------------------------------------------------
    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        training: bool = False,
        clock: Clock = utc_now,
    ) -> tuple[Vault, str]:
        """A new vault, and its recovery key (shown to the user once, never stored)."""
        folder = Path(folder)
        with removed_if_failed(folder):  # a failed create (a full disk) leaves nothing
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            hold = exclusive.hold(folder)
            try:
                vault, recovery_text = cls._create(
                    folder, passphrase, kdf=kdf, training=training, clock=clock
                )
            except BaseException:
                hold.release()
                raise
        vault._hold = hold
        return vault, recovery_text

    @classmethod
    def _create(
        cls, folder: Path, passphrase: str, *, kdf: KdfParams | None, training: bool, clock: Clock
    ) -> tuple[Vault, str]:
        if vault_exists(folder):
            raise VaultError(f"A vault already exists in {folder}.")
        if len(passphrase) < 1:
            raise VaultError("The passphrase is empty.")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        params = kdf or calibrate()
        vault_id = new_vault_id()
        vault_key = os.urandom(KEY_BYTES)
        recovery_secret, recovery_text = new_recovery_key()
        header = VaultHeader(
            vault_id=vault_id,
            kdf=params,
            passphrase=wrap(
                derive_from_passphrase(passphrase, params), vault_key, vault_id, "passphrase"
            ),
            recovery=wrap(recovery_kek(recovery_secret, vault_id), vault_key, vault_id, "recovery"),
            training=training,
        )
        db_path = folder / DB_NAME
        if db_path.exists():
            raise VaultError(f"{db_path} exists without a vault header; move it aside first.")
        conn = storage.new_database(db_path)
        vault = cls(folder, header, vault_key, conn, clock)
        with vault._transaction():
            storage.set_meta(conn, "schema_version", str(storage.SCHEMA_VERSION).encode())
            storage.set_meta(conn, "vault_id", vault_id.encode())
            vault._store_state(0, ZERO_MAC, bytes(32))
            vault._append_audit("vault.created", {"training": training})
        atomic_write_bytes(folder / HEADER_NAME, header.to_json())
        return vault, recovery_text

    @classmethod
    def unlock(cls, folder: Path, passphrase: str, *, clock: Clock = utc_now) -> Vault:
        header = read_header(folder)
        vault_key = unwrap_with_passphrase(header, passphrase)
        return cls._open(Path(folder), header, vault_key, clock)

    @classmethod
    def unlock_with_recovery(cls, folder: Path, recovery: str, *, clock: Clock = utc_now) -> Vault:
        header = read_header(folder)
        secret = parse_recovery_key(recovery)
        if secret is None:
            raise VaultError(
                "That is not a recovery key: it has 52 letters and digits in groups of four."
            )
        vault_key = unwrap_with_recovery(header, secret)
        return cls._open(Path(folder), header, vault_key, clock)

    @classmethod
    def _open(cls, folder: Path, header: VaultHeader, vault_key: bytes, clock: Clock) -> Vault:
        hold = exclusive.hold(folder)  # before reading anything: one process at a time
        try:
            conn = storage.open_database(folder / DB_NAME)
        except BaseException:
            hold.release()
            raise
        vault = cls(folder, header, vault_key, conn, clock)
        vault._hold = hold
        try:
            stored_id = storage.get_meta(conn, "vault_id")
            if stored_id != header.vault_id.encode():
                raise IntegrityError(
                    "The vault header and the database belong to different vaults."
                )
            storage.check_schema_version(conn)
            vault._load_latest()
        except BaseException:
            vault.lock()
            raise
        return vault

    # State commitment (detects rollback and removal) ---------------------------------------
    def _k(self) -> _Keys:
        if self._keys is None:
            raise VaultLockedError("The vault is locked.")
        return self._keys

    def _head_token(self, record_id: str, revision: int) -> bytes:
        """HMAC-SHA256(state key, "head" 0x00, revision as 8 bytes, record id)."""
        message = b"head\x00" + revision.to_bytes(8, "big") + record_id.encode()
        return hmac.digest(self._k().state, message, "sha256")

    def _store_state(self, seq: int, last_mac: bytes, accumulator: bytes) -> None:
        tag = mac(self._k().state, b"state", seq.to_bytes(8, "big"), last_mac, accumulator)
        value = seq.to_bytes(8, "big") + last_mac + accumulator + tag
        storage.set_meta(self._conn, "state", value)

    def _read_state(self) -> tuple[int, bytes, bytes]:
        value = storage.get_meta(self._conn, "state")
        if value is None or len(value) != 8 + 32 + 32 + 32:
            raise IntegrityError("The vault's integrity record is missing or damaged.")
        seq, last_mac, acc, tag = value[:8], value[8:40], value[40:72], value[72:]
        expected = mac(self._k().state, b"state", seq, last_mac, acc)
        if expected != tag:
            raise IntegrityError("The vault's integrity record was altered.")
        return int.from_bytes(seq, "big"), last_mac, acc

    def _accumulator(self, heads: Iterable[tuple[str, int]]) -> bytes:
        """The keyed accumulator over each record's current revision (see the format doc)."""
        total = 0
        for record_id, revision in heads:
            total ^= int.from_bytes(self._head_token(record_id, revision), "big")
        return total.to_bytes(32, "big")

    @staticmethod
    def _xor(a: bytes, b: bytes) -> bytes:
        return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(32, "big")

    # Reading ----------------------------------------------------------------------------
    def _blob_aad(self, record_id: str, revision: int) -> bytes:
        return f"wt26desk-vault-v1|blob|{self.header.vault_id}|{record_id}|{revision}".encode()

    def _decrypt_blob(
        self, record_id: str, revision: int, nonce: bytes, ciphertext: bytes
    ) -> bytes:
        plain = self._k().blob_cipher.open(nonce, ciphertext, self._blob_aad(record_id, revision))
        if plain is None:
            raise IntegrityError(
                f"Record {record_id} revision {revision} failed its integrity "
                "check: it was altered, swapped or damaged."
            )
        return plain

    def _load_latest(self) -> None:
        rows = self._conn.execute(
            "SELECT b.record_id, b.revision, CAST(b.nonce AS BLOB), "
            "CAST(b.ciphertext AS BLOB) FROM blobs b "
            "JOIN (SELECT record_id, MAX(revision) AS top FROM blobs GROUP BY record_id) h "
            "ON b.record_id = h.record_id AND b.revision = h.top"
        ).fetchall()
        _, last_mac, accumulator = self._read_state()
        self._check_audit_head(last_mac)
        latest: dict[str, Revision] = {}
        for record_id, revision, nonce, ciphertext in rows:
            latest[record_id] = Revision(
                record_id, revision, self._decrypt_blob(record_id, revision, nonce, ciphertext)
            )
        if self._accumulator((r, rev.revision) for r, rev in latest.items()) != accumulator:
            raise IntegrityError(
                "The vault's records do not match its integrity record: a "
                "revision was removed, rolled back or added from elsewhere."
            )
        self._latest = latest
        self._search_text = {}  # built by prepare_search(), after unlock

    def _check_audit_head(self, last_mac: bytes) -> None:
        row = self._conn.execute(
            "SELECT CAST(mac AS BLOB) FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if (bytes(row[0]) if row else ZERO_MAC) != last_mac:
            raise IntegrityError(
                "The audit log does not end where the vault says it does: "
                "entries were removed or added."
            )

    def record_ids(self) -> list[str]:
        self._k()
        return sorted(self._latest)

    def get(self, record_id: str) -> Document:
        self._k()
        try:
            return self._latest[record_id].document
        except KeyError:
            raise VaultError(f"No record {record_id!r} in this vault.") from None

    def history(self, record_id: str) -> list[Revision]:
        self._k()
        rows = self._conn.execute(
            "SELECT revision, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM blobs "
            "WHERE record_id=? ORDER BY revision",
            (record_id,),
        ).fetchall()
        return [
            Revision(record_id, rev, self._decrypt_blob(record_id, rev, n, c)) for rev, n, c in rows
        ]

    def prepare_search(self) -> None:
        """Parse every note and fold its text for searching (in memory only). Called after
        unlock, off the critical path; `search` calls it if it has not run."""
        self._k()
        if len(self._search_text) != len(self._latest):
            self._search_text = {rid: _flatten(rev.document) for rid, rev in self._latest.items()}

    def search(self, query: str) -> list[str]:
        """Ids of records containing every word of `query` (in memory; no index on disk)."""
        self._k()
        terms = query.casefold().split()
        if not terms:
            return []
        self.prepare_search()
        return sorted(
            rid for rid, text in self._search_text.items() if all(term in text for term in terms)
        )

    # Writing ----------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise VaultError(f"The vault is busy or unavailable: {exc}.") from exc
        try:
            yield
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:  # SQLite rolls back by itself on some errors
                self._conn.execute("ROLLBACK")
            if storage.is_full_error(exc):
                raise storage.full_error() from exc
            raise VaultError(f"The change was not saved: {exc}.") from exc
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def put(self, record_id: str, document: Document) -> int:
        """Store a new revision of `record_id`; returns its revision number."""
        return self.put_many([(record_id, document)])[0]

    def put_many(self, items: list[tuple[str, Document]]) -> list[int]:
        """Store new revisions of several records in one transaction (all or none)."""
        keys = self._k()
        staged: list[tuple[str, int, bytes, bytes, bytes]] = []
        heads = {rid: rev.revision for rid, rev in self._latest.items()}
        for record_id, document in items:
            if not record_id or len(record_id) > 128 or "|" in record_id:
                raise VaultError("A record id must be 1 to 128 characters without '|'.")
            plain = _json(document)
            if len(plain) > MAX_DOCUMENT_BYTES:
                size = len(plain) // 1_048_576
                raise VaultError(f"That record is {size} MiB; the limit is 16 MiB.")
            revision = heads.get(record_id, 0) + 1
            heads[record_id] = revision
            nonce, ciphertext = keys.blob_cipher.seal(plain, self._blob_aad(record_id, revision))
            staged.append((record_id, revision, nonce, ciphertext, plain))
        with self._transaction():
            _, _, acc = self._read_state()
            for record_id, revision, nonce, ciphertext, _plain in staged:
                self._conn.execute(
                    "INSERT INTO blobs(record_id, revision, nonce, ciphertext) VALUES (?,?,?,?)",
                    (record_id, revision, nonce, ciphertext),
                )
                if revision > 1:
                    acc = self._xor(acc, self._head_token(record_id, revision - 1))
                acc = self._xor(acc, self._head_token(record_id, revision))
                self._append_audit(
                    "record.saved",
                    {"record": record_id, "revision": revision, "sha256": digest(ciphertext)},
                    acc=acc,
                )
        for record_id, revision, _nonce, _ciphertext, plain in staged:
            self._latest[record_id] = Revision(record_id, revision, plain)
            if self._search_text:
                self._search_text[record_id] = _flatten(self._latest[record_id].document)
        return [revision for _, revision, _, _, _ in staged]

    def _append_audit(
        self, action: str, detail: dict[str, Any], *, acc: bytes | None = None
    ) -> None:
        keys = self._k()
        seq, last_mac, stored_acc = self._read_state()
        seq += 1
        entry = {
            "time": self._clock().isoformat(timespec="seconds"),
            "action": action,
            "detail": detail,
        }
        aad = f"wt26desk-vault-v1|audit|{self.header.vault_id}|{seq}".encode()
        nonce, ciphertext = keys.audit_cipher.seal(_json(entry), aad)
        entry_mac = mac(keys.audit, last_mac, seq.to_bytes(8, "big"), nonce, ciphertext)
        self._conn.execute(
            "INSERT INTO audit(seq, nonce, ciphertext, mac) VALUES (?,?,?,?)",
            (seq, nonce, ciphertext, entry_mac),
        )
        self._store_state(seq, entry_mac, stored_acc if acc is None else acc)

    def record_event(self, action: str, **detail: Any) -> None:
        """Append an entry to the audit log (exports, backups, verification)."""
        with self._transaction():
            self._append_audit(action, detail)

    def audit_entries(self) -> list[AuditEntry]:
        keys = self._k()
        entries = []
        for seq, nonce, ciphertext in self._conn.execute(
            "SELECT seq, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM audit ORDER BY seq"
        ):
            aad = f"wt26desk-vault-v1|audit|{self.header.vault_id}|{seq}".encode()
            plain = keys.audit_cipher.open(nonce, ciphertext, aad)
            if plain is None:
                raise IntegrityError(f"Audit entry {seq} failed its integrity check.")
            data = json.loads(plain)
            entries.append(AuditEntry(seq, data["time"], data["action"], data["detail"]))
        return entries

    # Drafts: unsaved work, encrypted, one slot per draft id, no history -------------------
    def _draft_aad(self, draft_id: str) -> bytes:
        return f"wt26desk-vault-v1|draft|{self.header.vault_id}|{draft_id}".encode()

    def save_draft(self, draft_id: str, document: Document) -> None:
        nonce, ciphertext = self._k().blob_cipher.seal(_json(document), self._draft_aad(draft_id))
        with self._transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO drafts(draft_id, nonce, ciphertext) VALUES (?,?,?)",
                (draft_id, nonce, ciphertext),
            )

    def load_draft(self, draft_id: str) -> Document | None:
        row = self._conn.execute(
            "SELECT CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM drafts WHERE draft_id=?",
            (draft_id,),
        ).fetchone()
        if row is None:
            return None
        plain = self._k().blob_cipher.open(row[0], row[1], self._draft_aad(draft_id))
        if plain is None:
            raise IntegrityError(f"Draft {draft_id} failed its integrity check.")
        document: Document = json.loads(plain)
        return document

    def draft_ids(self) -> list[str]:
        self._k()
        return [r[0] for r in self._conn.execute("SELECT draft_id FROM drafts ORDER BY draft_id")]

    def discard_draft(self, draft_id: str) -> None:
        self._k()
        with self._transaction():
            self._conn.execute("DELETE FROM drafts WHERE draft_id=?", (draft_id,))

    # Keys -------------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Re-wrap the vault key under a new passphrase. Notes are not re-encrypted."""
        keys = self._k()
        if not new_passphrase:
            raise VaultError("The new passphrase is empty.")
        params = kdf or calibrate()
        vault_key = bytes(keys.vault_key)
        header = VaultHeader(
            vault_id=self.header.vault_id,
            kdf=params,
            passphrase=wrap(
                derive_from_passphrase(new_passphrase, params),
                vault_key,
                self.header.vault_id,
                "passphrase",
            ),
            recovery=self.header.recovery,
            training=self.header.training,
        )
        atomic_write_bytes(self.folder / HEADER_NAME, header.to_json())
        self.header = header
        self.record_event("vault.passphrase_changed")

    def new_recovery_key(self) -> str:
        """Replace the recovery key (the old one stops working); returns the new one."""
        keys = self._k()
        secret, text = new_recovery_key()
        header = VaultHeader(
            vault_id=self.header.vault_id,
            kdf=self.header.kdf,
            passphrase=self.header.passphrase,
            recovery=wrap(
                recovery_kek(secret, self.header.vault_id),
                bytes(keys.vault_key),
                self.header.vault_id,
                "recovery",
            ),
            training=self.header.training,
        )
        atomic_write_bytes(self.folder / HEADER_NAME, header.to_json())
        self.header = header
        self.record_event("vault.recovery_key_replaced")
        return text

    @property
    def vault_key(self) -> bytes:
        return bytes(self._k().vault_key)

    @property
    def connection(self) -> sqlite3.Connection:
        self._k()
        return self._conn

    @property
    def locked(self) -> bool:
        return self._keys is None

    def lock(self) -> None:
        """Forget the keys and every decrypted document, and close the database."""
        if self._keys is not None:
            self._keys.wipe()
        self._keys = None
        self._latest = {}
        self._search_text = {}
        with suppress(sqlite3.Error):
            self._conn.close()
        if self._hold is not None:
            self._hold.release()
            self._hold = None

    # Verification -----------------------------------------------------------------------
    def verify(self) -> list[str]:
        """Every check there is; returns the problems found (empty when all is well)."""
        from wt26desk.vault.verify import verify_vault

        return verify_vault(self)


def _flatten(value: object) -> str:
    """All the text in a document, folded, for in-memory search."""
    parts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, dict):
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(value)
    return " ".join(parts).casefold()
