"""Errors the app reports to people. Each says what went wrong in words a user can act on."""

from __future__ import annotations


class Wt26Error(Exception):
    """Base for errors shown to the user (CLI message, dialog text)."""


class ContentError(Wt26Error):
    """A content file is malformed. Names the file, the line and the field."""

    def __init__(self, path: str, message: str, *, line: int | None = None, field: str = ""):
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        where = path if line is None else f"{path}:{line}"
        what = f" [{field}]" if field else ""
        super().__init__(f"{where}{what}: {message}")


class AssetPathError(Wt26Error):
    """A packaged file was asked for with an absolute path or one that leaves its folder."""


class VaultError(Wt26Error):
    """Base for vault problems."""


class WrongPassphrase(VaultError):
    """The passphrase (or recovery key) does not open this vault. Nothing was changed."""


class VaultFormatError(VaultError):
    """A vault or backup file is not in a format this version can read, or is damaged."""


class IntegrityError(VaultError):
    """Stored data failed authentication: it was changed, swapped, removed or rolled back."""


class VaultFullError(VaultError):
    """The disk (or the database's size limit) is full. Everything saved before is intact."""


class VaultLockedError(VaultError):
    """The vault is locked; unlock it first."""


class VaultInUseError(VaultError):
    """Another wt26desk process (a window or a command) has the vault open."""
