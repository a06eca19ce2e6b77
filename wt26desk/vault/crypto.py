"""Cryptographic building blocks, all from `cryptography`: Argon2id for the passphrase,
HKDF-SHA256 for subkeys, AES-256-GCM for every stored byte, HMAC-SHA256 for the audit chain.
"""

from __future__ import annotations

import base64
import hmac
import os
import time
from dataclasses import dataclass
from hashlib import sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wt26desk.errors import VaultFormatError

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16

# Never create a vault below these (issue: 64 MiB, 3 iterations, 4 lanes).
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
FLOOR_LANES = 4
# Never *read* parameters above these: a crafted file must not make unlock take hours
# or exhaust memory. Below the floor is accepted on read (it only weakens that file).
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_ITERATIONS = 64
MAX_LANES = 16
MIN_MEMORY_KIB = 8 * 1024
CALIBRATION_TARGET_SECONDS = 1.0
CALIBRATION_MAX_MEMORY_KIB = 256 * 1024


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    memory_kib: int
    iterations: int
    lanes: int

    def check_bounds(self) -> None:
        problems = []
        if not SALT_BYTES <= len(self.salt) <= 64:
            problems.append("salt length")
        if not MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB:
            problems.append("memory")
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            problems.append("iterations")
        if not 1 <= self.lanes <= MAX_LANES:
            problems.append("lanes")
        if self.memory_kib < 8 * self.lanes:
            problems.append("memory for the lanes")
        if problems:
            raise VaultFormatError(
                "The vault's key-derivation settings are out of bounds ("
                + ", ".join(problems)
                + "); the file is damaged or was not made by wt26desk."
            )

    @classmethod
    def floor(cls) -> KdfParams:
        return cls(os.urandom(SALT_BYTES), FLOOR_MEMORY_KIB, FLOOR_ITERATIONS, FLOOR_LANES)


KDF_PROFILE_ENV = "WT26DESK_KDF_PROFILE"


def params_for_new_keys() -> KdfParams | None:
    """None means: calibrate to about one second on this machine. With the environment
    variable WT26DESK_KDF_PROFILE=minimum, the floor (64 MiB, 3 iterations, 4 lanes) is
    used without calibrating: for scripts and tests, never below the floor."""
    return KdfParams.floor() if os.environ.get(KDF_PROFILE_ENV) == "minimum" else None


def derive_from_passphrase(passphrase: str, params: KdfParams) -> bytes:
    params.check_bounds()
    kdf = Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def calibrate(target_seconds: float = CALIBRATION_TARGET_SECONDS) -> KdfParams:
    """Parameters that take about `target_seconds` here: memory first (up to 256 MiB,
    kind to small laptops), then iterations. Never below the floor."""
    params = KdfParams.floor()
    start = time.perf_counter()
    derive_from_passphrase("calibration", params)
    per_run = max(time.perf_counter() - start, 1e-3)
    memory = params.memory_kib
    while memory * 2 <= CALIBRATION_MAX_MEMORY_KIB and per_run * 2 <= target_seconds / 2:
        memory *= 2
        per_run *= 2
    per_iteration = per_run / FLOOR_ITERATIONS
    iterations = max(FLOOR_ITERATIONS, min(MAX_ITERATIONS, round(target_seconds / per_iteration)))
    return KdfParams(params.salt, memory, iterations, FLOOR_LANES)


def subkey(vault_key: bytes, purpose: str) -> bytes:
    """An independent key for one purpose, derived from the vault key (HKDF-SHA256)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose.encode()
    ).derive(vault_key)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """The plaintext, or None if the ciphertext, nonce or associated data was altered."""
    if len(nonce) != NONCE_BYTES or len(ciphertext) < 16:
        return None
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


class Cipher:
    """AES-256-GCM with one key, set up once (creating it per call costs at 10,000 notes)."""

    def __init__(self, key: bytes) -> None:
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


def mac(key: bytes, *parts: bytes) -> bytes:
    """HMAC-SHA256 over length-prefixed parts (so no two part lists collide)."""
    h = hmac.new(key, digestmod=sha256)
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.digest()


def digest(data: bytes) -> str:
    return sha256(data).hexdigest()


# Recovery keys: 32 random bytes as 13 groups of 4 Crockford base32 characters (52 chars),
# easy to print, read aloud and type; case, spaces and hyphens are ignored on entry.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_B32, _CROCKFORD)
_FROM_CROCKFORD = str.maketrans(_CROCKFORD, _B32)


def new_recovery_key() -> tuple[bytes, str]:
    secret = os.urandom(KEY_BYTES)
    return secret, format_recovery_key(secret)


def format_recovery_key(secret: bytes) -> str:
    text = base64.b32encode(secret).decode().rstrip("=").translate(_TO_CROCKFORD)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    cleaned = "".join(c for c in text.upper() if c.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != 52 or any(c not in _CROCKFORD for c in cleaned):
        return None
    padded = cleaned.translate(_FROM_CROCKFORD) + "===="
    try:
        secret = base64.b32decode(padded)
    except ValueError:
        return None
    return secret if len(secret) == KEY_BYTES else None


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, what: str, *, max_bytes: int = 1 << 16) -> bytes:
    if not isinstance(text, str) or len(text) > (max_bytes * 4) // 3 + 4:
        raise VaultFormatError(f"The vault header's {what} is missing or too long.")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise VaultFormatError(f"The vault header's {what} is not valid base64.") from exc
