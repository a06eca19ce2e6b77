"""Wrap an export in the age file format (https://age-encryption.org), with a passphrase
or to a recipient's public key, so the standard `age` tool opens it anywhere."""

from __future__ import annotations

import pyrage

from wt26desk.errors import Wt26Error


class AgeError(Wt26Error):
    """The recipient key or passphrase cannot be used."""


def encrypt(data: bytes, *, recipient: str | None = None, passphrase: str | None = None) -> bytes:
    if (recipient is None) == (passphrase is None):
        raise AgeError("Give either a recipient's age public key or a passphrase.")
    if recipient is not None:
        try:
            key = pyrage.x25519.Recipient.from_str(recipient.strip())
        except Exception as exc:  # pyrage raises its own error types
            raise AgeError("That is not an age public key (it starts with “age1”).") from exc
        encrypted: bytes = pyrage.encrypt(data, [key])
        return encrypted
    assert passphrase is not None
    if len(passphrase) < 8:
        raise AgeError("Use a passphrase of at least 8 characters for the bundle.")
    sealed: bytes = pyrage.passphrase.encrypt(data, passphrase)
    return sealed
