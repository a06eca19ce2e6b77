"""A quiz for the room: one or more teams answer each question, the answer is revealed with
its explanation, scores are kept, and the summary names what to go over again."""

from __future__ import annotations

from dataclasses import dataclass, field

from wt26desk.content_library.models import QUIZ_TOPICS, QuizQuestion

MAX_TEAMS = 8


@dataclass(frozen=True)
class QuestionResult:
    question: QuizQuestion
    right: tuple[str, ...]  # teams that answered correctly
    wrong: tuple[str, ...]
    unanswered: tuple[str, ...]


@dataclass(frozen=True)
class QuizSummary:
    scores: tuple[tuple[str, int], ...]  # team and score, best first
    asked: int
    results: tuple[QuestionResult, ...]
    revisit: tuple[str, ...]  # topic labels with a wrong or missing answer


@dataclass
class QuizRun:
    questions: tuple[QuizQuestion, ...]
    teams: tuple[str, ...] = ("The room",)
    index: int = 0
    choices: list[dict[str, int]] = field(default_factory=list)  # per question: team -> option
    revealed: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.questions:
            raise ValueError("a quiz needs at least one question")
        if not 1 <= len(self.teams) <= MAX_TEAMS or len(set(self.teams)) != len(self.teams):
            raise ValueError(f"a quiz has 1 to {MAX_TEAMS} teams with different names")
        self.choices = [{} for _ in self.questions]
        self.revealed = [False for _ in self.questions]

    @property
    def question(self) -> QuizQuestion:
        return self.questions[self.index]

    @property
    def is_revealed(self) -> bool:
        return self.revealed[self.index]

    @property
    def finished(self) -> bool:
        return all(self.revealed)

    def choose(self, team: str, option: int) -> None:
        """Record a team's answer (1-based option); answers are fixed once revealed."""
        if team not in self.teams:
            raise ValueError(f"no team called {team!r}")
        if not 1 <= option <= len(self.question.options):
            raise ValueError(f"option {option} does not exist")
        if not self.is_revealed:
            self.choices[self.index][team] = option

    def reveal(self) -> None:
        self.revealed[self.index] = True

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.questions) - 1))

    def scores(self) -> dict[str, int]:
        totals = dict.fromkeys(self.teams, 0)
        for question, chosen, shown in zip(
            self.questions, self.choices, self.revealed, strict=True
        ):
            if shown:
                for team, option in chosen.items():
                    totals[team] += option == question.answer
        return totals

    def summary(self) -> QuizSummary:
        results = []
        revisit: dict[str, None] = {}
        for question, chosen, shown in zip(
            self.questions, self.choices, self.revealed, strict=True
        ):
            if not shown:
                continue
            right = tuple(t for t in self.teams if chosen.get(t) == question.answer)
            wrong = tuple(t for t in self.teams if t in chosen and t not in right)
            missing = tuple(t for t in self.teams if t not in chosen)
            results.append(QuestionResult(question, right, wrong, missing))
            if wrong or missing:
                revisit[QUIZ_TOPICS[question.topic]] = None
        scores = sorted(self.scores().items(), key=lambda pair: (-pair[1], pair[0]))
        return QuizSummary(tuple(scores), len(results), tuple(results), tuple(revisit))
