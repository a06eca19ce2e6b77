"""Bundles, import and receipts over two in-process vaults (the CLI test does the same
with real processes)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pyrage
import pytest

from wt26desk.exports import json_format
from wt26desk.handover.bundle import BundleError, ConcernBundle, Receipt, decrypt, parse
from wt26desk.handover.identity import ensure_identity, fingerprint, load_identity, set_name
from wt26desk.handover.service import (
    make_bundle,
    make_receipt,
    open_file,
    receive,
    write_bundle,
    write_receipt,
)
from wt26desk.handover.status import handover_status
from wt26desk.records.model import Child, ConcernRecord
from wt26desk.records.store import RecordStore

T0 = datetime(2026, 11, 30, 10, 41)
T1 = datetime(2026, 11, 30, 11, 2)


def concern(record_id: str = "r1") -> ConcernRecord:
    return ConcernRecord(
        id=record_id,
        status="submitted",
        event_date="2026-11-30",
        children=[Child(id="c1", name="Amira Okafor", date_of_birth="2019-03-04")],
        facts="Amira has a bruise on her cheek.",
    )


def hand_over(sender: RecordStore, dsl: RecordStore, folder: Path, record_id: str = "r1") -> Path:
    if record_id not in sender.vault.record_ids():
        sender.save(concern(record_id))
    sent = make_bundle(
        sender,
        record_id,
        ensure_identity(dsl.vault).recipient,
        marking="OFFICIAL-SENSITIVE",
        summary=lambda r: (True, ("Physical abuse",)),
        now=T0,
    )
    return write_bundle(sender, sent, folder)


def test_identity_is_made_once_kept_secret_and_named(sender: RecordStore) -> None:
    assert load_identity(sender.vault) is None
    first = ensure_identity(sender.vault)
    assert first.recipient.startswith("age1") and first.secret not in repr(first)
    assert ensure_identity(sender.vault) == first
    named = set_name(sender.vault, "  Priya   Teacher ")
    assert named.name == "Priya Teacher" and named.recipient == first.recipient
    assert len(fingerprint(first.recipient).split()) == 4
    actions = [e.action for e in sender.vault.audit_entries()]
    assert "handover.identity-created" in actions


def test_bundle_round_trip_receipt_and_status(
    sender: RecordStore, dsl: RecordStore, tmp_path: Path
) -> None:
    set_name(sender.vault, "Priya Teacher")
    path = hand_over(sender, dsl, tmp_path)
    assert path.parent == tmp_path and path.suffix == ".age"
    assert path.stat().st_mode & 0o777 == 0o644  # encrypted: the DSL may be another user
    mine = sender.get("r1")
    assert mine.handed_over_at == "2026-11-30T10:41:00" and not mine.acknowledged_at
    assert handover_status(mine) == "Handed over 30 November 2026 at 10:41, not yet acknowledged"

    plain = decrypt(path.read_bytes(), ensure_identity(dsl.vault))
    bundle = parse(plain)
    assert isinstance(bundle, ConcernBundle)
    assert bundle.sender.name == "Priya Teacher" and bundle.urgent is True
    assert bundle.harm_areas == ("Physical abuse",)

    received = receive(dsl, path.read_bytes(), now=T1)
    assert isinstance(received, ConcernRecord)
    assert received.received_from == "Priya Teacher"
    assert received.triage.state == "new" and received.handed_over_at == mine.handed_over_at
    assert "record.received" in [e.action for e in dsl.vault.audit_entries()]

    data, after = make_receipt(dsl, "r1", now=T1)
    write_receipt(dsl, data, after, tmp_path)
    assert dsl.get("r1").triage.state == "acknowledged"
    with pytest.raises(BundleError, match="someone else"):
        decrypt(data, ensure_identity(dsl.vault))
    taken = receive(sender, data)
    assert isinstance(taken, Receipt)
    acknowledged = sender.get("r1")
    assert acknowledged.acknowledged_at == "2026-11-30T11:02:00"
    assert handover_status(acknowledged).endswith(
        "acknowledged by Key "
        + ensure_identity(dsl.vault).fingerprint
        + " 30 November 2026 at 11:02"
    )
    with pytest.raises(BundleError, match="already imported"):
        receive(sender, data)


def test_refusals_change_nothing(sender: RecordStore, dsl: RecordStore, tmp_path: Path) -> None:
    path = hand_over(sender, dsl, tmp_path)
    raw = path.read_bytes()
    for bad, message in (
        (raw[:-1], "damaged"),
        (raw[:5], "cut short"),
        (b"PK\x03\x04 not age", "not an age-encrypted"),
        (pyrage.passphrase.encrypt(b"x", "a passphrase here"), "passphrase"),
        (pyrage.encrypt(b"x", [pyrage.x25519.Identity.generate().to_public()]), "someone else"),
    ):
        with pytest.raises(BundleError, match=message):
            receive(dsl, bad)
    flipped = bytearray(raw)
    flipped[len(raw) // 2] ^= 0x40
    with pytest.raises(BundleError, match=r"damaged|not an age"):
        receive(dsl, bytes(flipped))
    assert dsl.records() == []
    receive(dsl, raw)
    with pytest.raises(BundleError, match="already imported"):
        receive(dsl, raw)
    assert len(dsl.vault.history("r1")) == 1


def test_an_older_bundle_is_a_replay_and_a_newer_one_updates(
    sender: RecordStore, dsl: RecordStore, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    first = hand_over(sender, dsl, tmp_path / "a")
    record = dataclasses.replace(sender.get("r1"), facts="Amira has two bruises now.")
    sender.save(record)
    newer = make_bundle(
        sender, "r1", ensure_identity(dsl.vault).recipient, marking="M", now=datetime(2026, 12, 1)
    )
    (tmp_path / "b").mkdir()
    second = write_bundle(sender, newer, tmp_path / "b")
    receive(dsl, second.read_bytes())
    with pytest.raises(BundleError, match="older handover"):
        receive(dsl, first.read_bytes())
    assert dsl.get("r1").facts == "Amira has two bruises now."


def test_a_training_bundle_is_not_taken_into_a_real_vault(
    sender: RecordStore, dsl: RecordStore, tmp_path: Path
) -> None:
    key = ensure_identity(dsl.vault)
    plain = json_format.dump(
        concern(),
        marking="M",
        training=True,
        redacted=[],
        handover={"bundle_id": "b" * 32, "sender": {"recipient": key.recipient, "name": "X"},
                  "sent_at": "2026-11-30T10:00:00"},
    )  # fmt: skip
    data = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(key.recipient)])
    assert "training" in open_file(dsl, data).problem
    with pytest.raises(BundleError, match="training"):
        receive(dsl, data)


def test_a_receipt_needs_a_received_record(dsl: RecordStore) -> None:
    dsl.save(concern())
    with pytest.raises(BundleError, match="not received by handover"):
        make_receipt(dsl, "r1")
    with pytest.raises(BundleError, match="no record"):
        make_receipt(dsl, "missing")


def test_the_identity_survives_a_backup_and_restore(sender: RecordStore, tmp_path: Path) -> None:
    from wt26desk.vault.backup import restore_backup, write_backup
    from wt26desk.vault.vault import Vault

    identity = set_name(sender.vault, "Priya Teacher")
    write_backup(sender.vault, tmp_path / "backup.wt26bak")
    restore_backup(
        tmp_path / "backup.wt26bak", tmp_path / "restored", passphrase="pass phrase here"
    )
    restored = Vault.unlock(tmp_path / "restored", "pass phrase here")
    try:
        assert load_identity(restored) == identity
    finally:
        restored.lock()


def test_a_copy_for_another_key_leaves_the_handover_to_the_dsl_alone(
    sender: RecordStore, dsl: RecordStore, tmp_path: Path
) -> None:
    from wt26desk.handover.service import is_handover

    social_worker = pyrage.x25519.Identity.generate()
    other_key = str(social_worker.to_public())
    dsl_key = ensure_identity(dsl.vault).recipient
    path = hand_over(sender, dsl, tmp_path)
    handed = sender.get("r1")
    assert is_handover(handed, dsl_key) and not is_handover(handed, other_key, dsl_key)

    def copy() -> Path:
        record = sender.get("r1")
        assert not is_handover(record, other_key)
        sent = make_bundle(sender, "r1", other_key, marking="M", now=T1, handover=False)
        (tmp_path / "copies").mkdir(exist_ok=True)
        return write_bundle(sender, sent, tmp_path / "copies")

    copied = copy()
    assert parse(pyrage.decrypt(copied.read_bytes(), [social_worker])).record.id == "r1"
    assert sender.get("r1") == handed  # not a revision: the handover state is untouched
    assert "record.exported" in [e.action for e in sender.vault.audit_entries()]

    receive(dsl, path.read_bytes(), now=T1)
    data, _after = make_receipt(dsl, "r1", now=T1)
    receive(sender, data)  # the DSL's genuine receipt is still taken
    acknowledged = sender.get("r1")
    assert acknowledged.acknowledged_at == "2026-11-30T11:02:00"
    copy()
    assert sender.get("r1").acknowledged_at == acknowledged.acknowledged_at

    assert is_handover(acknowledged, dsl_key)  # a later send to the DSL is a new handover
    again = make_bundle(sender, "r1", dsl_key, marking="M", now=T1)
    assert again.handover and not again.record.acknowledged_at


def test_which_exports_are_handovers(sender: RecordStore) -> None:
    from wt26desk.handover.service import is_handover

    dsl_key = str(pyrage.x25519.Identity.generate().to_public())
    other = str(pyrage.x25519.Identity.generate().to_public())
    fresh = concern()
    assert is_handover(fresh, other)  # no DSL known: the first key given is the DSL's
    assert is_handover(fresh, dsl_key, dsl_key) and not is_handover(fresh, other, dsl_key)
    received = dataclasses.replace(fresh, received_from="Priya")
    assert not is_handover(received, other) and not is_handover(received, dsl_key, dsl_key)


def test_a_key_that_is_not_whole_is_said_to_be_incomplete() -> None:
    from wt26desk.exports.age_bundle import AgeError, encrypt, recipient_problem

    key = str(pyrage.x25519.Identity.generate().to_public())
    assert recipient_problem(key) == "" and recipient_problem(f"  {key}\n") == ""
    short = recipient_problem(key[:-1])
    assert "not a complete age public key" in short
    assert "61 characters" in short and "starts with age1 and is 62" in short
    assert "a character in it is wrong" in recipient_problem(key[:-1] + "!")
    assert "starts with age1 and is 62" in recipient_problem("hello")
    assert "secret key" in recipient_problem(str(pyrage.x25519.Identity.generate()))
    with pytest.raises(AgeError, match="not a complete age public key"):
        encrypt(b"x", recipient=key[:-1])
