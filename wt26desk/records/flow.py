"""The recording flow as a plain state machine: steps, what each needs before moving on,
and submission. Widgets render it and forward edits; they hold no rules of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from wt26desk.records.model import ConcernRecord

STEPS = (
    ("children", "Who is this about"),
    ("what-happened", "What happened"),
    ("injuries", "Injuries"),
    ("decision", "Analysis and actions"),
    ("check", "Check and sign"),
)

# The practice standards to keep in mind at each step, shown first in the guidance panel.
STEP_FOCUS: dict[str, tuple[tuple[str, str], ...]] = {
    "children": (
        ("A2", "at this step: how does this child communicate?"),
        ("B5", "at this step: who are the adults around the child?"),
    ),
    "what-happened": (
        ("A1", "at this step: record what you saw and heard"),
        ("B3", "at this step: the child's own words, wishes and feelings"),
        ("A4", "at this step: what the family told you"),
    ),
    "injuries": (
        ("A1", "at this step: describe each mark exactly"),
        ("B2", "at this step: could this be significant harm?"),
    ),
    "decision": (
        ("A3", "at this step: share the concern and escalate if needed"),
        ("A5", "at this step: do not assume someone else has told"),
        ("B7", "at this step: talk it through before deciding"),
    ),
    "check": (
        ("A1", "at this step: is the record clear to someone who was not there?"),
        ("A5", "at this step: has every person who needs to know been told?"),
    ),
}


@dataclass(frozen=True)
class Problem:
    step: str
    field: str
    message: str


def step_problems(record: ConcernRecord, step: str) -> list[Problem]:
    """What must be put right before leaving `step` (prompts never block; these are the
    few things a record cannot do without)."""
    problems: list[Problem] = []
    if step == "children":
        if not record.children:
            problems.append(
                Problem(
                    step,
                    "children",
                    "Add at least one child (a name is not needed if it is not known).",
                )
            )
        for n, child in enumerate(record.children, 1):
            if not child.unborn and not (child.name or child.name_unknown):
                problems.append(
                    Problem(
                        step,
                        f"children[{n}].name",
                        f"Child {n}: give a name or tick 'name not known'.",
                    )
                )
            if child.unborn and child.expected_date and _bad_date(child.expected_date):
                problems.append(
                    Problem(
                        step,
                        f"children[{n}].expected_date",
                        f"Child {n}: the expected date is not a date.",
                    )
                )
            if child.date_of_birth and _bad_date(child.date_of_birth):
                problems.append(
                    Problem(
                        step,
                        f"children[{n}].date_of_birth",
                        f"Child {n}: the date of birth is not a date.",
                    )
                )
            if (
                child.date_of_birth
                and not _bad_date(child.date_of_birth)
                and date.fromisoformat(child.date_of_birth) > date.today()
            ):
                problems.append(
                    Problem(
                        step,
                        f"children[{n}].date_of_birth",
                        f"Child {n}: the date of birth is in the future; "
                        "for a baby not yet born, tick 'unborn'.",
                    )
                )
    if step == "what-happened":
        if record.event_date and _bad_date(record.event_date):
            problems.append(Problem(step, "event_date", "The date is not a date."))
        if not (record.facts.strip() or record.quotes):
            problems.append(
                Problem(step, "facts", "Write what you saw or heard, or the child's words.")
            )
    if step == "check" and not (record.sign_off.name and record.sign_off.role):
        problems.append(Problem(step, "sign_off", "Sign the record: your name and role."))
    return problems


def _bad_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return True
    return False


class RecordingFlow:
    def __init__(self, record: ConcernRecord) -> None:
        self.record = record
        self.index = 0

    @property
    def step(self) -> str:
        return STEPS[self.index][0]

    @property
    def title(self) -> str:
        return STEPS[self.index][1]

    def go_to(self, step: str) -> None:
        self.index = [s for s, _ in STEPS].index(step)

    def next(self) -> list[Problem]:
        problems = step_problems(self.record, self.step)
        if not problems and self.index < len(STEPS) - 1:
            self.index += 1
        return problems

    def back(self) -> None:
        self.index = max(0, self.index - 1)

    def submit(self, now: datetime | None = None) -> list[Problem]:
        problems = [p for step, _ in STEPS for p in step_problems(self.record, step)]
        if problems:
            return problems
        moment = (now or datetime.now()).isoformat(timespec="minutes")
        self.record.status = "submitted"
        self.record.written_at = self.record.written_at or moment
        if not self.record.sign_off.date:
            self.record.sign_off.date = moment[:10]
        return []
