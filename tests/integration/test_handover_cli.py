"""Issue 18 end to end: two real vaults in separate data folders, real processes. The
practitioner hands a record to the DSL's key, the DSL imports it, writes a receipt, and
the practitioner imports that. The `age` tool opens the bundle with the DSL's identity
(the format is standard); bad files are refused clearly; no plaintext lands anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pyrage
import pytest

from wt26desk.handover.bundle import Receipt, Sender, encrypt_to, receipt_bytes
from wt26desk.handover.identity import load_identity
from wt26desk.records.model import Child, ConcernRecord, Quote, SignOff
from wt26desk.records.store import RecordStore
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .cli_runner import run_cli

PASS = "handover test passphrase"
CANARY = "Zebracanary told me the blue van man 7781 keeps her phone"


def make_vault(data_dir: Path, *records: ConcernRecord) -> None:
    vault, _ = Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())
    store = RecordStore(vault)
    for record in records:
        store.save(record)
    vault.lock()


class Side:
    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        self.data_dir = data_dir
        self.env = env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, data_dir=self.data_dir, stdin=PASS + "\n", env=self.env)

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout

    def refused(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 1, (done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("error: ")
        return done.stderr

    def records(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.ok("records", "list", "--json"))["records"]
        return rows

    def identity(self) -> dict[str, str]:
        shown: dict[str, str] = json.loads(self.ok("identity", "show", "--json"))
        return shown

    def secret(self) -> str:
        vault = Vault.unlock(self.data_dir / "vault", PASS)
        try:
            identity = load_identity(vault)
            assert identity is not None
            return identity.secret
        finally:
            vault.lock()


def record() -> ConcernRecord:
    return ConcernRecord(
        id="rec0001handov",
        status="submitted",
        event_date="2026-11-20",
        event_time="09:10",
        children=[Child(name="Amira Okafor", date_of_birth="2019-03-04", setting="Anytown")],
        facts=f"At break Amira said: {CANARY}. She was quiet all morning.",
        quotes=[Quote(text=CANARY)],
        sign_off=SignOff(name="Priya Teacher", role="Class teacher", date="2026-11-20"),
    )


@pytest.mark.slow
def test_two_vaults_hand_over_receive_and_acknowledge(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    practitioner = Side(tmp_path / "practitioner", env)
    dsl = Side(tmp_path / "dsl", env)
    folder = tmp_path / "handover"
    folder.mkdir()
    make_vault(practitioner.data_dir, record())
    make_vault(dsl.data_dir)
    dsl.ok("identity", "name", "Sam Lead, DSL")
    practitioner.ok("identity", "name", "Priya Teacher")
    dsl_key = dsl.identity()["recipient"]
    assert dsl_key.startswith("age1")
    assert dsl.identity()["recipient"] == dsl_key  # made once, kept in the vault

    bundle = folder / "to-dsl.age"
    out = practitioner.ok(
        "export", "rec0001handov", "--format", "age", "--inner", "json",
        "--recipient", dsl_key, "--out", str(bundle),
    )  # fmt: skip
    assert "not yet acknowledged" in out
    [sent] = practitioner.records()
    assert sent["handed_over_at"] and not sent["acknowledged_at"]

    # A copy for a social worker's key changes nothing about the handover to the DSL.
    social_worker = str(pyrage.x25519.Identity.generate().to_public())

    def copy_for_social_worker() -> None:
        out = practitioner.ok(
            "export", "rec0001handov", "--format", "age", "--inner", "json",
            "--recipient", social_worker, "--out", str(tmp_path / "for-social-worker.age"),
        )  # fmt: skip
        assert "its handover to the DSL is unchanged" in out

    copy_for_social_worker()
    assert practitioner.records() == [sent]

    # The standard age tool opens it with the DSL's identity (exported for this test only).
    if shutil.which("age") is not None:
        key_file = tmp_path / "dsl-identity.txt"
        key_file.write_text(dsl.secret() + "\n")
        opened = subprocess.run(
            ["age", "-d", "-i", str(key_file), str(bundle)], capture_output=True, check=True
        )
        inner = json.loads(opened.stdout)
        assert inner["schema"] == "wt26desk-referral"
        assert inner["record"]["id"] == "rec0001handov"
        assert inner["handover"]["sender"] == {
            "recipient": practitioner.identity()["recipient"],
            "name": "Priya Teacher",
        }
        key_file.unlink()

    # Refusals before the real import: nothing is imported by any of them.
    damaged = bytearray(bundle.read_bytes())
    damaged[-30] ^= 0x01
    (tmp_path / "flipped.age").write_bytes(bytes(damaged))
    assert "damaged" in dsl.refused("import", str(tmp_path / "flipped.age"))
    (tmp_path / "cut.age").write_bytes(bundle.read_bytes()[:-40])
    assert "damaged" in dsl.refused("import", str(tmp_path / "cut.age"))
    (tmp_path / "header.age").write_bytes(bundle.read_bytes()[:10])
    assert "cut short" in dsl.refused("import", str(tmp_path / "header.age"))
    stranger = pyrage.x25519.Identity.generate().to_public()
    (tmp_path / "other.age").write_bytes(pyrage.encrypt(b"{}", [stranger]))
    assert "addressed to someone else" in dsl.refused("import", str(tmp_path / "other.age"))
    assert dsl.records() == []

    out = dsl.ok("import", str(bundle))
    assert "from Priya Teacher" in out
    [received] = dsl.records()
    assert received["id"] == "rec0001handov"
    assert received["received_from"] == "Priya Teacher"
    assert received["received_at"] and received["triage"] == "new"
    assert received["bundle_sha256"] == sent["bundle_sha256"]
    assert "already imported" in dsl.refused("import", str(bundle))  # a replay
    assert len(dsl.records()) == 1 and dsl.records()[0]["received_at"] == received["received_at"]

    assert "not received by handover" not in dsl.ok(
        "receipt", "rec0001handov", "--out", str(folder / "receipt.age")
    )
    [acked] = dsl.records()
    assert acked["acknowledged_at"] and acked["triage"] == "acknowledged"
    assert acked["overdue"] is False
    assert "no record" in dsl.refused("receipt", "nosuchrecord", "--out", str(tmp_path / "x.age"))

    # Triage: no further action needs a reason; a passed follow-up date is overdue.
    assert "reason is required" in dsl.refused(
        "triage", "rec0001handov", "--state", "no-further-action"
    )
    dsl.ok("triage", "rec0001handov", "--state", "actioned", "--follow-up", "2026-01-05")
    [triaged] = dsl.records()
    assert triaged["triage"] == "actioned" and triaged["overdue"] is True
    dsl.ok(
        "triage", "rec0001handov", "--state", "no-further-action",
        "--reason", "Seen by the school nurse; explained",
    )  # fmt: skip
    assert dsl.records()[0]["overdue"] is False
    assert "Only a concern received" in practitioner.refused(
        "triage", "rec0001handov", "--state", "new"
    )

    # The receipt is for the practitioner only: the DSL's own key cannot open it.
    assert "addressed to someone else" in dsl.refused("import", str(folder / "receipt.age"))
    out = practitioner.ok("import", str(folder / "receipt.age"))
    assert "acknowledged by Sam Lead, DSL" in out
    [done] = practitioner.records()
    assert done["acknowledged_at"] == acked["acknowledged_at"]
    copy_for_social_worker()
    assert practitioner.records() == [done]
    assert "already imported" in practitioner.refused("import", str(folder / "receipt.age"))

    # A receipt for a record the practitioner does not have.
    forged = Receipt("nosuchrecord", "0" * 32, "2026-11-21T10:00:00", Sender(dsl_key, "Sam"))
    (tmp_path / "forged.age").write_bytes(
        encrypt_to(receipt_bytes(forged), practitioner.identity()["recipient"])
    )
    assert "not in this vault" in practitioner.refused("import", str(tmp_path / "forged.age"))
    assert practitioner.records()[0]["acknowledged_at"] == acked["acknowledged_at"]

    # Canary: the handover folder holds only age files; no plaintext anywhere on disk.
    assert sorted(p.name for p in folder.iterdir()) == ["receipt.age", "to-dsl.age"]
    assert all(p.read_bytes().startswith(b"age-encryption.org/v1\n") for p in folder.iterdir())
    words = [CANARY.encode(), b"Zebracanary", b"Amira Okafor"]
    for path in (folder, temp, practitioner.data_dir, dsl.data_dir):
        for file in path.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                assert not any(w in data for w in words), file
