"""Issue 15, item 15: after lock, how many copies of the keys are left in the process's
memory? A child process unlocks, works and locks; this test reads the child's memory
through /proc and counts every copy of each key (the needles live only in this process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wt26desk.vault.crypto import derive_from_passphrase
from wt26desk.vault.vault import Vault, read_header

from .conftest import FLOOR

PASSPHRASE = "memory scan: Zoë's passphrase 7Q"

CHILD = textwrap.dedent("""
    import gc, sys
    from pathlib import Path
    from wt26desk.vault.backup import write_backup
    from wt26desk.vault.vault import Vault
    folder = Path(sys.argv[1])
    vault = Vault.unlock(folder, sys.stdin.readline().rstrip("\\n"))
    vault.put("r1", {"text": "a note"})
    vault.save_draft("d1", {"text": "a draft"})
    assert vault.verify() == []
    job = vault.verify_in_background()
    job.wait()
    write_backup(vault, folder.parent / "backup.bin")
    vault.change_passphrase(sys.stdin.readline().rstrip("\\n"), kdf=vault.header.kdf)
    print("unlocked", flush=True)
    sys.stdin.readline()
    vault.lock()
    del vault, job
    gc.collect()
    print("locked", flush=True)
    sys.stdin.readline()
""")


def count_in_memory(pid: int, needles: dict[str, bytes]) -> dict[str, int]:
    counts = dict.fromkeys(needles, 0)
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            match = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
            assert match is not None
            start, end, perms = int(match[1], 16), int(match[2], 16), match[3]
            if "r" not in perms or "[vvar" in line or "[vsyscall" in line:
                continue
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            for name, needle in needles.items():
                counts[name] += data.count(needle)
    return counts


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_no_key_survives_lock_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf=FLOOR())
    new_passphrase = PASSPHRASE + " (changed)"
    keys = vault._k()
    needles = {
        name: bytes(keys.key(name))
        for name in ("vault", "blob", "audit_enc", "audit_mac", "state", "backup", "header")
    }
    needles["passphrase key"] = bytes(derive_from_passphrase(PASSPHRASE, read_header(folder).kdf))
    needles["new passphrase key"] = bytes(
        derive_from_passphrase(new_passphrase, read_header(folder).kdf)
    )
    vault.lock()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(PASSPHRASE + "\n" + new_passphrase + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "unlocked"
        try:
            while_unlocked = count_in_memory(child.pid, needles)
        except PermissionError:
            pytest.skip("this system does not allow reading a child's memory")
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "locked"
        counts = count_in_memory(child.pid, needles)
        passphrase_copies = count_in_memory(child.pid, {"p": PASSPHRASE.encode()})["p"]
    finally:
        child.stdin.write("\n")
        child.stdin.close()
        child.wait(timeout=30)
        child.stdout.close()
    print("copies while unlocked:", while_unlocked)
    print("copies after lock:", counts, "passphrase (UTF-8):", passphrase_copies)
    # The scan finds the keys that are in use (so finding none after lock means something).
    assert all(while_unlocked[name] >= 1 for name in ("vault", "blob", "state", "header"))
    # Every key: no copy at all after lock (format 1 left about 11 of each).
    assert counts == dict.fromkeys(needles, 0)
    # The passphrase arrives as an immutable str; see docs/vault-format.md.
    assert passphrase_copies <= 4
