"""Ages and stages read from a note's own words."""

from __future__ import annotations

import pytest

from wt26desk.prompts.facts import read_facts
from wt26desk.prompts.text import normalise


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Ruby (4) said daddy shouts.", 48),
        ("Kayden (15, ADHD) told me he sleeps in the car.", 180),
        ("Sam (15 yo) was on the bridge.", 180),
        ("Girl (approx 15) at the hotel bar with two men.", 180),
        ("the baby is like 10 weeks and had a burn on her foot", 10 * 12 // 52),
        ("2 girls (about 14 and 17) in the car.", 168),
        ("Baby Kaiden (7/52) has a bruise.", 7 * 12 // 52),
    ],
)
def test_an_age_written_in_the_note_is_read(text: str, months: int) -> None:
    assert read_facts(normalise(text)).youngest_months == months


def test_a_day_five_visit_is_a_newborn() -> None:
    assert read_facts(normalise("Day 5 visit, baby feeding well.")).not_mobile
    assert not read_facts(normalise("Day 5 of the school trip, all well.")).not_mobile
