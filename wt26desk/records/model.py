"""A concern record: the children, what happened, the child's own words, injuries on a
body map, the analysis, decisions and actions, sign-off. Stored in the vault as a JSON
document (`to_document` / `from_document`); every save is a new revision there."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from wt26desk.prompts.engine import ChildFacts, Concern

FORMAT = 1
STATUSES = ("draft", "submitted", "closed")
AGENCIES = (
    "Designated safeguarding lead",
    "Children's social care",
    "Police",
    "Health",
    "LADO",
    "Early help / Family Help",
    "Parent or carer",
    "Other",
)
ROLES = ("Subject of the concern", "Sibling", "Other child in the household", "Witness", "Other")


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class Child:
    id: str = field(default_factory=new_id)
    name: str = ""
    name_unknown: bool = False
    date_of_birth: str = ""  # ISO date
    age_years: int | None = None  # when the date of birth is not known
    unborn: bool = False
    expected_date: str = ""  # ISO date, for an unborn baby
    mobile: bool | None = None  # for babies: rolling, crawling, pulling up, walking
    sex: str = ""
    setting: str = ""  # school or early years setting
    send: str = ""  # special educational needs and disabilities
    communication: str = ""
    language: str = ""
    interpreter: bool = False
    role: str = ROLES[0]
    # Context for the safeguarding lead's figures (issue 19); values from content/context/.
    ethnicity: str = ""  # a DfE school census main category, "not-known" or "declined"
    care_status: str = ""  # none, child-in-need, ... (content/context/care-status.toml)

    def label(self) -> str:
        if self.unborn:
            return (
                f"Unborn baby (due {self.expected_date})" if self.expected_date else "Unborn baby"
            )
        name = self.name or ("Name not known" if self.name_unknown else "Unnamed child")
        return name

    def age_months(self, on: date) -> int | None:
        if self.unborn:
            return None
        if self.date_of_birth:
            born = date.fromisoformat(self.date_of_birth)
            months = (on.year - born.year) * 12 + on.month - born.month
            return max(0, months - (1 if on.day < born.day else 0))
        return self.age_years * 12 if self.age_years is not None else None


@dataclass
class Person:
    name: str = ""
    relationship: str = ""
    notes: str = ""


@dataclass
class Quote:
    text: str = ""  # the child's exact words
    asked: str = ""  # the question asked just before, if any
    child_id: str = ""


@dataclass
class Mark:
    view: str = "front"  # front | back
    outline: str = "child"  # child | infant
    x: float = 0.5  # position on the outline, 0..1
    y: float = 0.5
    size: str = ""
    shape: str = ""
    colour: str = ""
    location: str = ""  # exact place in words
    notes: str = ""
    child_id: str = ""

    def missing_details(self) -> list[str]:
        return [n for n in ("size", "shape", "colour", "location") if not getattr(self, n)]


@dataclass
class Action:
    who: str = AGENCIES[0]
    name: str = ""  # person spoken to
    when: str = ""  # ISO date and time
    reference: str = ""
    outcome: str = ""
    rationale: str = ""
    due: str = ""  # ISO date for a follow-up


@dataclass
class SignOff:
    name: str = ""
    role: str = ""
    date: str = ""


@dataclass
class Dismissal:
    prompt: str
    when: str
    reason: str = ""


@dataclass
class Handover:
    """Handing a record to the DSL (sender's side) or receiving one (the DSL's side); see
    wt26desk.handover and docs/export-format.md."""

    bundle_id: str = ""  # the random id inside the last bundle sent or received
    recipient: str = ""  # sender: the DSL's age key it went to
    sender_key: str = ""  # DSL: the sender's age key (receipts go to it)
    sent_at: str = ""  # ISO datetime the last bundle was made
    acknowledged_by: str = ""  # sender: the DSL's name from the receipt
    receipt_written_at: str = ""  # DSL: when the receipt was written


TRIAGE_STATES = ("new", "acknowledged", "actioned", "no-further-action")


@dataclass
class Triage:
    """The DSL's triage of a received concern: state, reason, follow-up date."""

    state: str = ""  # "" (not received) or one of TRIAGE_STATES
    reason: str = ""  # required for no-further-action
    follow_up: str = ""  # ISO date
    updated_at: str = ""  # ISO datetime


