"""Two processes on one vault (issue 15, item 14): while one has it open, the other says
plainly that the vault is open elsewhere and changes nothing; the first keeps working."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wt26desk.errors import VaultInUseError
from wt26desk.records.model import ConcernRecord
from wt26desk.records.store import RecordStore
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .cli_runner import run_cli

PASS = "one process at a time"

HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from wt26desk.records.model import ConcernRecord
    from wt26desk.records.store import RecordStore
    from wt26desk.vault.vault import Vault
    vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
    store = RecordStore(vault)
    print("open", flush=True)
    sys.stdin.readline()  # the test runs the second process now
    store.save(ConcernRecord(id="from-first", facts="saved by the first process"))
    vault.lock()
    print("saved", flush=True)
""")


def folder_state(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_a_second_process_is_refused_plainly_and_changes_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    folder = data_dir / "vault"
    vault, _ = Vault.create(folder, PASS, kdf=KdfParams.floor())
    RecordStore(vault).save(ConcernRecord(id="existing", facts="already here"))
    vault.lock()
    source = tmp_path / "import.json"
    export = run_cli(
        "export",
        "existing",
        "--format",
        "json",
        "--out",
        str(source),
        "--yes",
        data_dir=data_dir,
        stdin=PASS + "\n",
    )
    assert export.returncode == 0, export.stderr
    backup = tmp_path / "good-backup.bin"
    made = run_cli("vault", "backup", str(backup), data_dir=data_dir, stdin=PASS + "\n")
    assert made.returncode == 0, made.stderr

    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), PASS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert first.stdin is not None and first.stdout is not None
    try:
        assert first.stdout.readline().strip() == "open"
        before = folder_state(folder)
        for args in (
            ("records", "list"),
            ("import", str(source)),
            ("vault", "verify"),
            ("vault", "change-passphrase"),
            ("vault", "backup", str(tmp_path / "backup.bin")),
            ("vault", "restore", str(backup), "--replace"),
            ("export", "existing", "--format", "json", "--out", str(tmp_path / "x.json"), "--yes"),
        ):
            second = run_cli(*args, data_dir=data_dir, stdin=PASS + "\nnew passphrase 1\n")
            assert second.returncode == 1, (args, second.stdout, second.stderr)
            assert "open in another wt26desk window or command" in second.stderr, second.stderr
            assert "Nothing was changed" in second.stderr
            assert "Traceback" not in second.stderr
            assert folder_state(folder) == before, args
        assert not (tmp_path / "x.json").exists() and not (tmp_path / "backup.bin").exists()
        status = run_cli("vault", "status", data_dir=data_dir)  # reads the public header only
        assert status.returncode == 0 and folder_state(folder) == before, status.stderr
        # The library call refuses too, even with the right passphrase (no early check).
        with pytest.raises(VaultInUseError, match="open in another"):
            Vault.unlock(folder, PASS)
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "saved"  # no "UNIQUE constraint failed"
        assert first.wait(timeout=60) == 0
    finally:
        first.kill()
        first.wait()
        first.stdin.close()
        first.stdout.close()
    # Once the first process has ended, the second works as usual.
    listed = run_cli("records", "list", data_dir=data_dir, stdin=PASS + "\n")
    assert listed.returncode == 0 and "from-first" in listed.stdout and "existing" in listed.stdout


def test_a_killed_process_leaves_no_lock_behind(data_dir: Path) -> None:
    folder = data_dir / "vault"
    Vault.create(folder, PASS, kdf=KdfParams.floor())[0].lock()
    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), PASS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert first.stdout is not None
    assert first.stdout.readline().strip() == "open"
    first.kill()
    first.wait()
    first.stdout.close()
    assert first.stdin is not None
    first.stdin.close()
    listed = run_cli("records", "list", data_dir=data_dir, stdin=PASS + "\n")
    assert listed.returncode == 0, listed.stderr
