"""What the window and the commands do with handover files, over a RecordStore:
send a record to the DSL, receive a bundle, write a receipt, and take a receipt in.
Every step is checked before anything is saved, so a refused file changes nothing; each
accepted one is kept as a revision and logged in the vault's audit log."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wt26desk.errors import VaultError
from wt26desk.exports import json_format
from wt26desk.fileio import atomic_write_bytes, remove_stale_temporaries
from wt26desk.handover.bundle import (
    BundleError,
    ConcernBundle,
    Receipt,
    Sender,
    decrypt,
    encrypt_to,
    handover_block,
    new_bundle_id,
    parse,
    receipt_bytes,
)
from wt26desk.handover.identity import Identity, ensure_identity, fingerprint
from wt26desk.handover.status import when
from wt26desk.records.model import ConcernRecord, Handover, Triage
from wt26desk.records.store import RecordStore

# Bundles and receipts are encrypted: readable by others, so that a colleague sharing the
# folder (a shared drive, a group folder on one computer) can pick them up.
SHARED = 0o644
Summary = Callable[[ConcernRecord], tuple[bool, tuple[str, ...]]]


def now_text(now: datetime | None = None) -> str:
    return (now or datetime.now()).isoformat(timespec="seconds")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sender_name(identity: Identity, record: ConcernRecord, organisation: str = "") -> str:
    """How the bundle names who sent it: the vault's own name for itself, else who signed
    the record, else the organisation, else the key's fingerprint."""
    name = identity.name or record.sign_off.name.strip()
    if name and organisation:
        return f"{name}, {organisation}"
    return name or organisation or f"Key {identity.fingerprint}"


@dataclass(frozen=True)
class Sent:
    data: bytes  # the .age file
    sha256: str
    record: ConcernRecord  # as saved, with when it was handed over (a copy: unchanged)
    file_name: str
    handover: bool = True  # False: a copy for another key, which changes no handover state
    recipient: str = ""  # the key it is encrypted to


def is_handover(record: ConcernRecord, recipient: str, dsl_key: str = "") -> bool:
    """Whether an export of `record` to `recipient` is a handover (it becomes the record's
    handover state, awaiting that key's receipt) or a copy (the record is unchanged).

    A received record is never handed on by an export. A record already handed over is
    handed over again only to the key it went to; any other key gets a copy. A record not
    yet handed over is handed over to the DSL's key this vault knows (`dsl_key`: the one
    Send to DSL last used, else the organisation's), or, when none is known, to the key
    given."""
    recipient = recipient.strip()
    if record.received_from:
        return False
    if record.handover.recipient:
        return recipient == record.handover.recipient
    return not dsl_key.strip() or recipient == dsl_key.strip()


def bundle_file_name(record_id: str, bundle_id: str) -> str:
    return f"concern-{record_id}-{bundle_id[:8]}.age"


def make_bundle(
    store: RecordStore,
    record_id: str,
    recipient: str,
    *,
    marking: str,
    organisation: str = "",
    summary: Summary | None = None,
    now: datetime | None = None,
    handover: bool = True,
) -> Sent:
    """The encrypted bundle in memory, and the record as it will be once it is written.
    `handover=False`: a copy for another key (see `is_handover`); the record is unchanged."""
    identity = ensure_identity(store.vault)
    record = store.get(record_id)
    urgent, areas = summary(record) if summary is not None else (None, ())
    moment = now_text(now)
    bundle_id = new_bundle_id()
    block = handover_block(
        identity,
        name=sender_name(identity, record, organisation),
        bundle_id=bundle_id,
        sent_at=moment,
        urgent=urgent,
        harm_areas=areas,
    )
    plain = json_format.dump(
        record, marking=marking, training=store.training, redacted=[], handover=block
    )
    data = encrypt_to(plain, recipient)
    digest = sha256(data)
    if not handover:
        name = bundle_file_name(record_id, bundle_id)
        return Sent(data, digest, record, name, handover=False, recipient=recipient.strip())
    after = dataclasses.replace(
        record,
        handed_over_at=moment,
        acknowledged_at="",
        bundle_sha256=digest,
        handover=dataclasses.replace(
            record.handover,
            bundle_id=bundle_id,
            recipient=recipient.strip(),
            sent_at=moment,
            acknowledged_by="",
        ),
    )
    name = bundle_file_name(record_id, bundle_id)
    return Sent(data, digest, after, name, handover=True, recipient=recipient.strip())


