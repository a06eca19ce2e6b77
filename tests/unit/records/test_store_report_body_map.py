from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wt26desk.content_library.library import Library
from wt26desk.records.body_map import OUTLINES, VIEWS, describe, parts
from wt26desk.records.flow import STEP_FOCUS, STEPS
from wt26desk.records.model import Child, ConcernRecord, Mark, Quote
from wt26desk.records.report import SECTIONS, record_html
from wt26desk.records.store import RecordStore
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RecordStore]:
    vault, _ = Vault.create(tmp_path / "v", "pass phrase here", kdf=KdfParams.floor())
    yield RecordStore(vault)
    vault.lock()


def test_store_saves_revisions_and_keeps_drafts_apart(store: RecordStore) -> None:
    store.vault.put("other", {"kind": "something-else"})
    first = ConcernRecord(event_date="2026-01-05", facts="one")
    second = ConcernRecord(event_date="2026-02-01", facts="two")
    store.save_draft(first)
    assert [d.facts for d in store.drafts()] == ["one"] and store.records() == []
    assert store.save(first) == 1
    assert store.drafts() == []  # saving retires the draft
    first.facts = "one, corrected"
    assert store.save(first) == 2 and store.revision_count(first.id) == 2
    store.save(second)
    assert [r.facts for r in store.records()] == ["two", "one, corrected"]  # newest first
    assert store.search("corrected") == {first.id}
    with pytest.raises(Exception, match="not a concern"):
        store.get("other")


def test_every_step_has_focus_standards_that_exist(library: Library) -> None:
    ids = {s.id for s in library.standards}
    assert set(STEP_FOCUS) == {step for step, _ in STEPS}
    for focus in STEP_FOCUS.values():
        assert focus and {standard for standard, _ in focus} <= ids


@pytest.mark.parametrize("outline", OUTLINES)
def test_body_map_names_places_on_both_sides(outline: str) -> None:
    arm = next(p for p in parts(outline) if p.name == "upper arm" and p.side == "right")
    x, y = (arm.x0 + arm.x1) / 2, (arm.y0 + arm.y1) / 2
    # Front view: the child's right arm is on the viewer's left; from behind it is not.
    assert x < 0.5
    assert describe("front", outline, x, y) == "front of the right upper arm"
    assert describe("back", outline, x, y) == "back of the left upper arm"
    assert describe("back", outline, 0.5, 0.45) in {"upper back", "lower back"}
    assert describe("front", outline, 0.5, 0.05) == "face or front of the head"
    assert describe("front", outline, 0.02, 0.99).startswith("outside")
    for view in VIEWS:
        assert describe(view, outline, 0.5, 0.95).startswith("outside")  # between the feet
        assert "foot" in describe(view, outline, 0.42, 0.95)


def test_report_escapes_text_and_leaves_out_redacted_sections() -> None:
    record = ConcernRecord(
        reporter_name="Pat Referrer",
        facts="<script>x</script> Seen at 10:00",
        children=[Child(name="Ali")],
        quotes=[Quote(text="he hurt me", child_id="")],
        marks=[Mark(size="2 cm", colour="blue", location="left shin")],
    )
    page = record_html(record, marking="OFFICIAL-SENSITIVE", revision=3)
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert "OFFICIAL-SENSITIVE" in page and "Revision" in page and "Pat Referrer" in page
    assert "“he hurt me”" in page and "left shin" in page
    redacted = record_html(record, leave_out=frozenset({"referrer", "child-words"}))
    assert "Pat Referrer" not in redacted and "he hurt me" not in redacted
    assert "left shin" in redacted
    assert {"referrer", "child-words", "injuries"} <= set(SECTIONS)
