"""Where a vault's files are. Cheap to import: the window asks whether a vault exists
before anything else, and must not pay for cryptography or SQLite to find out."""

from __future__ import annotations

from pathlib import Path

HEADER_NAME = "vault.header"
DB_NAME = "vault.sqlite"


def vault_exists(folder: Path) -> bool:
    return (Path(folder) / HEADER_NAME).is_file()
