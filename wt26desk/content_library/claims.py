"""The claims register: every statutory timescale and duty the content states, in one place.

`claims.toml` in a pack's folder holds `[[claim]]` tables. Each claim has its source, the
claim in one line, the period it sets (for a time limit), the words that name its starting
event and the people it applies to, phrases known to misstate it, and the content items
that state it. The library checks, for the pack that holds the register:

- each listed item states the claim: for a time limit, one sentence gives the same period
  together with the starting event (and the people, where the claim names them); for a
  duty, the item names who it binds and when it applies;
- no listed item uses a phrase the claim marks as a misstatement;
- no item states a time limit ("within 15 working days", "at most every six months") or a
  duty ("duty", "mandatory") that no claim listing that item accounts for.

A time limit is a number with a unit after a limit word (within, at most, every, up to,
by ...) or any number of working or school days; ages ("under six months", "a
four-month-old") and story details ("missing for three days") are not time limits. The
wrong options of a quiz question are not statements, so they are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wt26desk.content_library.library import ENGINE_KINDS, item_texts
from wt26desk.content_library.models import (
    UNIT_WORDS,
    Duty,
    HarmArea,
    Item,
    QuizQuestion,
    Timescale,
)
from wt26desk.errors import ContentError

REGISTER_FILE = "claims.toml"
CLAIM_TYPES = ("timescale", "duty", "power", "law", "local")
_FIELDS = {
    "id": str,
    "type": str,
    "claim": str,
    "sources": list,
    "stated_in": list,
    "period": str,
    "timescale": str,
    "from": list,
    "who": list,
    "never": list,
    "detect": list,
}
_REQUIRED = ("id", "type", "claim", "sources", "stated_in")

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "twenty-four": 24,
    "twenty-eight": 28,
    "forty-five": 45,
    "seventy-two": 72,
}
_NUMBER = r"\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# A number, a space (not a hyphen: "a four-month-old", "the six-week check" are not
# limits), an optional kind of day, and a unit.
PERIOD = re.compile(
    rf"\b(?P<n>{_NUMBER})\s+(?P<kind>working |school |calendar )?"
    r"(?P<unit>hour|day|week|month|year)s?\b(?![- ]old)",
    re.I,
)
NEXT_WORKING_DAY = re.compile(r"\bnext working day\b", re.I)
# Words that make a plain period ("six months") a time limit rather than an age or a story.
LIMIT_WORDS = re.compile(
    r"\b(within|at most|at least|no more than|no later than|up to|every|by|before|"
    r"after|between|for up to|in)\s+(the first\s+)?(of\s+)?$",
    re.I,
)
DUTY_WORDS = re.compile(r"\b(duty|duties|mandatory)\b", re.I)
_NOT_STATEMENTS = {"sources", "keywords"}


@dataclass(frozen=True)
class Period:
    count: int
    unit: str  # hours | working-days | school-days | calendar-days | weeks | months | years

    def __str__(self) -> str:
        one, many = UNIT_WORDS.get(self.unit, (self.unit.rstrip("s"), self.unit))
        return f"{self.count} {one if self.count == 1 else many}"


@dataclass(frozen=True)
class Claim:
    id: str
    type: str
    claim: str
    sources: tuple[str, ...]
    stated_in: tuple[str, ...]
    period: Period | None = None
    timescale: str = ""
    starts: tuple[str, ...] = ()  # "from": words naming the starting event or occasion
    who: tuple[str, ...] = ()  # words naming the people it applies to
    never: tuple[str, ...] = ()  # phrases that misstate it
    detect: tuple[re.Pattern[str], ...] = ()  # sentences about this duty
    line: int = 1


@dataclass(frozen=True)
class Register:
    claims: tuple[Claim, ...]
    path: str
    origin: str


def _period_from(match: re.Match[str]) -> Period:
    raw = match.group("n").lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = match.group("unit").lower()
    kind = (match.group("kind") or "").strip().lower()
    if unit == "day":
        unit = f"{kind or 'calendar'}-days"
    else:
        unit += "s"
    return Period(count, unit)


def parse_period(text: str) -> Period | None:
    match = PERIOD.fullmatch(text.strip())
    return _period_from(match) if match else None


def stated_periods(sentence: str) -> list[Period]:
    """The time limits a sentence states (see the module docstring)."""
    found = []
    for match in PERIOD.finditer(sentence):
        if match.group("kind") or LIMIT_WORDS.search(sentence[: match.start()]):
            found.append(_period_from(match))
    if NEXT_WORKING_DAY.search(sentence):
        found.append(Period(1, "working-days"))
    return found


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def statements(item: Item) -> list[tuple[str, str]]:
    """(field, sentence) for everything an item asserts. A quiz question is read with its
    right answer and explanation only; a timescale also states its own fields as one line."""
    found: list[tuple[str, str]] = []
    if isinstance(item, QuizQuestion):
        found.append(("summary", f"{item.summary} {item.correct}"))
        pieces = [("title", item.title), ("explanation", item.explanation)]
    else:
        pieces = [(name, text) for name, text in item_texts(item) if name not in _NOT_STATEMENTS]
    if isinstance(item, Timescale):
        found.append(("count", f"{item.event_label}: within {item.period}: {item.due_label}"))
    for name, text in pieces:
        found += [(name, s) for s in sentences(text)]
    return found


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word.lower() in lowered for word in words)


# Loading -------------------------------------------------------------------------------


def load_register(text: str, shown: str, origin: str) -> Register:
    # Here, not at the top: a library read from its snapshot names this module (its
    # claims) but never parses TOML.
    from wt26desk.content_library.frontmatter import parse_toml

    data = parse_toml(text, shown)
    extra = sorted(set(data) - {"claim"})
    if extra:
        raise ContentError(shown, f"unexpected top-level key {extra[0]!r}; use [[claim]] tables")
    entries = data.get("claim")
    if not isinstance(entries, list) or not entries:
        raise ContentError(shown, "holds no [[claim]] tables")
    starts = [n + 1 for n, line in enumerate(text.splitlines()) if line.strip() == "[[claim]]"]
    claims: list[Claim] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        line = starts[index] if index < len(starts) else 1
        claim = _claim(entry, shown, line)
        if claim.id in seen:
            raise ContentError(shown, f"claim id {claim.id!r} is used twice", line=line)
        seen.add(claim.id)
        claims.append(claim)
    return Register(tuple(claims), shown, origin)


def _claim(entry: dict[str, Any], shown: str, line: int) -> Claim:
    def fail(name: str, message: str) -> ContentError:
        return ContentError(shown, f"{name} {message}", line=line, field=name)

    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise fail(unknown[0], "is not a field of a claim (check the spelling)")
    for name in _REQUIRED:
        if name not in entry:
            raise fail(name, "is missing")
    for name, want in _FIELDS.items():
        if name not in entry:
            continue
        value = entry[name]
        if not isinstance(value, want) or (
            want is list and not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise fail(name, "must be text" if want is str else "must be a list of text")
    if entry["type"] not in CLAIM_TYPES:
        raise fail("type", "must be one of: " + ", ".join(CLAIM_TYPES))
    if not entry["sources"]:
        raise fail("sources", "must cite at least one source")
    if not entry["stated_in"]:
        raise fail("stated_in", "must name the items that state the claim")
    period = None
    if "period" in entry:
        period = parse_period(entry["period"])
        if period is None:
            raise fail("period", "must be a number and a unit, like '15 working days'")
    if entry["type"] == "timescale" and period is None:
        raise fail("period", "is needed for a timescale claim")
    try:
        detect = tuple(re.compile(p, re.I) for p in entry.get("detect", ()))
    except re.error as exc:
        raise fail("detect", f"has a bad pattern: {exc}") from exc
    return Claim(
        id=entry["id"],
        type=entry["type"],
        claim=entry["claim"].strip(),
        sources=tuple(entry["sources"]),
        stated_in=tuple(entry["stated_in"]),
        period=period,
        timescale=entry.get("timescale", ""),
        starts=tuple(entry.get("from", ())),
        who=tuple(entry.get("who", ())),
        never=tuple(entry.get("never", ())),
        detect=detect,
        line=line,
    )


# Checking ------------------------------------------------------------------------------


def check_register(register: Register, by_id: dict[str, Item]) -> Iterator[ContentError]:
    """Every problem with the register and with what the register's pack states."""
    shown = register.path

    def error(claim: Claim, message: str, name: str = "stated_in") -> ContentError:
        return ContentError(shown, f"claim {claim.id}: {message}", line=claim.line, field=name)

    for claim in register.claims:
        if claim.timescale:
            timescale = by_id.get(claim.timescale)
            if not isinstance(timescale, Timescale):
                yield error(claim, f"{claim.timescale!r} is not a timescale", "timescale")
            elif claim.period != Period(timescale.count, timescale.unit):
                yield error(
                    claim,
                    f"says {claim.period} but {claim.timescale} counts {timescale.period}",
                    "timescale",
                )
            elif claim.timescale not in claim.stated_in:
                yield error(claim, f"its timescale {claim.timescale} is not in stated_in")
        for item_id in claim.stated_in:
            item = by_id.get(item_id)
            if item is None:
                yield error(claim, f"names {item_id!r}, which does not exist")
                continue
            yield from _check_statement(claim, item, error)
    yield from _unregistered(register, by_id)


