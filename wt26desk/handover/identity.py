"""This vault's age identity (an x25519 key pair). The secret is kept encrypted inside
the vault in a settings slot, like the privacy PIN, and never written anywhere else; the
public `age1...` recipient is what others encrypt bundles and receipts to."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyrage

from wt26desk.errors import Wt26Error

if TYPE_CHECKING:
    from wt26desk.vault.vault import Vault

SLOT = "setting:handover-identity"
DESTINATION = "setting:handover-destination"  # the DSL's key and the folder last used
MAX_NAME = 200


class IdentityError(Wt26Error):
    """The identity cannot be made, read or named."""


@dataclass(frozen=True)
class Identity:
    secret: str  # AGE-SECRET-KEY-1...: only ever in memory
    recipient: str  # age1...
    name: str = ""  # how bundles and receipts name this vault's holder

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.recipient)

    def age_identity(self) -> pyrage.x25519.Identity:
        return pyrage.x25519.Identity.from_str(self.secret)

    def __repr__(self) -> str:  # never the secret, in a log or a traceback
        return f"Identity(recipient={self.recipient!r}, name={self.name!r})"


def fingerprint(recipient: str) -> str:
    """A short code to read aloud and compare: 16 letters and digits in four groups."""
    digest = hashlib.sha256(recipient.strip().encode()).digest()[:10]
    code = base64.b32encode(digest).decode()
    return " ".join(code[n : n + 4] for n in range(0, 16, 4))


def valid_recipient(text: str) -> bool:
    try:
        pyrage.x25519.Recipient.from_str(text.strip())
    except Exception:  # pyrage raises its own error types
        return False
    return True


def load_identity(vault: Vault) -> Identity | None:
    stored = vault.load_draft(SLOT)
    if stored is None:
        return None
    try:
        key = pyrage.x25519.Identity.from_str(stored["secret"])
    except Exception as exc:
        raise IdentityError("This vault's handover identity is damaged.") from exc
    return Identity(str(key), str(key.to_public()), str(stored.get("name", "")))


def ensure_identity(vault: Vault) -> Identity:
    """This vault's identity, made (and logged) the first time it is needed."""
    found = load_identity(vault)
    if found is not None:
        return found
    key = pyrage.x25519.Identity.generate()
    identity = Identity(str(key), str(key.to_public()))
    vault.save_draft(SLOT, {"secret": identity.secret, "name": ""})
    vault.record_event("handover.identity-created", recipient=identity.recipient)
    return identity


def set_name(vault: Vault, name: str) -> Identity:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise IdentityError(f"Give a name of 1 to {MAX_NAME} characters (who you are, your role).")
    identity = ensure_identity(vault)
    vault.save_draft(SLOT, {"secret": identity.secret, "name": name})
    vault.record_event("handover.identity-named", name=name)
    return Identity(identity.secret, identity.recipient, name)


def load_destination(vault: Vault) -> tuple[str, str]:
    """The DSL's key and the handover folder this vault last sent to ("" if none)."""
    stored = vault.load_draft(DESTINATION) or {}
    recipient, folder = stored.get("recipient", ""), stored.get("folder", "")
    return (
        recipient if isinstance(recipient, str) and valid_recipient(recipient) else "",
        folder if isinstance(folder, str) else "",
    )


def remember_destination(vault: Vault, recipient: str, folder: str) -> None:
    """Kept encrypted in the vault: where a vault sends is nobody else's business."""
    if (recipient, folder) != load_destination(vault):
        vault.save_draft(DESTINATION, {"recipient": recipient.strip(), "folder": folder})
