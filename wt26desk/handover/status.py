"""A record's handover in words, for the records list and the inbox (light: imported
when the window starts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wt26desk.deadlines.in_words import uk_date

if TYPE_CHECKING:  # the model imports the prompt engine, which the first paint never needs
    from wt26desk.records.model import ConcernRecord


def when(text: str) -> str:
    """A stored moment in words, to the minute: "30 November 2026 at 10:41"."""
    return uk_date(text[:16])


def handover_status(record: ConcernRecord) -> str:
    """One line for the record: handed over / acknowledged / received and triage."""
    if record.received_from:
        line = f"Received from {record.received_from} {when(record.received_at)}"
        state = record.triage.state.replace("-", " ")
        return f"{line}; {state}" if state else line
    if not record.handed_over_at:
        return ""
    sent = f"Handed over {when(record.handed_over_at)}"
    if record.acknowledged_at:
        by = record.handover.acknowledged_by or "the DSL"
        return f"{sent}; acknowledged by {by} {when(record.acknowledged_at)}"
    return f"{sent}, not yet acknowledged"


HANDOVER_FIELDS = (
    "handed_over_at",
    "acknowledged_at",
    "received_from",
    "received_at",
    "bundle_sha256",
    "handover",
    "triage",
)


def copy_handover(source: ConcernRecord, target: ConcernRecord) -> None:
    """Bring `target` (a copy being edited) up to date with the handover fields of
    `source` (as saved), so that saving the copy keeps them."""
    for name in HANDOVER_FIELDS:
        setattr(target, name, getattr(source, name))