def _check_statement(claim: Claim, item: Item, error: Any) -> Iterator[ContentError]:
    said = statements(item)
    for _, sentence in said:
        for phrase in claim.never:
            if phrase.lower() in sentence.lower():
                yield error(claim, f"{item.id} says {phrase!r}, which misstates it: {sentence}")
    if claim.period is not None:
        fits = [
            s
            for _, s in said
            if claim.period in stated_periods(s)
            and (not claim.starts or _has_any(s, claim.starts))
            and (not claim.who or _has_any(s, claim.who))
        ]
        if not fits:
            expected = f"{claim.period}" + (
                f" from {' / '.join(claim.starts)}" if claim.starts else ""
            )
            if claim.who:
                expected += f" for {' / '.join(claim.who)}"
            yield error(claim, f"{item.id} does not state it in one sentence: {expected}")
        return
    whole = " ".join(s for _, s in said)
    if claim.starts and not _has_any(whole, claim.starts):
        yield error(claim, f"{item.id} does not say when it applies ({' / '.join(claim.starts)})")
    if claim.who and not _has_any(whole, claim.who):
        yield error(claim, f"{item.id} does not say who it applies to ({' / '.join(claim.who)})")


def _unregistered(register: Register, by_id: dict[str, Item]) -> Iterator[ContentError]:
    by_item: dict[str, list[Claim]] = {}
    for claim in register.claims:
        for item_id in claim.stated_in:
            by_item.setdefault(item_id, []).append(claim)
    for item in by_id.values():
        if item.origin != register.origin:
            continue  # local packs state local procedures; the register is the core's
        if isinstance(item, ENGINE_KINDS):
            continue  # the prompt engine's words and example notes state no rule
        mine = by_item.get(item.id, [])
        periods = {c.period for c in mine if c.period is not None}
        reported: set[str] = set()
        for name, sentence in statements(item):
            for period in stated_periods(sentence):
                if period not in periods and str(period) not in reported:
                    reported.add(str(period))
                    yield ContentError(
                        item.path,
                        f"states a time limit of {period} that the claims register does not "
                        f"list for {item.id}: {sentence}",
                        line=item.line,
                        field=name,
                    )
            if DUTY_WORDS.search(sentence) and not any(
                p.search(sentence) for c in mine for p in c.detect
            ):
                yield ContentError(
                    item.path,
                    f"states a duty that the claims register does not list for {item.id}: "
                    f"{sentence}",
                    line=item.line,
                    field=name,
                )
        if isinstance(item, HarmArea):
            for duty in item.duties:
                yield from _registered_duty(item, duty, mine)


def _registered_duty(item: HarmArea, duty: Duty, mine: list[Claim]) -> Iterator[ContentError]:
    text = f"{duty.name}. {duty.text}"
    if not any(
        p.search(text) for c in mine if c.type in {"duty", "power", "law"} for p in c.detect
    ):
        yield ContentError(
            item.path,
            f"duty {duty.name!r} is not in the claims register for {item.id}",
            line=item.line,
            field="duties",
        )
