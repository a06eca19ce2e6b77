"""`wt26desk records list`, `wt26desk export RECORD_ID ...` and `wt26desk import FILE`.
The vault passphrase is read as the vault commands read it (terminal or standard input),
and so is an age passphrase unless it comes from a file."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wt26desk.commands.context import EXIT_FAILED, EXIT_OK, Context
from wt26desk.commands.secrets import SecretReader
from wt26desk.commands.terminal import shown
from wt26desk.commands.vault import unlock
from wt26desk.errors import Wt26Error
from wt26desk.records.store import RecordStore

if TYPE_CHECKING:
    from wt26desk.prompts.engine import PromptEngine


def run(args: argparse.Namespace, ctx: Context) -> int:
    secrets = SecretReader(err=ctx.err)
    if args.command == "export":
        return _export(args, ctx, secrets)
    vault = unlock(ctx, secrets)
    try:
        store = RecordStore(vault)
        if args.command == "import":
            return _import(args, ctx, store)
        return _list(args, ctx, store)
    finally:
        vault.lock()


def _list(args: argparse.Namespace, ctx: Context, store: RecordStore) -> int:
    from wt26desk.handover.triage import is_overdue

    today = date.today()
    rows = [
        {
            "id": r.id,
            "title": r.title(),
            "status": r.status,
            "event_date": r.event_date,
            "children": [c.label() for c in r.children],
            "significant": r.significant,
            "revisions": store.revision_count(r.id),
            "handed_over_at": r.handed_over_at,
            "acknowledged_at": r.acknowledged_at,
            "received_from": r.received_from,
            "received_at": r.received_at,
            "bundle_sha256": r.bundle_sha256,
            "triage": r.triage.state,
            "follow_up": r.triage.follow_up,
            "overdue": is_overdue(r, today),
        }
        for r in store.records()
    ]
    if args.json:
        print(json.dumps({"training": store.training, "records": rows}, indent=2), file=ctx.out)
    else:
        for row in rows:
            print(
                f"{shown(row['id'])}  {shown(row['status']):<9}  {shown(row['title'])}",
                file=ctx.out,
            )
        if not rows:
            print("No records in this vault.", file=ctx.out)
    return EXIT_OK


def _import(args: argparse.Namespace, ctx: Context, store: RecordStore) -> int:
    from wt26desk.exports.json_format import ImportFormatError, load

    try:
        raw = Path(args.file).read_bytes()
    except OSError as exc:
        raise Wt26Error(f"Cannot read {args.file}: {exc.strerror or exc}.") from exc
    if str(args.file).endswith(".age") or raw.startswith(b"age-encryption.org/"):
        from wt26desk.commands.handover import import_age

        return import_age(Path(args.file), raw, ctx, store)
    try:
        record, envelope = load(raw)
    except ImportFormatError as exc:
        raise ImportFormatError(f"{args.file}: {exc}") from None
    if envelope.get("training") and not store.training:
        raise Wt26Error(
            "That export came from a training vault; it is not imported into a real vault."
        )
    existed = record.id in store.vault.record_ids()
    revision = store.save(record)
    what = "a new revision of" if existed else "new record"
    print(
        f"Imported {what} {shown(record.id)} (revision {revision}): {shown(record.title())}",
        file=ctx.out,
    )
    return EXIT_OK


def _export(args: argparse.Namespace, ctx: Context, secrets: SecretReader) -> int:
    from wt26desk.exports.exporter import (
        ExportOptions,
        build_export,
        write_export,
    )
    from wt26desk.prompts.engine import PromptEngine

    target = Path(args.out)
    age = args.format == "age"
    inner = args.inner if age else args.format
    if age and not (args.recipient or args.age_passphrase_file):
        raise Wt26Error("An age export needs --recipient AGE_KEY or --age-passphrase-file FILE.")
    if not age and (args.recipient or args.age_passphrase_file):
        raise Wt26Error("--recipient and --age-passphrase-file go with --format age.")
    if not age:
        print(
            f"This writes an UNENCRYPTED {inner.upper()} of a safeguarding record to "
            f"{target.resolve()}.",
            file=ctx.err,
        )
    if not age and not args.yes:
        if sys.stdin.isatty():
            if input("Continue? [y/N] ").strip().lower() not in {"y", "yes"}:
                print("Nothing was written.", file=ctx.err)
                return EXIT_FAILED
        else:
            print("Add --yes to confirm; nothing was written.", file=ctx.err)
            return EXIT_FAILED
    age_passphrase = None
    if args.age_passphrase_file:
        try:
            age_passphrase = Path(args.age_passphrase_file).read_text().rstrip("\r\n")
        except OSError as exc:
            raise Wt26Error(f"Cannot read {args.age_passphrase_file}: {exc.strerror}.") from exc
    options = ExportOptions(
        format=inner,
        leave_out=frozenset(args.redact),
        withhold=tuple(args.withhold),
        marking=ctx.settings.sensitivity_marking,
        age_recipient=args.recipient,
        age_passphrase=age_passphrase,
    )
    options.check()
    vault = unlock(ctx, secrets)
    try:
        store = RecordStore(vault)
        engine = PromptEngine(
            ctx.library, ctx.calendar(), ctx.settings.strategy_discussion_working_days
        )
        if age and inner == "json" and args.recipient and not (args.redact or args.withhold):
            return _hand_over(args, ctx, store, engine, target)
        export = build_export(store, args.record_id, options, engine=engine)
        sha256 = write_export(store, export, target)
    finally:
        vault.lock()
    kind = f"{inner.upper()} in age format" if age else inner.upper()
    print(
        f"Wrote {kind} to {target} ({len(export.data):,} bytes, sha256 {sha256[:16]}…)",
        file=ctx.out,
    )
    return EXIT_OK


def _hand_over(
    args: argparse.Namespace,
    ctx: Context,
    store: RecordStore,
    engine: PromptEngine,
    target: Path,
) -> int:
    """A whole record as JSON to an age key: a handover bundle that carries this vault's
    own key and name, so the receiver can import it and send a receipt back."""
    from wt26desk.handover.identity import load_destination
    from wt26desk.handover.service import is_handover, make_bundle, write_bundle
    from wt26desk.handover.summary import engine_summary

    dsl_key = load_destination(store.vault)[0] or ctx.organisation.export_recipient
    handover = is_handover(store.get(args.record_id), args.recipient, dsl_key)
    sent = make_bundle(
        store,
        args.record_id,
        args.recipient,
        marking=ctx.settings.sensitivity_marking,
        organisation=ctx.organisation.name,
        summary=lambda record: engine_summary(engine, record),
        handover=handover,
    )
    written = write_bundle(store, sent, target)
    done = (
        f"handed over from {shown(sent.record.id)}; not yet acknowledged."
        if handover
        else f"a copy of {shown(sent.record.id)}; its handover to the DSL is unchanged."
    )
    print(
        f"Wrote JSON in age format to {written} ({len(sent.data):,} bytes, sha256 "
        f"{sent.sha256[:16]}…), {done}",
        file=ctx.out,
    )
    return EXIT_OK
