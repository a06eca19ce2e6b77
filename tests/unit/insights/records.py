"""Hand-built records for the insights tests: every figure below is counted by hand."""

from __future__ import annotations

from datetime import date

from wt26desk.insights.characteristics import Characteristics
from wt26desk.insights.period import Period
from wt26desk.records.model import Action, Child, ConcernRecord

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 12, 15)
CHARACTERISTICS = Characteristics.from_choices(
    ethnicity=(
        ("white", "White"),
        ("black", "Black or Black British"),
        ("asian", "Asian or Asian British"),
        ("chinese", "Chinese"),
        ("not-known", "Not known"),
        ("declined", "Declined"),
    ),
    care_status=(
        ("none", "None of these"),
        ("looked-after-foster", "Looked after: foster care"),
        ("kinship-care", "Kinship care"),
        ("not-known", "Not known"),
        ("declined", "Declined"),
    ),
)
TITLES = {"neglect": "Neglect", "physical-abuse": "Physical abuse", "emotional-abuse": "Emotional"}


def amy() -> Child:
    return Child(
        name="Amy Ash",
        date_of_birth="2015-03-10",
        sex="female",
        send="ADHD",
        language="English",
        setting="Oak Primary",
        ethnicity="black",
        care_status="looked-after-foster",
    )


def ben() -> Child:
    return Child(
        name="Ben Birch",
        date_of_birth="2012-10-01",
        sex="male",
        language="Polish",
        setting="Elm Academy",
        ethnicity="white",
        care_status="none",
    )


def cara() -> Child:
    return Child(name="Cara Cedar", date_of_birth="2021-08-31", sex="female", ethnicity="asian")


def record(
    day: str, *children: Child, categories: tuple[str, ...] = (), **kw: object
) -> ConcernRecord:
    r = ConcernRecord(event_date=day, children=list(children), categories=list(categories))
    for name, value in kw.items():
        setattr(r, name, value)
    return r


def hand_built() -> list[ConcernRecord]:
    sibling = Child(name="Dan Cedar", role="Sibling", ethnicity="white")
    return [
        record(
            "2026-01-10",
            amy(),
            categories=("neglect",),
            actions=[Action(who="Children's social care", when="2026-01-12T10:00")],
            handed_over_at="2026-01-10T09:00",
            acknowledged_at="2026-01-10T13:00",
        ),
        record("2026-01-20", amy(), categories=("neglect", "emotional-abuse")),
        record("2026-03-05", amy(), categories=("neglect",), handed_over_at="2026-03-05T10:00"),
        record(
            "2026-02-01",
            ben(),
            categories=("physical-abuse",),
            actions=[
                Action(who="Police", due="2026-12-01"),
                Action(who="Health", due="2026-12-20"),
            ],
            follow_up="2026-11-01",
            status="submitted",
        ),
        record(
            "2026-02-15",
            ben(),
            categories=("physical-abuse",),
            actions=[Action(who="Children's social care", when="2026-02-20T09:00")],
            follow_up="2026-11-01",
            status="closed",
        ),
        record("2025-12-31", cara(), categories=("neglect",)),  # before the period
        record("", cara(), created="not a date"),  # undated
        record("2026-06-01", cara(), sibling, categories=("neglect",)),
    ]
