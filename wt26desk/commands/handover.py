"""`wt26desk identity show|name`, `wt26desk receipt RECORD_ID --out FILE.age`, `wt26desk
triage RECORD_ID --state STATE [--reason TEXT] [--follow-up DATE]`, and the
age side of `wt26desk import FILE.age` (a concern bundle or a receipt)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wt26desk.commands.context import EXIT_OK, Context
from wt26desk.commands.secrets import SecretReader
from wt26desk.commands.terminal import shown
from wt26desk.commands.vault import unlock
from wt26desk.errors import Wt26Error
from wt26desk.handover.bundle import Receipt
from wt26desk.handover.identity import ensure_identity, set_name
from wt26desk.handover.service import make_receipt, receive, write_receipt
from wt26desk.handover.status import when
from wt26desk.records.store import RecordStore


def run(args: argparse.Namespace, ctx: Context) -> int:
    vault = unlock(ctx, SecretReader(err=ctx.err))
    try:
        store = RecordStore(vault)
        if args.command == "identity":
            return _identity(args, ctx, store)
        if args.command == "triage":
            return _triage(args, ctx, store)
        return _receipt(args, ctx, store)
    finally:
        vault.lock()


def _identity(args: argparse.Namespace, ctx: Context, store: RecordStore) -> int:
    if args.identity_command == "name":
        identity = set_name(store.vault, args.name)
    else:
        identity = ensure_identity(store.vault)
    if getattr(args, "json", False):
        ctx.emit_json(
            {
                "recipient": identity.recipient,
                "fingerprint": identity.fingerprint,
                "name": identity.name,
            }
        )
        return EXIT_OK
    print(identity.recipient, file=ctx.out)
    print(f"fingerprint: {identity.fingerprint}", file=ctx.err)
    print(f"name: {shown(identity.name) or '(not set: wt26desk identity name NAME)'}", file=ctx.err)
    return EXIT_OK


def _receipt(args: argparse.Namespace, ctx: Context, store: RecordStore) -> int:
    data, record = make_receipt(store, args.record_id)
    target = write_receipt(store, data, record, Path(args.out))
    print(
        f"Wrote a receipt for {shown(record.id)} to {target}, encrypted to "
        f"{shown(record.received_from)}.",
        file=ctx.out,
    )
    return EXIT_OK


def _triage(args: argparse.Namespace, ctx: Context, store: RecordStore) -> int:
    from wt26desk.handover.triage import LABELS, set_triage

    record = set_triage(
        store.get(args.record_id), args.state, reason=args.reason, follow_up=args.follow_up
    )
    store.save(record)
    store.vault.record_event("record.triaged", record=record.id, state=record.triage.state)
    follow = f", follow up by {record.triage.follow_up}" if record.triage.follow_up else ""
    print(f"{shown(record.id)}: {LABELS[record.triage.state]}{follow}.", file=ctx.out)
    return EXIT_OK


def import_age(path: Path, raw: bytes, ctx: Context, store: RecordStore) -> int:
    """`wt26desk import FILE.age`: called by the import command for age files."""
    try:
        result = receive(store, raw)
    except Wt26Error as exc:
        raise Wt26Error(f"{path}: {exc}") from None
    if isinstance(result, Receipt):
        print(
            f"Imported a receipt: record {shown(result.record_id)} acknowledged by "
            f"{shown(result.by.name)} {when(result.acknowledged_at)}.",
            file=ctx.out,
        )
        return EXIT_OK
    print(
        f"Imported record {shown(result.id)} from {shown(result.received_from)} "
        f"(sha256 {result.bundle_sha256[:16]}…): {shown(result.title())}",
        file=ctx.out,
    )
    return EXIT_OK
