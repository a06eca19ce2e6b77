"""A chronology per child: every record about that child in date order, significant
events marked, filterable, and printable as HTML."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from wt26desk.records.model import Child, ConcernRecord


def child_key(child: Child, record: ConcernRecord | None = None) -> str:
    """The same child across records: name and date of birth (or expected date). A record
    received from someone else (wt26desk.handover) joins only that sender's records here:
    across staff, children are joined only where the DSL confirms the match."""
    author = ""
    if record is not None and record.received_from:
        author = f"from {record.handover.sender_key or record.received_from}|"
    if child.unborn:
        return f"{author}unborn|{child.expected_date}"
    if child.name_unknown or not child.name:
        return f"unknown|{child.id}"
    return f"{author}{child.name.strip().casefold()}|{child.date_of_birth}"


@dataclass(frozen=True)
class Entry:
    record_id: str
    when: str
    summary: str
    significant: bool
    status: str
    actions: str


def children_in(records: Iterable[ConcernRecord]) -> dict[str, str]:
    """Child key -> label, for choosing whose chronology to show."""
    found: dict[str, str] = {}
    for record in records:
        for child in record.children:
            found.setdefault(child_key(child, record), child.label())
    return dict(sorted(found.items(), key=lambda kv: kv[1].casefold()))


def chronology(
    records: Iterable[ConcernRecord], key: str, *, significant_only: bool = False, text: str = ""
) -> list[Entry]:
    wanted = text.casefold().split()
    entries = []
    for record in records:
        if not any(child_key(c, record) == key for c in record.children):
            continue
        if significant_only and not record.significant:
            continue
        body = record.text_for_prompts()
        if wanted and not all(w in body.casefold() for w in wanted):
            continue
        summary = (record.facts or body).strip().replace("\n", " ")
        actions = "; ".join(
            f"{a.who}{' (' + a.when + ')' if a.when else ''}" for a in record.actions
        )
        entries.append(
            Entry(
                record.id,
                f"{record.event_date} {record.event_time}".strip() or record.created,
                summary[:300],
                record.significant,
                record.status,
                actions,
            )
        )
    return sorted(entries, key=lambda e: e.when)


def chronology_html(label: str, entries: list[Entry], marking: str) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(e.when)}</td><td>{'<b>Significant</b> ' if e.significant else ''}"
        f"{html.escape(e.summary)}</td><td>{html.escape(e.actions)}</td>"
        f"<td>{html.escape(e.status)}</td></tr>"
        for e in entries
    )
    return (
        f"<p><b>{html.escape(marking)}</b></p><h1>Chronology: {html.escape(label)}</h1>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<tr><th>When</th><th>What happened</th><th>Actions</th><th>Status</th></tr>"
        f"{rows}</table>"
    )
