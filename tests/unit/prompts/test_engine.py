from __future__ import annotations

from datetime import date

import pytest

from wt26desk.content_library.library import Library
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.prompts.engine import ChildFacts, Concern, PromptEngine
from wt26desk.prompts.input import ConcernInputError, concern_from_json
from wt26desk.prompts.quality import check
from wt26desk.prompts.text import is_negated, tokenise


@pytest.fixture(scope="module")
def engine(library: Library) -> PromptEngine:
    return PromptEngine(library, WorkingDayCalendar(), strategy_discussion_days=2)


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("no bruising seen", "bruising", True),
        ("did not see any marks", "marks", True),
        ("no signs of bruising", "bruising", True),
        ("bruising seen", "bruising", False),
        ("he said no, bruising on arm", "bruising", False),
        ("not hit but bruised", "bruised", False),
        ("she didn't want to go home; dad hits her", "hits", False),
    ],
)
def test_negation_scope(text: str, word: str, negated: bool) -> None:
    tokens = tokenise(text)
    index = next(t.index for t in tokens if t.word == word)
    assert is_negated(tokens, index) is negated


def test_everyday_note_asks_only_for_the_basics(engine: PromptEngine) -> None:
    guidance = engine.guidance(
        Concern(text="Fell in the playground, grazed knee, first aid given, parent informed.")
    )
    assert guidance.harm_areas == []
    assert {m.id for m in guidance.missing} == {
        "when-date",
        "when-time",
        "who-present",
        "child-words",
    }
    assert [s.id for s in guidance.standards] == ["A1", "B3"]
    assert guidance.deadlines == []


def test_prompts_say_why_and_carry_duties(engine: PromptEngine) -> None:
    guidance = engine.guidance(
        Concern(text="Police found him in a cannabis farm; he says he owes them money.")
    )
    [area] = [a for a in guidance.harm_areas if a.id == "modern-slavery"]
    assert "cannabis farm" in area.reasons[0]
    assert area.duties and "NRM" in area.duties[0]["text"]


def test_dismissed_prompts_stay_dismissed_and_are_listed(engine: PromptEngine) -> None:
    text = "Dad hit mum last night and the police came."
    assert any(a.id == "domestic-abuse" for a in engine.guidance(Concern(text=text)).harm_areas)
    guidance = engine.guidance(
        Concern(text=text, dismissed=("area:domestic-abuse", "missing:when-time"))
    )
    assert all(a.id != "domestic-abuse" for a in guidance.harm_areas)
    assert "when-time" not in {m.id for m in guidance.missing}
    assert guidance.dismissed == ["area:domestic-abuse", "missing:when-time"]


def test_deadlines_follow_the_referral_and_local_strategy_setting(engine: PromptEngine) -> None:
    guidance = engine.guidance(
        Concern(
            text="Dad hit mum; I referred to children's social care at 14:10.",
            referred_to_social_care_on=date(2025, 12, 24),
            event_date=date(2025, 12, 24),
        ),
        today=date(2025, 12, 24),
    )
    dues = {(d.event, d.due) for d in guidance.deadlines}
    assert ("referral-received", date(2025, 12, 29)) in dues
    assert ("significant-harm-suspected", date(2025, 12, 30)) in dues  # local: 2 days


def test_unborn_baby_with_concerns_prompts_pre_birth(engine: PromptEngine) -> None:
    guidance = engine.guidance(
        Concern(
            text="Domestic violence disclosed at the booking visit.",
            children=(ChildFacts(unborn=True),),
        )
    )
    [infant] = [a for a in guidance.harm_areas if a.id == "infant-abuse"]
    assert "unborn" in infant.reasons[-1]


def test_interpreter_and_bias_care_prompts(engine: PromptEngine) -> None:
    guidance = engine.guidance(
        Concern(
            text="She fears being taken abroad and forced to marry.",
            children=(ChildFacts(age_months=180, interpreter=True),),
        )
    )
    assert {c.id for c in guidance.care} == {"interpreter", "bias", "one-chance"}


def test_quality_findings_point_at_their_field() -> None:
    findings = check(
        {
            "facts": "SB was aggressive. This happens often. I asked 'Did he hurt "
            "you?' Discussed with the LADO. NFA.",
            "analysis": "Mum is worried.",
        }
    )
    codes = {f.code for f in findings}
    assert codes == {
        "opinion",
        "vague",
        "initials",
        "leading-question",
        "time",
        "rationale",
        "acronym",
    }
    opinion = next(f for f in findings if f.code == "opinion")
    assert opinion.field == "facts" and opinion.excerpt == "aggressive"
    good = check(
        {
            "facts": "At 10:15 Ruby Smith (aged 7) said 'my arm hurts'. I asked her to "
            "tell me more. I told the designated safeguarding lead (DSL)."
        }
    )
    assert good == []


def test_concern_json_errors_name_the_field() -> None:
    with pytest.raises(ConcernInputError, match=r"children\[0\].age_months"):
        concern_from_json({"text": "x", "children": [{"age_months": -1}]})
    with pytest.raises(ConcernInputError, match="text must be text"):
        concern_from_json({"text": 5})
    with pytest.raises(ConcernInputError, match="event_date"):
        concern_from_json({"text": "x", "event_date": "yesterday"})
    with pytest.raises(ConcernInputError, match="longer"):
        concern_from_json({"text": "x" * 2_000_001})


@pytest.mark.parametrize(
    "text",
    [
        "They want the money within an hour.",
        "She seemed withdrawn and quiet today.",
        "He talked about strangers at the station.",
        "A bluish light from the screen.",
        "Starting school went well; a small group of friends.",
        "Mum was demanding answers and frightened.",
        "The withheld names are not shown.",
    ],
)
def test_ordinary_words_are_not_taken_for_cues_by_a_typo(engine: PromptEngine, text: str) -> None:
    """Found by playing the training scenarios: 'within' was read as 'witch*'."""
    assert engine.guidance(Concern(text=text)).harm_areas == []


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("a brusing on his arm", "physical-abuse"),
        ("sextortoin messages from someone", "online-harms"),
        ("witchcraft was blamed for her illness", "faith-based-abuse"),
    ],
)
def test_real_typos_still_find_their_harm_area(engine: PromptEngine, text: str, area: str) -> None:
    assert area in {a.id for a in engine.guidance(Concern(text=text)).harm_areas}
