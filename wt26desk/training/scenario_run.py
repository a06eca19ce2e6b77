"""A scenario played step by step: the room's choices, the prompts the app would give at
that point, and how the room's choices compare with the scenario's answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from wt26desk.content_library.models import Scenario, ScenarioStep
from wt26desk.prompts.engine import ChildFacts, Concern


def concern_at(scenario: Scenario, step: int) -> Concern:
    """What a practitioner would have written by the end of `step` (0-based): the facts of
    every step so far, about the scenario's child."""
    child = ChildFacts(
        name=scenario.child,
        age_months=scenario.age_months,
        unborn=scenario.unborn,
        mobile=scenario.mobile,
    )
    text = "\n\n".join(s.facts for s in scenario.steps[: step + 1])
    return Concern(text=text, children=(child,))


@dataclass(frozen=True)
class Comparison:
    agreed: tuple[str, ...]
    missed: tuple[str, ...]  # in the answer, not chosen by the room
    extra: tuple[str, ...]  # chosen by the room, not in the answer (worth discussing)

    @property
    def score(self) -> str:
        total = len(self.agreed) + len(self.missed)
        return f"{len(self.agreed)} of {total}"


def compare(chosen: set[str] | frozenset[str], expected: tuple[str, ...]) -> Comparison:
    wanted = set(expected)
    return Comparison(
        agreed=tuple(i for i in expected if i in chosen),
        missed=tuple(i for i in expected if i not in chosen),
        extra=tuple(sorted(chosen - wanted)),
    )


@dataclass
class StepAnswer:
    """What the room decided at one step."""

    standards: set[str] = field(default_factory=set)
    harm_areas: set[str] = field(default_factory=set)
    notes: str = ""  # what the room would record and do next, in its own words
    revealed: bool = False


@dataclass
class ScenarioRun:
    scenario: Scenario
    index: int = 0
    answers: list[StepAnswer] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.answers:
            self.answers = [StepAnswer() for _ in self.scenario.steps]

    @property
    def step(self) -> ScenarioStep:
        return self.scenario.steps[self.index]

    @property
    def answer(self) -> StepAnswer:
        return self.answers[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.scenario.steps) - 1

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.scenario.steps) - 1))

    def reveal(self) -> tuple[Comparison, Comparison]:
        """Mark the step revealed and say how the room's choices compare with the answer."""
        self.answer.revealed = True
        return (
            compare(self.answer.standards, self.step.standards),
            compare(self.answer.harm_areas, self.step.harm_areas),
        )

    def concern(self) -> Concern:
        return concern_at(self.scenario, self.index)