@dataclass
class ConcernRecord:
    id: str = field(default_factory=new_id)
    status: str = "draft"
    created: str = field(default_factory=lambda: datetime.now().isoformat(timespec="minutes"))
    event_date: str = ""
    event_time: str = ""
    written_at: str = ""
    place: str = ""
    reporter_name: str = ""
    reporter_role: str = ""
    present: list[str] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    facts: str = ""
    quotes: list[Quote] = field(default_factory=list)
    family_said: str = ""
    wishes_feelings: str = ""
    strengths: str = ""
    analysis: str = ""
    categories: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    decision: str = ""
    rationale: str = ""
    actions: list[Action] = field(default_factory=list)
    significant: bool = False
    follow_up: str = ""
    sign_off: SignOff = field(default_factory=SignOff)
    second_signatory: SignOff = field(default_factory=SignOff)
    dismissed: list[Dismissal] = field(default_factory=list)
    # Handover to the DSL (wt26desk.handover): ISO datetimes, "" until it happens.
    handed_over_at: str = ""
    acknowledged_at: str = ""
    received_from: str = ""  # the sender's name, on the DSL's side
    received_at: str = ""
    bundle_sha256: str = ""  # of the .age file sent or received
    handover: Handover = field(default_factory=Handover)
    triage: Triage = field(default_factory=Triage)

    # Storage ------------------------------------------------------------------------------
    def to_document(self) -> dict[str, Any]:
        return {"format": FORMAT, "kind": "concern", **dataclasses.asdict(self)}

    @classmethod
    def from_document(cls, data: dict[str, Any]) -> ConcernRecord:
        return _build(cls, {k: v for k, v in data.items() if k not in {"format", "kind"}})

    # For the prompt engine -----------------------------------------------------------------
    def text_for_prompts(self) -> str:
        parts = [
            self.facts,
            *(q.text for q in self.quotes),
            self.family_said,
            self.wishes_feelings,
            self.analysis,
        ]
        return "\n".join(p for p in parts if p)

    def concern(self) -> Concern:
        on = _parse_date(self.event_date) or date.today()
        referred = next(
            (
                _parse_date(a.when[:10])
                for a in self.actions
                if a.who == "Children's social care" and a.when
            ),
            None,
        )
        return Concern(
            text=self.text_for_prompts(),
            children=tuple(
                ChildFacts(
                    name=c.name,
                    age_months=c.age_months(on),
                    unborn=c.unborn,
                    mobile=c.mobile,
                    sex=c.sex,
                    communication_needs=c.communication or c.send,
                    interpreter=c.interpreter,
                )
                for c in self.children
            ),
            categories=tuple(self.categories),
            event_date=_parse_date(self.event_date),
            event_time=self.event_time,
            place=self.place,
            present=tuple(self.present),
            child_words=tuple(q.text for q in self.quotes if q.text),
            actions=tuple(dataclasses.asdict(a) for a in self.actions),
            decision=self.decision,
            rationale=self.rationale
            or next((a.rationale for a in self.actions if a.rationale), ""),
            referred_to_social_care_on=referred,
            dismissed=tuple(d.prompt for d in self.dismissed),
        )

    def follow_ups(self) -> list[date]:
        """The follow-up dates (the reminder and the actions' due dates), soonest first."""
        triage = self.triage.follow_up if self.triage.state != "no-further-action" else ""
        dates = (self.follow_up, triage, *(a.due for a in self.actions))
        found = [_parse_date(text) for text in dates]
        return sorted(d for d in found if d is not None)

    def title(self) -> str:
        who = ", ".join(c.label() for c in self.children) or "No child recorded"
        return f"{self.event_date or self.created[:10]}: {who}"


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


T = TypeVar("T")
# The record's fields that hold other dataclasses (lists of them, or one).
NESTED: dict[str, type] = {
    "children": Child,
    "people": Person,
    "quotes": Quote,
    "marks": Mark,
    "actions": Action,
    "dismissed": Dismissal,
    "sign_off": SignOff,
    "second_signatory": SignOff,
    "handover": Handover,
    "triage": Triage,
}


def _build(cls: type[T], data: dict[str, Any]) -> T:
    """A dataclass from a stored document, ignoring unknown keys (newer versions)."""
    hints = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in hints:
            continue
        if name in NESTED and isinstance(value, list):
            values[name] = [_build(NESTED[name], v) for v in value if isinstance(v, dict)]
        elif name in NESTED and isinstance(value, dict):
            values[name] = _build(NESTED[name], value)
        else:
            values[name] = value
    return cls(**values)
