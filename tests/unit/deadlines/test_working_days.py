"""Working-day arithmetic, checked against dates counted by hand on a calendar."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from wt26desk.content_library.library import Library
from wt26desk.deadlines.timescales import due_dates, local_strategy_discussion
from wt26desk.deadlines.working_days import WorkingDayCalendar, add_months

CAL = WorkingDayCalendar()


def due(library: Library, event: str, on: date) -> list[date]:
    return [d.due for d in due_dates(library.timescales, event, on, CAL)]


def test_bank_holidays_in_england() -> None:
    for holiday in (
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 12, 28),
        date(2027, 1, 1),
    ):
        assert not CAL.is_working_day(holiday), holiday
    assert CAL.is_working_day(date(2026, 12, 24))


def test_referral_on_christmas_eve(library: Library) -> None:
    # Wed 24 Dec 2025: Thu 25 and Fri 26 are bank holidays, then a weekend.
    assert due(library, "referral-received", date(2025, 12, 24)) == [date(2025, 12, 29)]


def test_referral_on_a_friday_and_a_saturday(library: Library) -> None:
    assert due(library, "referral-received", date(2026, 3, 6)) == [date(2026, 3, 9)]
    assert due(library, "referral-received", date(2026, 3, 7)) == [date(2026, 3, 9)]


def test_notification_across_christmas_2025(library: Library) -> None:
    # Mon 22 Dec: 23, 24, 29, 30, 31 December.
    assert due(library, "serious-incident-known", date(2025, 12, 22)) == [date(2025, 12, 31)]


def test_rapid_review_across_christmas_2026(library: Library) -> None:
    # Fri 18 Dec 2026: 21-24 Dec (4); 25 Dec and Mon 28 Dec (Boxing Day substitute) off;
    # 29-31 Dec (7); Fri 1 Jan off; 4-8 Jan (12); 11, 12, 13 Jan (15).
    assert due(library, "serious-incident-notified", date(2026, 12, 18)) == [date(2027, 1, 13)]


def test_conference_across_easter_2026(library: Library) -> None:
    # Thu 2 Apr 2026: Good Friday 3 Apr and Easter Monday 6 Apr are off;
    # 7-10 Apr (4), 13-17 (9), 20-24 (14), Mon 27 Apr (15).
    assert due(library, "strategy-discussion", date(2026, 4, 2)) == [date(2026, 4, 27)]


def test_assessment_45_working_days(library: Library) -> None:
    # Mon 2 Mar 2026: 3-31 March is 21 working days; April less Good Friday (3rd) and
    # Easter Monday (6th) is 20 (41); Fri 1 May (42); Mon 4 May is a bank holiday;
    # 5, 6, 7 May (45).
    assert due(library, "referral-for-assessment", date(2026, 3, 2)) == [date(2026, 5, 7)]


def test_months_clamp_to_the_end_of_short_months(library: Library) -> None:
    assert due(library, "initial-conference", date(2025, 11, 30)) == [date(2026, 2, 28)]
    assert due(library, "review-conference", date(2026, 8, 31)) == [date(2027, 2, 28)]
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_fgm_has_a_good_practice_and_a_legal_limit(library: Library) -> None:
    found = due_dates(library.timescales, "fgm-known", date(2026, 12, 24), CAL)
    assert [(d.due, d.national) for d in found] == [
        (date(2026, 12, 29), False),
        (date(2027, 1, 24), True),
    ]
    assert all(d.sources for d in found)


def test_without_bank_holidays_only_weekends_are_skipped() -> None:
    plain = WorkingDayCalendar(exclude_bank_holidays=False)
    assert plain.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 25)


def test_extra_closure_days_are_skipped() -> None:
    closed = WorkingDayCalendar(extra_closures=[date(2026, 3, 9)])
    assert closed.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)


def test_local_strategy_discussion_is_marked_local() -> None:
    timescale = local_strategy_discussion(2)
    [found] = due_dates([timescale], "significant-harm-suspected", date(2026, 3, 5), CAL)
    assert found.due == date(2026, 3, 9) and not found.national


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=1, max_value=80),
)
def test_nth_working_day_properties(start: date, count: int) -> None:
    end = CAL.add_working_days(start, count)
    assert CAL.is_working_day(end)
    assert CAL.working_days_between(start, end) == count
    assert CAL.working_days_between(start, end - timedelta(days=1)) == count - 1


def test_a_month_limit_on_a_weekend_says_act_by_the_working_day_before(
    library: Library,
) -> None:
    """Issue 16: a limit in months can end on a non-working day; say so, and give the
    working day before."""
    [good_practice, limit] = due_dates(library.timescales, "fgm-known", date(2026, 12, 24), CAL)
    assert limit.due == date(2027, 1, 24)  # a Sunday
    assert limit.act_by == date(2027, 1, 22)
    assert "act by the working day before, Fri 22 Jan 2027" in limit.act_by_note
    assert limit.as_dict()["act_by"] == "2027-01-22"
    # A count in working days always ends on a working day: nothing to add.
    assert good_practice.act_by is None and good_practice.act_by_note == ""


def test_a_month_limit_on_a_bank_holiday_and_on_a_working_day(library: Library) -> None:
    # 25 Feb 2026 + 3 months is Mon 25 May 2026, the spring bank holiday.
    [review] = due_dates(library.timescales, "initial-conference", date(2026, 2, 25), CAL)
    assert (review.due, review.act_by) == (date(2026, 5, 25), date(2026, 5, 22))
    # 3 Mar 2026 + 6 months is Thu 3 Sep 2026, a working day.
    [review] = due_dates(library.timescales, "review-conference", date(2026, 3, 3), CAL)
    assert (review.due, review.act_by, review.act_by_note) == (date(2026, 9, 3), None, "")
    assert review.as_dict()["act_by"] == "2026-09-03"


def test_file_transfer_over_a_holiday_is_due_by_the_fifth_school_day_of_term(
    library: Library,
) -> None:
    """KCSIE: within the first 5 school days of the new term; the first day is day one."""
    # Term starts Wed 2 Sep 2026: 2, 3, 4, 7, 8 September.
    assert due(library, "new-term-starts", date(2026, 9, 2)) == [date(2026, 9, 8)]
    # A training day on Thu 3 Sep (a closure the school sets) moves it a day.
    closed = WorkingDayCalendar(extra_closures=[date(2026, 9, 3)])
    [found] = due_dates(library.timescales, "new-term-starts", date(2026, 9, 2), closed)
    assert found.due == date(2026, 9, 9)


def test_in_year_file_transfer_says_plainly_what_its_date_means(library: Library) -> None:
    [found] = due_dates(library.timescales, "pupil-moves-school", date(2026, 7, 20), CAL)
    assert found.due == date(2026, 7, 27)  # weekdays: the app does not know school holidays
    assert "does not know your school's holidays" in found.note
    assert "new-term event" in found.note
