"""Scenarios and quiz questions are content: validated like the rest, linked only to items
that exist, and consistent with the guidance they teach."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library.library import Library
from wt26desk.content_library.loader import load_library
from wt26desk.content_library.models import HarmArea, QuizQuestion, Standard, Timescale
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.prompts.engine import PromptEngine
from wt26desk.training.scenario_run import concern_at

PACK = 'name = "Test pack"\nschema_version = 1\n'
GOOD_STEP = """
[[steps]]
title = "One"
arrives = "Something happens."
facts = "Something happens."
ask = ["What now?"]
record = ["The facts"]
standards = ["A1"]
harm_areas = ["neglect"]
next = ["Tell someone"]
reasoning = "Because."
"""


def scenario_file(extra: str = "", step: str = GOOD_STEP, setting: str = "school") -> str:
    return f"""+++
id = "scenario-test"
kind = "scenario"
title = "Test"
summary = "A test scenario."
setting = "{setting}"
child = "A child"
harm_areas = ["neglect"]
standards = ["A1"]
sources = ["Made up for a test"]
{extra}
{step}
+++
Notes.
"""


def load_with(tmp_path: Path, name: str, text: str) -> Library:
    (tmp_path / "pack.toml").write_text(PACK)
    (tmp_path / name).write_text(text)
    return load_library(content_dir(), (tmp_path,))


def test_at_least_eight_scenarios_across_settings_ages_and_harm_areas(library: Library) -> None:
    scenarios = library.scenarios
    assert len(scenarios) >= 8
    assert {"school", "health", "police", "early-years"} <= {s.setting for s in scenarios}
    assert any(s.unborn for s in scenarios), "an unborn baby"
    assert any(s.age_months is not None and s.age_months >= 13 * 12 for s in scenarios)
    assert len({h for s in scenarios for h in s.harm_areas}) >= 8
    assert all(len(s.steps) >= 2 for s in scenarios), "each unfolds as information arrives"


def test_scenarios_and_quiz_link_only_to_items_that_exist(library: Library) -> None:
    assert not library.errors
    for scenario in library.scenarios:
        ids = [*scenario.standards, *(i for st in scenario.steps for i in st.standards)]
        assert all(isinstance(library.get(i), Standard) for i in ids), scenario.id
        areas = [*scenario.harm_areas, *(i for st in scenario.steps for i in st.harm_areas)]
        assert all(isinstance(library.get(i), HarmArea) for i in areas), scenario.id
        # A step's answer is part of the scenario's own answer.
        for step in scenario.steps:
            assert set(step.standards) <= set(scenario.standards), (scenario.id, step.title)
    for question in library.quiz:
        assert all(library.get(i) is not None for i in question.refers_to), question.id


@pytest.mark.parametrize("index", range(8))
def test_the_prompts_raise_each_steps_harm_areas(library: Library, index: int) -> None:
    """What the room is told at each step is what the app's prompts would say too."""
    scenario = library.scenarios[index]
    engine = PromptEngine(library, WorkingDayCalendar())
    for number, step in enumerate(scenario.steps):
        raised = {a.id for a in engine.guidance(concern_at(scenario, number)).harm_areas}
        assert set(step.harm_areas) <= raised, (scenario.id, step.title, raised)


def test_quiz_questions_are_sound(library: Library) -> None:
    quiz = library.quiz
    assert len(quiz) >= 12
    assert {"standards", "timescales"} <= {q.topic for q in quiz}
    for question in quiz:
        assert 1 <= question.answer <= len(question.options)
        assert question.explanation and question.sources


def test_timescale_answers_agree_with_the_timescales(library: Library) -> None:
    """A quiz that taught the wrong number of days would be worse than none."""
    checked = 0
    for question in library.quiz:
        if question.topic != "timescales":
            continue
        timescale = library.get(question.refers_to[0])
        assert isinstance(timescale, Timescale), question.id
        assert re.search(rf"\b{timescale.count}\b", question.correct), (question.id, timescale)
        for n, option in enumerate(question.options, start=1):
            if n != question.answer:
                assert not option.startswith(question.correct), question.id
        checked += 1
    assert checked >= 4


