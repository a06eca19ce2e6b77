"""Suppression at 4 and 5, and the exported tables: no child named, period and cohort
stated, every small count and what follows from it shown as "<5"."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

from tests.unit.insights.records import CHARACTERISTICS, PERIOD, TITLES, TODAY, hand_built, record
from wt26desk.insights.cohort import Cohort
from wt26desk.insights.figures import compute
from wt26desk.insights.report import (
    as_csv,
    as_html,
    as_json,
    concerns_and_children,
    report_tables,
)
from wt26desk.insights.suppress import hidden_cells, is_small, shown, shown_cells
from wt26desk.records.model import Action, Child, ConcernRecord


def test_suppression_at_4_and_5() -> None:
    assert shown(4) == "<5" and is_small(4)
    assert shown(5) == "5" and not is_small(5)
    assert shown(1) == "<5"
    assert shown(0) == "0"  # nothing to protect


def test_one_hidden_count_takes_the_next_smallest_with_it() -> None:
    assert shown_cells([4, 9, 5]) == ["<5", "9", "c"]
    assert shown_cells([4, 3, 9]) == ["<5", "<5", "9"]
    assert hidden_cells([4, 9, 5]) == [True, False, True]
    assert hidden_cells([4, 3, 9]) == [True, True, False]
    assert hidden_cells([5, 6, 0]) == [False, False, False]
    assert hidden_cells([4, 0]) == [True, False]  # nothing else to hide


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def many(day: str, count: int, area: str, ethnicity: str = "white") -> list:
    return [
        record(
            day,
            Child(name=f"Child {area} {ethnicity} {n}", ethnicity=ethnicity),
            categories=(area,),
        )
        for n in range(count)
    ]


def test_csv_suppresses_a_count_of_3_and_keeps_5() -> None:
    records = many("2026-03-01", 3, "neglect") + many("2026-04-01", 5, "physical-abuse")
    records += many("2026-05-01", 4, "emotional-abuse")
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES)
    found = rows_of(as_csv(i))
    assert ["Neglect", "<5"] in found
    assert ["Emotional", "<5"] in found
    assert not any("c: withheld" in " ".join(row) for row in found)
    assert ["Physical abuse", "5"] in found
    assert ["Period", "2026-01-01 to 2026-12-31"] in found
    assert ["Cohort", "none given (no rates)"] in found
    assert "Child neglect" not in as_csv(i).decode()


def test_a_lone_small_count_withholds_the_next_smallest_and_says_why() -> None:
    records = many("2026-03-01", 3, "neglect") + many("2026-04-01", 5, "physical-abuse")
    records += many("2026-05-01", 7, "emotional-abuse")
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES)
    found = rows_of(as_csv(i))
    assert ["Neglect", "<5"] in found
    assert ["Physical abuse", "c"] in found
    assert ["Emotional", "7"] in found
    assert any(
        row and row[0].startswith("A concern can be in more") and "c: withheld" in row[0]
        for row in found
    )


def test_no_child_is_named_in_any_export() -> None:
    records = hand_built()
    cohort = Cohort("Oak roll", {"ethnicity": {"white": 100, "black": 20, "asian": 10}})
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES, cohort=cohort)
    for text in (as_csv(i).decode(), as_html(i, "Figures")):
        for name in ("Amy", "Ben", "Cara", "Dan", "Oak Primary", "Elm Academy"):
            assert name not in text
        assert "Oak roll" in text  # the cohort is stated
    assert "Amy" not in json.dumps(as_json(i))


def test_disproportionality_rows_hide_small_groups_and_their_rates() -> None:
    records = many("2026-03-01", 12, "neglect", "black") + many("2026-03-01", 3, "neglect", "asian")
    records += many("2026-03-02", 20, "neglect", "white")
    cohort = Cohort("Oak roll", {"ethnicity": {"white": 400, "black": 40, "asian": 30}})
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, cohort=cohort)
    table = next(t for t in report_tables(i) if t.id == "disproportionality")
    by_group = {row[1]: row for row in table.rows}
    asian = by_group["Asian or Asian British"]
    assert asian[2:8] == ("30", "<5", "<5", "<5", "<5", "<5")
    black = by_group["Black or Black British"]
    assert black[2:5] == ("40", "12", "30.0%")
    assert " to " in black[5] and " to " in black[7]


def test_json_holds_every_figure_unsuppressed() -> None:
    cohort = Cohort("Oak roll", {"ethnicity": {"white": 100, "black": 20}})
    i = compute(
        hand_built(), PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES, cohort=cohort
    )
    data = as_json(i, training=True)
    assert data["harm_areas"][0] == {
        "id": "neglect",
        "title": "Neglect",
        "concerns": 4,
        "by_month": [2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    }
    assert {
        "value": "black",
        "label": "Black or Black British",
        "concerns": 3,
        "children": 1,
    } in data["by_characteristic"]["ethnicity"]
    black = next(d for d in data["disproportionality"] if d["value"] == "black")
    assert black["children"] == 1 and black["rate"] == 0.05
    assert len(black["rate_interval"]) == 2 and black["ratio"] is not None
    json.dumps(data)  # all of it serialisable


def test_the_count_of_concerns_and_children_reads_as_english() -> None:
    many = compute(hand_built(), PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES)
    assert concerns_and_children(many) == (
        f"{many.records} concerns about {many.children} children"
    )
    one = compute(
        [record("2026-02-02", Child(name="Amy Oak"))], PERIOD, CHARACTERISTICS, today=TODAY
    )
    assert concerns_and_children(one) == "1 concern about 1 child"


def test_typed_text_never_starts_a_spreadsheet_formula() -> None:
    child = Child(name="X", language='=HYPERLINK("http://x")')
    records = [record("2026-03-01", child) for _ in range(6)]
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY)
    found = rows_of(as_csv(i))
    assert ['\'=HYPERLINK("http://x")', "6"] in found
    assert ["Concerns by SEND"] in found


def test_harm_areas_by_month_suppress_each_row() -> None:
    records = many("2026-03-01", 6, "neglect") + many("2026-04-01", 2, "neglect")
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES)
    table = next(t for t in report_tables(i) if t.id == "harm-areas-by-month")
    assert table.header[:4] == ("Harm area", "2026-01", "2026-02", "2026-03")
    assert table.rows[0][:5] == ("Neglect", "0", "0", "c", "<5")


def timing_rows(records: list) -> dict[str, list[str]]:
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES)
    found = rows_of(as_csv(i))
    start = found.index(["How long things took"])
    assert found[start + 1] == ["Measure", "Measured", "Median", "Longest", "Not yet"]
    return {row[0].split(" (")[0]: row[1:] for row in found[start + 2 : start + 4]}


def referred(day: str, after: int, name: str) -> ConcernRecord:
    when = (date.fromisoformat(day) + timedelta(days=after)).isoformat() + "T10:00"
    return record(
        day,
        Child(name=name),
        categories=("neglect",),
        actions=[Action(who="Children's social care", when=when)],
    )


def test_durations_are_days_not_suppressed_counts() -> None:
    """Suppression is for counts of children and concerns: a duration is the number of
    days, empty when nothing was measured, and withheld (in words) only when it comes from
    fewer than 5 concerns."""
    nothing = timing_rows(many("2026-03-01", 6, "neglect"))
    referral, ack = (
        nothing["From concern to referral to children's social care"],
        nothing["From handover to the lead's acknowledgement"],
    )
    assert referral == ["0", "not measured", "not measured", "6"]
    assert ack == ["0", "not measured", "not measured", "0"]
    few = timing_rows([referred("2026-03-01", n, f"Few {n}") for n in range(3)])
    assert few["From concern to referral to children's social care"] == [
        "<5",
        "fewer than 5 measured",
        "fewer than 5 measured",
        "0",
    ]
    enough = timing_rows([referred("2026-03-01", n, f"Enough {n}") for n in (1, 2, 3, 10, 30)])
    assert enough["From concern to referral to children's social care"] == ["5", "3", "30", "0"]
    assert "<5" not in {c for row in enough.values() for c in row[1:3]}
