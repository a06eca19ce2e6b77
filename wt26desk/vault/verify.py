"""`vault verify`: check every blob, the whole audit chain, the integrity record, the
drafts and the schema. Reports each problem precisely; never shows corrupted text.

Works on any connection to the database and a KeyRing, so that it runs both on the
vault's own connection (`wt26desk vault verify`) and on a second, read-only one in the
background after unlock. It imports nothing from vault.py."""

from __future__ import annotations

import json
import sqlite3
import threading

from wt26desk.errors import IntegrityError
from wt26desk.vault import integrity, storage
from wt26desk.vault.crypto import digest
from wt26desk.vault.keys import Cipher, KeyRing


class VerifyCancelled(Exception):
    """The vault was locked while verifying."""


def verify_database(
    conn: sqlite3.Connection,
    keys: KeyRing,
    vault_id: str,
    training: bool,
    *,
    legacy: bool = False,
    cancel: threading.Event | None = None,
) -> list[str]:
    """Every check there is; the problems found (empty when all is well). `legacy`
    checks a format-1 database (before it is migrated). Raises VerifyCancelled when
    `cancel` is set."""

    def check_cancel() -> None:
        if cancel is not None and cancel.is_set():
            raise VerifyCancelled

    blob_cipher = Cipher(keys.key("blob"))
    audit_cipher = Cipher(keys.key("audit_enc"))
    problems = [f"schema: {p}" for p in storage.schema_problems(conn)]
    if storage.get_meta(conn, "vault_id") != vault_id.encode():
        problems.append("the database belongs to a different vault than the header")

    # Every revision of every record decrypts under its own id and revision.
    heads: dict[str, int] = {}
    digests: dict[tuple[str, int], str] = {}
    for record_id, revision, nonce, ciphertext in conn.execute(
        "SELECT record_id, revision, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) "
        "FROM blobs ORDER BY record_id, revision"
    ):
        check_cancel()
        expected = heads.get(record_id, 0) + 1
        if revision != expected:
            problems.append(f"record {record_id}: revision {expected} is missing")
        heads[record_id] = revision
        digests[(record_id, revision)] = digest(bytes(ciphertext))
        aad = integrity.blob_aad(vault_id, record_id, revision)
        if blob_cipher.open(bytes(nonce), bytes(ciphertext), aad) is None:
            problems.append(
                f"Record {record_id} revision {revision} failed its integrity "
                "check: it was altered, swapped or damaged."
            )

    # The audit chain: contiguous, each MAC over the previous one, each entry decrypts.
    last_mac, seq_expected, last_seq = integrity.ZERO, 1, 0
    audited: dict[str, int] = {}
    for seq, nonce, ciphertext, entry_mac in conn.execute(
        "SELECT seq, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB), CAST(mac AS BLOB) "
        "FROM audit ORDER BY seq"
    ):
        check_cancel()
        if seq != seq_expected:
            problems.append(f"audit log: entry {seq_expected} is missing")
        seq_expected, last_seq = seq + 1, seq
        nonce, ciphertext, entry_mac = bytes(nonce), bytes(ciphertext), bytes(entry_mac)
        if integrity.audit_mac(keys, last_mac, seq, nonce, ciphertext) != entry_mac:
            problems.append(f"audit log: entry {seq} was altered or the chain is broken")
        last_mac = entry_mac
        plain = audit_cipher.open(nonce, ciphertext, integrity.audit_aad(vault_id, seq))
        if plain is None:
            problems.append(f"audit log: entry {seq} failed its integrity check")
            continue
        entry = json.loads(plain)
        if entry.get("action") == "record.saved":
            detail = entry.get("detail", {})
            record_id, revision = detail.get("record"), detail.get("revision")
            audited[record_id] = max(audited.get(record_id, 0), revision)
            found = digests.get((record_id, revision))
            if found is None:
                problems.append(
                    f"record {record_id}: revision {revision} is in the audit log "
                    "but not in the vault"
                )
            elif found != detail.get("sha256"):
                problems.append(
                    f"record {record_id}: revision {revision} differs from what "
                    "the audit log recorded"
                )
    for record_id, top in heads.items():
        if audited.get(record_id, 0) != top:
            problems.append(
                f"record {record_id}: revision {top} was never recorded in the audit log"
            )

    # Drafts (and the privacy PIN, kept as one) decrypt under their own ids.
    for draft_id, nonce, ciphertext in conn.execute(
        "SELECT draft_id, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM drafts"
    ):
        check_cancel()
        aad = integrity.draft_aad(vault_id, draft_id)
        if blob_cipher.open(bytes(nonce), bytes(ciphertext), aad) is None:
            problems.append(f"Draft {draft_id} failed its integrity check.")

    # The integrity record: MAC'd, matches the end of the chain, the heads and the drafts.
    try:
        if legacy:
            state_seq, state_last_mac, accumulator = integrity.read_state_v1(conn, keys)
            drafts_ok = True
        else:
            state = integrity.read_state(conn, keys, vault_id, training)
            state_seq, state_last_mac, accumulator = state.seq, state.last_mac, state.records
            drafts_ok = integrity.drafts_accumulator(keys, conn) == state.drafts
        if state_last_mac != last_mac or state_seq != last_seq:
            problems.append("audit log: entries were removed from its end")
        if integrity.records_accumulator(keys, heads.items()) != accumulator:
            problems.append("the records do not match the integrity record (rollback or removal)")
        if not drafts_ok:
            problems.append("the drafts do not match the integrity record (removed or replaced)")
    except IntegrityError as exc:
        problems.append(str(exc))
    check_cancel()
    return problems
