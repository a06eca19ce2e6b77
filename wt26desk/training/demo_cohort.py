"""Fictional concerns over the last year for the safeguarding lead's view in trainer mode:
enough records (64, about 40 children, some with several concerns) with varied context
(ethnicity, care status, sex, SEND, language, year group) for the figures and charts to
mean something. Made from a fixed seed, so every demo vault made on the same day holds
the same records; dated back from that day, so the default period always shows them.

Every name is invented and marked as such ("Sample", "Example", ...), as in the other
demo records."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from wt26desk.records.model import AGENCIES, Action, Child, ConcernRecord, SignOff

SEED = 2026
RECORDS = 64
CHILDREN = 40

FIRST = [
    "Ava",
    "Amara",
    "Noah",
    "Zara",
    "Leo",
    "Kofi",
    "Maya",
    "Yusuf",
    "Isla",
    "Mateusz",
    "Lily",
    "Darius",
    "Freya",
    "Tariq",
    "Ruby",
    "Chen",
    "Evie",
    "Jamal",
    "Poppy",
    "Idris",
    "Grace",
    "Oskar",
    "Nia",
    "Reuben",
    "Hana",
    "Emeka",
    "Molly",
    "Sami",
    "Ellie",
    "Bilal",
    "Orla",
    "Jonah",
    "Leah",
    "Ciaran",
    "Aisha",
    "Tomasz",
    "Keira",
    "Dev",
    "Imani",
    "Finn",
]
SURNAMES = ("Sample", "Example", "Placeholder", "Test", "Demo", "Fictional")
# (ethnicity, weight): the demo roll (content/demo-records/demo-cohort.csv) is mostly
# White; the concerns over-represent Black and Mixed children so the page has a pattern
# to discuss in training.
ETHNICITY = (
    ("white", 18),
    ("black", 8),
    ("mixed", 5),
    ("asian", 5),
    ("chinese", 1),
    ("other", 1),
    ("not-known", 1),
    ("declined", 1),
)
CARE = (
    ("none", 22),
    ("child-in-need", 5),
    ("child-protection-plan", 3),
    ("looked-after-foster", 3),
    ("looked-after-residential", 1),
    ("kinship-care", 3),
    ("special-guardianship", 1),
    ("adopted", 1),
    ("not-known", 1),
)
LANGUAGES = ("English",) * 7 + ("Polish", "Urdu", "Somali", "Romanian", "")
SETTINGS = ("Example Primary School", "Example Academy", "Little Acorns Nursery (fictional)")
AREAS: dict[str, str] = {
    "neglect": "Came in without a coat again in the cold, hungry at breakfast club, "
    "clothes unwashed for the third day this week.",
    "physical-abuse": "A bruise on the upper arm, about 2 cm, purple. Said 'Dad grabbed me' "
    "when asked what happened.",
    "emotional-abuse": "Says they are told at home that they are stupid and nobody wants "
    "them. Tearful and withdrawn in class.",
    "domestic-abuse": "Told a teacher that mum and her partner were shouting and something "
    "was thrown; police came to the house last night.",
    "online-harms": "Shared that an older person they met in a game asked for photos and "
    "threatened to tell their friends.",
    "child-criminal-exploitation": "Seen with new trainers and two phones, missing "
    "afternoons, older boys waiting at the gate in a car.",
    "persistent-absence": "Attendance under 80% this term; no answer at home after three "
    "calls and a letter.",
    "harm-outside-the-home": "Reported being followed and threatened near the park by a "
    "group of older teenagers.",
}
AREA_WEIGHTS = (16, 9, 7, 8, 5, 4, 6, 3)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def demo_children(rng: random.Random, today: date) -> list[Child]:
    children = []
    for n in range(CHILDREN):
        age = rng.randint(3, 16)
        born = today - timedelta(days=age * 365 + rng.randint(0, 364))
        children.append(
            Child(
                id=f"demo-child-{n:02d}",
                name=f"{FIRST[n]} {SURNAMES[n % len(SURNAMES)]}",
                date_of_birth=born.isoformat(),
                sex=rng.choice(("female", "male")) if n % 13 else "",
                setting=SETTINGS[2] if age < 5 else SETTINGS[0] if age < 11 else SETTINGS[1],
                # "None" says the child has none; a blank field (every 11th) is not
                # recorded, and the lead's view counts it apart from the roll's groups.
                send=rng.choice(("Autism", "Speech and language needs", "ADHD"))
                if rng.random() < 0.2
                else ("None" if n % 11 else ""),
                language=rng.choice(LANGUAGES),
                ethnicity=_weighted(rng, ETHNICITY),
                care_status=_weighted(rng, CARE),
            )
        )
    return children


def _at(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute)).isoformat(timespec="minutes")


def demo_cohort_records(today: date) -> list[ConcernRecord]:
    rng = random.Random(SEED)  # noqa: S311 (the same fictional records each time)
    children = demo_children(rng, today)
    # The first ten children have more than one concern: a pattern to notice.
    subjects = [children[n % 10] for n in range(24)]
    subjects += rng.choices(children[10:], k=RECORDS - len(subjects))
    records = []
    for n, child in enumerate(subjects):
        day = today - timedelta(days=rng.randint(1, 330))  # within the default period
        area = rng.choices(list(AREAS), weights=AREA_WEIGHTS)[0]
        record = ConcernRecord(
            id=f"demo-lead-{n:02d}",
            status=rng.choice(("submitted", "submitted", "closed")),
            created=_at(day, 16),
            event_date=day.isoformat(),
            event_time=f"{rng.randint(8, 15):02d}:{rng.choice((0, 15, 30, 45)):02d}",
            place=child.setting,
            reporter_name="Sam Sample (fictional)",
            reporter_role=rng.choice(("Class teacher", "Teaching assistant", "Pastoral lead")),
            children=[Child(**{**vars(child), "id": f"{child.id}-{n}"})],
            facts=AREAS[area],
            categories=[area] if rng.random() < 0.85 else [],
            decision="Discussed with the designated safeguarding lead.",
            sign_off=SignOff(name="Sam Sample (fictional)", role="Teacher", date=day.isoformat()),
            handed_over_at=_at(day, 16, 30),
        )
        if rng.random() < 0.85:  # the lead acknowledges it within minutes or up to 2 days
            handed = datetime.fromisoformat(record.handed_over_at)
            later = handed + timedelta(minutes=rng.choice((10, 25, 40, 90, 16 * 60, 40 * 60)))
            record.acknowledged_at = later.isoformat(timespec="minutes")
        if rng.random() < 0.45:
            referred = day + timedelta(days=rng.choice((0, 0, 1, 1, 2, 5)))
            record.actions.append(
                Action(who=AGENCIES[1], when=_at(referred, 11), reference=f"DEMO-{n:03d}")
            )
        if rng.random() < 0.3:
            due = day + timedelta(days=rng.randint(5, 40))
            record.actions.append(
                Action(who=AGENCIES[5], name="Family Help (fictional)", due=due.isoformat())
            )
        records.append(record)
    return records
