"""The prompt engine: from a concern (text, children, chosen categories and whatever
else is recorded) to the guidance the side panel shows. Pure and deterministic."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import Standard
from wt26desk.deadlines.timescales import DueDate, due_dates, local_strategy_discussion
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.prompts.concepts import ChildFit, ConceptIndex, Firing, group_of
from wt26desk.prompts.evidence import Lean, WordEvidence
from wt26desk.prompts.facts import TextFacts, named_ages, read_facts, with_ages
from wt26desk.prompts.language import NOT_ENGLISH, reading_notices
from wt26desk.prompts.lexicon import Match
from wt26desk.prompts.text import normalise

ADULT_MONTHS = 18 * 12
NON_MOBILE_MONTHS = 6  # every baby under six months counts as not yet mobile (NICE CG89)
YOUNG_MONTHS = 60  # under five: injuries need a closer look at the explanation
QUOTE_CHARS = 90  # a longer span is quoted as its parts
EVIDENCE_FILE = "prompts/word-evidence.json"  # in the core content folder
URGENT_NOW = (
    "Check whether the child is safe now: talk to your safeguarding lead today, and call 999 "
    "if the child is in immediate danger."
)
GATE_MIN_WORDS = 20  # a shorter note says too little to be read as an everyday record
WORDS_ALONE = "word-evidence"  # the "concept" of an area raised by the note's words together
EVERYDAY = (
    "The note reads as an everyday record, so its words that can point to harm (a match, a "
    "lesson, a joke) raised nothing. If you are worried, say what worries you, or choose the "
    "harm area yourself."
)
TIME = re.compile(
    r"\b([01]?\d|2[0-3])[:.][0-5]\d\b|\b\d{1,2}\s?(am|pm)\b|\bo'?clock\b|"
    r"\b(morning|afternoon|lunchtime|break ?time|evening|tonight)\b",
    re.I,
)
QUOTE = re.compile(r"[\"“”]([^\"“”]{2,})[\"“”]|'([^']{6,})'")
DATE = re.compile(
    r"\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\b(today|yesterday)\b"
    r"|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
TOLD = re.compile(
    r"\b(told|informed|referred|called|phoned|rang|emailed|reported|spoke to|"
    r"passed (it )?on|discussed with)\b",
    re.I,
)


@dataclass(frozen=True)
class ChildFacts:
    name: str = ""
    age_months: int | None = None
    unborn: bool = False
    mobile: bool | None = None
    sex: str = ""  # "female", "male" or unknown
    communication_needs: str = ""
    interpreter: bool = False

    @property
    def non_mobile(self) -> bool:
        if self.unborn:
            return False
        if self.mobile is False:
            return True
        return (
            self.mobile is None
            and self.age_months is not None
            and self.age_months < NON_MOBILE_MONTHS
        )

    @property
    def under_18(self) -> bool:
        return not self.unborn and (self.age_months is None or self.age_months < ADULT_MONTHS)


@dataclass(frozen=True)
class Concern:
    text: str
    children: tuple[ChildFacts, ...] = ()
    categories: tuple[str, ...] = ()
    event_date: date | None = None
    event_time: str = ""
    place: str = ""
    present: tuple[str, ...] = ()
    child_words: tuple[str, ...] = ()
    actions: tuple[dict[str, Any], ...] = ()
    decision: str = ""
    rationale: str = ""
    referred_to_social_care_on: date | None = None
    dismissed: tuple[str, ...] = ()  # prompt ids the practitioner chose to dismiss


class Reading(NamedTuple):
    firings: list[Firing]
    live: dict[str, list[Match]]  # groups found and not denied
    notices: list[str]
    leans: list[Lean]
    urgent_words: tuple[tuple[int, int], ...] | None = None  # read as danger by the words
    everyday: bool = False  # long enough to judge, and its words read as an everyday record
    sure: bool = False  # urgent words, in a note whose words read surely as a concern


@dataclass
class DangerPrompt:
    """Immediate danger in a note that raises no harm area (a child missing now, a plan to
    end their life): said on its own, so that it is never lost for want of an area."""

    id: str
    title: str
    why: str
    now: str


@dataclass
class AreaPrompt:
    id: str
    title: str
    reasons: list[str] = field(default_factory=list)
    urgent: bool = False
    duties: list[dict[str, str]] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)  # the note's words it came from
    urgent_why: list[str] = field(default_factory=list)  # what makes it urgent, in words
    now: list[str] = field(default_factory=list)  # what to do now, when urgent
    concepts: list[str] = field(default_factory=list)  # ids of the concepts that fired


@dataclass(frozen=True)
class StandardPrompt:
    id: str
    title: str
    question: str
    why: str


@dataclass(frozen=True)
class MissingPrompt:
    id: str
    field: str
    prompt: str


@dataclass(frozen=True)
class CarePrompt:
    id: str
    prompt: str
    source: str


@dataclass
class Guidance:
    harm_areas: list[AreaPrompt]
    standards: list[StandardPrompt]
    missing: list[MissingPrompt]
    deadlines: list[DueDate]
    care: list[CarePrompt]
    dismissed: list[str]
    notices: list[str] = field(default_factory=list)  # the limits of what was read
    dangers: list[DangerPrompt] = field(default_factory=list)  # urgent, with no harm area

    def as_dict(self) -> dict[str, Any]:
        return {
            "notices": self.notices,
            "dangers": [vars(d) for d in self.dangers],
            "harm_areas": [vars(a) for a in self.harm_areas],
            "standards": [vars(s) for s in self.standards],
            "missing": [vars(m) for m in self.missing],
            "deadlines": [d.as_dict() for d in self.deadlines],
            "care": [vars(c) for c in self.care],
            "dismissed": self.dismissed,
        }


class PromptEngine:
    """Built once per library; `guidance(concern)` is cheap enough to run as people type."""

    def __init__(
        self, library: Library, calendar: WorkingDayCalendar, strategy_discussion_days: int = 0
    ) -> None:
        self.library = library
        self.calendar = calendar
        self.strategy_discussion_days = strategy_discussion_days
        self.areas = {h.id: h for h in library.harm_areas}
        self.index = ConceptIndex(library)
        core = next((Path(p.folder) for p in library.packs if p.origin == "core"), None)
        self.evidence = WordEvidence.load(core / EVIDENCE_FILE) if core else None
        self.pre_birth_area = "infant-abuse"

    # Harm areas -----------------------------------------------------------------------
    def _fit(self, concern: Concern, facts: TextFacts) -> ChildFit:
        """The children as the rules see them: a structured field wins over the note."""
        children = [c for c in concern.children if not c.unborn]
        ages = [
            c.age_months if c.age_months is not None else facts.youngest_months for c in children
        ] or [facts.youngest_months]

        def non_mobile(child: ChildFacts | None, age: int | None) -> bool:
            if child is not None and child.mobile is not None:
                return not child.mobile  # the structured field wins
            if child is not None and child.age_months is not None:
                return child.age_months < NON_MOBILE_MONTHS or facts.not_mobile
            if facts.not_mobile:
                return True
            if facts.mobile:
                return False
            return age is not None and age < NON_MOBILE_MONTHS

        pairs = list(zip(children, ages, strict=True)) if children else [(None, ages[0])]
        sexes = {c.sex for c in concern.children if c.sex}
        given = tuple(c.age_months for c in children if c.age_months is not None)
        return ChildFit(
            ages=given or facts.ages_months,
            young=any(a is not None and a < YOUNG_MONTHS for _, a in pairs) or facts.baby,
            baby=facts.baby or any(a is not None and a < 12 for _, a in pairs),
            non_mobile=any(non_mobile(c, a) for c, a in pairs),
            unborn=facts.unborn or any(c.unborn for c in concern.children),
            girl=not sexes or any(c.sex == "female" and c.under_18 for c in concern.children),
            adult=facts.adult_patient and not given,
            in_note=facts.ages_months,
        )

    def _areas(
        self,
        concern: Concern,
        firings: list[Firing],
        live: dict[str, list[Match]],
        leans: list[Lean],
    ) -> dict[str, AreaPrompt]:
        raised: dict[str, AreaPrompt] = {}
        text = concern.text

        def prompt(area_id: str) -> AreaPrompt:
            area = self.areas[area_id]
            return raised.setdefault(area_id, AreaPrompt(area_id, area.title))

        by_area: dict[str, list[Firing]] = defaultdict(list)
        for firing in firings:
            by_area[firing.concept.area].append(firing)
        chosen = {c for c in concern.categories if c in self.areas}
        for area_id, found in by_area.items():
            if area_id not in self.areas:
                continue
            if all(f.concept.weak for f in found) and len(found) < 2 and area_id not in chosen:
                continue
            entry = prompt(area_id)
            entry.reasons += _whys(found, text)
            for firing in found:
                entry.matched.append(_quote(firing, text))
                if firing.concept.urgent:
                    entry.urgent = True
                    entry.urgent_why.append(_why(firing, text))
                    entry.now.append(firing.concept.now)
            entry.concepts = [f.concept.id for f in found]
        for lean in leans:
            if lean.area in self.areas and lean.area not in raised and lean.words:
                quoted = [" ".join(text[a:b].split()) for a, b in lean.words]
                entry = prompt(lean.area)
                entry.reasons.append(
                    "the note's words together point to it: "
                    + ", ".join(f"“{q}”" for q in dict.fromkeys(quoted))
                )
                entry.matched += quoted
                entry.concepts.append(WORDS_ALONE)
        for category in concern.categories:
            if category in self.areas:
                prompt(category).reasons.append("you chose this category")
        if self.pre_birth_area in self.areas and raised and any(c.unborn for c in concern.children):
            prompt(self.pre_birth_area).reasons.append(
                "an unborn baby is part of this record: consider a pre-birth "
                "referral (WT2026 covers unborn children)"
            )
        for firing in firings:
            if firing.concept.area == "any" and raised:
                for entry in raised.values():
                    if _guessed(entry) and not firing.concept.weak:
                        continue  # a guess from the words: the danger is said on its own
                    entry.urgent = True
                    entry.urgent_why.append(_why(firing, text))
                    entry.now.append(firing.concept.now)
        for firing in firings:
            found_entry = raised.get(firing.concept.area)
            if found_entry is None:
                continue
            entry = found_entry
            for part in firing.concept.urgent_with:
                hit = next(iter(live.get(group_of(part), ())), None)
                if hit is not None:
                    entry.urgent = True
                    entry.urgent_why.append(
                        f"{_why(firing, text)}, and “{text[hit.start : hit.end]}”"
                    )
                    entry.now.append(firing.concept.now)
        for entry in raised.values():
            entry.now = [n for n in dict.fromkeys(entry.now) if n]
            entry.urgent_why = list(dict.fromkeys(entry.urgent_why))
            entry.reasons = list(dict.fromkeys(entry.reasons))
            entry.matched = sorted(set(entry.matched), key=str.lower)
            entry.duties = [
                {"name": d.name, "text": d.text, "source": d.source}
                for d in self.areas[entry.id].duties
            ]
        return raised

    # Standards ---------------------------------------------------------------------------
    def _standards(
        self,
        concern: Concern,
        raised: dict[str, AreaPrompt],
        focus: tuple[tuple[str, str], ...] = (),
    ) -> list[StandardPrompt]:
        wanted: dict[str, str] = dict(focus)
        wanted.setdefault("A1", "you are recording what you noticed")
        if raised:
            wanted["A3"] = "share the concern through your local procedure"
            wanted["A5"] = "do not assume someone else has passed it on"
        if any(
            c.communication_needs or c.interpreter or (c.age_months or 999) < 60
            for c in concern.children
            if not c.unborn
        ):
            wanted["A2"] = "the child communicates in their own way"
        if not concern.child_words and not QUOTE.search(concern.text):
            wanted["B3"] = "the child's own words and wishes are not recorded yet"
        if re.search(
            r"\b(mum|mother|dad|father|aunt|uncle|gran|grandma|grandad|nan)\b"
            r".{0,30}\b(worried|concerned|reported|told me)\b",
            concern.text.lower(),
        ):
            wanted["A4"] = "a family member raised the concern"
        for area in raised.values():
            for standard_id in self.areas[area.id].standards:
                wanted.setdefault(standard_id, f"linked to {area.title}")
        first = {standard_id for standard_id, _ in focus}
        found = []
        ordered = sorted(self.library.standards, key=lambda s: s.id not in first)
        for standard in ordered:
            if standard.id in wanted and isinstance(standard, Standard):
                found.append(
                    StandardPrompt(
                        standard.id, standard.title, standard.questions[0], wanted[standard.id]
                    )
                )
        return found

    # What is missing -------------------------------------------------------------------------
    def _missing(self, concern: Concern, raised: dict[str, AreaPrompt]) -> list[MissingPrompt]:
        text = concern.text
        missing = []
        if concern.event_date is None and not re.search(
            r"\b\d{1,2}(st|nd|rd|th)?\s+\w+|\d{4}-\d\d-\d\d|"
            r"\b(today|yesterday)\b",
            text.lower(),
        ):
            missing.append(
                MissingPrompt("when-date", "event_date", "When did it happen? Record the date.")
            )
        if not concern.event_time and not TIME.search(text):
            missing.append(
                MissingPrompt(
                    "when-time", "event_time", "What time did it happen, and when are you writing?"
                )
            )
        if not concern.present and not re.search(
            r"\b(present|with me|also there|witness)", text, re.I
        ):
            missing.append(
                MissingPrompt("who-present", "present", "Who was there? Full names and roles.")
            )
        if not concern.child_words and not QUOTE.search(text):
            missing.append(
                MissingPrompt(
                    "child-words",
                    "child_words",
                    "What did the child say, in their exact words (in "
                    "quotation marks), and what did you ask?",
                )
            )
        if not concern.actions and not TOLD.search(text):
            missing.append(
                MissingPrompt("who-told", "actions", "What did you do, and who did you tell, when?")
            )
        if raised and not concern.rationale and not re.search(r"\bbecause\b", text, re.I):
            missing.append(
                MissingPrompt(
                    "rationale",
                    "rationale",
                    "Why did you decide what you did? Record the reasons, "
                    "including for a decision not to refer.",
                )
            )
        injured = "infant-abuse" in raised or "physical-abuse" in raised
        if injured and not re.search(r"\b\d+(\.\d+)?\s?(cm|mm)\b", text):
            missing.append(
                MissingPrompt(
                    "injury-detail",
                    "injuries",
                    "Describe each mark: size, shape, colour and "
                    "exact place, and mark it on the body map.",
                )
            )
        return missing

    # Deadlines -----------------------------------------------------------------------------
    def _deadlines(
        self, concern: Concern, raised: dict[str, AreaPrompt], firings: list[Firing], today: date
    ) -> list[DueDate]:
        timescales = self.library.timescales
        found: list[DueDate] = []
        if concern.referred_to_social_care_on is not None:
            found += due_dates(
                timescales, "referral-received", concern.referred_to_social_care_on, self.calendar
            )
        events = {f.concept.deadline for f in firings if f.concept.area in raised}
        for event in sorted(events - {""}):
            found += due_dates(timescales, event, concern.event_date or today, self.calendar)
        if raised and self.strategy_discussion_days:
            local = local_strategy_discussion(self.strategy_discussion_days)
            found += due_dates([local], local.event, concern.event_date or today, self.calendar)
        return sorted(found, key=lambda d: d.due)

    def _care(self, concern: Concern, raised: dict[str, AreaPrompt]) -> list[CarePrompt]:
        care = []
        if any(c.interpreter for c in concern.children):
            care.append(
                CarePrompt(
                    "interpreter",
                    "Use a professional interpreter, never a family member or another child.",
                    "WT2026 Appendix 1, A2",
                )
            )
        if raised.keys() & {"faith-based-abuse", "honour-based-abuse", "female-genital-mutilation"}:
            care.append(
                CarePrompt(
                    "bias",
                    "Focus on what the child experienced. Check how "
                    "assumptions about culture, faith or community might shape "
                    "what you notice or conclude.",
                    "WT2026 ch.1; Appendix 1, A4",
                )
            )
        if "honour-based-abuse" in raised:
            care.append(
                CarePrompt(
                    "one-chance",
                    "One chance rule: do not contact the family or "
                    "community, and do not try to mediate.",
                    "Forced Marriage Unit guidance",
                )
            )
        if any(c.communication_needs for c in concern.children):
            care.append(
                CarePrompt(
                    "communication",
                    "Record how the child communicated (signs, aids, behaviour) and who helped.",
                    "WT2026 Appendix 1, A1-A2",
                )
            )
        return care

    def read(self, concern: Concern) -> Reading:
        """The concepts the note's words fire, the groups found (not denied), how the words
        lean, and the notices about the limits of reading it."""
        tokens, matches, context, found = self.index.read(concern.text)
        notices = reading_notices(tokens)
        if any(n.startswith(NOT_ENGLISH) for n in notices):
            return Reading([], {}, notices, [])
        facts = with_ages(read_facts(normalise(concern.text)), named_ages(tokens))
        fit = self._fit(concern, facts)
        firings, live, set_aside = self.index.find(matches, context, fit)
        leans = self.evidence.leans(found) if self.evidence is not None else []
        if set_aside:  # the words alone do not overrule a concept that set the same words aside
            leans = [lean for lean in leans if not any(_overrules(lean, f) for f in set_aside)]
        single = len({f.concept.id for f in firings if not f.concept.weak}) <= 1 and not any(
            f.concept.urgent or f.concept.area == "any" for f in firings
        )
        danger = any(f.concept.area == "any" for f in firings)
        # Read the words as everyday or not only where it decides something (the gate, or a
        # danger named with no harm area): on a long record it is the costliest reading.
        everyday = (
            (single or danger)
            and self.evidence is not None
            and sum(t.is_word for t in tokens) >= GATE_MIN_WORDS
            and self.evidence.reads_as_everyday(found)
        )
        if everyday and single:
            # One pattern at most, in a note that reads as an everyday record (a match, a
            # lesson, a joke): say so rather than raise a harm area nobody meant.
            if firings or leans:
                notices = [*notices, EVERYDAY]
            firings, leans = [], []
        urgent_words = self.evidence.urgent_words(found) if self.evidence is not None else None
        sure = (
            urgent_words is not None
            and self.evidence is not None
            and self.evidence.reads_surely_as_concern(found)
        )
        return Reading(firings, live, notices, leans, urgent_words, everyday, sure)

    def guidance(
        self,
        concern: Concern,
        today: date | None = None,
        focus: tuple[tuple[str, str], ...] = (),
    ) -> Guidance:
        """`focus`: (standard id, why) pairs for the step being recorded, shown first."""
        firings, live, notices, leans, urgent_words, everyday, sure = self.read(concern)
        raised = self._areas(concern, firings, live, leans)
        dismissed = set(concern.dismissed)
        guess = all(_guessed(a) for a in raised.values())  # the words alone raised them
        dangers = (
            []
            if everyday or not guess
            else [d for d in _dangers(firings, concern.text) if f"danger:{d.id}" not in dismissed]
        )
        # Words that often mean danger make raised areas urgent; where the words alone
        # raised them, only in a note whose words read surely as a concern.
        if (
            urgent_words
            and raised
            and (sure or not guess)
            and not dangers
            and not any(a.urgent for a in raised.values())
        ):
            quoted = ", ".join(
                f"“{' '.join(concern.text[a:b].split())}”" for a, b in dict.fromkeys(urgent_words)
            )
            for entry in raised.values():
                entry.urgent = True
                entry.urgent_why.append(f"words that often mean danger now: {quoted}")
                entry.now.append(URGENT_NOW)
        areas = sorted(
            (a for a in raised.values() if f"area:{a.id}" not in dismissed),
            key=lambda a: (not a.urgent, a.title),
        )
        missing = [m for m in self._missing(concern, raised) if f"missing:{m.id}" not in dismissed]
        return Guidance(
            harm_areas=areas,
            standards=self._standards(concern, raised, focus),
            missing=missing,
            deadlines=self._deadlines(
                concern,
                {k: v for k, v in raised.items() if f"area:{k}" not in dismissed},
                firings,
                today or date.today(),
            ),
            care=[c for c in self._care(concern, raised) if f"care:{c.id}" not in dismissed],
            dismissed=sorted(dismissed),
            notices=notices,
            dangers=dangers,
        )


def _guessed(entry: AreaPrompt) -> bool:
    """Whether only the note's words together, no concept, raised the area."""
    return entry.concepts == [WORDS_ALONE]


