"""Every figure of the lead's view on the hand-built records of records.py."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.insights.records import (
    CHARACTERISTICS,
    PERIOD,
    TITLES,
    TODAY,
    cara,
    hand_built,
    record,
)
from wt26desk.insights.characteristics import year_group
from wt26desk.insights.figures import Insights, compute
from wt26desk.insights.period import Period
from wt26desk.records.model import Child


def figures(**kw: object) -> Insights:
    return compute(hand_built(), PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES, **kw)  # type: ignore[arg-type]


def groups(insights: Insights, characteristic: str) -> list[tuple[str, int, int]]:
    breakdown = insights.breakdown(characteristic)
    assert breakdown is not None
    return [(g.label, g.concerns, g.children) for g in breakdown.groups]


def test_counts_concerns_in_the_period_only() -> None:
    i = figures()
    assert i.records == 6  # one before the period, one undated
    assert i.undated == 1
    assert i.children == 3  # the sibling is not a subject of the concern


def test_concerns_by_month() -> None:
    i = figures()
    assert len(i.months) == 12 and i.months[0] == "2026-01" and i.months[-1] == "2026-12"
    assert i.concerns_by_month == (2, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0)


def test_harm_areas_most_first_with_titles_and_months() -> None:
    i = figures()
    assert [(a.id, a.title, a.concerns) for a in i.harm_areas] == [
        ("neglect", "Neglect", 4),
        ("physical-abuse", "Physical abuse", 2),
        ("emotional-abuse", "Emotional", 1),
    ]
    assert i.harm_areas[0].by_month[:6] == (2, 0, 1, 0, 0, 1)


def test_by_each_characteristic() -> None:
    i = figures()
    assert groups(i, "ethnicity") == [
        ("White", 2, 1),
        ("Black or Black British", 3, 1),
        ("Asian or Asian British", 1, 1),
    ]
    assert groups(i, "care_status") == [
        ("None of these", 2, 1),
        ("Looked after: foster care", 3, 1),
        ("Not recorded", 1, 1),
    ]
    assert groups(i, "sex") == [("Female", 4, 2), ("Male", 2, 1)]
    # Ben's and Cara's SEND fields are blank: not recorded, never "no SEND".
    assert groups(i, "send") == [("SEND", 3, 1), ("Not recorded", 3, 2)]
    assert groups(i, "year_group") == [("Reception", 1, 1), ("Year 6", 3, 1), ("Year 8", 2, 1)]
    assert groups(i, "language") == [("English", 3, 1), ("Polish", 2, 1), ("Not recorded", 1, 1)]
    assert groups(i, "setting") == [
        ("Oak Primary", 3, 1),
        ("Elm Academy", 2, 1),
        ("Not recorded", 1, 1),
    ]


def test_repeated_concerns_and_the_time_between_them() -> None:
    r = figures().repeated
    assert r.children == 2
    assert r.by_count == (("2", 1), ("3", 1), ("4 or more", 0))
    assert r.gaps == 3  # Amy: 10 and 44 days; Ben: 14 days
    assert r.median_days_between == 14
    assert r.shortest_days_between == 10
    assert [(w.label, len(w.dates)) for w in r.who] == [("Amy Ash", 3), ("Ben Birch", 2)]


def test_time_to_referral_and_to_acknowledgement() -> None:
    referral, ack = figures().timings
    assert (referral.measured, referral.median, referral.longest, referral.waiting) == (
        2,
        3.5,
        5,
        4,
    )
    assert (ack.unit, ack.measured, ack.median, ack.longest, ack.waiting) == ("hours", 1, 4, 4, 1)


def test_overdue_actions_and_follow_ups() -> None:
    o = figures().overdue
    assert (o.actions, o.follow_ups, o.records) == (1, 1, 1)


def test_prompts_raised_but_not_chosen_and_the_reverse() -> None:
    records = hand_built()
    raised = {
        records[0].id: frozenset({"neglect", "physical-abuse"}),
        records[1].id: frozenset({"neglect"}),
    }
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES, raised=raised)
    assert i.prompt_gaps is not None
    gaps = {g.id: (g.raised_not_chosen, g.chosen_not_raised) for g in i.prompt_gaps}
    assert gaps == {"physical-abuse": (1, 2), "neglect": (0, 2), "emotional-abuse": (0, 1)}
    assert figures().prompt_gaps is None


def test_context_comes_from_the_most_recent_record_that_says_it() -> None:
    earlier, later = cara(), cara()
    earlier.care_status = "kinship-care"
    later.care_status = ""  # not said again: the earlier value stands
    records = [record("2026-04-01", earlier), record("2026-05-01", later)]
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY)
    assert groups(i, "care_status") == [("Kinship care", 1, 1), ("Not recorded", 1, 0)]


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        ("2021-08-31", date(2026, 6, 1), "reception"),  # youngest of the year
        ("2021-09-01", date(2026, 6, 1), "nursery"),  # oldest of the year below
        ("2021-09-01", date(2026, 9, 1), "reception"),  # the new school year
        ("2015-03-10", date(2026, 1, 10), "year-6"),
        ("2008-01-01", date(2026, 1, 10), "year-13"),
        ("2007-01-01", date(2026, 1, 10), "18-and-over"),
        ("2025-01-01", date(2026, 1, 10), "under-3"),
        ("", date(2026, 1, 10), ""),
        ("not a date", date(2026, 1, 10), ""),
    ],
)
def test_year_group_as_schools_count_it(born: str, on: date, expected: str) -> None:
    assert year_group(Child(date_of_birth=born), on) == expected


def test_an_unborn_baby_has_no_year_group() -> None:
    assert year_group(Child(unborn=True, date_of_birth="2026-01-01"), date(2026, 6, 1)) == ""


def test_periods() -> None:
    assert Period.last_twelve_months(date(2026, 12, 15)) == Period(
        date(2026, 1, 1), date(2026, 12, 15)
    )
    assert Period.last_twelve_months(date(2026, 3, 2)).start == date(2025, 4, 1)
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2026, 2, 1), date(2026, 1, 1))
