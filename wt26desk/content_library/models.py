"""Typed, immutable content items. Every item cites its sources and knows its origin pack."""

from __future__ import annotations

from dataclasses import dataclass

UNIT_WORDS = {
    "working-days": ("working day", "working days"),
    "school-days": ("school day", "school days"),
    "calendar-days": ("day", "days"),
    "months": ("month", "months"),
}


@dataclass(frozen=True, kw_only=True)
class Item:
    id: str
    kind: str
    title: str
    summary: str
    sources: tuple[str, ...]
    body: str = ""  # Markdown; [[ID]] or [[ID|text]] links to another item
    keywords: tuple[str, ...] = ()
    origin: str = "core"  # the pack it came from
    path: str = ""  # file it was read from, for messages
    line: int = 1


@dataclass(frozen=True, kw_only=True)
class Section(Item):
    """A section of Appendix 1 (A, B or C) grouping practice standards."""

    applies_to: str
    order: int


@dataclass(frozen=True, kw_only=True)
class Standard(Item):
    """One National Multi-Agency Practice Standard (WT2026 Appendix 1)."""

    section: str
    order: int
    in_practice: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Duty:
    name: str
    text: str
    source: str


@dataclass(frozen=True, kw_only=True)
class HarmArea(Item):
    indicators: tuple[str, ...]
    ask: tuple[str, ...]
    record: tuple[str, ...]
    actions: tuple[str, ...]
    tell: tuple[str, ...]
    duties: tuple[Duty, ...] = ()
    standards: tuple[str, ...]
    related: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Lexicon(Item):
    """Words and phrases the prompt engine looks for, under a group name that concepts use.
    Items with the same group add up, so a local pack can add its own words to a group."""

    group: str
    terms: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Shorthand(Item):
    """Abbreviations and slang read as the words they stand for ("dv = domestic violence").
    With `when`, the entries hold only in a sentence with one of those words ("fm" is fetal
    movements beside "pregnant" or "32/40", forced marriage elsewhere); an entry ending in
    "/40" stands for any word that ends so."""

    entries: tuple[str, ...]
    when: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Concept(Item):
    """A pattern of meaning in a note that points to a harm area: groups of words that must
    all stand together (in one sentence, or within `within` words), with examples the
    tests check. `area` "any" marks immediate danger, which makes any raised area urgent."""

    area: str
    means: str  # how the prompt says what it took the words as
    all: tuple[str, ...] = ()  # "@group" or "word|other words": every one present, not denied
    denied: tuple[str, ...] = ()  # present and denied: "no shoes", "hasn't had tea"
    any: tuple[str, ...] = ()  # at least one of these too, when given
    unless: tuple[str, ...] = ()  # none of these in the same sentence
    unless_note: tuple[str, ...] = ()  # none of these anywhere in the note (a known mimic)
    within: int = 0  # 0: the same sentence; otherwise at most this many words apart
    ordered: bool = False  # the parts of `all` stand in the order written ("dad ... hit")
    child: str = ""  # "", baby, non-mobile, unborn, girl
    urgent: bool = False
    urgent_with: tuple[str, ...] = ()  # present anywhere in the note: urgent
    weak: bool = False  # counts only beside another concept of the same area
    deadline: str = ""  # a timescale event this starts
    now: str = ""  # what to do now, when urgent
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Page(Item):
    """A page of guidance: what changed, who does what, how to record, local procedures."""

    group: str
    order: int = 0


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm(Item):
    term: str


@dataclass(frozen=True, kw_only=True)
class Timescale(Item):
    """A statutory (or good-practice) time limit that follows an event."""

    event: str
    event_label: str
    count: int
    unit: str  # working-days | calendar-days | months | school-days
    due_label: str
    national: bool = True
    note: str = ""
    # The day of the event is day one ("within the first 5 school days of the new term");
    # otherwise the count starts the day after the event.
    counts_event_day: bool = False

    @property
    def period(self) -> str:
        """The time limit in words: "15 working days", "1 month"."""
        one, many = UNIT_WORDS[self.unit]
        return f"{self.count} {one if self.count == 1 else many}"


@dataclass(frozen=True, kw_only=True)
class Addendum(Item):
    """Text a local pack attaches to another item (official wording, local procedure)."""

    extends: str


@dataclass(frozen=True, kw_only=True)
class ScenarioStep:
    """One stage of a training scenario: what the room learns, then what a good answer holds."""

    title: str
    arrives: str  # the new information, read to the room
    facts: str  # what a practitioner would write: fed to the prompt engine
    ask: tuple[str, ...]  # questions for the room
    record: tuple[str, ...]  # what a good record holds at this point
    standards: tuple[str, ...]
    harm_areas: tuple[str, ...]
    next: tuple[str, ...]  # what should happen next
    reasoning: str


@dataclass(frozen=True, kw_only=True)
class Scenario(Item):
    """A fictional case for training, unfolding in steps (the body holds trainer notes)."""

    setting: str
    child: str  # who the child is, in words
    age_months: int | None = None
    unborn: bool = False
    mobile: bool | None = None
    harm_areas: tuple[str, ...]
    standards: tuple[str, ...]
    steps: tuple[ScenarioStep, ...]


@dataclass(frozen=True, kw_only=True)
class QuizQuestion(Item):
    """A multiple-choice question; the summary is the question itself."""

    topic: str
    options: tuple[str, ...]
    answer: int  # 1-based number of the right option
    explanation: str
    refers_to: tuple[str, ...] = ()

    @property
    def correct(self) -> str:
        return self.options[self.answer - 1]


@dataclass(frozen=True, kw_only=True)
class Choices(Item):
    """The values a child's context field may take (ethnicity, care status), each as
    "value = label", for the recording form and the safeguarding lead's figures."""

    field: str  # the Child field they are for
    entries: tuple[str, ...]

    def pairs(self) -> tuple[tuple[str, str], ...]:
        found = []
        for entry in self.entries:
            value, _sep, label = entry.partition("=")
            found.append((value.strip(), label.strip()))
        return tuple(found)


@dataclass(frozen=True)
class PackInfo:
    name: str
    origin: str  # "core" or "local"
    folder: str
    schema_version: int
    description: str = ""


GROUP_TITLES = {
    "guide": "Using this guidance",
    "changes": "What changed from 2023 to 2026",
    "roles": "Who does what",
    "local": "Local procedures and contacts",
}

SETTINGS = {
    "school": "School",
    "early-years": "Early years",
    "health": "Health",
    "police": "Police",
    "social-care": "Children's social care",
    "community": "Community and youth work",
}
QUIZ_TOPICS = {
    "standards": "Practice standards",
    "timescales": "Timescales",
    "changes": "What changed",
    "harm-areas": "Harm areas",
    "roles": "Roles and duties",
}
