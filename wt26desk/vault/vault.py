"""The vault: create, unlock, store documents as encrypted revisions, audit, verify, lock.

A vault is a folder with `vault.header` and its second copy `vault.header.2` (key-derivation
settings, the vault key wrapped by the passphrase and by the recovery key, and the
database's generation and state tag, all authenticated) and `vault.sqlite` (ciphertext
only). Unlocking reads only the headers, so a wrong passphrase changes no file.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wt26desk.errors import (
    IntegrityError,
    VaultError,
    VaultFormatError,
    VaultLockedError,
    WrongPassphrase,
)
from wt26desk.fileio import atomic_write_bytes
from wt26desk.vault import exclusive, integrity, storage
from wt26desk.vault.crypto import (
    KEY_BYTES,
    KdfCancelled,
    KdfParams,
    Progress,
    burn,
    calibrate,
    derive_from_passphrase,
    digest,
    new_recovery_key,
    normalize_passphrase,
    parse_recovery_key,
)
from wt26desk.vault.header import (
    HEADER_MAC_LABEL,
    NFC,
    VaultHeader,
    new_vault_id,
    recovery_kek,
    unwrap_with_passphrase,
    unwrap_with_recovery,
    wrap,
)
from wt26desk.vault.integrity import State
from wt26desk.vault.keys import KeyRing
from wt26desk.vault.layout import DB_NAME, HEADER_COPY_NAME, HEADER_NAME, HEADER_NAMES, vault_exists
from wt26desk.vault.undo import removed_if_failed
from wt26desk.vault.verify import VerifyCancelled, verify_database

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
ZERO_MAC = bytes(32)
Document = dict[str, Any]
Clock = Callable[[], datetime]
UnlockCancelled = KdfCancelled


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


def _json(document: Document) -> bytes:
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return data.encode("utf-8")


@dataclass
class HeaderCopy:
    """One of the two header files as read: its header, or why it could not be used."""

    name: str
    raw: bytes | None
    header: VaultHeader | None
    problem: str = ""


def read_header_copies(folder: Path) -> list[HeaderCopy]:
    copies = []
    for name in HEADER_NAMES:
        try:
            raw = (Path(folder) / name).read_bytes()
        except FileNotFoundError:
            copies.append(HeaderCopy(name, None, None, "missing"))
            continue
        except OSError as exc:
            copies.append(HeaderCopy(name, None, None, f"unreadable ({exc.strerror})"))
            continue
        try:
            copies.append(HeaderCopy(name, raw, VaultHeader.from_json(raw)))
        except VaultFormatError as exc:
            copies.append(HeaderCopy(name, raw, None, str(exc)))
    return copies


def _usable(folder: Path, copies: list[HeaderCopy]) -> list[HeaderCopy]:
    usable = [c for c in copies if c.header is not None]
    if usable:
        return usable
    if all(c.problem == "missing" for c in copies):
        raise VaultFormatError(f"There is no vault in {folder}.")
    first = next(c for c in copies if c.problem != "missing")
    if first.problem.startswith("unreadable"):
        raise VaultFormatError(f"The vault header is {first.problem}.")
    raise VaultFormatError(first.problem)


def read_header(folder: Path) -> VaultHeader:
    """The first readable copy of the header (not yet authenticated: that needs the key)."""
    header = _usable(Path(folder), read_header_copies(folder))[0].header
    assert header is not None
    return header


class VerifyJob:
    """A full verification running on its own thread and its own database connection."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.cancelled = False
        self.error: str = ""
        self._done = threading.Event()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def failed(self) -> bool:
        return bool(self.problems) or bool(self.error)


