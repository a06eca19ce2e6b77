"""The vault header: what is needed before unlocking (key-derivation settings and the
vault key wrapped twice). Parsed defensively: every field is type- and bounds-checked."""

from __future__ import annotations

import json
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wt26desk.errors import VaultFormatError, WrongPassphrase
from wt26desk.vault.crypto import (
    ARGON2_VERSION,
    KEY_BYTES,
    NONCE_BYTES,
    KdfParams,
    Progress,
    b64,
    burn,
    derive_from_passphrase,
    open_sealed,
    seal,
    unb64,
)

FORMAT = "wt26desk-vault"
VERSION = 2  # 2: authenticated header with state; split audit keys; NFC passphrases
READABLE_VERSIONS = (1, 2)
MAX_HEADER_BYTES = 16 * 1024
_VAULT_ID = re.compile(r"^[0-9a-f]{32}$")
NFC, AS_TYPED = "NFC", "as-typed"
HEADER_MAC_LABEL = b"wt26desk-vault-v2|header"


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
    version: int = VERSION
    # How the passphrase was prepared before Argon2id: NFC, or as typed (format 1).
    normalization: str = NFC
    # The database's state (generation and tag) when this header was last written.
    generation: int = 0
    state_tag: bytes = bytes(32)
    mac: bytes | None = None  # HMAC under the header key; None in format 1

    def _fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": self.version,
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
        if self.version >= 2:
            data["kdf"]["argon2_version"] = ARGON2_VERSION
            data["kdf"]["normalization"] = self.normalization
            data["state"] = {"generation": self.generation, "tag": b64(self.state_tag)}
        return data

    def signed_bytes(self) -> bytes:
        """What the header MAC covers: the compact, key-sorted JSON of every field but
        `mac` itself."""
        return _canonical(self._fields())

    def to_json(self) -> bytes:
        data = self._fields()
        if self.version >= 2:
            if self.mac is None:
                raise ValueError("a format-2 header is written with its MAC")
            data["mac"] = b64(self.mac)
        return _canonical(data)

    def signed(self, mac: Callable[[bytes], bytes], **changes: Any) -> VaultHeader:
        """This header as format 2 with `changes`, authenticated by `mac`."""
        fresh = replace(self, version=VERSION, mac=None, **changes)
        return replace(fresh, mac=mac(fresh.signed_bytes()))

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
        version = data.get("version")
        if version not in READABLE_VERSIONS or isinstance(version, bool):
            raise VaultFormatError(
                f"This vault has format version {version!r}; this version of "
                f"wt26desk reads versions up to {VERSION}. Update wt26desk to open it."
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
        extra: dict[str, Any] = {"version": version, "normalization": AS_TYPED}
        if version >= 2:
            if kdf.get("argon2_version") != ARGON2_VERSION:
                raise VaultFormatError("The vault uses an unknown Argon2 version.")
            normalization = kdf.get("normalization")
            if normalization not in (NFC, AS_TYPED):
                raise VaultFormatError("The vault header's passphrase rule is damaged.")
            state = _dict(data, "state")
            tag = unb64(state.get("tag"), "state tag", max_bytes=32)
            mac = unb64(data.get("mac"), "MAC", max_bytes=32)
            if len(tag) != 32 or len(mac) != 32:
                raise VaultFormatError("The vault header's state or MAC has the wrong size.")
            generation = _int(state, "generation")
            if not 0 <= generation < 2**63:
                raise VaultFormatError("The vault header's generation is damaged.")
            extra.update(normalization=normalization, generation=generation, state_tag=tag, mac=mac)
        return cls(
            vault_id,
            params,
            _wrapped(wrapped, "passphrase"),
            _wrapped(wrapped, "recovery"),
            training,
            **extra,
        )


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


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


def recovery_kek(secret: bytes | bytearray, vault_id: str) -> bytearray:
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=bytes.fromhex(vault_id),
        info=b"wt26desk-vault-v1|recovery",
    ).derive(bytes(secret) if isinstance(secret, bytearray) else secret)
    kek = bytearray(derived)
    burn(derived)
    return kek


def wrap(
    kek: bytes | bytearray, vault_key: bytes | bytearray | memoryview, vault_id: str, which: str
) -> Wrapped:
    nonce, ciphertext = seal(kek, vault_key, wrap_aad(vault_id, which))
    return Wrapped(nonce, ciphertext)


def unwrap(kek: bytes | bytearray, wrapped: Wrapped, vault_id: str, which: str) -> bytearray:
    try:
        key = open_sealed(kek, wrapped.nonce, wrapped.ciphertext, wrap_aad(vault_id, which))
    finally:
        burn(kek)
    if key is None:
        raise WrongPassphrase(
            "That passphrase does not open this vault."
            if which == "passphrase"
            else "That recovery key does not open this vault."
        )
    vault_key = bytearray(key)
    burn(key)
    return vault_key


def passphrase_forms(header: VaultHeader, passphrase: str) -> list[tuple[str, bool]]:
    """The ways to try a typed passphrase, as (text, normalise to NFC). Format 2 always
    normalises; a format-1 vault was made with the passphrase as typed, which may have been
    NFC or NFD (some systems type NFD), so each is tried in turn."""
    if header.normalization == NFC:
        return [(passphrase, True)]
    forms: list[tuple[str, bool]] = [(passphrase, False)]
    for form in ("NFC", "NFD"):
        text = unicodedata.normalize(form, passphrase)
        if all(text != seen for seen, _ in forms):
            forms.append((text, False))
    return forms


def unwrap_with_passphrase(
    header: VaultHeader,
    passphrase: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[bytearray, bool]:
    """The vault key (a bytearray to wipe after use), and whether the passphrase as
    wrapped is already in NFC form (format 1 vaults may need re-wrapping)."""
    forms = passphrase_forms(header, passphrase)
    for text, normalize in forms:
        kek = derive_from_passphrase(
            text, header.kdf, normalize=normalize, progress=progress, cancel=cancel
        )
        try:
            vault_key = unwrap(kek, header.passphrase, header.vault_id, "passphrase")
        except WrongPassphrase:
            continue
        return vault_key, normalize or text == unicodedata.normalize("NFC", text)
    raise WrongPassphrase("That passphrase does not open this vault.")


def unwrap_with_recovery(header: VaultHeader, secret: bytes | bytearray) -> bytearray:
    kek = recovery_kek(secret, header.vault_id)
    return unwrap(kek, header.recovery, header.vault_id, "recovery")
