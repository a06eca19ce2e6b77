"""The DSL's triage of received concerns: new, acknowledged, actioned or no further
action (which needs a reason), with a follow-up date; and what is overdue."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, datetime

from wt26desk.errors import Wt26Error
from wt26desk.records.model import TRIAGE_STATES, ConcernRecord, Triage

LABELS = {
    "new": "New",
    "acknowledged": "Acknowledged",
    "actioned": "Actioned",
    "no-further-action": "No further action",
}
MAX_REASON = 4000


class TriageError(Wt26Error):
    """The triage asked for cannot be recorded."""


def set_triage(
    record: ConcernRecord,
    state: str,
    *,
    reason: str = "",
    follow_up: date | None = None,
    now: datetime | None = None,
) -> ConcernRecord:
    """The record with its new triage; checked, not saved."""
    if not record.received_from:
        raise TriageError("Only a concern received by handover is triaged.")
    if state not in TRIAGE_STATES:
        raise TriageError(f"Unknown triage {state!r}: choose {', '.join(TRIAGE_STATES)}.")
    reason = reason.strip()
    if state == "no-further-action" and not reason:
        raise TriageError("Say why there is no further action: the reason is required.")
    if len(reason) > MAX_REASON:
        raise TriageError(f"Keep the reason under {MAX_REASON} characters.")
    moment = (now or datetime.now()).isoformat(timespec="seconds")
    triage = Triage(
        state=state,
        reason=reason,
        follow_up=follow_up.isoformat() if follow_up else "",
        updated_at=moment,
    )
    return dataclasses.replace(record, triage=triage)


def is_overdue(record: ConcernRecord, today: date) -> bool:
    """A received concern whose triage follow-up date has passed, still open."""
    t = record.triage
    if not record.received_from or not t.follow_up or t.state == "no-further-action":
        return False
    try:
        return date.fromisoformat(t.follow_up) < today
    except ValueError:
        return False


def overdue(records: Iterable[ConcernRecord], today: date) -> list[ConcernRecord]:
    return sorted((r for r in records if is_overdue(r, today)), key=lambda r: r.triage.follow_up)
