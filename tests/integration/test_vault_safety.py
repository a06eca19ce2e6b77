"""No plaintext on disk, nothing lost when the process is killed or the disk fills."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wt26desk.errors import VaultFullError
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

PASS = "correct horse battery"
CANARY = "CANARY-7f3a9c-DO-NOT-WRITE"

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from wt26desk.vault.vault import Vault
    folder, start = Path(sys.argv[1]), int(sys.argv[2])
    vault = Vault.unlock(folder, sys.argv[3])
    n = start
    while True:
        vault.put(f"note-{n}", {"text": f"note {n} " + "x" * (n % 700)})
        if n % 3 == 0:
            vault.put(f"note-{n}", {"text": f"note {n} revised"})
            vault.save_draft("d", {"text": f"draft {n}"})
        print(n, flush=True)
        n += 1
""")


def expected_text(n: int) -> str:
    return f"note {n} revised" if n % 3 == 0 else f"note {n} " + "x" * (n % 700)


def test_killed_mid_write_loses_nothing_committed(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASS, kdf=KdfParams.floor())[0].lock()
    committed: list[int] = []
    rng = random.Random(26)
    for _round in range(6):
        start = committed[-1] + 1 if committed else 0
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(start), PASS],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        target = rng.randint(5, 40)
        for line in proc.stdout:
            committed.append(int(line))
            if len(committed) - start >= target:
                break
        proc.send_signal(signal.SIGKILL)  # mid-write: the next put is under way
        proc.wait()
        proc.stdout.close()
    vault = Vault.unlock(folder, PASS)
    try:
        for n in committed:
            assert vault.get(f"note-{n}")["text"] == expected_text(n)
        assert vault.verify() == []
    finally:
        vault.lock()


def test_canary_never_reaches_the_disk(tmp_path: Path) -> None:
    data, tmp = tmp_path / "data", tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), WT26DESK_KDF_PROFILE="minimum")
    script = textwrap.dedent(f"""
        from pathlib import Path
        from wt26desk.paths import resolve_paths
        from wt26desk.settings import Settings, save_settings
        from wt26desk.vault.backup import write_backup
        from wt26desk.vault.crypto import KdfParams
        from wt26desk.vault.vault import Vault
        paths = resolve_paths({str(data)!r})
        paths.ensure()
        save_settings(paths.settings_file, Settings(last_item="A1"))
        vault, _ = Vault.create(paths.vault_dir, {PASS!r}, kdf=KdfParams.floor())
        for n in range(200):
            vault.put(f"r{{n % 20}}", {{"text": "{CANARY} " + str(n), "child": "{CANARY}"}})
        vault.save_draft("d", {{"text": "{CANARY} draft"}})
        print(vault.search("{CANARY.lower()}")[:3])
        write_backup(vault, Path({str(tmp_path / "backup.bin")!r}))
        # leave the WAL in place: inspect files while the connection is still open
        import sys
        for p in sorted(Path({str(tmp_path)!r}).rglob("*")):
            if p.is_file() and b"{CANARY}" in p.read_bytes():
                print("FOUND", p)
                sys.exit(3)
        vault.lock()
    """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "r0" in result.stdout  # the search found the notes, in memory
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files) or any(
        p.name == "vault.sqlite" for p in files
    )
    for path in files:
        assert CANARY.encode() not in path.read_bytes(), path
        assert CANARY.encode("utf-16-le") not in path.read_bytes(), path


def test_a_really_full_disk_loses_nothing(tiny_filesystem: Path) -> None:
    folder = tiny_filesystem / "vault"
    vault, _ = Vault.create(folder, PASS, kdf=KdfParams.floor())
    saved = []
    with pytest.raises(VaultFullError):
        for n in range(10_000):
            vault.put(f"n{n}", {"text": os.urandom(3000).hex()})
            saved.append(n)
    vault.lock()
    assert saved, "the disk should hold a few notes before it fills"
    again = Vault.unlock(folder, PASS)
    try:
        assert sorted(again.record_ids()) == sorted(f"n{n}" for n in saved)
        assert again.verify() == []
    finally:
        again.lock()