def _dangers(firings: list[Firing], text: str) -> list[DangerPrompt]:
    """The immediate dangers the note names, once each. Only asked for when no concept
    raised a harm area (otherwise each raised area carries them as its urgency; an area the
    words alone point to is a guess, and the danger is said plainly beside it) and the note
    does not read as an everyday record (a joke about dying, a knife-crime lesson). A weak danger
    ("dad is collecting him at 3.15") is never said on its own: it only makes a raised
    harm area urgent."""
    found: dict[str, DangerPrompt] = {}
    for firing in firings:
        concept = firing.concept
        if concept.area == "any" and not concept.weak and concept.id not in found:
            found[concept.id] = DangerPrompt(
                concept.id, concept.title, _why(firing, text), concept.now
            )
    return list(found.values())


def _quote(firing: Firing, text: str) -> str:
    if firing.end - firing.start <= QUOTE_CHARS:
        return " ".join(text[firing.start : firing.end].split())
    return " … ".join(" ".join(text[m.start : m.end].split()) for m in firing.parts)


def _overrules(lean: Lean, set_aside: Firing) -> bool:
    """Whether the words a lean weighed most overlap a situation that a concept of the same
    area read and set aside (the child does not fit it)."""
    return lean.area == set_aside.concept.area and any(
        a < set_aside.end and set_aside.start < b for a, b in lean.words
    )


def _whys(firings: list[Firing], text: str) -> list[str]:
    """Why each firing was raised, with the meanings of firings that quote the same words
    said together (“a mark on a baby and a mark on a baby not yet mobile: ‘mark’”) rather
    than the same quote once per concept."""
    meanings: dict[str, list[str]] = {}
    for firing in firings:
        said = f" ({', '.join(firing.qualifiers)})" if firing.qualifiers else ""
        meanings.setdefault(f"“{_quote(firing, text)}”{said}", []).append(firing.concept.means)
    return [f"{' and '.join(dict.fromkeys(means))}: {quoted}" for quoted, means in meanings.items()]


def _why(firing: Firing, text: str) -> str:
    return _whys([firing], text)[0]
