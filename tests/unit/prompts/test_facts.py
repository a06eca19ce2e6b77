"""Ages and stages read from a note's own words."""

from __future__ import annotations

import pytest

from wt26desk.prompts.facts import named_ages, read_facts
from wt26desk.prompts.text import normalise, tokenise


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
        ("she's 13 and her boyfriend is 19", 156),
        ("Told me he is only 9.", 108),
        ("6 wk check Amara, head circumference up", 6 * 12 // 52),
        ("27 month development review, speech delayed", 27),
        ("14F, asking for the pill, partner 19", 168),
        ("Seen today: 7 F, anogenital warts", 84),
        ("17F, COC repeat. Partner 18, together 1yr", 204),
        ("Pt 15F, LMP 3/52, UPSI x2", 180),
        ("boy about 14 yrs at the bus station", 168),
        ("Amir in Reception came in with a bruise", 48),
    ],
)
def test_an_age_written_in_the_note_is_read(text: str, months: int) -> None:
    assert read_facts(normalise(text)).youngest_months == months


def test_a_day_five_visit_is_a_newborn() -> None:
    assert read_facts(normalise("Day 5 visit, baby feeding well.")).not_mobile
    assert not read_facts(normalise("Day 5 of the school trip, all well.")).not_mobile


@pytest.mark.parametrize(
    "text",
    [
        "she's one of the girls",
        "he's 15 minutes late",
        "she's 5 foot 2",
        "she's 2 or 3",
        "the CIN plan's 6 week review",
        "Rx Rigevidey 3/12",
        "review in 6/52",
        "patching not needed, r/v 3/12",
        "temp 98.6F overnight",
        "flat 2F, no lift",
        "school shoes size 8F",
        "off school for 2/52",
        "moved here 3/12 ago",
        "6/12 supply of the inhaler",
        "Kitten (8 wks) came in with scratches on the nose",
        "the puppy is 10 weeks old and bites",
        "together 1yr, no concerns",
        "known him 2 yrs through church",
        "LMP 3/52, test positive",
        "TOP at 9/52 last spring",
        "he makes her share her location 24/7",
        "R shoulder dislocation, reduced. Sling 2/52 then rehab",
        "his ex keeps turning up at reception asking where he is",
        "left a note at the reception desk for mum",
    ],
)
def test_numbers_that_are_not_ages_are_not_read_as_ages(text: str) -> None:
    assert read_facts(normalise(text)).ages_months == ()


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Kayla 15 posted a picture of pills", (180,)),
        ("right so Logan five told his teacher", (60,)),
        ("Tyler 14 from Lewisham and Mia 9", (168, 108)),
        ("Room 9 at 10am, Bus 15 to town, Section 47 on Monday 3", ()),
        ("MGM 14 days ago", ()),
        ("Sam 15 mins late", ()),
        ("her big brother Josh is 16, at the high school", (192,)),
        ("Girl 15ish said her bf checks her phone", (180,)),
        ("Room is 9 mins from the station", ()),
    ],
)
def test_an_age_straight_after_a_name_is_read(text: str, ages: tuple[int, ...]) -> None:
    assert named_ages(tokenise(text)) == ages


@pytest.mark.parametrize(
    ("text", "adult"),
    [
        ("F 27, 30/40 pregnant, abdo pain", True),
        ("27F, coil fit, no concerns", True),
        ("15F, pregnant, partner 24", False),
        ("Mum 24F, baby 6/52, feeding well", False),  # a child's age is given
        ("F 15 slapped the table", False),
    ],
)
def test_a_woman_patient_in_clinic_shorthand_is_no_child(text: str, adult: bool) -> None:
    assert read_facts(normalise(text)).adult_patient is adult
