"""The vault's promises: confidentiality, integrity, history, and losing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wt26desk.errors import (
    IntegrityError,
    VaultError,
    VaultFullError,
    VaultLockedError,
    WrongPassphrase,
)
from wt26desk.vault import storage
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.layout import DB_NAME, HEADER_NAME
from wt26desk.vault.vault import Vault

from .conftest import FLOOR, PASSPHRASE, file_hashes


def reopen(folder: Path) -> Vault:
    return Vault.unlock(folder, PASSPHRASE)


def raw(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / DB_NAME, isolation_level=None)


def test_documents_revisions_and_search(vault: Vault, folder: Path) -> None:
    assert vault.put("r1", {"text": "Leah said her arm hurt"}) == 1
    assert vault.put("r1", {"text": "Leah said her arm hurt; GP informed"}) == 2
    vault.put("r2", {"children": [{"name": "Sam Oduya"}], "text": "late again"})
    assert vault.get("r1")["text"].endswith("GP informed")
    assert [r.revision for r in vault.history("r1")] == [1, 2]
    assert vault.search("leah gp") == ["r1"]
    assert vault.search("ODUYA") == ["r2"]
    vault.lock()
    again = reopen(folder)
    assert again.record_ids() == ["r1", "r2"]
    assert again.history("r1")[0].document == {"text": "Leah said her arm hurt"}
    assert again.verify() == []
    actions = [e.action for e in again.audit_entries()]
    assert actions == ["vault.created", "record.saved", "record.saved", "record.saved"]
    again.lock()


def test_wrong_passphrase_and_recovery_key_change_no_file(folder: Path) -> None:
    vault, recovery = Vault.create(folder, PASSPHRASE, kdf=FLOOR())
    vault.put("r1", {"text": "x"})
    vault.lock()
    before = file_hashes(folder)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(folder, PASSPHRASE + "!")
    other_key = Vault.create(folder.parent / "other", "another pass", kdf=FLOOR())[1]
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(folder, other_key)
    with pytest.raises(VaultError):
        Vault.unlock_with_recovery(folder, "not-a-key")
    assert file_hashes(folder) == before
    Vault.unlock_with_recovery(folder, recovery).lock()


def test_flipping_any_byte_of_a_blob_is_caught(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"text": "SECRET-LINE"})
    vault.lock()
    with raw(folder) as conn:
        (ciphertext,) = conn.execute("SELECT ciphertext FROM blobs").fetchone()
    for position in (0, len(ciphertext) // 2, len(ciphertext) - 1):
        damaged = bytearray(ciphertext)
        damaged[position] ^= 0x01
        with raw(folder) as conn:
            conn.execute("UPDATE blobs SET ciphertext=?", (bytes(damaged),))
        with pytest.raises(IntegrityError, match="r1 revision 1"):
            reopen(folder)
    with raw(folder) as conn:
        conn.execute("UPDATE blobs SET ciphertext=?", (ciphertext,))
    reopen(folder).lock()


def test_swapping_two_blobs_is_caught(vault: Vault, folder: Path) -> None:
    vault.put("a", {"text": "about child A"})
    vault.put("b", {"text": "about child B"})
    vault.lock()
    with raw(folder) as conn:
        rows = dict(conn.execute("SELECT record_id, ciphertext FROM blobs").fetchall())
        nonces = dict(conn.execute("SELECT record_id, nonce FROM blobs").fetchall())
        conn.execute(
            "UPDATE blobs SET ciphertext=?, nonce=? WHERE record_id='a'", (rows["b"], nonces["b"])
        )
        conn.execute(
            "UPDATE blobs SET ciphertext=?, nonce=? WHERE record_id='b'", (rows["a"], nonces["a"])
        )
    with pytest.raises(IntegrityError):
        reopen(folder)


def test_replaying_an_older_revision_is_caught(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"status": "draft"})
    vault.put("r1", {"status": "submitted to social care"})
    vault.lock()
    with raw(folder) as conn:  # roll back: drop the newest revision
        conn.execute("DELETE FROM blobs WHERE record_id='r1' AND revision=2")
    with pytest.raises(IntegrityError, match="rolled back"):
        reopen(folder)


def test_replaying_an_old_revision_as_the_new_one_is_caught(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"status": "one"})
    vault.put("r1", {"status": "two"})
    vault.lock()
    with raw(folder) as conn:
        old = conn.execute("SELECT nonce, ciphertext FROM blobs WHERE revision=1").fetchone()
        conn.execute("UPDATE blobs SET nonce=?, ciphertext=? WHERE revision=2", old)
    with pytest.raises(IntegrityError, match="revision 2"):
        reopen(folder)


def test_removing_or_editing_audit_entries_is_caught(vault: Vault, folder: Path) -> None:
    for n in range(3):
        vault.put(f"r{n}", {"text": str(n)})
    vault.lock()
    with raw(folder) as conn:
        conn.execute("DELETE FROM audit WHERE seq=2")
    unlocked = reopen(folder)  # the head is intact; the hole shows in verify
    problems = unlocked.verify()
    unlocked.lock()
    assert any("entry 2 is missing" in p for p in problems)
    assert any("never recorded" in p for p in problems)
    with raw(folder) as conn:  # now cut the end of the log too
        conn.execute("DELETE FROM audit WHERE seq=(SELECT MAX(seq) FROM audit)")
    with pytest.raises(IntegrityError, match="audit log"):
        reopen(folder)


def test_altered_integrity_record_is_caught(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"text": "x"})
    vault.lock()
    with raw(folder) as conn:
        (state,) = conn.execute("SELECT value FROM meta WHERE key='state'").fetchone()
        conn.execute(
            "UPDATE meta SET value=? WHERE key='state'", (bytes([state[0] ^ 1]) + state[1:],)
        )
    with pytest.raises(IntegrityError, match="integrity record"):
        reopen(folder)


def test_header_from_another_vault_is_refused(folder: Path, tmp_path: Path) -> None:
    Vault.create(folder, PASSPHRASE, kdf=FLOOR())[0].lock()
    other = tmp_path / "other"
    Vault.create(other, PASSPHRASE, kdf=FLOOR())[0].lock()
    (folder / HEADER_NAME).write_bytes((other / HEADER_NAME).read_bytes())
    with pytest.raises(IntegrityError, match="different vaults"):
        reopen(folder)


def test_only_allowed_columns_are_plain(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"text": "x"})
    assert storage.schema_problems(vault.connection) == []
    with raw(folder) as conn:
        conn.execute("ALTER TABLE blobs ADD COLUMN child_name TEXT")
    assert storage.schema_problems(vault.connection) == [
        "table 'blobs' has unexpected columns ['child_name']"
    ]


def test_pragmas_protect_data(vault: Vault) -> None:
    conn = vault.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_change_passphrase_rewraps_only(vault: Vault, folder: Path) -> None:
    vault.put("r1", {"text": "unchanged"})
    with raw(folder) as conn:
        before = conn.execute("SELECT nonce, ciphertext FROM blobs").fetchall()
    vault.change_passphrase("a brand new passphrase", kdf=FLOOR())
    vault.lock()
    with raw(folder) as conn:
        assert conn.execute("SELECT nonce, ciphertext FROM blobs").fetchall() == before
    with pytest.raises(WrongPassphrase):
        reopen(folder)
    again = Vault.unlock(folder, "a brand new passphrase")
    assert again.get("r1") == {"text": "unchanged"}
    assert again.audit_entries()[-1].action == "vault.passphrase_changed"
    again.lock()


def test_replacing_the_recovery_key(folder: Path) -> None:
    vault, old = Vault.create(folder, PASSPHRASE, kdf=FLOOR())
    new = vault.new_recovery_key()
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(folder, old)
    Vault.unlock_with_recovery(folder, new).lock()


def test_drafts_are_encrypted_and_come_back(vault: Vault, folder: Path) -> None:
    vault.save_draft("new-record", {"text": "DRAFT-MARKER half written"})
    vault.save_draft("new-record", {"text": "DRAFT-MARKER more"})
    vault.lock()
    assert b"DRAFT-MARKER" not in (folder / DB_NAME).read_bytes()
    again = reopen(folder)
    assert again.draft_ids() == ["new-record"]
    assert again.load_draft("new-record") == {"text": "DRAFT-MARKER more"}
    again.discard_draft("new-record")
    assert again.load_draft("new-record") is None
    again.lock()


def test_locked_vault_refuses_everything(vault: Vault) -> None:
    vault.put("r1", {"text": "x"})
    vault.lock()
    assert vault.locked
    for action in (
        lambda: vault.get("r1"),
        lambda: vault.put("r2", {}),
        lambda: vault.search("x"),
        vault.record_ids,
    ):
        with pytest.raises(VaultLockedError):
            action()


def test_bad_ids_and_absurd_sizes_are_refused(vault: Vault) -> None:
    with pytest.raises(VaultError):
        vault.put("", {})
    with pytest.raises(VaultError):
        vault.put("a|b", {})
    with pytest.raises(VaultError, match="16 MiB"):
        vault.put("big", {"text": "x" * (17 * 1024 * 1024)})
    assert vault.record_ids() == []


def test_full_disk_gives_a_clear_error_and_loses_nothing(vault: Vault, folder: Path) -> None:
    vault.put("kept", {"text": "saved before the disk filled"})
    pages = vault.connection.execute("PRAGMA page_count").fetchone()[0]
    vault.connection.execute(f"PRAGMA max_page_count={pages + 1}")
    with pytest.raises(VaultFullError, match="Everything saved before is intact"):
        for n in range(50):
            vault.put(f"big{n}", {"text": "y" * 20_000})
    vault.lock()
    again = reopen(folder)
    assert again.get("kept") == {"text": "saved before the disk filled"}
    assert again.verify() == []
    again.lock()


def test_existing_vault_is_never_overwritten(vault: Vault, folder: Path) -> None:
    with pytest.raises(VaultError, match="already exists"):
        Vault.create(folder, "x" * 10, kdf=KdfParams.floor())