def test_the_standards_count_answer_matches_the_library(library: Library) -> None:
    question = library.get("quiz-standards-count")
    assert isinstance(question, QuizQuestion)
    assert question.correct == str(len(library.standards)) == "21"


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (scenario_file(setting="moon"), "setting", "must be one of"),
        (scenario_file(step=GOOD_STEP.replace('"A1"]', '"Z9"]')), "steps", "'Z9'"),
        (scenario_file(step=GOOD_STEP.replace('["neglect"]', '["nope"]')), "steps", "'nope'"),
        (scenario_file(step=GOOD_STEP.replace('reasoning = "Because."', "")), "steps", "missing"),
        (scenario_file(step=GOOD_STEP + 'colour = "red"\n'), "steps", "colour"),
        (scenario_file(step=""), "steps", "missing"),
        (scenario_file(extra="age_months = 400"), "age_months", "under 216"),
    ],
)
def test_a_broken_scenario_is_reported_with_its_field(
    tmp_path: Path, text: str, field: str, words: str
) -> None:
    lib = load_with(tmp_path, "scenario.md", text)
    [error] = [e for e in lib.errors if "scenario.md" in e.path]
    assert error.field == field and words in str(error), str(error)
    assert lib.get("scenario-test") is None or field == "steps"
    assert len(lib.standards) == 21  # the rest still loads


QUIZ = """[[item]]
id = "quiz-test"
kind = "quiz"
title = "Test"
summary = "Which?"
topic = "{topic}"
options = {options}
answer = {answer}
explanation = "Because."
refers_to = {refers}
sources = ["Made up"]
"""


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"answer": "5"}, "answer"),
        ({"answer": "0"}, "answer"),
        ({"options": '["Only one"]'}, "options"),
        ({"options": '["Same", "Same"]'}, "options"),
        ({"topic": "astrology"}, "topic"),
        ({"refers": '["no-such-item"]'}, "refers_to"),
    ],
)
def test_a_broken_quiz_question_is_reported_with_its_field(
    tmp_path: Path, values: dict[str, str], field: str
) -> None:
    fields = {"topic": "standards", "options": '["A", "B", "C"]', "answer": "2", "refers": '["A1"]'}
    lib = load_with(tmp_path, "quiz.toml", QUIZ.format(**(fields | values)))
    [error] = [e for e in lib.errors if "quiz.toml" in e.path]
    assert error.field == field, str(error)


def test_a_good_local_scenario_and_question_load(tmp_path: Path) -> None:
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "q.toml").write_text(
        QUIZ.format(topic="standards", options='["A", "B"]', answer="1", refers='["A1"]')
    )
    lib = load_with(tmp_path, "scenario.md", scenario_file())
    assert not lib.errors
    assert lib.get("scenario-test") in lib.scenarios
    assert lib.quiz[-1].id == "quiz-test"  # core questions first


def test_the_quiz_covers_every_standard_and_harm_area_with_sources(library: Library) -> None:
    """Issue 16: at least 30 questions; each of the 21 standards and 18 harm areas is the
    subject (refers_to) of at least one, and every question cites its source."""
    assert len(library.quiz) >= 30
    coverage = library.quiz_coverage()
    assert coverage.missing == ()
    assert str(coverage) == "quiz coverage 21/21 standards, 18/18 harm areas"
    for question in library.quiz:
        assert question.refers_to and question.sources, question.id
        # The explanation links what it is about, so the reader can go and read it.
        assert any(f"[[{i}" in question.explanation for i in question.refers_to) or (
            question.id == "quiz-standards-count"
        ), question.id


def test_quiz_answers_are_not_always_in_the_same_place(library: Library) -> None:
    positions = [q.answer for q in library.quiz]
    assert max(positions.count(n) for n in set(positions)) <= len(positions) // 2
