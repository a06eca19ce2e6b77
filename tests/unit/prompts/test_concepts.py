"""Every concept in the content fires on each of its examples and on none of its
not_examples (weak concepts too, though alone they raise nothing)."""

from __future__ import annotations

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library.library import Library
from wt26desk.content_library.loader import load_library
from wt26desk.content_library.models import Concept
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.prompts.engine import Concern, PromptEngine

LIBRARY = load_library(content_dir())
CONCEPTS = LIBRARY.of_kind(Concept)


@pytest.fixture(scope="module")
def engine(library: Library) -> PromptEngine:
    engine = PromptEngine(library, WorkingDayCalendar())
    engine.evidence = None  # the concepts on their own: word evidence is tested apart
    return engine


def _fired(engine: PromptEngine, text: str) -> set[str]:
    return {f.concept.id for f in engine.read(Concern(text=text)).firings}


def test_there_are_concepts_for_every_harm_area() -> None:
    areas = {c.area for c in CONCEPTS}
    assert {h.id for h in LIBRARY.harm_areas} <= areas
    assert not LIBRARY.errors, LIBRARY.errors[:3]


@pytest.mark.parametrize(
    ("concept", "text"),
    [(c, t) for c in CONCEPTS for t in c.examples],
    ids=[f"{c.id}:{n}" for c in CONCEPTS for n in range(len(c.examples))],
)
def test_example_fires(engine: PromptEngine, concept: Concept, text: str) -> None:
    assert concept.id in _fired(engine, text), f"{concept.id} did not fire on {text!r}"


@pytest.mark.parametrize(
    ("concept", "text"),
    [(c, t) for c in CONCEPTS for t in c.not_examples],
    ids=[f"{c.id}:{n}" for c in CONCEPTS for n in range(len(c.not_examples))],
)
def test_not_example_stays_quiet(engine: PromptEngine, concept: Concept, text: str) -> None:
    assert concept.id not in _fired(engine, text), f"{concept.id} fired on {text!r}"
