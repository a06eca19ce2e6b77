"""The core pack is correct and complete: these pin what the sources say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import Concept, HarmArea, Timescale

# Appendix 1 of WT2026: 5 standards in section A, 13 in B, 3 in C, in this order.
STANDARDS = {
    "A1": "Notice, listen and record",
    "A2": "Communicate in the way that suits the child",
    "A3": "Share concerns and escalate when needed",
    "A4": "Take family members' concerns seriously",
    "A5": "Never assume someone else has shared it",
    "B1": "Know your limits and build the full picture together",
    "B2": "Understand what significant harm means",
    "B3": "Keep the child informed and ask what they want",
    "B4": "Engage parents and the family network",
    "B5": "Explore the adults around the child",
    "B6": "Weigh the views of people who know the child",
    "B7": "Share your thinking before deciding",
    "B8": "Agree the help needed and check it is available",
    "B9": "Harm outside the home: understand the context",
    "B10": "Explain thresholds and next steps to families",
    "B11": "Stay alert to changes",
    "B12": "Make the protection plan specific and achievable",
    "B13": "Act promptly with evidence-based help",
    "C1": "Create lasting change and keep the door open",
    "C2": "Keep support in place after the plan ends",
    "C3": "Plan well when a child becomes looked after",
}
SECTION_TITLES = {
    "section-A": "A: Recognising actual or likely significant harm for all practitioners",
    "section-B": "B: Section 47 enquiries, child protection conferences and child protection plans",
    "section-C": "C: Discharging the child protection plan",
}
HARM_AREAS = {
    "child-sexual-abuse",
    "domestic-abuse",
    "infant-abuse",
    "honour-based-abuse",
    "female-genital-mutilation",
    "faith-based-abuse",
    "online-harms",
    "group-based-exploitation",
    "child-criminal-exploitation",
    "teenage-relationship-abuse",
    "hidden-harms",
    "modern-slavery",
    "radicalisation",
    "harm-outside-the-home",
    "persistent-absence",
    "neglect",
    "physical-abuse",
    "emotional-abuse",
}
# event -> (count, unit) from the sources (safeguarding-facts.md and the WT2026 briefings).
TIMESCALES = {
    "referral-received": [(1, "working-days")],
    "referral-for-assessment": [(45, "working-days")],
    "strategy-discussion": [(15, "working-days")],
    "initial-conference": [(3, "months")],
    "review-conference": [(6, "months")],
    "serious-incident-known": [(5, "working-days")],
    "serious-incident-notified": [(15, "working-days")],
    "rapid-review": [(6, "months")],
    "fgm-known": [(1, "working-days"), (1, "months")],
    "private-fostering-notified": [(7, "working-days")],
    "pupil-moves-school": [(5, "school-days")],
    "new-term-starts": [(5, "school-days")],
}


def test_all_21_standards_in_source_order_with_titles(library: Library) -> None:
    assert [(s.id, s.title) for s in library.standards] == list(STANDARDS.items())


def test_each_standard_belongs_to_its_section_and_cites_it(library: Library) -> None:
    for standard in library.standards:
        assert standard.section == f"section-{standard.id[0]}"
        assert standard.sources == (f"WT2026 Appendix 1, {standard.id}",)
        assert standard.in_practice and standard.questions, standard.id


def test_sections(library: Library) -> None:
    assert {s.id: s.title for s in library.sections} == SECTION_TITLES
    counts = {s.id: len(library.standards_in(s.id)) for s in library.sections}
    assert counts == {"section-A": 5, "section-B": 13, "section-C": 3}


def test_harm_areas_are_complete(library: Library) -> None:
    assert {h.id for h in library.harm_areas} >= HARM_AREAS
    for harm in library.harm_areas:
        assert isinstance(harm, HarmArea)
        for name in ("indicators", "ask", "record", "actions", "tell", "standards"):
            assert getattr(harm, name), f"{harm.id} has no {name}"
    concepts = {c.area for c in library.of_kind(Concept)}
    assert concepts >= HARM_AREAS, "every harm area has concepts the prompt engine reads"


def test_specific_duties_are_present(library: Library) -> None:
    def duty_names(item_id: str) -> str:
        harm = library.get(item_id)
        assert isinstance(harm, HarmArea)
        return " ".join(f"{d.name} {d.text} {d.source}" for d in harm.duties)

    fgm = duty_names("female-genital-mutilation")
    assert "s5B" in fgm and "under 18" in fgm and "police" in fgm
    assert "NRM" in duty_names("modern-slavery") or "National Referral" in duty_names(
        "modern-slavery"
    )
    assert "s26" in duty_names("radicalisation")
    assert "s3" in duty_names("domestic-abuse")


def test_timescales_match_the_sources(library: Library) -> None:
    found: dict[str, list[tuple[int, str]]] = {}
    for t in library.timescales:
        assert isinstance(t, Timescale) and t.sources
        found.setdefault(t.event, []).append((t.count, t.unit))
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in TIMESCALES.items()}


def test_every_item_cites_a_source_and_links_resolve(library: Library) -> None:
    assert not library.errors
    for item in library:
        assert item.sources and all(s.strip() for s in item.sources), item.id


SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


def _word_runs(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=(
        "the project's source briefings (the team's shared/seeds folder) are not on this "
        "computer, so the check that our wording is not copied from them cannot run here; "
        "nothing is wrong with your set-up"
    ),
)
def test_content_is_written_in_our_own_words(library: Library) -> None:
    """No item repeats a run of 12 or more words from the source briefings."""
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.iterdir():
        seed_runs |= _word_runs(seed.read_text(encoding="utf-8", errors="replace"), 12)
    for item in library:
        text = " ".join([item.title, item.summary, item.body, *map(str, vars(item).values())])
        copied = _word_runs(text, 12) & seed_runs
        assert not copied, f"{item.id} copies: {' '.join(next(iter(copied)))}"
