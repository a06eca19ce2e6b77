"""The inbox: every `.age` file in the handover folder (or opened by hand), decrypted in
memory with this vault's key, listed with sender, children, date, urgency and harm areas,
and imported one by one or all at once (with progress, for a background thread)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wt26desk.errors import Wt26Error
from wt26desk.handover.bundle import BundleError, ConcernBundle, Receipt
from wt26desk.handover.identity import Identity, ensure_identity, fingerprint
from wt26desk.handover.service import Opened, accept, apply_receipt, open_file
from wt26desk.records.model import ConcernRecord
from wt26desk.records.store import RecordStore

MAX_FILES = 20_000


@dataclass(frozen=True)
class InboxItem:
    path: Path
    opened: Opened | None  # None: this vault cannot open it
    error: str = ""  # why not, in plain words
    detail: str = ""  # the full refusal, when `error` shortens it

    @property
    def kind(self) -> str:
        if self.opened is None:
            return "unreadable"
        return "receipt" if isinstance(self.opened.item, Receipt) else "concern"

    @property
    def importable(self) -> bool:
        return self.opened is not None and not self.opened.problem

    @property
    def status(self) -> str:
        if self.opened is None:
            return self.error
        return self.opened.problem or "Ready to import"

    @property
    def bundle(self) -> ConcernBundle | None:
        item = self.opened.item if self.opened else None
        return item if isinstance(item, ConcernBundle) else None


def age_files(folder: Path) -> list[Path]:
    try:
        found = sorted(p for p in Path(folder).iterdir() if p.suffix == ".age" and p.is_file())
    except OSError as exc:
        raise BundleError(f"Cannot read the folder {folder}: {exc.strerror or exc}.") from exc
    return found[:MAX_FILES]


def read_item(store: RecordStore, path: Path, identity: Identity) -> InboxItem:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InboxItem(path, None, f"Cannot read it: {exc.strerror or exc}.")
    try:
        return InboxItem(path, open_file(store, raw, identity))
    except BundleError as exc:
        return InboxItem(path, None, unreadable_reason(store, path.name, str(exc)), str(exc))


_NAMED = re.compile(r"(concern|receipt)-(.+)-([0-9a-f]{8})\.age")


def unreadable_reason(store: RecordStore, name: str, error: str) -> str:
    """Why this vault cannot open a file, in plain words: cut short, damaged, or addressed
    to someone else (a concern this vault sent, a receipt it wrote, where its name says
    so); the refusal itself otherwise."""
    if "cut short (truncated)" in error:
        return "Cut short: the file ends early. Not imported; ask the sender to send it again."
    if "is damaged" in error:
        return (
            "Damaged: it was changed or cut short after it was encrypted. Not imported; ask "
            "the sender to send it again."
        )
    if "addressed to someone else" not in error:
        return error
    named = _NAMED.fullmatch(name)
    record = _record(store, named.group(2)) if named else None
    if named and record is not None and record.handover.bundle_id.startswith(named.group(3)):
        if named.group(1) == "concern" and record.handover.recipient:
            return (
                f"A concern you sent (to key {fingerprint(record.handover.recipient)}): it is "
                "for the DSL to import, not you."
            )
        if named.group(1) == "receipt" and record.received_from:
            return (
                f"A receipt you wrote for {record.received_from}: they import it from the "
                "practitioner's side."
            )
    if named and named.group(1) == "receipt":
        return (
            "A receipt addressed to someone else: it is imported from the practitioner's "
            "side that sent the concern, not here."
        )
    return (
        "Addressed to someone else: this vault's key cannot open it. If it is meant for you, "
        "ask the sender to check the key they used (My handover key)."
    )


def _record(store: RecordStore, record_id: str) -> ConcernRecord | None:
    try:
        return store.get(record_id)
    except Wt26Error:
        return None


def list_inbox(
    store: RecordStore, paths: Iterable[Path], *, only_for_me: bool = True
) -> tuple[list[InboxItem], int]:
    """The files this vault can open (newest first), and how many it cannot (addressed to
    others, such as receipts for colleagues in a shared folder, or damaged). With
    `only_for_me=False` those are listed too, after the rest, each with its reason."""
    identity = ensure_identity(store.vault)
    items = [read_item(store, path, identity) for path in paths]
    mine = [i for i in items if i.opened is not None or not only_for_me]
    mine.sort(key=_sort_key, reverse=True)
    return mine, len(items) - len(mine)


def _sort_key(item: InboxItem) -> str:
    bundle = item.bundle
    if bundle is not None:
        return bundle.sent_at
    if item.opened is not None and isinstance(item.opened.item, Receipt):
        return item.opened.item.acknowledged_at
    return ""


@dataclass
class ImportResult:
    imported: int = 0
    refused: list[tuple[str, str]] | None = None  # (file name, why)
    done: list[Path] | None = None  # the files imported


Progress = Callable[[int, int], None]


def import_all(
    store: RecordStore,
    items: list[InboxItem],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Import every importable item, each re-checked just before (another may have
    imported it meanwhile); refusals are collected, not raised. Safe on a worker thread
    as long as nothing else uses the store meanwhile."""
    result = ImportResult(refused=[], done=[])
    assert result.refused is not None and result.done is not None
    identity = ensure_identity(store.vault)
    for n, item in enumerate(items, start=1):
        if cancel is not None and cancel.is_set():
            break
        try:
            if item.opened is None:
                raise BundleError(item.error)
            fresh = open_file(store, item.path.read_bytes(), identity)
            if fresh.problem:
                raise BundleError(fresh.problem)
            if isinstance(fresh.item, Receipt):
                apply_receipt(store, fresh.item)
            else:
                accept(store, fresh, now=now)
            result.imported += 1
            result.done.append(item.path)
        except (BundleError, OSError) as exc:
            result.refused.append((item.path.name, str(exc)))
        if progress is not None:
            progress(n, len(items))
    return result
