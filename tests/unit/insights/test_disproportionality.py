"""Rates against the roll, ratios to the rest of the roll, their intervals (from SciPy)
and the plain words that go with them. Reference values worked out by hand from the
textbook formulas (Wilson 1927; Katz et al. 1978)."""

from __future__ import annotations

import pytest

from tests.unit.insights.records import CHARACTERISTICS, PERIOD, TODAY, record
from wt26desk.insights.cohort import Cohort
from wt26desk.insights.figures import Disproportion, compute
from wt26desk.insights.stats import rate_interval, rate_ratio
from wt26desk.records.model import Child, ConcernRecord


def children(ethnicity: str, count: int) -> list[ConcernRecord]:
    return [
        record("2026-05-01", Child(name=f"{ethnicity} {n}", ethnicity=ethnicity))
        for n in range(count)
    ]


def rows(cohort: Cohort, records: list[ConcernRecord]) -> dict[str, Disproportion]:
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, cohort=cohort)
    return {d.value: d for d in i.disproportionality}


COHORT = Cohort("Test roll", {"ethnicity": {"black": 40, "white": 400, "chinese": 10}})


def test_rate_ratio_and_intervals() -> None:
    found = rows(COHORT, children("black", 12) + children("white", 20) + children("chinese", 3))
    black = found["black"]
    assert (black.roll, black.children) == (40, 12)
    assert black.rate == pytest.approx(0.3)
    assert black.rate_interval is not None
    assert black.rate_interval.low == pytest.approx(0.18075, abs=1e-4)
    assert black.rate_interval.high == pytest.approx(0.45430, abs=1e-4)
    # Against the rest of the roll: (20 + 3) of (400 + 10).
    assert black.ratio == pytest.approx(0.3 / (23 / 410))
    assert black.ratio_interval is not None
    assert black.ratio_interval.low > 1
    assert "more than chance alone would explain" in black.caution


def test_katz_interval_matches_the_textbook() -> None:
    ratio = rate_ratio(12, 40, 20, 400)
    assert ratio is not None and ratio.interval is not None
    assert ratio.value == pytest.approx(6.0)
    assert ratio.interval.low == pytest.approx(3.1713, abs=1e-3)
    assert ratio.interval.high == pytest.approx(11.352, abs=1e-2)


def test_wilson_interval_at_the_edges() -> None:
    none = rate_interval(0, 20)
    assert none.low == pytest.approx(0.0, abs=1e-12) and 0.1 < none.high < 0.2
    every = rate_interval(20, 20)
    assert 0.8 < every.low < 0.9 and every.high == pytest.approx(1.0)


def test_too_few_children_says_so_in_plain_words() -> None:
    found = rows(COHORT, children("black", 12) + children("white", 20) + children("chinese", 4))
    assert found["chinese"].children == 4
    assert found["chinese"].caution.startswith("Fewer than 5 children: too few")
    found = rows(COHORT, children("black", 12) + children("white", 20) + children("chinese", 5))
    assert not found["chinese"].caution.startswith("Fewer than 5")


def test_no_clear_difference_says_it_could_be_chance() -> None:
    found = rows(COHORT, children("black", 5) + children("white", 45))
    assert found["black"].ratio_interval is not None
    assert found["black"].ratio_interval.contains(1.0)
    assert "could be chance" in found["black"].caution


def test_a_lower_rate_asks_whether_concerns_are_missed() -> None:
    found = rows(COHORT, children("black", 5) + children("white", 300))
    assert "being missed" in found["black"].caution


def test_more_children_than_the_roll_is_a_caution_not_a_rate() -> None:
    small = Cohort("Tiny", {"ethnicity": {"black": 3, "white": 100}})
    found = rows(small, children("black", 6) + children("white", 10))
    assert found["black"].rate is None and "check the cohort file" in found["black"].caution


def test_no_ratio_when_the_rest_of_the_roll_has_no_concerns() -> None:
    found = rows(COHORT, children("black", 6))
    assert found["black"].ratio is None
    assert found["black"].caution.startswith("No comparison")
    assert rate_ratio(3, 10, 0, 10) is None


def test_children_without_a_roll_group_are_counted_apart() -> None:
    records = [*children("black", 6), record("2026-05-01", Child(name="Zed"))]
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, cohort=COHORT)
    assert dict(i.unmatched) == {"ethnicity": 1}


def test_a_blank_send_is_not_recorded_never_no_send() -> None:
    """A blank SEND field says nothing: the child is counted as not recorded and is left
    out of the comparison, never compared with the roll's pupils with no SEND."""
    roll = Cohort("SEND roll", {"send": {"send": 60, "no-send": 540}})
    records = [
        *(record("2026-05-01", Child(name=f"S{n}", send="EHCP: autism")) for n in range(6)),
        *(record("2026-05-01", Child(name=f"N{n}", send="None")) for n in range(7)),
        *(record("2026-05-01", Child(name=f"B{n}", send="")) for n in range(9)),
        record("2026-05-01", Child(name="Spaces", send="   ")),
    ]
    i = compute(records, PERIOD, CHARACTERISTICS, today=TODAY, cohort=roll)
    found = {d.value: d.children for d in i.disproportionality}
    assert found == {"send": 6, "no-send": 7}
    assert dict(i.unmatched) == {"send": 10}
    breakdown = i.breakdown("send")
    assert breakdown is not None
    assert [(g.label, g.children) for g in breakdown.groups] == [
        ("SEND", 6),
        ("No SEND", 7),
        ("Not recorded", 10),
    ]


@pytest.mark.parametrize("text", ["none", "No", "N/A", "nil", "No SEND", "none known"])
def test_send_written_as_none_is_no_send(text: str) -> None:
    spec = CHARACTERISTICS.get("send")
    assert spec is not None
    assert spec.value_of(Child(send=text), TODAY) == "no-send"


@pytest.mark.parametrize("text", ["", "  ", "not known", "Unknown", "not sure", "?", "-"])
def test_send_not_known_or_blank_is_not_recorded(text: str) -> None:
    spec = CHARACTERISTICS.get("send")
    assert spec is not None
    assert spec.value_of(Child(send=text), TODAY) == ""
