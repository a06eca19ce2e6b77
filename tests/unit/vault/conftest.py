from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

PASSPHRASE = "correct horse battery staple"
# The floor the app never goes below for real vaults; about 0.13 s per derivation here.
FLOOR = KdfParams.floor


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(folder: Path) -> Iterator[Vault]:
    created, _ = Vault.create(folder, PASSPHRASE, kdf=FLOOR())
    yield created
    created.lock()


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }
