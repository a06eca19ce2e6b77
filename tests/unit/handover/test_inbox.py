"""The inbox over a folder: what this vault can open, what it leaves alone, importing
everything with progress and a cancel; and hostile files never get further than a clear
BundleError."""

from __future__ import annotations

import threading
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wt26desk.handover.bundle import BundleError, parse
from wt26desk.handover.identity import ensure_identity
from wt26desk.handover.inbox import age_files, import_all, list_inbox
from wt26desk.handover.service import (
    make_bundle,
    make_receipt,
    receive,
    write_bundle,
    write_receipt,
)
from wt26desk.records.model import Child, ConcernRecord
from wt26desk.records.store import RecordStore


def fill(sender: RecordStore, dsl: RecordStore, folder: Path, count: int) -> None:
    key = ensure_identity(dsl.vault).recipient
    for n in range(count):
        sender.save(ConcernRecord(id=f"r{n}", children=[Child(name=f"Child {n}")]))
        write_bundle(sender, make_bundle(sender, f"r{n}", key, marking="M"), folder)


def test_list_and_import_all_with_progress(
    sender: RecordStore, dsl: RecordStore, tmp_path: Path
) -> None:
    fill(sender, dsl, tmp_path, 3)
    stranger = pyrage.x25519.Identity.generate().to_public()
    (tmp_path / "for-someone-else.age").write_bytes(pyrage.encrypt(b"{}", [stranger]))
    (tmp_path / "notes.txt").write_text("not a bundle")
    items, others = list_inbox(dsl, age_files(tmp_path))
    assert len(items) == 3 and others == 1
    assert all(i.importable and i.kind == "concern" for i in items)
    assert {i.bundle.record.id for i in items if i.bundle} == {"r0", "r1", "r2"}

    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 2:
            cancel.set()

    first = import_all(dsl, items, progress=progress, cancel=cancel)
    assert first.imported == 2 and seen == [(1, 3), (2, 3)]
    again = import_all(dsl, items)
    assert again.imported == 1 and len(again.refused or []) == 2
    assert all("already imported" in why for _, why in again.refused or [])
    assert len([r for r in dsl.records() if r.received_from]) == 3


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_any_flipped_bit_is_refused_and_changes_nothing(
    sender: RecordStore, dsl: RecordStore, tmp_path: Path, position: int, bit: int
) -> None:
    if not (tmp_path / "b").exists():
        (tmp_path / "b").mkdir()
        fill(sender, dsl, tmp_path / "b", 1)
    [path] = age_files(tmp_path / "b")
    raw = bytearray(path.read_bytes())
    raw[position % len(raw)] ^= 1 << bit
    before = dsl.vault.record_ids()
    try:
        receive(dsl, bytes(raw))
    except BundleError:
        pass
    else:  # only a bit age does not authenticate (none should exist) could get here
        raise AssertionError("a changed bundle was imported")
    assert dsl.vault.record_ids() == before


@given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_parse_refuses_anything_that_is_not_a_bundle(data: bytes) -> None:
    with pytest.raises(BundleError):
        parse(data)


def test_every_unreadable_file_is_listed_by_name_with_a_plain_reason(
    sender: RecordStore, dsl: RecordStore, tmp_path: Path
) -> None:
    fill(sender, dsl, tmp_path, 1)
    [bundle] = age_files(tmp_path)
    raw = bundle.read_bytes()
    (tmp_path / "truncated.age").write_bytes(raw[: len(raw) // 2])
    (tmp_path / "header.age").write_bytes(raw[:6])
    stranger = pyrage.x25519.Identity.generate().to_public()
    (tmp_path / "for-someone-else.age").write_bytes(pyrage.encrypt(b"{}", [stranger]))
    (tmp_path / "receipt-r9-0123abcd.age").write_bytes(pyrage.encrypt(b"{}", [stranger]))
    items, others = list_inbox(dsl, age_files(tmp_path), only_for_me=False)
    assert others == 0 and len(items) == 5 and items[0].importable  # the readable one first
    why = {i.path.name: i.status for i in items if i.opened is None}
    assert why["truncated.age"].startswith("Damaged") and "send it again" in why["truncated.age"]
    assert why["header.age"].startswith("Cut short")
    assert why["for-someone-else.age"].startswith("Addressed to someone else")
    assert "practitioner's side" in why["receipt-r9-0123abcd.age"]
    assert not any(i.importable for i in items if i.opened is None)
    assert all(i.detail for i in items if i.opened is None)  # the full refusal, for a tooltip

    # The practitioner's own copy of what they sent, and the DSL's receipt, say what they are.
    [mine] = list_inbox(sender, [bundle], only_for_me=False)[0]
    assert mine.status.startswith("A concern you sent (to key ")
    receive(dsl, raw)
    data, after = make_receipt(dsl, "r0")
    written = write_receipt(dsl, data, after, tmp_path)
    [theirs] = list_inbox(dsl, [written], only_for_me=False)[0]
    assert theirs.status.startswith("A receipt you wrote for ")
