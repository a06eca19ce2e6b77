"""The vault CLI as scripts use it: passphrases on standard input, real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from .cli_runner import run_cli

PASS = "correct horse battery"


def wt(*args: str, data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir, stdin=stdin)


@pytest.fixture
def initialised(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    result = wt("vault", "init", data_dir=data, stdin=PASS + "\n")
    assert result.returncode == 0, result.stderr
    recovery = result.stdout.strip().splitlines()[-1].strip()
    assert len(recovery) == 64
    return data, recovery


def test_init_verify_status(initialised) -> None:
    data, _ = initialised
    verify = wt("vault", "verify", data_dir=data, stdin=PASS + "\n")
    assert verify.returncode == 0 and "all verified" in verify.stdout
    # status reads only the public header: no passphrase is asked for or needed
    status = wt("vault", "status", data_dir=data, stdin="")
    assert status.returncode == 0, status.stderr
    assert "Argon2id 64 MiB, 3 iterations, 4 lanes" in status.stdout
    assert str(data / "vault") in status.stdout and "Passphrase" not in status.stderr


def test_short_passphrase_and_second_init_are_refused(initialised, tmp_path: Path) -> None:
    data, _ = initialised
    assert "at least 8" in wt("vault", "init", data_dir=tmp_path / "x", stdin="short\n").stderr
    again = wt("vault", "init", data_dir=data, stdin=PASS + "\n")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_wrong_passphrase_exit_1_with_message(initialised) -> None:
    data, _ = initialised
    result = wt("vault", "verify", data_dir=data, stdin="nope\n")
    assert result.returncode == 1 and "does not open this vault" in result.stderr


def test_verify_reports_tampering_precisely(initialised) -> None:
    data, _ = initialised
    with sqlite3.connect(data / "vault" / "vault.sqlite") as conn:
        conn.execute("UPDATE audit SET ciphertext = ciphertext || x'00' WHERE seq = 1")
    result = wt("vault", "verify", data_dir=data, stdin=PASS + "\n")
    assert result.returncode == 1
    assert "entry 1" in result.stderr


def test_change_passphrase_then_recovery(initialised) -> None:
    data, recovery = initialised
    changed = wt("vault", "change-passphrase", data_dir=data, stdin=f"{PASS}\nnew and long pass\n")
    assert changed.returncode == 0, changed.stderr
    assert wt("vault", "verify", data_dir=data, stdin=PASS + "\n").returncode == 1
    assert wt("vault", "verify", data_dir=data, stdin="new and long pass\n").returncode == 0
    reset = wt(
        "vault",
        "change-passphrase",
        "--recovery-key",
        data_dir=data,
        stdin=f"{recovery}\nreset by recovery\n",
    )
    assert reset.returncode == 0, reset.stderr
    assert wt("vault", "verify", data_dir=data, stdin="reset by recovery\n").returncode == 0


def test_backup_and_restore_elsewhere(initialised, tmp_path: Path) -> None:
    data, recovery = initialised
    backup = tmp_path / "backup.wt26bak"
    assert wt("vault", "backup", str(backup), data_dir=data, stdin=PASS + "\n").returncode == 0
    other = tmp_path / "other"
    restored = wt(
        "vault", "restore", str(backup), "--recovery-key", data_dir=other, stdin=recovery + "\n"
    )
    assert restored.returncode == 0, restored.stderr
    assert wt("vault", "verify", data_dir=other, stdin=PASS + "\n").returncode == 0
    garbage = tmp_path / "garbage.wt26bak"
    garbage.write_bytes(os.urandom(500))
    bad = wt("vault", "restore", str(garbage), data_dir=tmp_path / "third", stdin=PASS + "\n")
    assert bad.returncode == 1 and "not a wt26desk backup" in bad.stderr


def test_missing_vault_is_a_clear_error(tmp_path: Path) -> None:
    result = wt("vault", "verify", data_dir=tmp_path, stdin="")
    assert result.returncode == 1 and "There is no vault" in result.stderr


def test_verify_refuses_a_database_rolled_back_alone(initialised, tmp_path: Path) -> None:
    """Issue 15, item 1: `vault verify` said "ok" with an older vault.sqlite."""
    import shutil

    from wt26desk.vault.vault import Vault

    data, _ = initialised
    folder = data / "vault"
    vault = Vault.unlock(folder, PASS)
    vault.put("r1", {"text": "one"})
    vault.lock()
    shutil.copy(folder / "vault.sqlite", tmp_path / "old.sqlite")
    vault = Vault.unlock(folder, PASS)
    vault.put("r1", {"text": "two"})
    vault.put("r2", {"text": "three"})
    vault.lock()
    shutil.copy(tmp_path / "old.sqlite", folder / "vault.sqlite")
    result = wt("vault", "verify", data_dir=data, stdin=PASS + "\n")
    assert result.returncode == 1
    assert "older copy" in result.stderr and "Traceback" not in result.stderr


def test_a_format_1_vault_is_upgraded_by_the_cli(tmp_path: Path) -> None:
    import json
    import shutil
    import unicodedata

    fixture = Path(__file__).resolve().parents[1] / "data" / "vault-v1"
    facts = json.loads((fixture.parent / "vault-v1.json").read_text())
    data = tmp_path / "data"
    data.mkdir()
    shutil.copytree(fixture, data / "vault")
    typed = unicodedata.normalize("NFC", facts["passphrase_nfd"])
    result = wt("vault", "verify", data_dir=data, stdin=typed + "\n")
    assert result.returncode == 0, result.stderr
    assert "upgraded to format 2" in result.stderr and "2 records" in result.stdout
    again = wt("vault", "verify", data_dir=data, stdin=facts["passphrase_nfd"] + "\n")
    assert again.returncode == 0 and "upgraded" not in again.stderr