class Vault:
    """An unlocked vault. Obtain one with `Vault.create`, `Vault.unlock` or
    `Vault.unlock_with_recovery`; call `lock()` when done."""

    _hold: exclusive.Hold | None = None  # this process's lock on the folder, while open

    def __init__(
        self,
        folder: Path,
        header: VaultHeader,
        keys: KeyRing,
        conn: sqlite3.Connection,
        clock: Clock = utc_now,
    ) -> None:
        self.folder = Path(folder)
        self.header = header
        self._conn = conn
        self._clock = clock
        self._keys: KeyRing | None = keys
        self._latest: dict[str, Revision] = {}
        self._search_text: dict[str, str] = {}
        self._state = State.empty()  # as last committed
        self._tx: State | None = None  # while a transaction is open
        self._jobs: list[VerifyJob] = []
        self._job_threads: list[threading.Thread] = []
        # Things the person should be told about this unlock (header recovered, upgrade).
        self.notices: list[str] = []
        self._headers_need_rewrite = False

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
        vault_key = bytearray(os.urandom(KEY_BYTES))
        recovery_secret, recovery_text = new_recovery_key()
        kek = derive_from_passphrase(passphrase, params)
        rkek = recovery_kek(recovery_secret, vault_id)
        burn(recovery_secret)
        header = VaultHeader(
            vault_id=vault_id,
            kdf=params,
            passphrase=wrap(kek, vault_key, vault_id, "passphrase"),
            recovery=wrap(rkek, vault_key, vault_id, "recovery"),
            training=training,
            normalization=NFC,
        )
        burn(kek)
        burn(rkek)
        db_path = folder / DB_NAME
        if db_path.exists():
            raise VaultError(f"{db_path} exists without a vault header; move it aside first.")
        conn = storage.new_database(db_path)
        keys = KeyRing(vault_key, format_version=2)
        burn(vault_key)
        vault = cls(folder, header, keys, conn, clock)
        vault.header = header.signed(vault._header_mac)
        with vault._transaction(initial=State.empty()):
            storage.set_meta(conn, "schema_version", str(storage.SCHEMA_VERSION).encode())
            storage.set_meta(conn, "vault_id", vault_id.encode())
            vault._append_audit("vault.created", {"training": training})
        vault._write_headers(both=True)
        return vault, recovery_text

    @classmethod
    def unlock(
        cls,
        folder: Path,
        passphrase: str,
        *,
        clock: Clock = utc_now,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> Vault:
        """Open with the passphrase. `progress` is called with a fraction while the key
        is derived; setting `cancel` stops at once (UnlockCancelled), changing nothing."""
        folder = Path(folder)
        copies = read_header_copies(folder)
        tried: list[tuple[object, ...]] = []
        for copy in _usable(folder, copies):
            header = copy.header
            assert header is not None
            attempt = (header.kdf, header.passphrase, header.normalization)
            if attempt in tried:  # the second copy is the same: one derivation is enough
                continue
            tried.append(attempt)
            try:
                vault_key, in_nfc = unwrap_with_passphrase(
                    header, passphrase, progress=progress, cancel=cancel
                )
            except WrongPassphrase:
                continue
            return cls._open(
                folder,
                copies,
                copy,
                vault_key,
                clock,
                nfc_passphrase=normalize_passphrase(passphrase),
                wrapped_in_nfc=in_nfc,
            )
        raise WrongPassphrase("That passphrase does not open this vault.")

    @classmethod
    def unlock_with_recovery(cls, folder: Path, recovery: str, *, clock: Clock = utc_now) -> Vault:
        folder = Path(folder)
        copies = read_header_copies(folder)
        usable = _usable(folder, copies)
        secret = parse_recovery_key(recovery)
        if secret is None:
            raise VaultError(
                "That is not a recovery key: it has 52 letters and digits in groups of four."
            )
        try:
            tried: list[object] = []
            for copy in usable:
                assert copy.header is not None
                if copy.header.recovery in tried:
                    continue
                tried.append(copy.header.recovery)
                try:
                    vault_key = unwrap_with_recovery(copy.header, secret)
                except WrongPassphrase:
                    continue
                return cls._open(folder, copies, copy, vault_key, clock)
        finally:
            burn(secret)
        raise WrongPassphrase("That recovery key does not open this vault.")

    @classmethod
    def _open(
        cls,
        folder: Path,
        copies: list[HeaderCopy],
        unlocked: HeaderCopy,
        vault_key: bytearray,
        clock: Clock,
        *,
        nfc_passphrase: str | None = None,
        wrapped_in_nfc: bool = False,
    ) -> Vault:
        """`nfc_passphrase` (unlocking with the passphrase): the typed passphrase in NFC,
        to re-wrap the key under it if the header still says "as-typed" (format 1);
        `wrapped_in_nfc` says the wrapped key already is under that form."""
        assert unlocked.header is not None
        hold = exclusive.hold(folder)  # before reading anything: one process at a time
        try:
            conn = storage.open_database(folder / DB_NAME)
        except BaseException:
            hold.release()
            burn(vault_key)
            raise
        try:
            schema = storage.schema_version(conn)
        except BaseException:
            conn.close()
            hold.release()
            burn(vault_key)
            raise
        keys = KeyRing(vault_key, format_version=schema)
        burn(vault_key)
        vault = cls(folder, unlocked.header, keys, conn, clock)
        vault._hold = hold
        try:
            stored_id = storage.get_meta(conn, "vault_id")
            if stored_id != unlocked.header.vault_id.encode():
                raise IntegrityError(
                    "The vault header and the database belong to different vaults."
                )
            header_state = vault._authenticate_headers(copies, unlocked)
            if header_state is None:  # format-1 header(s): replaced by format 2 below
                vault._headers_need_rewrite = True
            if schema == 1:
                vault._migrate_from_1()
            vault._load_latest(header_state)
            if nfc_passphrase is not None and vault.header.normalization != NFC:
                vault._rewrap_in_nfc(None if wrapped_in_nfc else nfc_passphrase)
            if vault._headers_need_rewrite:
                vault._write_headers(both=True)
            elif header_state is None or vault._state.generation > header_state[0]:
                vault._write_headers()
            vault._remove_stale_temporaries()
        except BaseException:
            vault.lock()
            raise
        return vault

    # Headers: two authenticated copies, rewritten after every commit ------------------------
    def _header_mac(self, signed: bytes) -> bytes:
        return self._k().mac("header", HEADER_MAC_LABEL, signed)

    def _authenticate_headers(
        self, copies: list[HeaderCopy], unlocked: HeaderCopy
    ) -> tuple[int, bytes] | None:
        """Check every format-2 copy's MAC; choose the header to trust. Returns the
        highest (generation, state tag) any authentic copy records, or None when only
        format-1 headers exist (before or during migration)."""
        authentic: list[HeaderCopy] = []
        legacy = [c for c in copies if c.header is not None and c.header.version == 1]
        for copy in copies:
            header = copy.header
            if header is None or header.version == 1:
                continue
            expected = self._header_mac(header.signed_bytes())
            if header.mac == expected and header.vault_id == unlocked.header.vault_id:  # type: ignore[union-attr]
                authentic.append(copy)
            else:
                copy.problem = "its contents do not match their MAC (altered or damaged)"
        if not authentic:
            if legacy and unlocked.header is not None and unlocked.header.version == 1:
                return None
            raise IntegrityError(
                "The vault header was altered: its fields (training flag, key-derivation "
                "settings, id, version or state) do not match their MAC. Nothing was opened."
            )
        chosen = unlocked if unlocked in authentic else authentic[0]
        assert chosen.header is not None
        self.header = chosen.header
        broken = [c for c in copies if c not in authentic and c.problem != "missing"]
        missing = [c for c in copies if c.problem == "missing"]
        if broken or missing:
            self._headers_need_rewrite = True
            names = ", ".join(c.name for c in broken + missing)
            self.notices.append(
                f"The vault header was damaged or missing ({names}); the vault was opened "
                "with its second copy and both copies were rewritten."
            )
        newest = max(authentic, key=lambda c: c.header.generation)  # type: ignore[union-attr]
        assert newest.header is not None
        return newest.header.generation, newest.header.state_tag

    def _write_headers(self, *, both: bool = False) -> None:
        """After a commit, write the new state into one header copy, alternating by
        generation, so that one copy has the newest state and the other the one before
        (unlock uses the newer authentic copy). Its data is synced before the rename, the
        folder is not: a rename lost in a crash leaves the header behind the database,
        which is repaired quietly, and it can never get ahead (the commit was synced
        first). A failure (full disk) is not an error for the same reason.

        `both` writes both copies durably (a new vault, a recovered or upgraded header)."""
        if self._keys is None:
            return
        header = self.header.signed(
            self._header_mac, generation=self._state.generation, state_tag=self._state.tag
        )
        self.header = header
        data = header.to_json()
        if both:
            for name in HEADER_NAMES:
                with suppress(OSError, VaultError):
                    atomic_write_bytes(self.folder / name, data)
            return
        with suppress(OSError):
            _replace_file(self.folder / HEADER_NAMES[self._state.generation % 2], data)

    def _remove_stale_temporaries(self) -> None:
        """Temporary header files left by a process killed while writing one."""
        for name in HEADER_NAMES:
            for stale in self.folder.glob(f".{name}.*.tmp"):
                with suppress(OSError):
                    stale.unlink()

    def _rewrap_in_nfc(self, passphrase: str | None) -> None:
        """A format-1 vault: from now on the passphrase is normalised (NFC) first. If it
        was made with a passphrase not in NFC, wrap the key again under the normalised one
        (`passphrase`), so that NFC and NFD typing both open it; None: already NFC."""
        keys = self._k()
        wrapped = self.header.passphrase
        if passphrase is not None:
            kek = derive_from_passphrase(passphrase, self.header.kdf)
            wrapped = wrap(kek, keys.key("vault"), self.header.vault_id, "passphrase")
            burn(kek)
        self.header = replace(self.header, passphrase=wrapped, normalization=NFC)
        self._headers_need_rewrite = True

    # Migration from format 1 ----------------------------------------------------------------
    def _migrate_from_1(self) -> None:
        """Format 1 -> 2: verify everything under the old keys, check the header's training
        flag against the vault's own first audit entry, then in one transaction re-encrypt
        and re-MAC the audit log under separate keys and write the new state record."""
        old = self._k()
        vault_id, training = self.header.vault_id, self.header.training
        problems = verify_database(self._conn, old, vault_id, training, legacy=True)
        created = self._conn.execute(
            "SELECT CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM audit WHERE seq=1"
        ).fetchone()
        if created is not None:
            plain = old.audit().open(created[0], created[1], integrity.audit_aad(vault_id, 1))
            first = json.loads(plain) if plain else {}
            recorded = first.get("detail", {}).get("training")
            if first.get("action") == "vault.created" and recorded is not training:
                problems.append(
                    f"the header's training flag ({training}) differs from the one the vault "
                    f"was created with ({recorded})"
                )
        if problems:
            raise IntegrityError(
                "This vault needs an upgrade to format 2, but it does not verify, so nothing "
                "was changed: " + "; ".join(problems[:3])
            )
        new = KeyRing(old.key("vault"), format_version=2)
        seq, _last_mac, records = integrity.read_state_v1(self._conn, old)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            new.wipe()
            raise VaultError(f"The vault is busy or unavailable: {exc}.") from exc
        try:
            chain = ZERO_MAC
            rows = self._conn.execute(
                "SELECT seq, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM audit ORDER BY seq"
            ).fetchall()
            for entry_seq, nonce, ciphertext in rows:
                aad = integrity.audit_aad(vault_id, entry_seq)
                plain = old.audit().open(nonce, ciphertext, aad)
                if plain is None:  # verified above; only a concurrent writer could do this
                    raise IntegrityError(f"Audit entry {entry_seq} failed its integrity check.")
                nonce, ciphertext = new.audit().seal(plain, aad)
                chain = integrity.audit_mac(new, chain, entry_seq, nonce, ciphertext)
                self._conn.execute(
                    "UPDATE audit SET nonce=?, ciphertext=?, mac=? WHERE seq=?",
                    (nonce, ciphertext, chain, entry_seq),
                )
            self._keys = new
            old.wipe()
            self._tx = State(0, seq, chain, records, integrity.drafts_accumulator(new, self._conn))
            storage.set_meta(self._conn, "schema_version", b"2")
            self._append_audit("vault.migrated", {"from": 1, "to": 2})
            self._commit_state()
            self._conn.execute("COMMIT")
        except BaseException:
            self._tx = None
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self.notices.append(
            "This vault was upgraded to format 2: its header is now authenticated and kept "
            "twice, drafts are inside the integrity checks, and the audit log has its own "
            "keys. An older wt26desk cannot open it any more."
        )

    # State commitment (detects rollback and removal) ---------------------------------------
    def _k(self) -> KeyRing:
        if self._keys is None:
            raise VaultLockedError("The vault is locked.")
        return self._keys

    def _read_state(self) -> State:
        keys = self._k()
        return integrity.read_state(self._conn, keys, self.header.vault_id, self.header.training)

    def _commit_state(self) -> None:
        """Inside a transaction: the next generation of the state record."""
        assert self._tx is not None
        state = replace(self._tx, generation=self._tx.generation + 1)
        self._tx = state.sealed(self._k(), self.header.vault_id, self.header.training)
        storage.set_meta(self._conn, "state", self._tx.pack())
        self._state = self._tx

    # Reading ----------------------------------------------------------------------------
    def _blob_aad(self, record_id: str, revision: int) -> bytes:
        return integrity.blob_aad(self.header.vault_id, record_id, revision)

    def _decrypt_blob(
        self, record_id: str, revision: int, nonce: bytes, ciphertext: bytes
    ) -> bytes:
        plain = self._k().blob().open(nonce, ciphertext, self._blob_aad(record_id, revision))
        if plain is None:
            raise IntegrityError(
                f"Record {record_id} revision {revision} failed its integrity "
                "check: it was altered, swapped or damaged."
            )
        return plain

    def _load_latest(self, header_state: tuple[int, bytes] | None) -> None:
        keys = self._k()
        rows = self._conn.execute(
            "SELECT b.record_id, b.revision, CAST(b.nonce AS BLOB), "
            "CAST(b.ciphertext AS BLOB) FROM blobs b "
            "JOIN (SELECT record_id, MAX(revision) AS top FROM blobs GROUP BY record_id) h "
            "ON b.record_id = h.record_id AND b.revision = h.top"
        ).fetchall()
        state = self._read_state()
        self._check_against_header(state, header_state)
        self._check_audit_head(state)
        latest: dict[str, Revision] = {}
        for record_id, revision, nonce, ciphertext in rows:
            latest[record_id] = Revision(
                record_id, revision, self._decrypt_blob(record_id, revision, nonce, ciphertext)
            )
        heads = ((r, rev.revision) for r, rev in latest.items())
        if integrity.records_accumulator(keys, heads) != state.records:
            raise IntegrityError(
                "The vault's records do not match its integrity record: a "
                "revision was removed, rolled back or added from elsewhere."
            )
        if integrity.drafts_accumulator(keys, self._conn) != state.drafts:
            raise IntegrityError(
                "The vault's drafts do not match its integrity record: a draft (or the "
                "privacy PIN) was removed, replaced by an older one or added from elsewhere."
            )
        self._state = state
        self._latest = latest
        self._search_text = {}  # built by prepare_search(), after unlock

    def _check_against_header(self, state: State, header_state: tuple[int, bytes] | None) -> None:
        """Rollback of vault.sqlite alone: the headers record the last committed state."""
        if header_state is None:  # only format-1 headers: just migrated (generation 1)
            if state.generation != 1:
                raise IntegrityError(
                    "The vault's header is from format 1 but its database has moved on: "
                    "the header was replaced by an older copy. Nothing was opened."
                )
            return
        generation, tag = header_state
        if state.generation < generation:
            raise IntegrityError(
                "The vault database is older than its header: vault.sqlite was replaced by "
                f"an older copy (it is at change {state.generation}, the header at change "
                f"{generation}), so recent notes would be missing. Nothing was opened; put "
                "the newer vault.sqlite back or restore a backup."
            )
        if state.generation == generation and state.tag != tag:
            raise IntegrityError(
                "The vault database does not match its header: vault.sqlite was replaced by "
                "a different copy. Nothing was opened."
            )

    def _check_audit_head(self, state: State) -> None:
        row = self._conn.execute(
            "SELECT seq, CAST(mac AS BLOB) FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq, last = (row[0], bytes(row[1])) if row else (0, ZERO_MAC)
        if last != state.last_mac or seq != state.seq:
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
    def _transaction(self, initial: State | None = None) -> Iterator[None]:
        """One commit: the state record moves to the next generation inside it, and the
        header copies are rewritten with that state after it."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise VaultError(f"The vault is busy or unavailable: {exc}.") from exc
        try:
            self._tx = initial if initial is not None else self._read_state()
            yield
            self._commit_state()
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._state_after_rollback()
            if storage.is_full_error(exc):
                raise storage.full_error() from exc
            raise VaultError(f"The change was not saved: {exc}.") from exc
        except BaseException:
            self._state_after_rollback()
            raise
        finally:
            self._tx = None
        self._write_headers()

    def _state_after_rollback(self) -> None:
        if self._conn.in_transaction:  # SQLite rolls back by itself on some errors
            self._conn.execute("ROLLBACK")
        with suppress(VaultError, sqlite3.Error):
            self._state = self._read_state()

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
            nonce, ciphertext = keys.blob().seal(plain, self._blob_aad(record_id, revision))
            staged.append((record_id, revision, nonce, ciphertext, plain))
        with self._transaction():
            for record_id, revision, nonce, ciphertext, _plain in staged:
                self._conn.execute(
                    "INSERT INTO blobs(record_id, revision, nonce, ciphertext) VALUES (?,?,?,?)",
                    (record_id, revision, nonce, ciphertext),
                )
                assert self._tx is not None
                acc = self._tx.records
                if revision > 1:
                    acc = integrity.xor(acc, integrity.head_token(keys, record_id, revision - 1))
                acc = integrity.xor(acc, integrity.head_token(keys, record_id, revision))
                self._tx = replace(self._tx, records=acc)
                self._append_audit(
                    "record.saved",
                    {"record": record_id, "revision": revision, "sha256": digest(ciphertext)},
                )
        for record_id, revision, _nonce, _ciphertext, plain in staged:
            self._latest[record_id] = Revision(record_id, revision, plain)
            if self._search_text:
                self._search_text[record_id] = _flatten(self._latest[record_id].document)
        return [revision for _, revision, _, _, _ in staged]

    def _append_audit(self, action: str, detail: dict[str, Any]) -> None:
        """Inside a transaction: the next audit entry, chained to the previous one."""
        keys = self._k()
        assert self._tx is not None
        seq = self._tx.seq + 1
        entry = {
            "time": self._clock().isoformat(timespec="seconds"),
            "action": action,
            "detail": detail,
        }
        aad = integrity.audit_aad(self.header.vault_id, seq)
        nonce, ciphertext = keys.audit().seal(_json(entry), aad)
        entry_mac = integrity.audit_mac(keys, self._tx.last_mac, seq, nonce, ciphertext)
        self._conn.execute(
            "INSERT INTO audit(seq, nonce, ciphertext, mac) VALUES (?,?,?,?)",
            (seq, nonce, ciphertext, entry_mac),
        )
        self._tx = replace(self._tx, seq=seq, last_mac=entry_mac)

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
            plain = keys.audit().open(
                nonce, ciphertext, integrity.audit_aad(self.header.vault_id, seq)
            )
            if plain is None:
                raise IntegrityError(f"Audit entry {seq} failed its integrity check.")
            data = json.loads(plain)
            entries.append(AuditEntry(seq, data["time"], data["action"], data["detail"]))
        return entries

    # Drafts: unsaved work, encrypted, one slot per draft id, no history, in the state ----
    def _draft_aad(self, draft_id: str) -> bytes:
        return integrity.draft_aad(self.header.vault_id, draft_id)

    def _draft_row(self, draft_id: str) -> tuple[bytes, bytes] | None:
        row = self._conn.execute(
            "SELECT CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM drafts WHERE draft_id=?",
            (draft_id,),
        ).fetchone()
        return (bytes(row[0]), bytes(row[1])) if row else None

    def _replace_draft_token(self, draft_id: str, new: tuple[bytes, bytes] | None) -> None:
        keys = self._k()
        assert self._tx is not None
        acc = self._tx.drafts
        old = self._draft_row(draft_id)
        if old is not None:
            acc = integrity.xor(acc, integrity.draft_token(keys, draft_id, *old))
        if new is not None:
            acc = integrity.xor(acc, integrity.draft_token(keys, draft_id, *new))
        self._tx = replace(self._tx, drafts=acc)

    def save_draft(self, draft_id: str, document: Document) -> None:
        nonce, ciphertext = self._k().blob().seal(_json(document), self._draft_aad(draft_id))
        with self._transaction():
            self._replace_draft_token(draft_id, (nonce, ciphertext))
            self._conn.execute(
                "INSERT OR REPLACE INTO drafts(draft_id, nonce, ciphertext) VALUES (?,?,?)",
                (draft_id, nonce, ciphertext),
            )

    def load_draft(self, draft_id: str) -> Document | None:
        row = self._draft_row(draft_id)
        if row is None:
            return None
        plain = self._k().blob().open(row[0], row[1], self._draft_aad(draft_id))
        if plain is None:
            raise IntegrityError(f"Draft {draft_id} failed its integrity check.")
        document: Document = json.loads(plain)
        return document

    def draft_ids(self) -> list[str]:
        self._k()
        return [r[0] for r in self._conn.execute("SELECT draft_id FROM drafts ORDER BY draft_id")]

    def discard_draft(self, draft_id: str) -> None:
        self._k()
        if self._draft_row(draft_id) is None:
            return
        with self._transaction():
            self._replace_draft_token(draft_id, None)
            self._conn.execute("DELETE FROM drafts WHERE draft_id=?", (draft_id,))

    # Keys -------------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Re-wrap the vault key under a new passphrase. Notes are not re-encrypted."""
        keys = self._k()
        if not new_passphrase:
            raise VaultError("The new passphrase is empty.")
        params = kdf or calibrate()
        kek = derive_from_passphrase(new_passphrase, params)
        wrapped = wrap(kek, keys.key("vault"), self.header.vault_id, "passphrase")
        burn(kek)
        self.header = replace(self.header, kdf=params, passphrase=wrapped, normalization=NFC)
        self._write_headers_or_fail()
        self.record_event("vault.passphrase_changed")

    def new_recovery_key(self) -> str:
        """Replace the recovery key (the old one stops working); returns the new one."""
        keys = self._k()
        secret, text = new_recovery_key()
        rkek = recovery_kek(secret, self.header.vault_id)
        burn(secret)
        wrapped = wrap(rkek, keys.key("vault"), self.header.vault_id, "recovery")
        burn(rkek)
        self.header = replace(self.header, recovery=wrapped)
        self._write_headers_or_fail()
        self.record_event("vault.recovery_key_replaced")
        return text

    def _write_headers_or_fail(self) -> None:
        """For a change of keys the header must reach the disk: write both copies."""
        header = self.header.signed(
            self._header_mac, generation=self._state.generation, state_tag=self._state.tag
        )
        data = header.to_json()
        for name in (HEADER_COPY_NAME, HEADER_NAME):
            atomic_write_bytes(self.folder / name, data)
        self.header = header

    def backup_key(self) -> memoryview:
        """The backup subkey, a view of the key buffer (valid until lock)."""
        return self._k().key("backup")

    @property
    def connection(self) -> sqlite3.Connection:
        self._k()
        return self._conn

    @property
    def locked(self) -> bool:
        return self._keys is None

    def lock(self) -> None:
        """Stop background checks, overwrite the keys, forget every decrypted document,
        and close the database."""
        for job in self._jobs:
            job.cancel()
        for thread in self._job_threads:
            thread.join(timeout=30)
        self._jobs, self._job_threads = [], []
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
        return (
            verify_database(self._conn, self._k(), self.header.vault_id, self.header.training)
            + self._header_problems()
        )

    def _header_problems(self) -> list[str]:
        problems = []
        for copy in read_header_copies(self.folder):
            header = copy.header
            if header is None:
                problems.append(f"{copy.name}: {copy.problem}")
            elif header.version < 2 or header.mac != self._header_mac(header.signed_bytes()):
                problems.append(f"{copy.name}: its contents do not match their MAC")
            elif header.generation > self._state.generation:
                problems.append(f"{copy.name}: it is newer than the database (rollback)")
        return problems

    def verify_snapshot(self, cancel: threading.Event | None = None) -> list[str] | None:
        """The full verification on a second, read-only connection (one consistent
        snapshot), so that it can run on another thread while the vault is in use.
        None when `cancel` was set (the vault is locking)."""
        keys = self._k()
        conn = sqlite3.connect(
            f"file:{self.folder / DB_NAME}?mode=ro", uri=True, check_same_thread=False
        )
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            conn.execute("BEGIN")
            return verify_database(
                conn, keys, self.header.vault_id, self.header.training, cancel=cancel
            )
        except VerifyCancelled:
            return None
        finally:
            with suppress(sqlite3.Error):
                conn.close()

    def verify_in_background(self, on_done: Callable[[VerifyJob], None] | None = None) -> VerifyJob:
        """Start `verify_snapshot` on a thread; `on_done(job)` is called on that thread
        when it ends (not when it was cancelled by lock)."""
        job = VerifyJob()

        def run() -> None:
            try:
                problems = self.verify_snapshot(job._cancel)
                if problems is None:
                    job.cancelled = True
                else:
                    job.problems = problems
            except VaultLockedError:
                job.cancelled = True
            except (sqlite3.Error, VaultError, ValueError) as exc:
                job.error = str(exc) or type(exc).__name__
            finally:
                job._done.set()
            if on_done is not None and not job.cancelled:
                on_done(job)

        thread = threading.Thread(target=run, name="wt26desk-verify", daemon=True)
        self._jobs.append(job)
        self._job_threads.append(thread)
        thread.start()
        return job


def _replace_file(path: Path, data: bytes) -> None:
    """Write `data` to a new file beside `path`, sync it, rename it over `path`."""
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


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
