"""The two kinds of handover file, both age-encrypted (docs/export-format.md):

- a **concern bundle**: the referral JSON export (schema `wt26desk-referral`) with a
  `handover` block naming the sender's age recipient and name, a random bundle id (the
  proof a receipt must echo), when it was made, and a summary for the inbox;
- a **receipt** (schema `wt26desk-receipt`): the record id, the bundle id, when and by
  whom it was acknowledged; encrypted to the sender, so it tells no one else anything.

Everything here works on bytes in memory: decrypting never writes plaintext anywhere."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

import pyrage

from wt26desk.errors import Wt26Error
from wt26desk.exports import age_bundle, json_format
from wt26desk.handover.identity import Identity, valid_recipient
from wt26desk.parsing import InputError, dumps_json, loads_json
from wt26desk.records.model import ConcernRecord

AGE_MAGIC = b"age-encryption.org/v1\n"
RECEIPT_SCHEMA = "wt26desk-receipt"
RECEIPT_VERSION = 1
MAX_BYTES = 17 * 1024 * 1024  # a 16 MiB export and age's overhead
MAX_TEXT = 2000


class BundleError(Wt26Error):
    """The file cannot be used; nothing was imported."""


@dataclass(frozen=True)
class Sender:
    recipient: str
    name: str


@dataclass(frozen=True)
class ConcernBundle:
    record: ConcernRecord
    sender: Sender
    bundle_id: str
    sent_at: str
    training: bool
    urgent: bool | None  # None: the sender gave no summary
    harm_areas: tuple[str, ...]


@dataclass(frozen=True)
class Receipt:
    record_id: str
    bundle_id: str
    acknowledged_at: str
    by: Sender


def new_bundle_id() -> str:
    return secrets.token_hex(16)


def handover_block(
    sender: Identity,
    *,
    name: str,
    bundle_id: str,
    sent_at: str,
    urgent: bool | None = None,
    harm_areas: tuple[str, ...] = (),
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "bundle_id": bundle_id,
        "sender": {"recipient": sender.recipient, "name": name},
        "sent_at": sent_at,
    }
    if urgent is not None:
        block["summary"] = {"urgent": urgent, "harm_areas": list(harm_areas)}
    return block


def encrypt_to(data: bytes, recipient: str) -> bytes:
    try:
        return age_bundle.encrypt(data, recipient=recipient)
    except age_bundle.AgeError as exc:
        raise BundleError(str(exc)) from exc


def decrypt(raw: bytes, identity: Identity) -> bytes:
    """The plaintext, in memory; a clear refusal for anything else."""
    if len(raw) > MAX_BYTES:
        raise BundleError("The file is larger than 17 MiB: not a handover bundle.")
    if not raw.startswith(AGE_MAGIC):
        if len(raw) < len(AGE_MAGIC) and AGE_MAGIC.startswith(raw):
            raise BundleError("The file is cut short (truncated): it ends in its header.")
        raise BundleError("The file is not an age-encrypted bundle.")
    header = raw[: raw.find(b"\n---")] if b"\n---" in raw else raw
    if b"-> scrypt" in header:
        raise BundleError(
            "The file is encrypted with a passphrase, not to this vault's key; open it with "
            "the age tool and the passphrase."
        )
    try:
        plain: bytes = pyrage.decrypt(raw, [identity.age_identity()])
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise BundleError(
                "The file is addressed to someone else: this vault's key "
                f"({identity.fingerprint}) cannot open it. Nothing was imported."
            ) from None
        raise BundleError(
            "The file is damaged: it was changed or cut short after it was encrypted (its "
            "integrity check failed). Nothing was imported; ask the sender to send it again."
        ) from None
    return plain


def _text(data: Any, where: str, *, required: bool = True) -> str:
    if not isinstance(data, str) or len(data) > MAX_TEXT or (required and not data.strip()):
        raise BundleError(f"The bundle's {where} is missing or not text.")
    return data


def _sender(data: Any, where: str) -> Sender:
    if not isinstance(data, dict):
        raise BundleError(f"The bundle's {where} is missing.")
    recipient = _text(data.get("recipient"), f"{where}.recipient")
    if not valid_recipient(recipient):
        raise BundleError(f"The bundle's {where}.recipient is not an age public key.")
    return Sender(recipient, _text(data.get("name", ""), f"{where}.name", required=False))


def parse(plain: bytes) -> ConcernBundle | Receipt:
    """A decrypted handover file: a concern bundle or a receipt."""
    try:
        head = loads_json(plain)
    except (UnicodeDecodeError, json.JSONDecodeError, InputError):
        raise BundleError("The decrypted file is not a wt26desk bundle (not JSON).") from None
    if isinstance(head, dict) and head.get("schema") == RECEIPT_SCHEMA:
        return _receipt(head)
    if len(plain) > json_format.MAX_BYTES:
        raise BundleError("The decrypted file is larger than 16 MiB: not a wt26desk bundle.")
    try:
        record, envelope = json_format.from_data(head)
    except json_format.ImportFormatError as exc:
        raise BundleError(f"The decrypted file is not a wt26desk bundle: {exc}") from None
    block = envelope.get("handover")
    if not isinstance(block, dict):
        raise BundleError(
            "The file holds a referral export but no sender (it was not handed over from "
            "wt26desk): import it with the age tool and `wt26desk import FILE.json`."
        )
    summary = block.get("summary")
    urgent: bool | None = None
    areas: tuple[str, ...] = ()
    if isinstance(summary, dict):
        urgent = summary.get("urgent") if isinstance(summary.get("urgent"), bool) else None
        raw_areas = summary.get("harm_areas", [])
        if isinstance(raw_areas, list):
            areas = tuple(str(a)[:200] for a in raw_areas[:40] if isinstance(a, str))
    return ConcernBundle(
        record=record,
        sender=_sender(block.get("sender"), "handover.sender"),
        bundle_id=_text(block.get("bundle_id"), "handover.bundle_id")[:64],
        sent_at=_text(block.get("sent_at"), "handover.sent_at")[:40],
        training=bool(envelope.get("training")),
        urgent=urgent,
        harm_areas=areas,
    )


def _receipt(data: dict[str, Any]) -> Receipt:
    if data.get("version") != RECEIPT_VERSION:
        raise BundleError(
            f"The receipt is version {data.get('version')!r}; this wt26desk reads version "
            f"{RECEIPT_VERSION}."
        )
    return Receipt(
        record_id=_text(data.get("record"), "record")[:128],
        bundle_id=_text(data.get("bundle_id"), "bundle_id")[:64],
        acknowledged_at=_text(data.get("acknowledged_at"), "acknowledged_at")[:40],
        by=_sender(data.get("by"), "by"),
    )


def receipt_bytes(receipt: Receipt) -> bytes:
    document = {
        "schema": RECEIPT_SCHEMA,
        "version": RECEIPT_VERSION,
        "record": receipt.record_id,
        "bundle_id": receipt.bundle_id,
        "acknowledged_at": receipt.acknowledged_at,
        "by": {"recipient": receipt.by.recipient, "name": receipt.by.name},
    }
    return (dumps_json(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()
