"""One-file encrypted backups, restorable on another machine with the passphrase or the
recovery key. Layout (docs/vault-format.md):

    magic "WT26BAK" 0x01 | header length (4 bytes, big-endian) | header JSON | payload

The payload is the vault database image, encrypted with AES-256-GCM under a key derived
from the vault key; the associated data is everything before the payload."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wt26desk.errors import IntegrityError, VaultError, VaultFormatError
from wt26desk.fileio import atomic_write_bytes
from wt26desk.parsing import InputError, loads_json
from wt26desk.vault import exclusive, storage
from wt26desk.vault.crypto import (
    b64,
    burn,
    normalize_passphrase,
    open_sealed,
    parse_recovery_key,
    unb64,
)
from wt26desk.vault.header import VaultHeader, unwrap_with_passphrase, unwrap_with_recovery
from wt26desk.vault.keys import KeyRing
from wt26desk.vault.layout import DB_NAME, HEADER_NAMES, vault_exists
from wt26desk.vault.vault import Vault, read_header_copies

MAGIC = b"WT26BAK\x01"
MAX_BACKUP_HEADER = 64 * 1024
MAX_BACKUP_BYTES = 4 * 1024**3
BACKUP_KEY_PURPOSE = "wt26desk-vault-v1|backup"


def write_backup(vault: Vault, target: Path) -> int:
    """Write a backup of `vault` to `target` atomically; returns its size in bytes."""
    memory = sqlite3.connect(":memory:")
    try:
        vault.connection.backup(memory)
        image = _rollback_journal_image(memory.serialize())
    finally:
        memory.close()
    header = {
        "format": "wt26desk-backup",
        "version": 1,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "vault_header": json.loads(vault.header.to_json()),
    }
    nonce = os.urandom(12)
    header["payload_nonce"] = b64(nonce)
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    prefix = MAGIC + len(header_bytes).to_bytes(4, "big") + header_bytes
    ciphertext = AESGCM(vault.backup_key()).encrypt(nonce, image, prefix)
    data = prefix + ciphertext
    atomic_write_bytes(Path(target), data)
    vault.record_event("vault.backup_written", file=str(target), bytes=len(data))
    return len(data)


def parse_backup(data: bytes) -> tuple[VaultHeader, bytes, bytes, bytes]:
    """(vault header, payload nonce, payload ciphertext, associated data). Raises
    VaultFormatError with a plain reason for anything malformed."""
    if len(data) < len(MAGIC) + 4 or not data.startswith(MAGIC):
        raise VaultFormatError("This is not a wt26desk backup file.")
    length = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    if length > MAX_BACKUP_HEADER or len(MAGIC) + 4 + length > len(data):
        raise VaultFormatError("The backup's header is damaged (impossible length).")
    header_bytes = data[len(MAGIC) + 4 : len(MAGIC) + 4 + length]
    try:
        header = loads_json(header_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError, InputError, RecursionError) as exc:
        raise VaultFormatError("The backup's header is damaged.") from exc
    if not isinstance(header, dict) or header.get("format") != "wt26desk-backup":
        raise VaultFormatError("This is not a wt26desk backup file.")
    if header.get("version") != 1:
        raise VaultFormatError("This backup was made by a newer wt26desk; update to restore it.")
    vault_header = VaultHeader.from_json(json.dumps(header.get("vault_header")).encode())
    nonce = unb64(header.get("payload_nonce"), "payload nonce", max_bytes=12)
    if len(nonce) != 12:
        raise VaultFormatError("The backup's header is damaged (nonce).")
    prefix_end = len(MAGIC) + 4 + length
    return vault_header, nonce, data[prefix_end:], data[:prefix_end]


def read_backup_file(path: Path) -> bytes:
    try:
        size = Path(path).stat().st_size
        if size > MAX_BACKUP_BYTES:
            raise VaultFormatError("The backup file is larger than any vault could be.")
        return Path(path).read_bytes()
    except OSError as exc:
        raise VaultError(f"Cannot read {path}: {exc.strerror}.") from exc


def restore_backup(
    source: Path,
    folder: Path,
    *,
    passphrase: str | None = None,
    recovery: str | None = None,
    replace: bool = False,
) -> Path | None:
    """Restore a backup into `folder`. Returns where a replaced vault was moved, if any.

    The backup is decrypted and verified in a staging folder beside the target first;
    the target changes only when everything checked out."""
    folder = Path(folder)
    header, nonce, ciphertext, aad = parse_backup(read_backup_file(source))
    nfc_passphrase, in_nfc = None, False
    if passphrase is not None:
        vault_key, in_nfc = unwrap_with_passphrase(header, passphrase)
        nfc_passphrase = normalize_passphrase(passphrase)
    elif recovery is not None:
        secret = parse_recovery_key(recovery)
        if secret is None:
            raise VaultError("That is not a recovery key.")
        vault_key = unwrap_with_recovery(header, secret)
        burn(secret)
    else:
        raise VaultError("A passphrase or a recovery key is needed to restore.")
    try:
        return _restore(
            source,
            folder,
            header,
            vault_key,
            nonce,
            ciphertext,
            aad,
            replace=replace,
            nfc_passphrase=nfc_passphrase,
            in_nfc=in_nfc,
        )
    finally:
        burn(vault_key)


def _restore(
    source: Path,
    folder: Path,
    header: VaultHeader,
    vault_key: bytearray,
    nonce: bytes,
    ciphertext: bytes,
    aad: bytes,
    *,
    replace: bool,
    nfc_passphrase: str | None,
    in_nfc: bool,
) -> Path | None:
    keys = KeyRing(vault_key, format_version=2)
    try:
        image = open_sealed(keys.key("backup"), nonce, ciphertext, aad)
    finally:
        keys.wipe()
    if image is None:
        raise IntegrityError("The backup was altered or is incomplete; nothing was restored.")
    if vault_exists(folder) and not replace:
        raise VaultError(
            f"A vault already exists in {folder}. Restore with --replace to move it aside first."
        )
    exclusive.check_free(folder)  # never move aside a vault that is open elsewhere
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.restoring-{os.urandom(4).hex()}"
    staging.mkdir(mode=0o700)
    try:
        _write_image(image, staging / DB_NAME)
        for name in HEADER_NAMES:
            atomic_write_bytes(staging / name, header.to_json())
        vault = _open(staging, vault_key, nfc_passphrase, in_nfc)
        try:
            problems = vault.verify()
        finally:
            vault.lock()
        if problems:
            raise IntegrityError("The backup does not verify: " + "; ".join(problems[:3]))
        moved_to = None
        if folder.exists():
            if any(folder.iterdir()):
                stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
                moved_to = folder.parent / f"{folder.name}.replaced-{stamp}"
                folder.rename(moved_to)
            else:
                folder.rmdir()
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    restored = _open(folder, vault_key, None, False)
    try:
        restored.record_event("vault.restored", file=str(source))
    finally:
        restored.lock()
    return moved_to


def _open(folder: Path, vault_key: bytearray, nfc_passphrase: str | None, in_nfc: bool) -> Vault:
    copies = read_header_copies(folder)
    return Vault._open(
        folder,
        copies,
        copies[0],
        bytearray(vault_key),  # _open overwrites what it is given
        lambda: datetime.now(UTC),
        nfc_passphrase=nfc_passphrase,
        wrapped_in_nfc=in_nfc,
    )


def _rollback_journal_image(image: bytes) -> bytes:
    """A copy of a WAL-mode database says so in header bytes 18 and 19 (value 2), and
    SQLite cannot open such an image in memory. Mark it as a plain (rollback journal)
    database, value 1, as the SQLite file format defines."""
    if image[18:20] == b"\x02\x02":
        return image[:18] + b"\x01\x01" + image[20:]
    return image


def _write_image(image: bytes, path: Path) -> None:
    memory = sqlite3.connect(":memory:")
    try:
        try:
            memory.deserialize(_rollback_journal_image(image))
            memory.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise VaultFormatError("The backup does not hold a vault database.") from exc
        target = storage.connect(path)
        try:
            memory.backup(target)
        finally:
            target.close()
    finally:
        memory.close()
