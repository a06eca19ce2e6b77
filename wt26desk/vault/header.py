"""The vault header: what is needed before unlocking (key-derivation settings and the
vault key wrapped twice). Parsed defensively: every field is type- and bounds-checked."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wt26desk.errors import VaultFormatError, WrongPassphrase
from wt26desk.vault.crypto import (
    KEY_BYTES,
    NONCE_BYTES,
    KdfParams,
    b64,
    derive_from_passphrase,
    open_sealed,
    seal,
    unb64,
)

FORMAT = "wt26desk-vault"
VERSION = 1
MAX_HEADER_BYTES = 16 * 1024
_VAULT_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Wrapped:
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class VaultHeader:
    vault_id: str
    kdf: KdfParams
    passphrase: Wrapped
    recovery: Wrapped
    training: bool = False

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "training": self.training,
            "kdf": {
                "algorithm": "argon2id",
                "salt": b64(self.kdf.salt),
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
            },
            "wrapped_key": {
                "passphrase": {
                    "nonce": b64(self.passphrase.nonce),
                    "ciphertext": b64(self.passphrase.ciphertext),
                },
                "recovery": {
                    "nonce": b64(self.recovery.nonce),
                    "ciphertext": b64(self.recovery.ciphertext),
                },
            },
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> VaultHeader:
        if len(raw) > MAX_HEADER_BYTES:
            raise VaultFormatError("The vault header is too large: the file is damaged.")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise VaultFormatError(
                "The vault header is not readable: the file is damaged."
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise VaultFormatError("This is not a wt26desk vault.")
        if data.get("version") != VERSION:
            raise VaultFormatError(
                f"This vault has format version {data.get('version')!r}; this version of "
                f"wt26desk reads version {VERSION}. Update wt26desk to open it."
            )
        vault_id = data.get("vault_id")
        if not isinstance(vault_id, str) or not _VAULT_ID.match(vault_id):
            raise VaultFormatError("The vault header's id is damaged.")
        kdf = _dict(data, "kdf")
        if kdf.get("algorithm") != "argon2id":
            raise VaultFormatError("The vault uses an unknown key-derivation algorithm.")
        params = KdfParams(
            salt=unb64(kdf.get("salt"), "salt", max_bytes=64),
            memory_kib=_int(kdf, "memory_kib"),
            iterations=_int(kdf, "iterations"),
            lanes=_int(kdf, "lanes"),
        )
        params.check_bounds()
        wrapped = _dict(data, "wrapped_key")
        training = data.get("training", False)
        if not isinstance(training, bool):
            raise VaultFormatError("The vault header's training flag is damaged.")
        return cls(
            vault_id,
            params,
            _wrapped(wrapped, "passphrase"),
            _wrapped(wrapped, "recovery"),
            training,
        )


def _dict(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise VaultFormatError(f"The vault header's {key} section is missing or damaged.")
    return value


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise VaultFormatError(f"The vault header's {key} is not a number.")
    return value


def _wrapped(data: dict[str, Any], key: str) -> Wrapped:
    entry = _dict(data, key)
    nonce = unb64(entry.get("nonce"), f"{key} nonce", max_bytes=NONCE_BYTES)
    ciphertext = unb64(entry.get("ciphertext"), f"{key} key", max_bytes=KEY_BYTES + 16)
    if len(nonce) != NONCE_BYTES or len(ciphertext) != KEY_BYTES + 16:
        raise VaultFormatError(f"The vault header's wrapped {key} key has the wrong size.")
    return Wrapped(nonce, ciphertext)


def new_vault_id() -> str:
    return os.urandom(16).hex()


def wrap_aad(vault_id: str, which: str) -> bytes:
    return f"wt26desk-vault-v1|wrap|{which}|{vault_id}".encode()


def recovery_kek(secret: bytes, vault_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=bytes.fromhex(vault_id),
        info=b"wt26desk-vault-v1|recovery",
    ).derive(secret)


def wrap(kek: bytes, vault_key: bytes, vault_id: str, which: str) -> Wrapped:
    nonce, ciphertext = seal(kek, vault_key, wrap_aad(vault_id, which))
    return Wrapped(nonce, ciphertext)


def unwrap(kek: bytes, wrapped: Wrapped, vault_id: str, which: str) -> bytes:
    key = open_sealed(kek, wrapped.nonce, wrapped.ciphertext, wrap_aad(vault_id, which))
    if key is None:
        raise WrongPassphrase(
            "That passphrase does not open this vault."
            if which == "passphrase"
            else "That recovery key does not open this vault."
        )
    return key


def unwrap_with_passphrase(header: VaultHeader, passphrase: str) -> bytes:
    kek = derive_from_passphrase(passphrase, header.kdf)
    return unwrap(kek, header.passphrase, header.vault_id, "passphrase")


def unwrap_with_recovery(header: VaultHeader, secret: bytes) -> bytes:
    kek = recovery_kek(secret, header.vault_id)
    return unwrap(kek, header.recovery, header.vault_id, "recovery")
