"""The chronology across staff as PDF (Qt's text engine, as the referral export), written
atomically beside its target and logged with a SHA-256, like every export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from wt26desk.exports.pdf import render_pdf
from wt26desk.exports.written import TRAINING_STAMP, write_logged
from wt26desk.handover.bundle import BundleError
from wt26desk.handover.matching import Group, MergedEntry, merged_html
from wt26desk.records.store import RecordStore


def merged_pdf(
    group: Group,
    entries: list[MergedEntry],
    *,
    marking: str,
    training: bool,
    now: datetime | None = None,
) -> bytes:
    moment = (now or datetime.now()).strftime("%d/%m/%Y %H:%M")
    return render_pdf(
        merged_html(group, entries, marking),
        title=f"Chronology across staff: {group.label}",
        marking=marking,
        footer=f"Exported {moment} by wt26desk; {len(entries)} record(s)",
        stamp=TRAINING_STAMP if training else "",
    )


def write_merged_pdf(store: RecordStore, group: Group, data: bytes, target: Path) -> str:
    return write_logged(
        store.vault,
        data,
        target,
        error=BundleError,
        event="chronology.exported",
        children=sorted(group.members),
        format="pdf",
    )
