from __future__ import annotations

from datetime import date

import pytest

from wt26desk.handover.matching import (
    Links,
    basis,
    candidates,
    confirm,
    groups,
    load_links,
    merged_chronology,
    merged_html,
    reject,
)
from wt26desk.handover.triage import TriageError, is_overdue, overdue, set_triage
from wt26desk.records.model import Child, ConcernRecord
from wt26desk.records.store import RecordStore


def received(record_id: str, *children: Child, sender: str = "Priya") -> ConcernRecord:
    return ConcernRecord(
        id=record_id,
        event_date=f"2026-11-{10 + len(record_id)}",
        children=list(children),
        facts=f"Facts of {record_id}",
        received_from=sender,
    )


def test_no_further_action_needs_a_reason_and_follow_ups_go_overdue() -> None:
    record = received("r1", Child(name="A"))
    with pytest.raises(TriageError, match="reason is required"):
        set_triage(record, "no-further-action", reason="  ")
    with pytest.raises(TriageError, match="Unknown triage"):
        set_triage(record, "ignored")
    with pytest.raises(TriageError, match="received"):
        set_triage(ConcernRecord(), "actioned")
    actioned = set_triage(record, "actioned", follow_up=date(2026, 12, 1))
    assert is_overdue(actioned, date(2026, 12, 2)) and not is_overdue(actioned, date(2026, 12, 1))
    assert actioned.follow_ups() == [date(2026, 12, 1)]
    closed = set_triage(actioned, "no-further-action", reason="Parent explained; seen by GP")
    assert closed.triage.reason == "Parent explained; seen by GP"
    assert not is_overdue(closed, date(2027, 1, 1)) and closed.follow_ups() == []
    assert overdue([closed, actioned, record], date(2026, 12, 5)) == [actioned]


def test_matches_need_a_name_and_a_date_of_birth_or_setting() -> None:
    amira = Child(name="Amira Okafor", date_of_birth="2019-03-04", setting="Anytown")
    assert basis(amira, Child(name=" amira  okafor", date_of_birth="2019-03-04"))
    assert basis(amira, Child(name="Amira Okafor", setting="anytown "))
    assert not basis(amira, Child(name="Amira Okafor"))  # a name alone
    assert not basis(amira, Child(name="Amira Okafor", date_of_birth="2019-03-05"))
    assert not basis(Child(name_unknown=True, setting="Anytown"), Child(setting="Anytown"))
    assert not basis(Child(unborn=True, name="Baby", expected_date="2027-01-01"),
                     Child(unborn=True, name="Baby", expected_date="2027-01-01"))  # fmt: skip


def test_merged_chronology_only_after_the_dsl_confirms(dsl: RecordStore) -> None:
    own = ConcernRecord(
        id="own1",
        event_date="2026-11-01",
        children=[Child(id="a", name="Amira Okafor", date_of_birth="2019-03-04")],
        facts="Seen by the DSL",
    )
    theirs = received("rec2", Child(id="b", name="Amira Okafor", date_of_birth="2019-03-04"))
    name_only = received("rec33", Child(id="c", name="Amira Okafor"), sender="Jo")  # never proposed
    for record in (own, theirs, name_only):
        dsl.save(record)
    records = dsl.records()
    links = load_links(dsl)
    [candidate] = candidates(records, links)
    assert {candidate.a, candidate.b} == {"own1/a", "rec2/b"}
    assert candidate.basis == "same name and date of birth"
    assert len(groups(records, links)) == 3  # nothing merged yet

    confirm(dsl, candidate, by="Sam Lead")
    links = load_links(dsl)
    assert candidates(records, links) == []
    merged = [g for g in groups(records, links) if len(g.members) == 2]
    assert len(merged) == 1 and merged[0].authors == ("Priya", "this vault")
    entries = merged_chronology(records, merged[0])
    assert [e.record_id for e in entries] == ["own1", "rec2"]
    assert entries[1].author == "Priya" and entries[0].author.startswith("This vault")
    html = merged_html(merged[0], entries, "OFFICIAL-SENSITIVE")
    assert "Recorded by" in html and "Priya" in html and "Facts of rec33" not in html

    reject(dsl, candidate)
    assert all(len(g.members) == 1 for g in groups(dsl.records(), load_links(dsl)))
    actions = [e.action for e in dsl.vault.audit_entries()]
    assert "chronology.match-confirmed" in actions and "chronology.match-rejected" in actions


def test_same_author_keeps_joining_by_child_key() -> None:
    one = received("r1", Child(id="x", name="Sam", date_of_birth="2018-01-01"))
    two = received("r22", Child(id="y", name="Sam", date_of_birth="2018-01-01"))
    assert len(groups([one, two], Links(set(), set()))) == 1


def test_the_records_chronology_never_joins_a_received_record_by_name_alone() -> None:
    from wt26desk.records.chronology import child_key, children_in, chronology

    own = ConcernRecord(id="own", children=[Child(name="Amira Okafor")], facts="Own note")
    theirs = received("theirs", Child(name="Amira Okafor"))
    assert len(children_in([own, theirs])) == 2
    key = child_key(own.children[0], own)
    assert [e.record_id for e in chronology([own, theirs], key)] == ["own"]
    same_sender = received("again", Child(name="Amira Okafor"))
    key = child_key(theirs.children[0], theirs)
    found = {e.record_id for e in chronology([own, theirs, same_sender], key)}
    assert found == {"theirs", "again"}  # the same sender's records still join


def test_two_senders_with_one_name_are_two_authors() -> None:
    from wt26desk.records.model import Handover

    amira = {"name": "Amira Okafor", "date_of_birth": "2019-03-04"}
    one = received("r1", Child(id="a", **amira), sender="J Smith")  # type: ignore[arg-type]
    two = received("r22", Child(id="b", **amira), sender="J Smith")  # type: ignore[arg-type]
    one.handover = Handover(sender_key="age1first")
    two.handover = Handover(sender_key="age1second")
    links = Links(set(), set())
    assert len(candidates([one, two], links)) == 1
    assert len(groups([one, two], links)) == 2
