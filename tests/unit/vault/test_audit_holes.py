"""Issue 15: the holes an independent audit found in the vault (items 1-6, 10, 11).
Each test here failed on the code before the fix (format version 1)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from wt26desk.errors import IntegrityError, VaultFormatError, WrongPassphrase
from wt26desk.vault import layout, pin
from wt26desk.vault import vault as vault_module
from wt26desk.vault.crypto import KdfParams, mac, open_sealed, subkey
from wt26desk.vault.header import VaultHeader
from wt26desk.vault.layout import DB_NAME, HEADER_NAME
from wt26desk.vault.vault import Vault

from .conftest import FLOOR, PASSPHRASE

# Looked up by name so that this file also runs (and fails) against the code before the fix.
HEADER_COPY_NAME = getattr(layout, "HEADER_COPY_NAME", "vault.header.2")
UnlockCancelled = getattr(vault_module, "UnlockCancelled", KeyboardInterrupt)
FIXTURE = Path(__file__).resolve().parents[2] / "data" / "vault-v1"
FIXTURE_FACTS = json.loads((FIXTURE.parent / "vault-v1.json").read_text())


def raw(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / DB_NAME, isolation_level=None)


def reopen(folder: Path) -> Vault:
    return Vault.unlock(folder, PASSPHRASE)


def header_files(folder: Path) -> list[str]:
    return [n for n in (HEADER_NAME, HEADER_COPY_NAME) if (folder / n).exists()]


# 1. Rolling back vault.sqlite alone ------------------------------------------------------
def test_an_older_database_alone_is_refused(vault: Vault, folder: Path, tmp_path: Path) -> None:
    vault.put("r1", {"text": "one"})
    vault.lock()
    old = tmp_path / "old.sqlite"
    shutil.copy(folder / DB_NAME, old)
    again = reopen(folder)
    again.put("r1", {"text": "two"})
    again.put("r2", {"text": "another"})
    again.lock()
    shutil.copy(old, folder / DB_NAME)  # the header files are left as they are
    with pytest.raises(IntegrityError, match="older copy"):
        reopen(folder)


def test_a_database_newer_than_the_header_is_repaired_quietly(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"text": "one"})
    headers = {n: (folder / n).read_bytes() for n in header_files(folder)}
    vault.put("r1", {"text": "two"})  # as if killed between the commit and the header write
    vault.lock()
    for name, data in headers.items():
        (folder / name).write_bytes(data)
    again = reopen(folder)
    assert again.get("r1") == {"text": "two"}
    assert again.notices == []
    again.lock()
    generations = [json.loads((folder / n).read_bytes())["state"]["generation"] for n in headers]
    assert max(generations) == 3


# 2. Header fields are authenticated -------------------------------------------------------
@pytest.mark.parametrize(
    "change",
    [
        lambda h: h.__setitem__("training", True),
        lambda h: h["kdf"].__setitem__("lanes", 2),
        lambda h: h.__setitem__("vault_id", "0" * 32),
    ],
)
def test_a_changed_header_field_is_refused(vault: Vault, folder: Path, change) -> None:
    vault.put("r1", {"text": "x"})
    vault.lock()
    for name in header_files(folder):  # both copies, so neither can stand in
        data = json.loads((folder / name).read_bytes())
        change(data)
        (folder / name).write_text(json.dumps(data))
    with pytest.raises((IntegrityError, WrongPassphrase)):
        reopen(folder)


def test_setting_training_on_a_real_vault_is_refused(vault: Vault, folder: Path) -> None:
    vault.lock()
    for name in header_files(folder):
        data = json.loads((folder / name).read_bytes())
        data["training"] = True
        (folder / name).write_text(json.dumps(data))
    with pytest.raises(IntegrityError, match="header"):
        reopen(folder)


# 3. Drafts and the PIN are inside the integrity chain -----------------------------------
def test_deleting_a_draft_or_the_pin_is_caught(vault: Vault, folder: Path) -> None:
    vault.save_draft("d1", {"text": "half written"})
    pin.set_pin(vault, "4321")
    vault.lock()
    for draft_id in ("d1", pin.SLOT):
        with raw(folder) as conn:
            saved = conn.execute("SELECT * FROM drafts WHERE draft_id=?", (draft_id,)).fetchone()
            conn.execute("DELETE FROM drafts WHERE draft_id=?", (draft_id,))
        with pytest.raises(IntegrityError, match="draft"):
            reopen(folder)
        with raw(folder) as conn:
            conn.execute("INSERT INTO drafts VALUES (?,?,?)", saved)
    reopen(folder).lock()


def test_putting_back_an_older_draft_is_caught(vault: Vault, folder: Path) -> None:
    vault.save_draft("d1", {"text": "first"})
    with raw(folder) as conn:
        older = conn.execute("SELECT nonce, ciphertext FROM drafts").fetchone()
    vault.save_draft("d1", {"text": "second"})
    vault.lock()
    with raw(folder) as conn:
        conn.execute("UPDATE drafts SET nonce=?, ciphertext=?", older)
    with pytest.raises(IntegrityError, match="draft"):
        reopen(folder)


# 4. A full verify runs after unlock, off the unlock path ---------------------------------
def test_background_verify_finds_what_unlock_does_not(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"text": "one"})
    vault.put("r1", {"text": "two"})
    vault.lock()
    with raw(folder) as conn:  # an old revision, not checked at unlock
        conn.execute(
            "UPDATE blobs SET ciphertext=x'00112233445566778899aabbccddeeff00' WHERE revision=1"
        )
    again = reopen(folder)  # unlock itself succeeds and is not slowed down
    job = again.verify_in_background()
    assert job.wait(timeout=30)
    assert any("r1 revision 1" in p for p in job.problems)
    again.lock()


def test_background_verify_stops_when_the_vault_locks(vault: Vault) -> None:
    for n in range(30):
        vault.put(f"r{n}", {"text": "x" * 100})
    job = vault.verify_in_background()
    vault.lock()
    assert job.wait(timeout=30)
    assert job.cancelled or job.problems == []


# 5. A second authenticated copy of the header -------------------------------------------
def test_a_damaged_header_is_recovered_from_its_copy(folder: Path) -> None:
    vault, recovery = Vault.create(folder, PASSPHRASE, kdf=FLOOR())
    vault.put("r1", {"text": "kept"})
    vault.lock()
    good = (folder / HEADER_NAME).read_bytes()
    for damage in (b"", good[:40], good.replace(b'"kdf"', b'"kdX"'), b"\x00" * len(good)):
        (folder / HEADER_NAME).write_bytes(damage)
        again = reopen(folder)
        assert again.get("r1") == {"text": "kept"}
        assert any("second copy" in n for n in again.notices)
        again.lock()
        assert (folder / HEADER_NAME).read_bytes() != damage  # rewritten from the copy
    (folder / HEADER_NAME).write_bytes(b"{}")
    Vault.unlock_with_recovery(folder, recovery).lock()
    # The wrapped key damaged in the first copy only: the second copy still opens.
    data = json.loads((folder / HEADER_NAME).read_bytes())
    data["wrapped_key"]["passphrase"]["nonce"] = "AAAAAAAAAAAAAAAA"
    (folder / HEADER_NAME).write_text(json.dumps(data))
    reopen(folder).lock()


def test_wrong_passphrase_with_two_copies_changes_nothing(vault: Vault, folder: Path) -> None:
    vault.lock()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(WrongPassphrase):
        Vault.unlock(folder, "not it at all")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# 6. Separate keys for the audit log's encryption and its MAC chain -----------------------
def test_audit_encryption_and_mac_keys_differ(vault: Vault) -> None:
    vault_key = bytes(vault._k().key("vault")) if hasattr(vault._k(), "key") else vault.vault_key
    labels = [
        "wt26desk-vault-v1|audit",
        "wt26desk-vault-v2|audit-encrypt",
        "wt26desk-vault-v2|audit-mac",
    ]
    candidates = {label: subkey(vault_key, label) for label in labels}
    seq, nonce, ciphertext, entry_mac = vault.connection.execute(
        "SELECT seq, nonce, ciphertext, mac FROM audit WHERE seq=1"
    ).fetchone()
    aad = f"wt26desk-vault-v1|audit|{vault.header.vault_id}|{seq}".encode()
    (encrypts,) = [
        label for label, key in candidates.items() if open_sealed(key, nonce, ciphertext, aad)
    ]
    (macs,) = [
        label
        for label, key in candidates.items()
        if mac(key, bytes(32), seq.to_bytes(8, "big"), nonce, ciphertext) == entry_mac
    ]
    assert candidates[encrypts] != candidates[macs]
    assert vault.verify() == []


# 10. Key-derivation bounds, progress and cancel -------------------------------------------
@pytest.mark.parametrize(
    "kdf",
    [
        {"memory_kib": 1024 * 1024, "iterations": 64, "lanes": 16},  # format 1's maximum
        {"memory_kib": 256 * 1024 + 1},
        {"iterations": 17},
        {"lanes": 5},
    ],
)
def test_kdf_settings_beyond_what_the_app_creates_are_refused(
    vault: Vault, folder: Path, kdf: dict[str, int]
) -> None:
    vault.lock()
    data = json.loads((folder / HEADER_NAME).read_bytes())
    data["kdf"].update(kdf)
    with pytest.raises(VaultFormatError, match="out of bounds"):
        VaultHeader.from_json(json.dumps(data).encode())
    for name in (HEADER_NAME, HEADER_COPY_NAME):
        (folder / name).write_text(json.dumps(data))
    start = time.monotonic()
    with pytest.raises(VaultFormatError, match="out of bounds"):
        reopen(folder)
    assert time.monotonic() - start < 2


def test_unlock_reports_progress_and_can_be_cancelled(vault: Vault, folder: Path) -> None:
    vault.lock()
    seen: list[float] = []
    Vault.unlock(folder, PASSPHRASE, progress=seen.append).lock()
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    cancel = threading.Event()
    cancel.set()
    start = time.monotonic()
    with pytest.raises(UnlockCancelled):
        Vault.unlock(folder, PASSPHRASE, cancel=cancel)
    assert time.monotonic() - start < 0.5


# 11. Passphrases are normalised (NFC) ------------------------------------------------------
def test_passphrase_in_nfd_unlocks_a_vault_made_in_nfc(folder: Path) -> None:
    nfc = unicodedata.normalize("NFC", "Zoë's café passphrase")
    Vault.create(folder, nfc, kdf=FLOOR())[0].lock()
    Vault.unlock(folder, unicodedata.normalize("NFD", nfc)).lock()
    Vault.unlock(folder, nfc).lock()


# Migration of a vault made by the code before these fixes --------------------------------
@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_a_format_1_vault_migrates_and_opens(old_vault: Path) -> None:
    nfd = FIXTURE_FACTS["passphrase_nfd"]
    nfc = unicodedata.normalize("NFC", nfd)
    vault = Vault.unlock(old_vault, nfc)  # typed in NFC; the vault was made with NFD
    assert vault.get("rec-a")["child"] == "Zoë Ng"
    assert [r.revision for r in vault.history("rec-a")] == [1, 2]
    assert vault.load_draft("new-record") == {"text": "half written"}
    assert pin.check_pin(vault, FIXTURE_FACTS["pin"])
    assert vault.verify() == []
    assert vault.audit_entries()[-1].action == "vault.migrated"
    assert any("format" in n for n in vault.notices)
    vault.lock()
    header = json.loads((old_vault / HEADER_NAME).read_bytes())
    assert header["version"] == 2 and "mac" in header
    assert (old_vault / HEADER_COPY_NAME).exists()
    for typed in (nfd, nfc):
        again = Vault.unlock(old_vault, typed)
        assert again.verify() == [] and again.notices == []
        again.lock()
    Vault.unlock_with_recovery(old_vault, FIXTURE_FACTS["recovery_key"]).lock()


def test_a_format_1_vault_migrates_with_the_recovery_key(old_vault: Path) -> None:
    vault = Vault.unlock_with_recovery(old_vault, FIXTURE_FACTS["recovery_key"])
    assert vault.verify() == []
    vault.lock()
    Vault.unlock(old_vault, FIXTURE_FACTS["passphrase_nfd"]).lock()
    Vault.unlock(old_vault, unicodedata.normalize("NFC", FIXTURE_FACTS["passphrase_nfd"])).lock()


def test_a_tampered_format_1_vault_is_not_migrated(old_vault: Path) -> None:
    header = json.loads((old_vault / HEADER_NAME).read_bytes())
    header["training"] = True  # unauthenticated in format 1; the audit log says otherwise
    (old_vault / HEADER_NAME).write_text(json.dumps(header))
    before = (old_vault / DB_NAME).read_bytes()
    with pytest.raises(IntegrityError, match="training"):
        Vault.unlock(old_vault, FIXTURE_FACTS["passphrase_nfd"])
    assert (old_vault / DB_NAME).read_bytes() == before


def test_kdf_params_never_exceed_the_read_bounds() -> None:
    from wt26desk.vault.crypto import calibrate

    calibrate(target_seconds=0.05).check_bounds()
    KdfParams.floor().check_bounds()


def test_a_format_1_backup_restores_and_is_upgraded(tmp_path: Path) -> None:
    from wt26desk.vault.backup import restore_backup

    backup = FIXTURE.parent / "vault-v1.wt26bak"
    typed = unicodedata.normalize("NFC", FIXTURE_FACTS["passphrase_nfd"])
    restore_backup(backup, tmp_path / "restored", passphrase=typed)
    vault = Vault.unlock(tmp_path / "restored", typed)
    assert [r.revision for r in vault.history("rec-a")] == [1, 2]
    assert vault.verify() == []
    assert json.loads((tmp_path / "restored" / HEADER_NAME).read_bytes())["version"] == 2
    vault.lock()


def test_a_header_downgraded_to_format_1_is_refused(vault: Vault, folder: Path) -> None:
    """Item 2: the format version is authenticated too. A format-1 header (no MAC) is
    accepted only beside a database that was just upgraded (generation 1)."""
    vault.put("r1", {"text": "x"})
    vault.lock()
    for name in header_files(folder):
        data = json.loads((folder / name).read_bytes())
        for key in ("mac", "state"):
            data.pop(key, None)
        data["kdf"].pop("argon2_version", None)
        data["kdf"].pop("normalization", None)
        data["version"] = 1
        (folder / name).write_text(json.dumps(data))
    with pytest.raises(IntegrityError, match="format 1"):
        reopen(folder)
