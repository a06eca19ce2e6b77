from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from wt26desk.records.chronology import child_key, children_in, chronology, chronology_html
from wt26desk.records.flow import RecordingFlow
from wt26desk.records.model import Action, Child, ConcernRecord, Mark, Quote, SignOff


def sample() -> ConcernRecord:
    return ConcernRecord(
        event_date="2026-03-02",
        event_time="10:15",
        place="Classroom 4",
        children=[
            Child(name="Ruby Ahmed", date_of_birth="2019-05-20", role="Subject of the concern"),
            Child(name_unknown=True, age_years=4, role="Sibling"),
        ],
        facts="Ruby had a 2 cm round bruise on her left forearm.",
        quotes=[Quote(text="dad grabbed me", asked="Tell me what happened")],
        marks=[
            Mark(
                view="front",
                size="2 cm",
                shape="round",
                colour="blue",
                location="left forearm, inner side",
            )
        ],
        actions=[
            Action(who="Children's social care", when="2026-03-02T11:30", reference="CSC-123")
        ],
        sign_off=SignOff(name="Sam Jones", role="Class teacher"),
    )


def test_document_round_trip_keeps_everything() -> None:
    record = sample()
    again = ConcernRecord.from_document(record.to_document())
    assert again == record
    assert ConcernRecord.from_document({**record.to_document(), "future_field": 1}) == record


@given(st.text(max_size=50), st.booleans(), st.integers(min_value=0, max_value=17))
def test_round_trip_property(text: str, unknown: bool, years: int) -> None:
    record = ConcernRecord(facts=text, children=[Child(name_unknown=unknown, age_years=years)])
    assert ConcernRecord.from_document(record.to_document()) == record


def test_concern_for_prompts_carries_the_facts() -> None:
    concern = sample().concern()
    assert "dad grabbed me" in concern.text and concern.child_words == ("dad grabbed me",)
    assert concern.children[0].age_months == 81  # 6 years 9 months on 2 March 2026
    assert concern.children[1].age_months == 48
    assert concern.referred_to_social_care_on == date(2026, 3, 2)


def test_each_child_keeps_its_own_role() -> None:
    record = sample()
    record.children[1].role = "Witness"
    assert [c.role for c in record.children] == ["Subject of the concern", "Witness"]


def test_flow_needs_a_child_facts_and_a_signature() -> None:
    flow = RecordingFlow(ConcernRecord())
    [problem] = flow.next()
    assert problem.field == "children" and flow.step == "children"
    flow.record.children.append(Child())
    assert "name not known" in flow.next()[0].message
    flow.record.children[0].name_unknown = True
    assert flow.next() == [] and flow.step == "what-happened"
    assert flow.next()[0].field == "facts"
    flow.record.quotes.append(Quote(text="I don't want to go home"))
    assert flow.next() == [] and flow.step == "injuries"
    flow.next()
    flow.next()
    assert flow.step == "check"
    assert flow.submit()[0].field == "sign_off"
    flow.record.sign_off = SignOff(name="Sam Jones", role="DSL")
    assert flow.submit(datetime(2026, 3, 2, 12, 0)) == []
    assert flow.record.status == "submitted" and flow.record.written_at == "2026-03-02T12:00"


def test_unborn_child_needs_no_name() -> None:
    flow = RecordingFlow(ConcernRecord(children=[Child(unborn=True, expected_date="2026-09-01")]))
    assert flow.next() == []
    flow.record.children[0].expected_date = "September"
    flow.back()
    assert "expected date" in flow.next()[0].message


def test_mark_reports_missing_details() -> None:
    assert Mark(size="2 cm").missing_details() == ["shape", "colour", "location"]


def test_chronology_orders_filters_and_prints() -> None:
    first = sample()
    later = sample()
    later.event_date, later.significant, later.facts = "2026-04-10", True, "Second bruise."
    earlier = sample()
    earlier.event_date, earlier.facts = "2026-01-05", "Late collection, no coat."
    other = ConcernRecord(event_date="2026-02-01", children=[Child(name="Someone Else")])
    records = [first, later, earlier, other]
    key = child_key(first.children[0])
    # Children whose names are not known are never merged across records.
    labels = list(children_in(records).values())
    assert labels == ["Name not known"] * 3 + ["Ruby Ahmed", "Someone Else"]
    entries = chronology(records, key)
    assert [e.when[:10] for e in entries] == ["2026-01-05", "2026-03-02", "2026-04-10"]
    assert [e.when[:10] for e in chronology(records, key, significant_only=True)] == ["2026-04-10"]
    assert [e.summary for e in chronology(records, key, text="coat")] == [
        "Late collection, no coat."
    ]
    page = chronology_html("Ruby Ahmed", entries, "OFFICIAL-SENSITIVE")
    assert page.count("<tr>") == 4 and "OFFICIAL-SENSITIVE" in page and "Significant" in page


def test_follow_ups_gather_reminder_and_action_due_dates_soonest_first() -> None:
    record = sample()
    record.follow_up = "2026-03-20"
    record.actions[0].due = "2026-03-09"
    record.actions.append(Action(due="not a date"))
    assert record.follow_ups() == [date(2026, 3, 9), date(2026, 3, 20)]
