"""Where a vault's files are. Cheap to import: the window asks whether a vault exists
before anything else, and must not pay for cryptography or SQLite to find out."""

from __future__ import annotations

from pathlib import Path

HEADER_NAME = "vault.header"
# The second, identical copy of the header (as LUKS2 keeps two): either opens the vault.
HEADER_COPY_NAME = "vault.header.2"
HEADER_NAMES = (HEADER_NAME, HEADER_COPY_NAME)
DB_NAME = "vault.sqlite"


def vault_exists(folder: Path) -> bool:
    return any((Path(folder) / name).is_file() for name in HEADER_NAMES)
