"""Wrap an export in the age file format (https://age-encryption.org), with a passphrase
or to a recipient's public key, so the standard `age` tool opens it anywhere."""

from __future__ import annotations

import pyrage

from wt26desk.errors import Wt26Error


class AgeError(Wt26Error):
    """The recipient key or passphrase cannot be used."""


KEY_LENGTH = 62  # "age1" and 58 more characters


def recipient_problem(text: str) -> str:
    """Why `text` is not an age public key, in plain words ("" when it is one)."""
    key = text.strip()
    if _parses(key):
        return ""
    if key.upper().startswith("AGE-SECRET-KEY-"):
        return (
            "That is a secret key: keep it to yourself. Paste the public key instead, which "
            f"starts with age1 and is {KEY_LENGTH} characters."
        )
    if key.lower().startswith("age1") and len(key) != KEY_LENGTH:
        return (
            f"That is not a complete age public key: it has {len(key)} characters, and a key "
            f"starts with age1 and is {KEY_LENGTH}. Copy the whole key again."
        )
    if key.lower().startswith("age1"):
        return (
            "That is not a valid age public key: a character in it is wrong. Copy the whole "
            "key again."
        )
    return f"That is not an age public key: a key starts with age1 and is {KEY_LENGTH} characters."


def _parses(key: str) -> bool:
    try:
        pyrage.x25519.Recipient.from_str(key)
    except Exception:  # pyrage raises its own error types
        return False
    return True


def encrypt(data: bytes, *, recipient: str | None = None, passphrase: str | None = None) -> bytes:
    if (recipient is None) == (passphrase is None):
        raise AgeError("Give either a recipient's age public key or a passphrase.")
    if recipient is not None:
        try:
            key = pyrage.x25519.Recipient.from_str(recipient.strip())
        except Exception as exc:  # pyrage raises its own error types
            raise AgeError(recipient_problem(recipient)) from exc
        encrypted: bytes = pyrage.encrypt(data, [key])
        return encrypted
    assert passphrase is not None
    if len(passphrase) < 8:
        raise AgeError("Use a passphrase of at least 8 characters for the bundle.")
    sealed: bytes = pyrage.passphrase.encrypt(data, passphrase)
    return sealed