def write_bundle(store: RecordStore, sent: Sent, target: Path) -> Path:
    """Write atomically (a folder gets the bundle's own name), save and log the handover;
    a copy (`sent.handover` False) is only written and logged as an export."""
    target = Path(target).expanduser()
    if target.is_dir():
        target = target / sent.file_name
    if not target.parent.is_dir():
        raise BundleError(f"The folder {target.parent} does not exist.")
    remove_stale_temporaries(target.parent)
    atomic_write_bytes(target, sent.data, mode=SHARED)
    if not sent.handover:
        store.vault.record_event(
            "record.exported",
            record=sent.record.id,
            format="json+age",
            to=fingerprint(sent.recipient),
            target=str(target.resolve()),
            sha256=sent.sha256,
            bytes=len(sent.data),
        )
        return target
    store.save(sent.record)
    store.vault.record_event(
        "record.handed-over",
        record=sent.record.id,
        to=fingerprint(sent.record.handover.recipient),
        bundle=sent.record.handover.bundle_id,
        target=str(target.resolve()),
        sha256=sent.sha256,
        bytes=len(sent.data),
    )
    return target


@dataclass(frozen=True)
class Opened:
    """A handover file decrypted in memory: what it is and whether it can be taken in."""

    sha256: str
    item: ConcernBundle | Receipt
    problem: str  # "" if it can be imported


def open_file(store: RecordStore, raw: bytes, identity: Identity | None = None) -> Opened:
    identity = identity or ensure_identity(store.vault)
    item = parse(decrypt(raw, identity))
    digest = sha256(raw)
    try:
        if isinstance(item, Receipt):
            _check_receipt(store, item)
        else:
            _check_bundle(store, item, digest)
    except BundleError as exc:
        return Opened(digest, item, str(exc))
    return Opened(digest, item, "")


def _existing(store: RecordStore, record_id: str) -> ConcernRecord | None:
    try:
        return store.get(record_id)
    except VaultError:  # no such record, or not a concern
        return None


def _check_bundle(store: RecordStore, bundle: ConcernBundle, digest: str) -> None:
    if bundle.training and not store.training:
        raise BundleError("That bundle came from a training vault; it is not imported here.")
    try:  # the stored document as it is: listing a large inbox builds no records
        old = store.vault.get(bundle.record.id)
    except VaultError:
        return
    stored = old.get("handover")
    handover: dict[str, object] = stored if isinstance(stored, dict) else {}
    if old.get("kind") != "concern" or not old.get("received_from"):
        raise BundleError(
            f"This vault already holds record {bundle.record.id} as its own; a bundle of it "
            "is not imported over it."
        )
    if old.get("bundle_sha256") == digest or handover.get("bundle_id") == bundle.bundle_id:
        raise BundleError(
            f"This bundle was already imported (received {when(str(old.get('received_at')))}); "
            "it was not imported again."
        )
    if handover.get("sender_key") != bundle.sender.recipient:
        raise BundleError(
            f"Record {bundle.record.id} was received from another sender; this bundle is "
            "not imported over it."
        )
    if bundle.sent_at <= str(handover.get("sent_at", "")):
        raise BundleError(
            "This is an older handover of a record already received (a replay); nothing "
            "was imported."
        )


def receive(
    store: RecordStore, raw: bytes, *, identity: Identity | None = None, now: datetime | None = None
) -> ConcernRecord | Receipt:
    """Import a concern bundle (as a received record) or a receipt; refuse anything else."""
    opened = open_file(store, raw, identity)
    if opened.problem:
        raise BundleError(opened.problem)
    if isinstance(opened.item, Receipt):
        apply_receipt(store, opened.item)
        return opened.item
    return accept(store, opened, now=now)


