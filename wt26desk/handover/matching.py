"""One chronology per child across staff. Records by the same author join a child's
chronology as they always have (wt26desk.records.chronology.child_key); records from
different authors join only when the DSL confirms a proposed match, and a match is only
proposed (or accepted) on the same name plus the same date of birth or the same setting:
never on a name alone, never for a child without a name or an unborn baby. Confirmed
and rejected matches are kept encrypted in the vault, and each one is logged."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from wt26desk.errors import Wt26Error
from wt26desk.records.chronology import child_key
from wt26desk.records.model import Child, ConcernRecord
from wt26desk.records.store import RecordStore

LINKS_SLOT = "setting:child-links"  # encrypted in the vault; each decision is logged
OWN = "this vault"


class MatchError(Wt26Error):
    """The match cannot be confirmed."""


def author(record: ConcernRecord) -> str:
    return record.received_from or OWN


def _author_id(record: ConcernRecord) -> str:
    """Who recorded it, by key: two senders may share a name."""
    return record.handover.sender_key or record.received_from or OWN


def ref(record: ConcernRecord, child: Child) -> str:
    return f"{record.id}/{child.id}"


def _name(child: Child) -> str:
    return " ".join(child.name.split()).casefold()


def basis(a: Child, b: Child) -> str:
    """Why two children may be the same one ("" if they may not be matched)."""
    for child in (a, b):
        if child.unborn or child.name_unknown or not _name(child):
            return ""
    if _name(a) != _name(b):
        return ""
    if a.date_of_birth and a.date_of_birth == b.date_of_birth:
        return "same name and date of birth"
    setting_a, setting_b = (" ".join(c.setting.split()).casefold() for c in (a, b))
    if setting_a and setting_a == setting_b:
        return "same name and setting"
    return ""


@dataclass(frozen=True)
class Candidate:
    a: str  # record_id/child_id
    b: str
    label: str  # the child's name as recorded
    basis: str
    authors: tuple[str, str]

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a < self.b else (self.b, self.a)


@dataclass
class Links:
    confirmed: set[tuple[str, str]]
    rejected: set[tuple[str, str]]


def load_links(store: RecordStore) -> Links:
    document = store.vault.load_draft(LINKS_SLOT)
    if document is None:
        return Links(set(), set())
    return Links(
        {(str(a), str(b)) for a, b in document.get("confirmed", [])},
        {(str(a), str(b)) for a, b in document.get("rejected", [])},
    )


def _children(records: Iterable[ConcernRecord]) -> list[tuple[ConcernRecord, Child]]:
    return [(r, c) for r in records for c in r.children]


def candidates(records: list[ConcernRecord], links: Links) -> list[Candidate]:
    """Matches for the DSL to confirm or reject: across authors, allowed by `basis`."""
    found: dict[tuple[str, str], Candidate] = {}
    pairs = _children(records)
    by_name: dict[str, list[tuple[ConcernRecord, Child]]] = {}
    for record, child in pairs:
        by_name.setdefault(_name(child), []).append((record, child))
    for group in by_name.values():
        for i, (ra, ca) in enumerate(group):
            for rb, cb in group[i + 1 :]:
                if _author_id(ra) == _author_id(rb):
                    continue
                why = basis(ca, cb)
                if not why:
                    continue
                c = Candidate(ref(ra, ca), ref(rb, cb), ca.name, why, (author(ra), author(rb)))
                if c.pair in links.confirmed or c.pair in links.rejected:
                    continue
                found.setdefault(c.pair, c)
    return list(found.values())


def _decide(store: RecordStore, candidate: Candidate, confirm: bool, by: str) -> None:
    records = {r.id: r for r in store.records()}
    children = {}
    for side in (candidate.a, candidate.b):
        record_id, _, child_id = side.partition("/")
        record = records.get(record_id)
        child = next((c for c in record.children if c.id == child_id), None) if record else None
        if child is None:
            raise MatchError("One of the two records has changed; look at the matches again.")
        children[side] = child
    if confirm and not basis(children[candidate.a], children[candidate.b]):
        raise MatchError(
            "These children cannot be matched: a match needs the same name and the same "
            "date of birth or setting (never a name alone, never an unnamed child)."
        )
    links = load_links(store)
    (links.rejected if not confirm else links.confirmed).add(candidate.pair)
    (links.confirmed if not confirm else links.rejected).discard(candidate.pair)
    store.vault.save_draft(
        LINKS_SLOT,
        {
            "kind": "child-links",
            "confirmed": sorted(list(p) for p in links.confirmed),
            "rejected": sorted(list(p) for p in links.rejected),
        },
    )
    store.vault.record_event(
        "chronology.match-confirmed" if confirm else "chronology.match-rejected",
        children=list(candidate.pair),
        basis=candidate.basis,
        by=by,
    )


def confirm(store: RecordStore, candidate: Candidate, by: str = "") -> None:
    _decide(store, candidate, True, by)


def reject(store: RecordStore, candidate: Candidate, by: str = "") -> None:
    _decide(store, candidate, False, by)


@dataclass(frozen=True)
class Group:
    key: str  # the smallest member's ref
    label: str
    members: frozenset[str]  # refs
    authors: tuple[str, ...]


def groups(records: list[ConcernRecord], links: Links) -> list[Group]:
    """The children: one group per child, joined within an author by child_key and
    across authors by confirmed matches (still allowed by `basis`)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    pairs = _children(records)
    first: dict[str, str] = {}
    children = {}
    for record, child in pairs:
        r = ref(record, child)
        children[r] = (record, child)
        find(r)
        same = first.setdefault(child_key(child, record), r)  # one author's, as always
        union(r, same)
    for a, b in links.confirmed:
        if a in children and b in children and basis(children[a][1], children[b][1]):
            union(a, b)
    members: dict[str, set[str]] = {}
    for r in children:
        members.setdefault(find(r), set()).add(r)
    found = []
    for refs in members.values():
        ordered = sorted(refs)
        labels = [children[r][1].label() for r in ordered]
        authors = sorted({author(children[r][0]) for r in ordered})
        found.append(Group(ordered[0], labels[0], frozenset(refs), tuple(authors)))
    return sorted(found, key=lambda g: (g.label.casefold(), g.key))


