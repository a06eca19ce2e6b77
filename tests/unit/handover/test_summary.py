"""The inbox's summary of a concern says urgent whenever the practitioner's panel says
"Urgent: act today": an urgent harm area, or an immediate danger with no harm area."""

from __future__ import annotations

import pytest

from wt26desk.content_library.library import Library
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.handover.summary import engine_summary
from wt26desk.prompts.engine import PromptEngine
from wt26desk.prompts.present import notices_and_urgent_html
from wt26desk.records.model import ConcernRecord


@pytest.fixture(scope="module")
def engine(library: Library) -> PromptEngine:
    return PromptEngine(library, WorkingDayCalendar(), strategy_discussion_days=2)


@pytest.mark.parametrize(
    "facts",
    [
        "Year 10 girl said she's going to take all her tablets tonight.",
        "Rio (14) has not come home from school and nobody knows where he is.",
    ],
)
def test_a_danger_with_no_harm_area_is_urgent_and_named(library: Library, facts: str) -> None:
    # Concepts only: the learnt word evidence may guess an area beside the danger.
    engine = PromptEngine(library, WorkingDayCalendar(), strategy_discussion_days=2)
    engine.evidence = None
    record = ConcernRecord(id="r1", facts=facts)
    guidance = engine.guidance(record.concern())
    assert guidance.dangers and not guidance.harm_areas
    assert "Urgent: act today" in notices_and_urgent_html(guidance)
    urgent, named = engine_summary(engine, record)
    assert urgent is True
    assert named == tuple(d.title for d in guidance.dangers)


def test_urgent_areas_still_count_and_an_everyday_note_is_not_urgent(
    engine: PromptEngine,
) -> None:
    punched = ConcernRecord(id="r1", facts="Stepdad punched him in the face last night.")
    urgent, named = engine_summary(engine, punched)
    guidance = engine.guidance(punched.concern())
    assert urgent == ("Urgent: act today" in notices_and_urgent_html(guidance))
    assert named == tuple(a.title for a in guidance.harm_areas)
    quiet = ConcernRecord(id="r2", facts="Asked about the school trip dates.")
    assert engine_summary(engine, quiet)[0] is False
