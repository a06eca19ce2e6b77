"""A full disk (issue 15, item 12): every command, reading ones too, says "the disk is
full; free space and try again", and a failed `vault init` leaves nothing behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from wt26desk.errors import Wt26Error
from wt26desk.fileio import WriteError
from wt26desk.records.model import ConcernRecord
from wt26desk.records.store import RecordStore
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .cli_runner import run_cli

PASS = "a full disk passphrase"
FULL = "the disk is full; free space and try again"


def fill(folder: Path) -> Path:
    """Fill the filesystem holding `folder` to the last block."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"x" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    return filler


def free(folder: Path) -> None:
    for path in folder.glob("filler*"):
        path.unlink()


def test_every_command_says_the_disk_is_full(tiny_filesystem: Path, tmp_path: Path) -> None:
    data = tiny_filesystem / "data"
    vault, _ = Vault.create(data / "vault", PASS, kdf=KdfParams.floor())
    RecordStore(vault).save(ConcernRecord(id="kept", facts="saved before the disk filled"))
    vault.lock()
    source = tmp_path / "import.json"
    out = run_cli(
        "export",
        "kept",
        "--format",
        "json",
        "--out",
        str(source),
        "--yes",
        data_dir=data,
        stdin=PASS + "\n",
    )
    assert out.returncode == 0, out.stderr
    source.write_text(source.read_text().replace('"kept"', '"new-one"'))
    fill(tiny_filesystem)
    status = run_cli("vault", "status", data_dir=data)  # the public header only: still answers
    assert status.returncode == 0 and "vault" in status.stdout, status.stderr
    for args in (
        ("records", "list"),
        ("vault", "verify"),
        ("vault", "backup", str(tmp_path / "backup.bin")),
        ("import", str(source)),
        ("export", "kept", "--format", "json", "--out", str(tiny_filesystem / "x.json"), "--yes"),
    ):
        result = run_cli(*args, data_dir=data, stdin=PASS + "\n")
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert FULL in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and "disk I/O error" not in result.stderr
    free(tiny_filesystem)
    listed = run_cli("records", "list", data_dir=data, stdin=PASS + "\n")
    assert listed.returncode == 0 and "kept" in listed.stdout and "new-one" not in listed.stdout
    verified = run_cli("vault", "verify", data_dir=data, stdin=PASS + "\n")
    assert verified.returncode == 0, verified.stderr


def test_a_failed_init_leaves_nothing_and_init_works_once_space_is_freed(
    tiny_filesystem: Path,
) -> None:
    fill(tiny_filesystem)
    data = tiny_filesystem / "data"
    result = run_cli("vault", "init", data_dir=data, stdin=PASS + "\n")
    assert result.returncode == 1 and FULL in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not data.exists()  # no 0-byte vault.sqlite, no empty folders
    free(tiny_filesystem)
    status = run_cli("vault", "status", data_dir=data, stdin=PASS + "\n")
    assert "There is no vault" in status.stderr
    again = run_cli("vault", "init", data_dir=data, stdin=PASS + "\n")
    assert again.returncode == 0, again.stderr


def test_create_failing_at_the_os_boundary_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without root for a small filesystem: the header write meets ENOSPC after the
    database was made."""
    import wt26desk.fileio as fileio

    real_fsync = os.fsync

    def full_fsync(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio.os, "fsync", full_fsync)
    folder = tmp_path / "data" / "vault"
    with pytest.raises(WriteError, match=FULL) as caught:
        Vault.create(folder, PASS, kdf=KdfParams.floor())
    assert isinstance(caught.value, Wt26Error)
    assert not (tmp_path / "data").exists()
    monkeypatch.undo()
    Vault.create(folder, PASS, kdf=KdfParams.floor())[0].lock()
