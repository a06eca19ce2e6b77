from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wt26desk.records.store import RecordStore
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault


def open_store(folder: Path) -> RecordStore:
    vault, _ = Vault.create(folder, "pass phrase here", kdf=KdfParams.floor())
    return RecordStore(vault)


@pytest.fixture
def sender(tmp_path: Path) -> Iterator[RecordStore]:
    store = open_store(tmp_path / "sender")
    yield store
    store.vault.lock()


@pytest.fixture
def dsl(tmp_path: Path) -> Iterator[RecordStore]:
    store = open_store(tmp_path / "dsl")
    yield store
    store.vault.lock()
