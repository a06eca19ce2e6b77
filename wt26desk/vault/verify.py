"""`vault verify`: check every blob, the whole audit chain, the integrity record, the
drafts and the schema. Reports each problem precisely; never shows corrupted text."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from wt26desk.errors import IntegrityError, VaultError
from wt26desk.vault import storage
from wt26desk.vault.crypto import digest, mac

if TYPE_CHECKING:
    from wt26desk.vault.vault import Vault

ZERO = bytes(32)


def verify_vault(vault: Vault) -> list[str]:
    conn = vault.connection
    problems = [f"schema: {p}" for p in storage.schema_problems(conn)]
    if storage.get_meta(conn, "vault_id") != vault.header.vault_id.encode():
        problems.append("the database belongs to a different vault than the header")

    # Every revision of every record decrypts under its own id and revision.
    heads: dict[str, int] = {}
    digests: dict[tuple[str, int], str] = {}
    for record_id, revision, nonce, ciphertext in conn.execute(
        "SELECT record_id, revision, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) "
        "FROM blobs ORDER BY record_id, revision"
    ):
        expected = heads.get(record_id, 0) + 1
        if revision != expected:
            problems.append(f"record {record_id}: revision {expected} is missing")
        heads[record_id] = revision
        digests[(record_id, revision)] = digest(bytes(ciphertext))
        try:
            vault._decrypt_blob(record_id, revision, nonce, ciphertext)
        except IntegrityError as exc:
            problems.append(str(exc))

    # The audit chain: contiguous, each MAC over the previous one, each entry decrypts.
    keys = vault._k()
    last_mac, seq_expected = ZERO, 1
    audited: dict[str, int] = {}
    for seq, nonce, ciphertext, entry_mac in conn.execute(
        "SELECT seq, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB), CAST(mac AS BLOB) "
        "FROM audit ORDER BY seq"
    ):
        if seq != seq_expected:
            problems.append(f"audit log: entry {seq_expected} is missing")
        seq_expected = seq + 1
        nonce, ciphertext, entry_mac = bytes(nonce), bytes(ciphertext), bytes(entry_mac)
        if mac(keys.audit, last_mac, seq.to_bytes(8, "big"), nonce, ciphertext) != entry_mac:
            problems.append(f"audit log: entry {seq} was altered or the chain is broken")
        last_mac = entry_mac
        aad = f"wt26desk-vault-v1|audit|{vault.header.vault_id}|{seq}".encode()
        plain = keys.audit_cipher.open(nonce, ciphertext, aad)
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

    # The integrity record: MAC'd, matches the end of the chain and the record heads.
    try:
        _, state_last_mac, accumulator = vault._read_state()
        if state_last_mac != last_mac:
            problems.append("audit log: entries were removed from its end")
        if vault._accumulator(heads.items()) != accumulator:
            problems.append("the records do not match the integrity record (rollback or removal)")
    except IntegrityError as exc:
        problems.append(str(exc))

    for draft_id in [r[0] for r in conn.execute("SELECT draft_id FROM drafts")]:
        try:
            vault.load_draft(draft_id)
        except VaultError as exc:
            problems.append(str(exc))
    return problems
