"""The keys of an unlocked vault, kept in one mutable buffer that `wipe()` overwrites.

Python gives no control over where immutable `bytes` end up, so key material is kept out
of them: subkeys are derived straight into slices of one `bytearray` (HKDF computed with
one-shot HMAC calls on memoryviews), ciphers and MACs are given memoryviews of that
buffer, and the few `bytes` objects the libraries return (the Argon2id output, the
unwrapped vault key, HMAC results inside HKDF) are overwritten in place with `burn()` as
soon as they have been copied. What still remains after lock is listed in
docs/vault-format.md ("Keys in memory")."""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hmac import HMAC

from wt26desk.vault.crypto import KEY_BYTES, NONCE_BYTES, burn

# Subkey labels (HKDF info strings). Format 1 used one audit key for both AES-GCM and
# HMAC; format 2 derives a separate key for each (issue 15, item 6).
LABELS_V1 = {
    "blob": "wt26desk-vault-v1|blob",
    "audit_enc": "wt26desk-vault-v1|audit",
    "audit_mac": "wt26desk-vault-v1|audit",
    "state": "wt26desk-vault-v1|state",
    "backup": "wt26desk-vault-v1|backup",
    "header": "wt26desk-vault-v2|header",
}
LABELS_V2 = {
    **LABELS_V1,
    "audit_enc": "wt26desk-vault-v2|audit-encrypt",
    "audit_mac": "wt26desk-vault-v2|audit-mac",
}
_SLOTS = ("vault", "blob", "audit_enc", "audit_mac", "state", "backup", "header")


_SHA256 = hashes.SHA256()


def hmac_sha256(key: bytes | bytearray | memoryview, message: bytes | memoryview) -> bytes:
    """HMAC-SHA256 through `cryptography`, which takes the key as a buffer (a memoryview
    of the key ring) without making a Python copy of it; the standard library's pure
    Python fallback, used in the standalone build, cannot."""
    mac = HMAC(key, _SHA256)
    mac.update(message)
    return mac.finalize()


def hkdf_into(ikm: memoryview, info: str, out: memoryview) -> None:
    """HKDF-SHA256 (RFC 5869) with no salt and a 32-byte output, written into `out`.
    Equal to cryptography's `HKDF(SHA256(), 32, salt=None, info).derive(ikm)`."""
    prk = hmac_sha256(bytes(32), ikm)
    try:
        okm = hmac_sha256(prk, info.encode() + b"\x01")
        try:
            out[:] = okm
        finally:
            burn(okm)
    finally:
        burn(prk)


class KeyRing:
    """Every key of an unlocked vault in one bytearray: the vault key, then its subkeys."""

    def __init__(self, vault_key: bytes | bytearray | memoryview, *, format_version: int) -> None:
        if len(vault_key) != KEY_BYTES:
            raise ValueError("a vault key is 32 bytes")
        self.format_version = format_version
        self._buffer = bytearray(KEY_BYTES * len(_SLOTS))
        self._view = memoryview(self._buffer)
        self._view[:KEY_BYTES] = vault_key
        labels = LABELS_V1 if format_version < 2 else LABELS_V2
        for name in _SLOTS[1:]:
            hkdf_into(self.key("vault"), labels[name], self.key(name))
        self.blob_cipher: Cipher | None = Cipher(self.key("blob"))
        self.audit_cipher: Cipher | None = Cipher(self.key("audit_enc"))
        self.wiped = False

    def key(self, name: str) -> memoryview:
        start = _SLOTS.index(name) * KEY_BYTES
        return self._view[start : start + KEY_BYTES]

    def mac(self, name: str, *parts: bytes) -> bytes:
        """HMAC-SHA256 under one subkey over length-prefixed parts (see crypto.mac)."""
        message = b"".join(len(part).to_bytes(8, "big") + part for part in parts)
        return hmac_sha256(self.key(name), message)

    def raw_mac(self, name: str, message: bytes) -> bytes:
        return hmac_sha256(self.key(name), message)

    def blob(self) -> Cipher:
        if self.blob_cipher is None:
            raise ValueError("the keys were wiped")
        return self.blob_cipher

    def audit(self) -> Cipher:
        if self.audit_cipher is None:
            raise ValueError("the keys were wiped")
        return self.audit_cipher

    def wipe(self) -> None:
        """Overwrite every key. Ciphers still held elsewhere see zeros from now on."""
        self.blob_cipher = self.audit_cipher = None
        self._view[:] = bytes(len(self._buffer))
        self.wiped = True


class Cipher:
    """AES-256-GCM with a key that lives in a KeyRing (the memoryview is not copied into
    a Python object; the library keeps a reference to it)."""

    def __init__(self, key: memoryview) -> None:
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
        nonce = os.urandom(NONCE_BYTES)
        return nonce, self._aead.encrypt(nonce, plaintext, aad)

    def open(self, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
        if len(nonce) != NONCE_BYTES or len(ciphertext) < 16:
            return None
        try:
            return self._aead.decrypt(nonce, ciphertext, aad)
        except InvalidTag:
            return None