def accept(store: RecordStore, opened: Opened, *, now: datetime | None = None) -> ConcernRecord:
    bundle = opened.item
    if not isinstance(bundle, ConcernBundle) or opened.problem:
        raise BundleError(opened.problem or "That file is a receipt, not a concern.")
    old = _existing(store, bundle.record.id)
    moment = now_text(now)
    record = dataclasses.replace(
        bundle.record,
        handed_over_at=bundle.sent_at,
        acknowledged_at="",  # a new handover: acknowledged once its receipt is written
        received_from=bundle.sender.name or f"Key {fingerprint(bundle.sender.recipient)}",
        received_at=moment,
        bundle_sha256=opened.sha256,
        handover=Handover(
            bundle_id=bundle.bundle_id,
            sender_key=bundle.sender.recipient,
            sent_at=bundle.sent_at,
        ),
        triage=old.triage if old else Triage(state="new", updated_at=moment),
    )
    revision = store.save(record)
    store.vault.record_event(
        "record.received",
        record=record.id,
        revision=revision,
        sender=record.received_from,
        sender_key=fingerprint(bundle.sender.recipient),
        bundle=bundle.bundle_id,
        sha256=opened.sha256,
    )
    return record


def make_receipt(
    store: RecordStore, record_id: str, *, now: datetime | None = None
) -> tuple[bytes, ConcernRecord]:
    """The receipt for a received record, encrypted to its sender, and the record as it
    will be (acknowledged) once the receipt is written; see `write_receipt`."""
    identity = ensure_identity(store.vault)
    record = _existing(store, record_id)
    if record is None:
        raise BundleError(f"There is no record {record_id} in this vault.")
    if not record.handover.sender_key:
        raise BundleError(
            f"Record {record_id} was not received by handover, so there is no one to send a "
            "receipt to."
        )
    moment = now_text(now)
    receipt = Receipt(
        record_id=record.id,
        bundle_id=record.handover.bundle_id,
        acknowledged_at=moment,
        by=Sender(identity.recipient, identity.name or f"Key {identity.fingerprint}"),
    )
    data = encrypt_to(receipt_bytes(receipt), record.handover.sender_key)
    triage = record.triage
    if triage.state in ("", "new"):
        triage = dataclasses.replace(triage, state="acknowledged", updated_at=moment)
    after = dataclasses.replace(
        record,
        acknowledged_at=record.acknowledged_at or moment,
        handover=dataclasses.replace(record.handover, receipt_written_at=moment),
        triage=triage,
    )
    return data, after


def receipt_file_name(record: ConcernRecord) -> str:
    return f"receipt-{record.id}-{record.handover.bundle_id[:8]}.age"


def write_receipt(store: RecordStore, data: bytes, record: ConcernRecord, target: Path) -> Path:
    target = Path(target).expanduser()
    if target.is_dir():
        target = target / receipt_file_name(record)
    if not target.parent.is_dir():
        raise BundleError(f"The folder {target.parent} does not exist.")
    remove_stale_temporaries(target.parent)
    atomic_write_bytes(target, data, mode=SHARED)
    store.save(record)
    store.vault.record_event(
        "record.receipt-written",
        record=record.id,
        bundle=record.handover.bundle_id,
        to=fingerprint(record.handover.sender_key),
        target=str(target.resolve()),
        sha256=sha256(data),
    )
    return target


def _check_receipt(store: RecordStore, receipt: Receipt) -> None:
    record = _existing(store, receipt.record_id)
    if record is None:
        raise BundleError(
            f"This receipt is for record {receipt.record_id}, which is not in this vault; "
            "nothing was imported."
        )
    if record.handover.bundle_id != receipt.bundle_id:
        raise BundleError(
            f"This receipt does not match the last handover of record {receipt.record_id} "
            "(it is for an earlier bundle, or one this vault did not send); nothing was "
            "imported."
        )
    if record.handover.recipient and record.handover.recipient != receipt.by.recipient:
        raise BundleError(
            "This receipt comes from a different key than the one the record was handed to; "
            "nothing was imported."
        )
    if record.acknowledged_at:
        raise BundleError(
            f"This receipt was already imported: record {record.id} was acknowledged "
            f"{when(record.acknowledged_at)}."
        )


def apply_receipt(store: RecordStore, receipt: Receipt) -> ConcernRecord:
    _check_receipt(store, receipt)
    record = store.get(receipt.record_id)
    after = dataclasses.replace(
        record,
        acknowledged_at=receipt.acknowledged_at,
        handover=dataclasses.replace(record.handover, acknowledged_by=receipt.by.name),
    )
    store.save(after)
    store.vault.record_event(
        "record.acknowledged",
        record=record.id,
        bundle=receipt.bundle_id,
        by=receipt.by.name,
        by_key=fingerprint(receipt.by.recipient),
    )
    return after
