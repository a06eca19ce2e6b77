"""The vault's integrity state: associated data, the audit chain's MACs, the keyed
accumulators over record heads and drafts, and the state record that commits to them
(docs/vault-format.md). Shared by the vault and by `verify`, which imports no Vault."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from hashlib import sha256

from wt26desk.errors import IntegrityError
from wt26desk.vault import storage
from wt26desk.vault.keys import KeyRing

ZERO = bytes(32)
STATE_V1_BYTES = 8 + 32 + 32 + 32  # seq, last_mac, accumulator, tag: 104 bytes
STATE_V2_BYTES = 8 + 8 + 32 + 32 + 32 + 32  # generation, seq, last_mac, records, drafts, tag


def blob_aad(vault_id: str, record_id: str, revision: int) -> bytes:
    return f"wt26desk-vault-v1|blob|{vault_id}|{record_id}|{revision}".encode()


def audit_aad(vault_id: str, seq: int) -> bytes:
    return f"wt26desk-vault-v1|audit|{vault_id}|{seq}".encode()


def draft_aad(vault_id: str, draft_id: str) -> bytes:
    return f"wt26desk-vault-v1|draft|{vault_id}|{draft_id}".encode()


def audit_mac(keys: KeyRing, previous: bytes, seq: int, nonce: bytes, ciphertext: bytes) -> bytes:
    return keys.mac("audit_mac", previous, seq.to_bytes(8, "big"), nonce, ciphertext)


def head_token(keys: KeyRing, record_id: str, revision: int) -> bytes:
    """HMAC(K_state, "head" 0x00 || revision as 8 bytes || record id)."""
    return keys.raw_mac("state", b"head\x00" + revision.to_bytes(8, "big") + record_id.encode())


def draft_token(keys: KeyRing, draft_id: str, nonce: bytes, ciphertext: bytes) -> bytes:
    """HMAC(K_state, "draft" 0x00 || SHA-256(nonce || ciphertext) || draft id)."""
    content = sha256(bytes(nonce) + bytes(ciphertext)).digest()
    return keys.raw_mac("state", b"draft\x00" + content + draft_id.encode())


def xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(32, "big")


def fold(tokens: Iterable[bytes]) -> bytes:
    total = 0
    for token in tokens:
        total ^= int.from_bytes(token, "big")
    return total.to_bytes(32, "big")


def records_accumulator(keys: KeyRing, heads: Iterable[tuple[str, int]]) -> bytes:
    return fold(head_token(keys, record_id, revision) for record_id, revision in heads)


def drafts_accumulator(keys: KeyRing, conn: sqlite3.Connection) -> bytes:
    return fold(
        draft_token(keys, draft_id, bytes(nonce), bytes(ciphertext))
        for draft_id, nonce, ciphertext in conn.execute(
            "SELECT draft_id, CAST(nonce AS BLOB), CAST(ciphertext AS BLOB) FROM drafts"
        )
    )


@dataclass(frozen=True)
class State:
    """The state record (format 2): what the database holds, committed by a MAC."""

    generation: int  # +1 on every committed transaction
    seq: int  # the last audit entry
    last_mac: bytes  # its MAC
    records: bytes  # accumulator over each record's current revision
    drafts: bytes  # accumulator over every draft (the privacy PIN is one)
    tag: bytes = ZERO

    @classmethod
    def empty(cls) -> State:
        return cls(0, 0, ZERO, ZERO, ZERO)

    def sealed(self, keys: KeyRing, vault_id: str, training: bool) -> State:
        return replace(self, tag=state_tag(keys, vault_id, training, self))

    def pack(self) -> bytes:
        return (
            self.generation.to_bytes(8, "big")
            + self.seq.to_bytes(8, "big")
            + self.last_mac
            + self.records
            + self.drafts
            + self.tag
        )


def state_tag(keys: KeyRing, vault_id: str, training: bool, state: State) -> bytes:
    return keys.mac(
        "state",
        b"state-v2",
        vault_id.encode(),
        b"\x01" if training else b"\x00",
        state.generation.to_bytes(8, "big"),
        state.seq.to_bytes(8, "big"),
        state.last_mac,
        state.records,
        state.drafts,
    )


def read_state(conn: sqlite3.Connection, keys: KeyRing, vault_id: str, training: bool) -> State:
    value = storage.get_meta(conn, "state")
    if value is None or len(value) != STATE_V2_BYTES:
        raise IntegrityError("The vault's integrity record is missing or damaged.")
    state = State(
        int.from_bytes(value[:8], "big"),
        int.from_bytes(value[8:16], "big"),
        value[16:48],
        value[48:80],
        value[80:112],
        value[112:],
    )
    if state_tag(keys, vault_id, training, state) != state.tag:
        raise IntegrityError(
            "The vault's integrity record was altered, or does not belong with this "
            "header (its id or training flag differs)."
        )
    return state


def read_state_v1(conn: sqlite3.Connection, keys: KeyRing) -> tuple[int, bytes, bytes]:
    """Format 1's state record (104 bytes), read once to migrate it."""
    value = storage.get_meta(conn, "state")
    if value is None or len(value) != STATE_V1_BYTES:
        raise IntegrityError("The vault's integrity record is missing or damaged.")
    seq, last_mac, acc, tag = value[:8], value[8:40], value[40:72], value[72:]
    if keys.mac("state", b"state", seq, last_mac, acc) != tag:
        raise IntegrityError("The vault's integrity record was altered.")
    return int.from_bytes(seq, "big"), last_mac, acc