@dataclass(frozen=True)
class MergedEntry:
    record_id: str
    when: str
    author: str
    summary: str
    significant: bool
    triage: str


def merged_chronology(records: list[ConcernRecord], group: Group) -> list[MergedEntry]:
    record_ids = {r.partition("/")[0] for r in group.members}
    entries = []
    for record in records:
        if record.id not in record_ids:
            continue
        summary = (record.facts or record.text_for_prompts()).strip().replace("\n", " ")
        entries.append(
            MergedEntry(
                record.id,
                f"{record.event_date} {record.event_time}".strip() or record.created,
                author(record) if record.received_from else "This vault (your own record)",
                summary[:300],
                record.significant,
                record.triage.state.replace("-", " "),
            )
        )
    return sorted(entries, key=lambda e: e.when)


def merged_html(group: Group, entries: list[MergedEntry], marking: str) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(e.when)}</td><td>{html.escape(e.author)}</td>"
        f"<td>{'<b>Significant</b> ' if e.significant else ''}{html.escape(e.summary)}</td>"
        f"<td>{html.escape(e.triage)}</td></tr>"
        for e in entries
    )
    authors = ", ".join(group.authors)
    return (
        f"<p><b>{html.escape(marking)}</b></p>"
        f"<h1>Chronology across staff: {html.escape(group.label)}</h1>"
        f"<p>Recorded by: {html.escape(authors)}. Records from different staff are joined "
        "only where the DSL confirmed the match.</p>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<tr><th>When</th><th>Recorded by</th><th>What happened</th><th>Triage</th></tr>"
        f"{rows}</table>"
    )
