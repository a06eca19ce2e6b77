"""The prompts' own reading of each record against the practitioner's choices."""

from __future__ import annotations

from datetime import date

from tests.unit.insights.records import PERIOD, TODAY, record
from wt26desk.assets import content_dir
from wt26desk.content_library.loader import load_library
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.insights.assemble import RaisedCache, insights_for, raised_areas
from wt26desk.prompts.engine import PromptEngine
from wt26desk.records.model import Child

LIBRARY = load_library(content_dir())
ENGINE = PromptEngine(LIBRARY, WorkingDayCalendar())
NOTE = "I saw a bruise on her cheek. She said 'Dad hit me with his belt last night'."


def test_the_prompts_read_the_note_not_the_practitioners_choice() -> None:
    hit = record("2026-03-01", Child(name="Ada", age_years=8), categories=("neglect",))
    hit.facts = NOTE
    raised = raised_areas(ENGINE, [hit], PERIOD)
    assert "physical-abuse" in raised[hit.id]
    assert "neglect" not in raised[hit.id]  # chosen, but nothing in the note points to it
    i = insights_for([hit], LIBRARY, PERIOD, today=TODAY, engine=ENGINE)
    assert i.prompt_gaps is not None
    gaps = {g.id: (g.raised_not_chosen, g.chosen_not_raised) for g in i.prompt_gaps}
    assert gaps["physical-abuse"] == (1, 0)
    assert gaps["neglect"] == (0, 1)


def test_an_unchanged_record_is_not_read_again() -> None:
    hit = record("2026-03-01", Child(name="Ada", age_years=8))
    hit.facts = NOTE
    cache: RaisedCache = {}
    first = raised_areas(ENGINE, [hit], PERIOD, cache)
    cache[hit.id] = (cache[hit.id][0], frozenset({"sentinel"}))
    assert raised_areas(ENGINE, [hit], PERIOD, cache)[hit.id] == {"sentinel"}  # from the cache
    hit.facts = "Came to school hungry and without a coat in the snow, again."
    again = raised_areas(ENGINE, [hit], PERIOD, cache)[hit.id]
    assert again != {"sentinel"} and again != first[hit.id]  # changed: read again


def test_records_outside_the_period_are_not_read() -> None:
    old = record("2025-06-01", Child(name="Bo"))
    assert raised_areas(ENGINE, [old], PERIOD) == {}
    assert date(2025, 6, 1) < PERIOD.start


def test_a_cancelled_comparison_stops_at_the_next_record() -> None:
    records = [record("2026-03-01", Child(name=f"C{n}")) for n in range(5)]
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    assert len(raised_areas(ENGINE, records, PERIOD, cancelled=cancelled)) == 2
