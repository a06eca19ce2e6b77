"""The demo vault's year of fictional concerns gives the lead's view something to show."""

from __future__ import annotations

from collections import Counter
from datetime import date

from wt26desk.assets import content_dir
from wt26desk.content_library.loader import load_library
from wt26desk.insights.assemble import insights_for
from wt26desk.insights.characteristics import Characteristics
from wt26desk.insights.cohort import load_cohort
from wt26desk.insights.figures import concern_date
from wt26desk.insights.period import Period
from wt26desk.training.demo_cohort import demo_cohort_records
from wt26desk.training.demo_vault import DEMO_COHORT

TODAY = date(2026, 12, 1)


def test_at_least_sixty_records_over_a_year_with_varied_context() -> None:
    records = demo_cohort_records(TODAY)
    assert len(records) >= 60
    days = [concern_date(r) for r in records]
    assert all(d is not None and (TODAY - d).days <= 365 for d in days)
    assert len({d.isoformat()[:7] for d in days if d is not None}) >= 10  # most months
    children = [r.children[0] for r in records]
    for field, at_least in (("ethnicity", 6), ("care_status", 6), ("sex", 2), ("language", 4)):
        assert len({getattr(c, field) for c in children}) >= at_least, field
    assert max(Counter(c.name for c in children).values()) >= 2  # repeated concerns
    assert all(
        "Sample" in c.name
        or "Example" in c.name
        or c.name.split()[1] in {"Placeholder", "Test", "Demo", "Fictional"}
        for c in children
    )


def test_the_same_day_gives_the_same_records() -> None:
    first, again = demo_cohort_records(TODAY), demo_cohort_records(TODAY)
    assert [r.to_document() for r in first] == [r.to_document() for r in again]


def test_the_demo_roll_gives_meaningful_disproportionality() -> None:
    library = load_library(content_dir())
    cohort = load_cohort(
        content_dir() / "demo-records" / DEMO_COHORT, Characteristics.from_library(library)
    )
    period = Period.last_twelve_months(TODAY)
    i = insights_for(demo_cohort_records(TODAY), library, period, today=TODAY, cohort=cohort)
    assert i.records >= 60 and i.repeated.children >= 5
    assert {d.characteristic for d in i.disproportionality} >= {"ethnicity", "care_status"}
    assert any(
        d.ratio_interval is not None and d.ratio_interval.low > 1 for d in i.disproportionality
    )
    assert i.timings[0].measured >= 5 and i.timings[1].measured >= 5


def test_the_demo_records_say_none_for_no_send_and_leave_a_few_blank() -> None:
    """A blank SEND field is not recorded (never "no SEND"): the demo says "None" where a
    child has none, so its roll's no-SEND group has children to compare."""
    library = load_library(content_dir())
    cohort = load_cohort(
        content_dir() / "demo-records" / DEMO_COHORT, Characteristics.from_library(library)
    )
    period = Period.last_twelve_months(TODAY)
    i = insights_for(demo_cohort_records(TODAY), library, period, today=TODAY, cohort=cohort)
    send = {d.value: d.children for d in i.disproportionality if d.characteristic == "send"}
    assert send["send"] >= 1 and send["no-send"] >= 5
    assert dict(i.unmatched)["send"] >= 1  # the blank ones, counted apart
