"""Export temporaries (issue 15, item 13): on Linux an export is written into a file with
no name (O_TMPFILE) and linked in whole, so a kill at any moment leaves no hidden
plaintext beside it; where a named temporary is needed (replacing a file, or systems
without O_TMPFILE), one that a kill leaves is removed at the next start and export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import wt26desk.fileio as fileio
from wt26desk.fileio import TEMP_SUFFIX, atomic_write_bytes, remove_stale_temporaries
from wt26desk.records.model import ConcernRecord
from wt26desk.records.store import RecordStore
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .cli_runner import run_cli

PASS = "temporaries passphrase"
HAS_TMPFILE = hasattr(os, "O_TMPFILE") and sys.platform.startswith("linux")
# Stand-ins for a kill at the moment of rename, and for a system without O_TMPFILE.
# Killed at the rename of an export (the vault's own header writes rename too: let them).
KILL_AT_RENAME = (
    "import os, signal\n_replace = os.replace\n"
    "def _kill(src, dst, *a, **k):\n"
    "    if 'exports' in str(dst):\n"
    "        os.kill(os.getpid(), signal.SIGKILL)\n"
    "    return _replace(src, dst, *a, **k)\n"
    "os.replace = _kill\n"
)
NO_TMPFILE = "import wt26desk.fileio as f\nf._unnamed_file = lambda folder: None\n"
MAIN = "import sys\nfrom wt26desk.app import main\nsys.exit(main(sys.argv[1:]))\n"


def make_vault(data_dir: Path) -> None:
    vault, _ = Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())
    RecordStore(vault).save(ConcernRecord(id="rec1", facts="Plaintext that must not linger"))
    vault.lock()


def export(data_dir: Path, out: Path, *, code: str = "") -> subprocess.CompletedProcess[str]:
    args = ["export", "rec1", "--format", "json", "--out", str(out), "--yes"]
    return subprocess.run(
        [sys.executable, "-c", code + MAIN, *args, "--data-dir", str(data_dir)],
        input=PASS + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.skipif(not HAS_TMPFILE, reason="O_TMPFILE is Linux only")
def test_a_new_file_never_has_another_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def watching_fsync(fd: int) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        real_fsync(fd)

    monkeypatch.setattr(fileio.os, "fsync", watching_fsync)
    atomic_write_bytes(tmp_path / "referral.json", b"the whole export")
    assert seen and seen[0] == []  # while the data was written and synced: no name at all
    assert sorted(p.name for p in tmp_path.iterdir()) == ["referral.json"]
    assert (tmp_path / "referral.json").read_bytes() == b"the whole export"
    assert (tmp_path / "referral.json").stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not HAS_TMPFILE, reason="O_TMPFILE is Linux only")
def test_a_kill_at_rename_leaves_nothing_beside_a_new_export(
    data_dir: Path, tmp_path: Path
) -> None:
    make_vault(data_dir)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    result = export(data_dir, out_dir / "referral.json", code=KILL_AT_RENAME)
    # A new file is linked in whole: there is no rename to be killed at.
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == ["referral.json"]


def test_a_temporary_left_by_a_kill_is_removed_at_the_next_start(
    data_dir: Path, tmp_path: Path
) -> None:
    make_vault(data_dir)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    target = out_dir / "referral.json"
    target.write_text("an older export")  # replacing a file needs a name beside it
    killed = export(data_dir, target, code=KILL_AT_RENAME)
    assert killed.returncode == -signal.SIGKILL
    [left] = hidden(out_dir)
    assert left.startswith(".referral.json.") and left.endswith(TEMP_SUFFIX)
    assert target.read_text() == "an older export"  # the old file is whole
    # The next start, any command, removes it (the killed process noted where it was).
    started = run_cli("content", "list", "standards", data_dir=data_dir)
    assert started.returncode == 0
    assert hidden(out_dir) == []
    assert list((data_dir / "pending-writes").iterdir()) == []


def test_without_o_tmpfile_the_next_export_removes_what_a_kill_left(
    data_dir: Path, tmp_path: Path
) -> None:
    make_vault(data_dir)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    killed = export(data_dir, out_dir / "first.json", code=NO_TMPFILE + KILL_AT_RENAME)
    assert killed.returncode == -signal.SIGKILL
    [left] = hidden(out_dir)
    assert left.endswith(TEMP_SUFFIX) and b"Plaintext" in (out_dir / left).read_bytes()
    for note in (data_dir / "pending-writes").iterdir():
        note.unlink()  # as if the note were lost: the export folder is still swept
    again = export(data_dir, out_dir / "second.json", code=NO_TMPFILE)
    assert again.returncode == 0, again.stderr
    assert hidden(out_dir) == []
    assert sorted(p.name for p in out_dir.iterdir()) == ["second.json"]


def test_only_stale_temporaries_of_ours_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    ours_dead = tmp_path / f".a.pdf.{dead.pid}-0123abcd{TEMP_SUFFIX}"
    ours_alive = tmp_path / f".b.pdf.{os.getppid()}-0123abcd{TEMP_SUFFIX}"
    someone_elses = tmp_path / ".c.pdf.abcdefgh.tmp"
    old_style = tmp_path / ".settings.json.abcd1234.tmp"
    for path in (ours_dead, ours_alive, someone_elses, old_style):
        path.write_text("x")
    hour_ago = time.time() - 3600
    os.utime(old_style, (hour_ago, hour_ago))
    os.utime(someone_elses, (hour_ago, hour_ago))
    assert remove_stale_temporaries(tmp_path) == 1
    assert not ours_dead.exists() and ours_alive.exists() and someone_elses.exists()
    # In wt26desk's own folders, the .tmp files older versions left go too.
    assert remove_stale_temporaries(tmp_path, legacy=True) == 2
    assert not old_style.exists() and not someone_elses.exists() and ours_alive.exists()
