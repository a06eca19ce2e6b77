"""The primitives as the vault uses them, against published known-answer vectors."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from hypothesis import given, settings
from hypothesis import strategies as st

from wt26desk.errors import VaultFormatError
from wt26desk.vault.crypto import (
    KdfParams,
    format_recovery_key,
    mac,
    new_recovery_key,
    open_sealed,
    parse_recovery_key,
    seal,
)


def test_argon2id_rfc9106_vector() -> None:
    # RFC 9106 section 5.3: Argon2id, t=3, m=32 KiB, p=4, with secret and associated data.
    kdf = Argon2id(
        salt=bytes([2]) * 16,
        length=32,
        iterations=3,
        lanes=4,
        memory_cost=32,
        ad=bytes([4]) * 12,
        secret=bytes([3]) * 8,
    )
    tag = kdf.derive(bytes([1]) * 32)
    assert tag.hex() == "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"


def test_aes_256_gcm_vectors() -> None:
    # McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14.
    key, nonce = bytes(32), bytes(12)
    assert AESGCM(key).encrypt(nonce, b"", None).hex() == "530f8afbc74536b9a963b4f1c4cb738b"
    assert AESGCM(key).encrypt(nonce, bytes(16), None).hex() == (
        "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"
    )


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000), st.binary(max_size=64))
def test_seal_round_trip_and_any_change_is_refused(plain: bytes, aad: bytes) -> None:
    key = bytes(range(32))
    nonce, ciphertext = seal(key, plain, aad)
    assert open_sealed(key, nonce, ciphertext, aad) == plain
    flipped = bytes([ciphertext[0] ^ 1]) + ciphertext[1:]
    assert open_sealed(key, nonce, flipped, aad) is None
    assert open_sealed(key, nonce, ciphertext, aad + b"x") is None
    assert open_sealed(key, nonce[:-1], ciphertext, aad) is None


def test_recovery_key_is_forgiving_to_type() -> None:
    secret, text = new_recovery_key()
    assert len(text) == 64 and text.count("-") == 12
    assert parse_recovery_key(text) == secret
    assert parse_recovery_key(text.lower().replace("-", " ")) == secret
    assert parse_recovery_key(text.replace("0", "O").replace("1", "I")) == secret
    assert parse_recovery_key(text[:-1]) is None
    assert parse_recovery_key("not a key") is None
    assert format_recovery_key(secret) == text


def test_mac_parts_are_length_prefixed() -> None:
    assert mac(b"k", b"ab", b"c") != mac(b"k", b"a", b"bc")


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(bytes(16), 4 * 1024 * 1024, 3, 4),  # 4 GiB: unlock would exhaust memory
        KdfParams(bytes(16), 64 * 1024, 10_000, 4),  # hours of work
        KdfParams(bytes(16), 64 * 1024, 3, 255),
        KdfParams(bytes(2), 64 * 1024, 3, 4),
        KdfParams(bytes(16), 1, 3, 4),
    ],
)
def test_absurd_kdf_parameters_are_refused_before_any_work(params: KdfParams) -> None:
    with pytest.raises(VaultFormatError, match="out of bounds"):
        params.check_bounds()


def test_floor_meets_the_minimum() -> None:
    floor = KdfParams.floor()
    assert (floor.memory_kib, floor.iterations, floor.lanes) == (64 * 1024, 3, 4)
    assert len(floor.salt) == 16 and floor.salt != KdfParams.floor().salt
