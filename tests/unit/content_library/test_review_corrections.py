"""Corrections from the expert review (issue 16): each test pins one finding.

Sources: shared/reference/safeguarding-facts.md (corrected) and the WT2026 briefings.
"""

from __future__ import annotations

import re

from wt26desk.content_library.library import Library, item_texts
from wt26desk.content_library.models import GlossaryTerm, HarmArea, Item, Section, Timescale


def text_of(item: Item | None) -> str:
    assert item is not None
    return "\n".join(text for _, text in item_texts(item))


def all_entries(library: Library) -> list[tuple[str, str]]:
    """(item id, one piece of text) for every piece of text in the library."""
    return [(item.id, text) for item in library for _, text in item_texts(item)]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


# High ------------------------------------------------------------------------------------


def test_conference_counts_from_the_discussion_that_started_section_47(library: Library) -> None:
    """WT: within 15 working days of the strategy discussion at which s47 enquiries were
    started, never from a later one."""
    for item_id, text in all_entries(library):
        assert "last strategy discussion" not in text.lower(), item_id
        assert "latest strategy discussion" not in text.lower(), item_id
    timescale = library.get("timescale-strategy-discussion")
    assert isinstance(timescale, Timescale)
    assert "section 47 enquiries" in timescale.summary
    assert "not a later" in timescale.summary
    assert "section 47" in timescale.event_label


# Medium ----------------------------------------------------------------------------------

LOCAL_REVIEW = re.compile(r"local (child safeguarding )?practice review|LCSPR", re.I)


def test_local_practice_reviews_are_completed_not_published_within_six_months(
    library: Library,
) -> None:
    """WT2026 ch.5: LCSPRs are completed within six months; 'completed and published within
    six months' is said only of national reviews."""
    checked = 0
    for item_id, text in all_entries(library):
        for sentence in sentences(text):
            if LOCAL_REVIEW.search(sentence) and re.search(r"\b(6|six) months\b", sentence):
                assert "publish" not in sentence.lower(), (item_id, sentence)
                checked += 1
    timescale = library.get("timescale-rapid-review")
    assert isinstance(timescale, Timescale)
    assert "publish" not in timescale.due_label.lower()
    assert "completed within six months" in timescale.summary
    assert checked >= 3  # the timescale, the glossary entry and change-serious-incidents


def test_domestic_abuse_needs_personally_connected_adults(library: Library) -> None:
    """Domestic Abuse Act 2021 s2 (personally connected, including partners and
    ex-partners) and s3 (the child is related to either, or either has parental
    responsibility)."""
    for item_id, text in all_entries(library):
        assert "related adults" not in text.lower(), item_id
    harm = library.get("domestic-abuse")
    assert isinstance(harm, HarmArea)
    [duty] = harm.duties
    assert "personally connected" in duty.text
    assert "ex-partner" in duty.text and "parental responsibility" in duty.text
    assert "s2" in duty.source and "s3" in duty.source


def test_fgm_duty_is_for_known_cases_and_named_professions(library: Library) -> None:
    """FGM Act 2003 s5B: known cases only; regulated health and social care professionals
    and teachers; no second report if a colleague in the same profession has reported."""
    page = text_of(library.get("guide-worried"))
    [sentence] = [s for s in sentences(page) if "female-genital-mutilation" in s]
    assert "known" in sentence and "teachers" in sentence
    assert "regulated health and social care professionals" in sentence
    harm = library.get("female-genital-mutilation")
    assert isinstance(harm, HarmArea)
    fgm = text_of(harm)
    assert re.search(r"colleague[^.]*already", fgm), "the exception for a colleague's report"


def test_do_not_examine_says_who_it_is_for(library: Library) -> None:
    """Teachers must not examine; clinicians may examine as part of their care."""
    found = 0
    for item_id, text in all_entries(library):
        if "not examine" in text.lower():
            assert re.search(r"teacher|clinic|health professional", text, re.I), (item_id, text)
            found += 1
    assert found


# Low -------------------------------------------------------------------------------------


def test_section_a_title_says_for_all_practitioners(library: Library) -> None:
    section = library.get("section-A")
    assert isinstance(section, Section)
    assert section.title.endswith("for all practitioners")


def test_a3_escalates_whenever_necessary(library: Library) -> None:
    """Appendix 1, A3: share and escalate if necessary, through the referral or escalation
    route, not only when a response is inadequate."""
    a3 = library.get("A3")
    assert a3 is not None
    assert "does not protect" not in a3.summary
    assert "referral or escalation" in a3.summary


def test_prevent_referral_does_not_wait(library: Library) -> None:
    for item_id, text in all_entries(library):
        assert "if the concern continues" not in text.lower(), item_id
    harm = library.get("radicalisation")
    assert isinstance(harm, HarmArea)
    assert any("without waiting" in action for action in harm.actions)


def test_trafficking_movement_is_not_self_contradictory(library: Library) -> None:
    harm = library.get("modern-slavery")
    assert harm is not None
    assert "movement is not required" not in harm.summary.lower()
    assert "within one town" in harm.summary and "no movement" in harm.summary


def test_assessment_event_is_named_for_the_referral(library: Library) -> None:
    timescale = library.get("timescale-assessment-started")
    assert isinstance(timescale, Timescale)
    assert timescale.event == "referral-for-assessment"
    assert timescale.event_label.startswith("Referral received")
    assert "assessment-started" not in {t.event for t in library.timescales}


def test_child_in_need_has_the_significantly_impaired_limb(library: Library) -> None:
    """Children Act 1989 s17(10): (a) reasonable standard, (b) significantly impaired,
    (c) disabled."""
    term = library.get("glossary-cin")
    assert isinstance(term, GlossaryTerm)
    assert "significantly impaired" in term.summary and "disabled" in term.summary


def test_lado_criteria_include_may_have_harmed_and_may_pose_a_risk(library: Library) -> None:
    page = library.get("role-lado")
    assert page is not None
    assert "may have harmed" in page.summary and "may pose a risk" in page.summary
