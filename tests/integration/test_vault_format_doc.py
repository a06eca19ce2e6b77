"""docs/vault-format.md is complete: an independent program written from it alone
(docs/decrypt_vault.py, which imports nothing from wt26desk) decrypts a real vault."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

DECRYPTOR = Path(__file__).resolve().parents[2] / "docs" / "decrypt_vault.py"


def decrypt(folder: Path, passphrase: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DECRYPTOR), str(folder)],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_decryptor_is_independent_of_wt26desk() -> None:
    tree = ast.parse(DECRYPTOR.read_text())
    modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    modules |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m.startswith("wt26desk") for m in modules)


def test_independent_program_decrypts_a_vault(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, "independent check", kdf=KdfParams.floor())
    vault.put("a", {"text": "first"})
    vault.put("a", {"text": "first, revised", "child": "Zoë Ng"})
    vault.put("b", {"text": "second"})
    vault.change_passphrase("changed passphrase", kdf=KdfParams.floor())
    vault.lock()
    result = decrypt(folder, "changed passphrase")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [
        {"id": "a", "revision": 2, "document": {"text": "first, revised", "child": "Zoë Ng"}},
        {"id": "b", "revision": 1, "document": {"text": "second"}},
    ]
    assert decrypt(folder, "independent check").returncode != 0
