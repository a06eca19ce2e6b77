"""Backups restore anywhere with the passphrase or recovery key; malformed files and
headers give clear errors and never hang."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wt26desk.errors import IntegrityError, VaultError, VaultFormatError, WrongPassphrase
from wt26desk.vault.backup import MAGIC, parse_backup, restore_backup, write_backup
from wt26desk.vault.header import VaultHeader
from wt26desk.vault.layout import HEADER_NAME
from wt26desk.vault.vault import Vault

from .conftest import FLOOR, PASSPHRASE


@pytest.fixture
def backup_file(tmp_path: Path) -> tuple[Path, str]:
    vault, recovery = Vault.create(tmp_path / "laptop-a", PASSPHRASE, kdf=FLOOR())
    vault.put("r1", {"text": "first note"})
    vault.put("r1", {"text": "first note, revised"})
    target = tmp_path / "usb" / "vault.wt26bak"
    target.parent.mkdir()
    write_backup(vault, target)
    assert vault.audit_entries()[-1].action == "vault.backup_written"
    vault.lock()
    return target, recovery


def test_restore_on_another_machine_with_passphrase(backup_file, tmp_path: Path) -> None:
    target, _ = backup_file
    restore_backup(target, tmp_path / "laptop-b" / "vault", passphrase=PASSPHRASE)
    vault = Vault.unlock(tmp_path / "laptop-b" / "vault", PASSPHRASE)
    assert [r.document["text"] for r in vault.history("r1")] == [
        "first note",
        "first note, revised",
    ]
    assert vault.verify() == []
    assert vault.audit_entries()[-1].action == "vault.restored"
    vault.lock()


def test_restore_with_recovery_key(backup_file, tmp_path: Path) -> None:
    target, recovery = backup_file
    restore_backup(target, tmp_path / "c", recovery=recovery)
    Vault.unlock_with_recovery(tmp_path / "c", recovery).lock()


def test_wrong_secret_restores_nothing(backup_file, tmp_path: Path) -> None:
    target, _ = backup_file
    with pytest.raises(WrongPassphrase):
        restore_backup(target, tmp_path / "d", passphrase="nope")
    assert not (tmp_path / "d").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_tampered_backup_is_refused(backup_file, tmp_path: Path) -> None:
    target, _ = backup_file
    data = bytearray(target.read_bytes())
    data[-100] ^= 0xFF
    target.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match="altered"):
        restore_backup(target, tmp_path / "e", passphrase=PASSPHRASE)
    assert not (tmp_path / "e").exists()


def test_restore_keeps_an_existing_vault_unless_asked(backup_file, tmp_path: Path) -> None:
    target, _ = backup_file
    existing = tmp_path / "laptop-a"
    header = (existing / HEADER_NAME).read_bytes()
    with pytest.raises(VaultError, match="--replace"):
        restore_backup(target, existing, passphrase=PASSPHRASE)
    assert (existing / HEADER_NAME).read_bytes() == header
    moved = restore_backup(target, existing, passphrase=PASSPHRASE, replace=True)
    assert moved is not None and (moved / HEADER_NAME).read_bytes() == header


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"WT26BAK",
        MAGIC,
        MAGIC + b"\xff\xff\xff\xff",
        MAGIC + b"\x00\x00\x00\x02{}",
        MAGIC + b"\x00\x00\x00\x05[1,2",
    ],
)
def test_malformed_backups_give_format_errors(data: bytes) -> None:
    with pytest.raises(VaultFormatError):
        parse_backup(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_backup_parser_fuzz(data: bytes) -> None:
    for candidate in (data, MAGIC + data):
        with contextlib.suppress(VaultFormatError):
            parse_backup(candidate)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
        ),
        max_leaves=30,
    )
)
def test_header_parser_fuzz(value: object) -> None:
    with contextlib.suppress(VaultFormatError):
        VaultHeader.from_json(json.dumps(value).encode())


def test_header_with_hostile_kdf_is_refused_quickly(vault: Vault, folder: Path) -> None:
    vault.lock()
    data = json.loads((folder / HEADER_NAME).read_bytes())
    data["kdf"]["memory_kib"] = 64 * 1024 * 1024  # 64 GiB
    with pytest.raises(VaultFormatError, match="out of bounds"):
        VaultHeader.from_json(json.dumps(data).encode())
    data["kdf"]["memory_kib"] = 65536
    data["version"] = 9
    with pytest.raises(VaultFormatError, match="version 9"):
        VaultHeader.from_json(json.dumps(data).encode())
    with pytest.raises(VaultFormatError):
        VaultHeader.from_json(b"\xff" * 10)
    with pytest.raises(VaultFormatError, match="too large"):
        VaultHeader.from_json(b" " * 100_000)


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_header_and_backup_give_format_errors(depth: int) -> None:
    nested = b"[" * depth + b"]" * depth
    with pytest.raises(VaultFormatError):
        VaultHeader.from_json(nested[: 16 * 1024])
    inside = b'{"format":"wt26desk-vault","x":' + b"[" * depth + b"]" * depth + b"}"
    with pytest.raises(VaultFormatError):
        VaultHeader.from_json(inside[: 16 * 1024])
    for payload in (nested, b'{"vault_header":' + nested + b"}"):
        with pytest.raises(VaultFormatError):
            parse_backup(MAGIC + len(payload).to_bytes(4, "big") + payload)
