"""The privacy screen's short PIN: a salted scrypt hash kept encrypted inside the vault
(never in settings), checked only while the vault is unlocked, with few attempts."""

from __future__ import annotations

import hmac
import os
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

if TYPE_CHECKING:
    from wt26desk.vault.vault import Vault

SLOT = "setting:privacy-pin"
MIN_DIGITS, MAX_DIGITS = 4, 12
ATTEMPTS = 3  # then only the passphrase will do


def _hash(pin: str, salt: bytes) -> bytes:
    # cryptography's scrypt (the same function as hashlib.scrypt), so that the standalone
    # build needs no OpenSSL of its own.
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(pin.encode())


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and pin.isascii() and MIN_DIGITS <= len(pin) <= MAX_DIGITS


def set_pin(vault: Vault, pin: str) -> None:
    if not valid_pin(pin):
        raise ValueError(f"A PIN is {MIN_DIGITS} to {MAX_DIGITS} digits.")
    salt = os.urandom(16)
    vault.save_draft(SLOT, {"salt": salt.hex(), "hash": _hash(pin, salt).hex()})


def clear_pin(vault: Vault) -> None:
    vault.discard_draft(SLOT)


def has_pin(vault: Vault) -> bool:
    return SLOT in vault.draft_ids()


def check_pin(vault: Vault, pin: str) -> bool:
    stored = vault.load_draft(SLOT)
    if stored is None or not valid_pin(pin):
        return False
    salt = bytes.fromhex(stored["salt"])
    return hmac.compare_digest(_hash(pin, salt), bytes.fromhex(stored["hash"]))
