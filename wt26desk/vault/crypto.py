"""Cryptographic building blocks, all from `cryptography`: Argon2id for the passphrase,
HKDF-SHA256 for subkeys, AES-256-GCM for every stored byte, HMAC-SHA256 for the audit chain.
"""

from __future__ import annotations

import base64
import ctypes
import hmac
import os
import platform
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wt26desk.errors import VaultError, VaultFormatError

_CPYTHON = platform.python_implementation() == "CPython"
KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16

# Never create a vault below these (issue: 64 MiB, 3 iterations, 4 lanes).
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
FLOOR_LANES = 4
# Never *read* parameters above what this app could ever have created (calibration stops
# at 256 MiB, 16 iterations and always uses 4 lanes): a crafted header must not make
# unlock take minutes or exhaust memory. Below the floor is accepted on read (it only
# weakens that file). Format 1 allowed 1 GiB, 64 iterations and 16 lanes (issue 15).
CALIBRATION_TARGET_SECONDS = 1.0
CALIBRATION_MAX_MEMORY_KIB = 256 * 1024
CALIBRATION_MAX_ITERATIONS = 16
MAX_MEMORY_KIB = CALIBRATION_MAX_MEMORY_KIB
MAX_ITERATIONS = CALIBRATION_MAX_ITERATIONS
MAX_LANES = FLOOR_LANES
MIN_MEMORY_KIB = 8 * 1024
ARGON2_VERSION = 0x13  # what `cryptography` (OpenSSL) implements: Argon2 version 1.3


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


class KdfCancelled(VaultError):
    """Key derivation (unlocking) was cancelled before it finished. Nothing changed."""


Progress = Callable[[float], None]


def normalize_passphrase(passphrase: str) -> str:
    """Unicode NFC: the same characters typed on any system give the same key."""
    return unicodedata.normalize("NFC", passphrase)


# Seconds per KiB-pass of Argon2id here: a cautious guess (about 1 GiB/s) until a
# derivation has been timed in this process, then what was measured.
_seconds_per_unit = [1.0 / (1024 * 1024)]


# Two Argon2id derivations running at once on two threads never finish (cryptography
# 50 on Linux: both wait forever; seen while writing the cancel for issue 15), so they
# take turns. A cancelled derivation still runs to its end, so the next one may wait.
_ARGON2_TURN = threading.Lock()


def _argon2(secret: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    with _ARGON2_TURN:
        start = time.perf_counter()
        derived = kdf.derive(secret)
        elapsed = max(time.perf_counter() - start, 1e-4)
    _seconds_per_unit[0] = elapsed / (params.memory_kib * params.iterations)
    return derived


def estimate_seconds(params: KdfParams) -> float:
    """About how long deriving with `params` takes on this machine."""
    return _seconds_per_unit[0] * params.memory_kib * params.iterations


def derive_from_passphrase(
    passphrase: str,
    params: KdfParams,
    *,
    normalize: bool = True,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> bytearray:
    """The key-encryption key, in a bytearray the caller wipes after use.

    With `progress`, it is called with a fraction from 0 to 1 as time passes (Argon2id
    reports nothing itself: the fraction is the time spent over the time expected here).
    With `cancel`, setting the event stops waiting at once (KdfCancelled); the
    derivation itself runs to its end on a daemon thread and its result is overwritten.
    `normalize=False` is for format-1 vaults made before passphrases were normalised."""
    params.check_bounds()
    secret = (normalize_passphrase(passphrase) if normalize else passphrase).encode("utf-8")
    try:
        if progress is None and cancel is None:
            derived = _argon2(secret, params)
        else:
            derived = _derive_watched(secret, params, progress, cancel)
        key = bytearray(derived)
        burn(derived)
        return key
    finally:
        burn(secret)


def _derive_watched(
    secret: bytes, params: KdfParams, progress: Progress | None, cancel: threading.Event | None
) -> bytes:
    outcome: dict[str, object] = {}
    abandoned = threading.Event()

    def work() -> None:
        try:
            result = _argon2(secret, params)
        except Exception as exc:  # reported on the waiting thread
            outcome["error"] = exc
            return
        if abandoned.is_set():
            burn(result)
        else:
            outcome["key"] = result

    expected = estimate_seconds(params) if progress is not None else 1.0
    thread = threading.Thread(target=work, name="wt26desk-kdf", daemon=True)
    start = time.monotonic()
    thread.start()
    while thread.is_alive():
        if cancel is not None and cancel.is_set():
            abandoned.set()
            raise KdfCancelled("Unlocking was cancelled.")
        if progress is not None:
            progress(min(0.99, (time.monotonic() - start) / expected))
        thread.join(0.05)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    if progress is not None:
        progress(1.0)
    key = outcome.pop("key")
    assert isinstance(key, bytes)
    return key


def burn(data: bytes | bytearray) -> None:
    """Overwrite the contents of a key-bearing object in place.

    A `bytearray` is simply zeroed. An immutable `bytes` object that the caller has just
    received from a library and owns alone is zeroed through its buffer (CPython only:
    elsewhere nothing happens). Objects of fewer than two bytes are left alone: CPython
    shares them."""
    if isinstance(data, bytearray):
        data[:] = bytes(len(data))
        return
    if not _CPYTHON or type(data) is not bytes or len(data) < 2:
        return
    offset = sys.getsizeof(data) - len(data) - 1  # the object header before the bytes
    ctypes.memset(id(data) + offset, 0, len(data))


def calibrate(target_seconds: float = CALIBRATION_TARGET_SECONDS) -> KdfParams:
    """Parameters that take about `target_seconds` here: memory first (up to 256 MiB,
    kind to small laptops), then iterations. Never below the floor."""
    params = KdfParams.floor()
    start = time.perf_counter()
    _argon2(b"calibration", params)
    per_run = max(time.perf_counter() - start, 1e-3)
    memory = params.memory_kib
    while memory * 2 <= CALIBRATION_MAX_MEMORY_KIB and per_run * 2 <= target_seconds / 2:
        memory *= 2
        per_run *= 2
    per_iteration = per_run / FLOOR_ITERATIONS
    iterations = max(
        FLOOR_ITERATIONS, min(CALIBRATION_MAX_ITERATIONS, round(target_seconds / per_iteration))
    )
    return KdfParams(params.salt, memory, iterations, FLOOR_LANES)


def subkey(vault_key: bytes, purpose: str) -> bytes:
    """An independent key for one purpose, derived from the vault key (HKDF-SHA256)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose.encode()
    ).derive(vault_key)


def seal(
    key: bytes | bytearray, plaintext: bytes | bytearray | memoryview, aad: bytes
) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(
    key: bytes | bytearray | memoryview, nonce: bytes, ciphertext: bytes, aad: bytes
) -> bytes | None:
    """The plaintext, or None if the ciphertext, nonce or associated data was altered."""
    if len(nonce) != NONCE_BYTES or len(ciphertext) < 16:
        return None
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
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
