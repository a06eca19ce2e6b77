"""Decrypt a wt26desk vault with its passphrase, independently of wt26desk.

Written from docs/vault-format.md alone, to show that the format is documented well
enough: it uses only the Python standard library and `cryptography`.

    python docs/decrypt_vault.py VAULT_FOLDER < passphrase.txt

prints every record's current revision as JSON lines: {"id": ..., "revision": ..., "document": ...}.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def hkdf(ikm: bytes, info: str, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info.encode()).derive(ikm)


def p(part: bytes) -> bytes:
    return len(part).to_bytes(8, "big") + part


def mac(key: bytes, *parts: bytes) -> bytes:
    return hmac.new(key, b"".join(p(x) for x in parts), hashlib.sha256).digest()


def main(folder: Path, passphrase: str) -> None:
    header = json.loads((folder / "vault.header").read_bytes())
    assert header["format"] == "wt26desk-vault" and header["version"] == 2
    vault_id = header["vault_id"]
    kdf = header["kdf"]
    if kdf["memory_kib"] > 262_144 or kdf["iterations"] > 16 or kdf["lanes"] > 4:
        raise SystemExit("key-derivation settings out of bounds")
    assert kdf["argon2_version"] == 19
    if kdf["normalization"] == "NFC":
        passphrase = unicodedata.normalize("NFC", passphrase)
    kek = Argon2id(
        salt=base64.b64decode(kdf["salt"]),
        length=32,
        iterations=kdf["iterations"],
        lanes=kdf["lanes"],
        memory_cost=kdf["memory_kib"],
    ).derive(passphrase.encode())
    wrapped = header["wrapped_key"]["passphrase"]
    vault_key = AESGCM(kek).decrypt(
        base64.b64decode(wrapped["nonce"]),
        base64.b64decode(wrapped["ciphertext"]),
        f"wt26desk-vault-v1|wrap|passphrase|{vault_id}".encode(),
    )
    k_blob = hkdf(vault_key, "wt26desk-vault-v1|blob")
    k_audit_enc = hkdf(vault_key, "wt26desk-vault-v2|audit-encrypt")
    k_audit_mac = hkdf(vault_key, "wt26desk-vault-v2|audit-mac")
    k_state = hkdf(vault_key, "wt26desk-vault-v1|state")
    k_header = hkdf(vault_key, "wt26desk-vault-v2|header")

    # The header's MAC covers every other field.
    body = {k: v for k, v in header.items() if k != "mac"}
    signed = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    if mac(k_header, b"wt26desk-vault-v2|header", signed) != base64.b64decode(header["mac"]):
        raise SystemExit("the header does not verify")

    db = sqlite3.connect(f"file:{folder / 'vault.sqlite'}?mode=ro", uri=True)
    # Check the audit chain and the integrity record, as the format describes.
    last_mac, seq_count = bytes(32), 0
    for seq, nonce, ciphertext, entry_mac in db.execute(
        "SELECT seq, nonce, ciphertext, mac FROM audit ORDER BY seq"
    ):
        if mac(k_audit_mac, last_mac, seq.to_bytes(8, "big"), nonce, ciphertext) != entry_mac:
            raise SystemExit(f"audit entry {seq} does not verify")
        AESGCM(k_audit_enc).decrypt(
            nonce, ciphertext, f"wt26desk-vault-v1|audit|{vault_id}|{seq}".encode()
        )
        last_mac, seq_count = entry_mac, seq
    state = db.execute("SELECT value FROM meta WHERE key='state'").fetchone()[0]
    assert len(state) == 144
    generation, seq_b, state_mac = state[:8], state[8:16], state[16:48]
    records_acc, drafts_acc, tag = state[48:80], state[80:112], state[112:]
    training = b"\x01" if header["training"] else b"\x00"
    expected_tag = mac(
        k_state,
        b"state-v2",
        vault_id.encode(),
        training,
        generation,
        seq_b,
        state_mac,
        records_acc,
        drafts_acc,
    )
    if expected_tag != tag or state_mac != last_mac:
        raise SystemExit("integrity record does not verify")
    assert int.from_bytes(seq_b, "big") == seq_count
    header_generation = header["state"]["generation"]
    if int.from_bytes(generation, "big") < header_generation:
        raise SystemExit("the database is older than its header (rolled back)")

    drafts = 0
    for draft_id, nonce, ciphertext in db.execute("SELECT draft_id, nonce, ciphertext FROM drafts"):
        content = hashlib.sha256(nonce + ciphertext).digest()
        token = hmac.new(
            k_state, b"draft\x00" + content + draft_id.encode(), hashlib.sha256
        ).digest()
        drafts ^= int.from_bytes(token, "big")
    if drafts.to_bytes(32, "big") != drafts_acc:
        raise SystemExit("drafts do not match the integrity record")

    current = db.execute("SELECT record_id, MAX(revision) FROM blobs GROUP BY record_id")
    computed = 0
    for record_id, revision in current.fetchall():
        computed ^= int.from_bytes(
            hmac.new(
                k_state,
                b"head\x00" + revision.to_bytes(8, "big") + record_id.encode(),
                hashlib.sha256,
            ).digest(),
            "big",
        )
        nonce, ciphertext = db.execute(
            "SELECT nonce, ciphertext FROM blobs WHERE record_id=? AND revision=?",
            (record_id, revision),
        ).fetchone()
        plain = AESGCM(k_blob).decrypt(
            nonce, ciphertext, f"wt26desk-vault-v1|blob|{vault_id}|{record_id}|{revision}".encode()
        )
        print(
            json.dumps(
                {"id": record_id, "revision": revision, "document": json.loads(plain)},
                ensure_ascii=False,
                sort_keys=True,
            )
        )
    if computed.to_bytes(32, "big") != records_acc:
        raise SystemExit("records do not match the integrity record")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.stdin.readline().rstrip("\r\n"))
