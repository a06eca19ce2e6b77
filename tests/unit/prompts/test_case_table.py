"""The prompt engine against a table of concern texts (tests/data/prompt_cases.toml):
each case names the harm areas that must and must not be raised."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from wt26desk.content_library.library import Library
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.prompts.engine import PromptEngine
from wt26desk.prompts.input import concern_from_json

from ...conftest import DATA
from ..content_library.test_core_content import HARM_AREAS

CASES = tomllib.loads((DATA / "prompt_cases.toml").read_text(encoding="utf-8"))["case"]
# Every harm area of abuse or exploitation: all of them but the two that are not.
ABUSE = HARM_AREAS - {"hidden-harms", "persistent-absence"}


@pytest.fixture(scope="module")
def engine(library: Library) -> PromptEngine:
    return PromptEngine(library, WorkingDayCalendar())


def test_the_table_is_large_and_varied() -> None:
    assert len(CASES) >= 60
    assert sum(1 for c in CASES if not c["must"]) >= 12  # everyday notes must stay quiet
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(engine: PromptEngine, case: dict) -> None:
    concern = concern_from_json(
        {k: v for k, v in case.items() if k in {"text", "children", "categories"}}
    )
    guidance = engine.guidance(concern, today=date(2026, 3, 2))
    raised = {a.id for a in guidance.harm_areas}
    urgent = {a.id for a in guidance.harm_areas if a.urgent}
    must_not = set()
    for entry in case.get("must_not", []):
        must_not |= ABUSE if entry == "ABUSE" else {entry}
    assert set(case["must"]) <= raised, f"missing {set(case['must']) - raised}; got {raised}"
    assert not raised & must_not, f"false alarm {raised & must_not}"
    assert set(case.get("urgent", [])) <= urgent
    for area in guidance.harm_areas:
        assert area.reasons, area.id  # every prompt says why
