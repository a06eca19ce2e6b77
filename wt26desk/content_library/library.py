"""The loaded library: every item by id, cross-checked, with the lookups the app needs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, TypeVar

from wt26desk.content_library.models import (
    Addendum,
    Choices,
    Concept,
    Duty,
    GlossaryTerm,
    HarmArea,
    Item,
    Lexicon,
    PackInfo,
    Page,
    QuizQuestion,
    Scenario,
    ScenarioStep,
    Section,
    Shorthand,
    Standard,
    Timescale,
)
from wt26desk.errors import ContentError

if TYPE_CHECKING:
    from wt26desk.content_library.claims import Claim, Register

WIKI_LINK = re.compile(r"\[\[([A-Za-z0-9][A-Za-z0-9-]*)(?:\|([^\]\n]+))?\]\]")
T = TypeVar("T", bound=Item)
# What the engines read (the prompts; the choices the forms and the figures offer):
# content, but not pages a person browses or searches.
ENGINE_KINDS: tuple[type[Item], ...] = (Lexicon, Shorthand, Concept, Choices)


def _sort_key(item: Item) -> tuple[int, str]:
    return (getattr(item, "order", 0), item.title.casefold())


@dataclass(frozen=True)
class QuizCoverage:
    standards: int
    standards_total: int
    harm_areas: int
    harm_areas_total: int
    missing: tuple[str, ...]  # ids no question is about yet

    def __str__(self) -> str:
        return (
            f"quiz coverage {self.standards}/{self.standards_total} standards, "
            f"{self.harm_areas}/{self.harm_areas_total} harm areas"
        )


@dataclass(frozen=True)
class Library:
    """Immutable once built, so the sorted views below are computed once."""

    items: dict[str, Item]
    packs: tuple[PackInfo, ...]
    errors: tuple[ContentError, ...]
    claims: tuple[Claim, ...] = ()  # the claims register (claims.toml), if a pack has one

    @classmethod
    def build(
        cls,
        items: list[Item],
        packs: list[PackInfo],
        errors: list[ContentError],
        registers: tuple[Register, ...] = (),
    ) -> Library:
        found: list[ContentError] = list(errors)
        by_id: dict[str, Item] = {}
        for item in items:
            earlier = by_id.get(item.id)
            if earlier is not None:
                found.append(
                    ContentError(
                        item.path,
                        f"id {item.id!r} is already used by {earlier.path}",
                        line=item.line,
                        field="id",
                    )
                )
                continue
            by_id[item.id] = item
        found.extend(_check_references(by_id))
        if registers:
            from wt26desk.content_library.claims import check_register

            for register in registers:
                found.extend(check_register(register, by_id))
        return cls(
            items=by_id,
            packs=tuple(packs),
            errors=tuple(found),
            claims=tuple(c for r in registers for c in r.claims),
        )

    # Lookups ---------------------------------------------------------------------------
    def get(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    def of_kind(self, cls: type[T]) -> list[T]:
        return sorted((i for i in self.items.values() if type(i) is cls), key=_sort_key)

    @functools.cached_property
    def sections(self) -> list[Section]:
        return self.of_kind(Section)

    @functools.cached_property
    def standards(self) -> list[Standard]:
        """All standards in source order: by section, then by their order in it."""
        order = {s.id: s.order for s in self.sections}
        found = self.of_kind(Standard)
        return sorted(found, key=lambda s: (order.get(s.section, 99), s.order))

    def standards_in(self, section_id: str) -> list[Standard]:
        return [s for s in self.standards if s.section == section_id]

    @functools.cached_property
    def harm_areas(self) -> list[HarmArea]:
        return self.of_kind(HarmArea)

    @functools.cached_property
    def glossary(self) -> list[GlossaryTerm]:
        return sorted(self.of_kind(GlossaryTerm), key=lambda g: g.term.casefold())

    @functools.cached_property
    def timescales(self) -> list[Timescale]:
        """In the order they are written (core first), which follows the process."""
        return self._in_written_order(Timescale)

    @functools.cached_property
    def scenarios(self) -> list[Scenario]:
        return self.of_kind(Scenario)

    @functools.cached_property
    def quiz(self) -> list[QuizQuestion]:
        """In the order they are written, so a quiz builds from easy to hard."""
        return self._in_written_order(QuizQuestion)

    def _in_written_order(self, cls: type[T]) -> list[T]:
        """Core pack first, then by file and line: the order the author wrote them in."""
        found = [i for i in self.items.values() if isinstance(i, cls)]
        return sorted(found, key=lambda i: (i.origin != "core", i.path, i.line))

    def quiz_coverage(self) -> QuizCoverage:
        """Which standards and harm areas at least one quiz question is about (refers_to)."""
        covered = {i for q in self.quiz for i in q.refers_to}
        standards = [s.id for s in self.standards]
        harms = [h.id for h in self.harm_areas]
        return QuizCoverage(
            standards=sum(i in covered for i in standards),
            standards_total=len(standards),
            harm_areas=sum(i in covered for i in harms),
            harm_areas_total=len(harms),
            missing=tuple(i for i in (*standards, *harms) if i not in covered),
        )

    def choices_for(self, field: str) -> tuple[tuple[str, str], ...]:
        """(value, label) pairs for a child's context field, in the order written; every
        pack's items for the field add up (a local pack can add a value)."""
        found: dict[str, str] = {}
        for item in self._in_written_order(Choices):
            if item.field == field:
                for value, label in item.pairs():
                    found.setdefault(value, label)
        return tuple(found.items())

    def pages(self, group: str) -> list[Page]:
        return [p for p in self.of_kind(Page) if p.group == group]

    def addenda_for(self, item_id: str) -> list[Addendum]:
        return [a for a in self.of_kind(Addendum) if a.extends == item_id]

    def timescales_for(self, event: str) -> list[Timescale]:
        return [t for t in self.timescales if t.event == event]

    @property
    def events(self) -> list[str]:
        return sorted({t.event for t in self.timescales})

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items.values())

    def __len__(self) -> int:
        return len(self.items)


def _check_references(by_id: dict[str, Item]) -> Iterator[ContentError]:
    def missing(target: str, want: type[Item] | None = None) -> bool:
        found = by_id.get(target)
        return found is None or (want is not None and not isinstance(found, want))

    groups = {i.group for i in by_id.values() if isinstance(i, Lexicon)}
    events = {i.event for i in by_id.values() if isinstance(i, Timescale)}
    for item in by_id.values():
        if isinstance(item, Concept):
            yield from _check_concept(item, groups, events)
        if isinstance(item, Standard) and missing(item.section, Section):
            yield ContentError(
                item.path,
                f"section {item.section!r} does not exist",
                line=item.line,
                field="section",
            )
        for field_name, where, targets, kind in _references(item):
            for target in targets:
                if missing(target, kind):
                    what = f"is not a {KIND_NAMES[kind]}" if kind else "does not exist"
                    yield ContentError(
                        item.path,
                        f"{where} names {target!r}, which {what}",
                        line=item.line,
                        field=field_name,
                    )
        if isinstance(item, Addendum) and missing(item.extends):
            yield ContentError(
                item.path,
                f"extends {item.extends!r}, which does not exist",
                line=item.line,
                field="extends",
            )
        for field_name, text in item_texts(item):
            for match in WIKI_LINK.finditer(text):
                if match.group(1) not in by_id:
                    yield ContentError(
                        item.path,
                        f"links to [[{match.group(1)}]], which does not exist",
                        line=item.line,
                        field=field_name,
                    )


def _check_concept(item: Concept, groups: set[str], events: set[str]) -> Iterator[ContentError]:
    for name in ("all", "denied", "any", "unless", "unless_note", "urgent_with"):
        for part in getattr(item, name):
            for alt in (a.strip() for a in part.split("|")):
                if alt.startswith("@") and alt[1:] not in groups:
                    yield ContentError(
                        item.path,
                        f"{name} names {alt!r}, which is no lexicon group",
                        line=item.line,
                        field=name,
                    )
    if item.deadline and item.deadline not in events:
        yield ContentError(
            item.path,
            f"deadline {item.deadline!r} is no timescale event",
            line=item.line,
            field="deadline",
        )


KIND_NAMES: dict[type[Item], str] = {Standard: "standard", HarmArea: "harm area"}
Reference = tuple[str, str, tuple[str, ...], type[Item] | None]


def _references(item: Item) -> Iterator[Reference]:
    """Every list of ids an item names: (field, where in words, ids, the kind each must
    be, or None for any item)."""
    if isinstance(item, HarmArea):
        yield "standards", "standards", item.standards, Standard
        yield "related", "related", item.related, None
    if isinstance(item, Scenario):
        yield "harm_areas", "harm_areas", item.harm_areas, HarmArea
        yield "standards", "standards", item.standards, Standard
        for number, step in enumerate(item.steps, start=1):
            yield "steps", f"steps number {number}: harm_areas", step.harm_areas, HarmArea
            yield "steps", f"steps number {number}: standards", step.standards, Standard
    if isinstance(item, QuizQuestion):
        yield "refers_to", "refers_to", item.refers_to, None
    if isinstance(item, Concept) and item.area != "any":
        yield "area", "area", (item.area,), HarmArea


_NOT_PROSE = {
    "id",
    "kind",
    "origin",
    "path",
    "group",
    "unit",
    "event",
    "section",
    "extends",
    "setting",
    "topic",
    "area",
    "all",
    "denied",
    "any",
    "unless",
    "unless_note",
    "urgent_with",
    "child",
    "deadline",
    "terms",
    "entries",
    "when",
}


def item_texts(item: Item) -> Iterator[tuple[str, str]]:
    """Every piece of text in an item, with its field name (for links and search)."""
    for spec in fields(item):
        value = getattr(item, spec.name)
        if spec.name in _NOT_PROSE:
            continue
        if isinstance(value, str):
            yield spec.name, value
        elif isinstance(value, tuple):
            for entry in value:
                if isinstance(entry, str):
                    yield spec.name, entry
                elif isinstance(entry, Duty):
                    yield spec.name, f"{entry.name}. {entry.text} ({entry.source})"
                elif isinstance(entry, ScenarioStep):
                    yield spec.name, entry.title
                    yield spec.name, entry.arrives
                    yield spec.name, entry.facts
                    yield spec.name, entry.reasoning
                    for text in (*entry.ask, *entry.record, *entry.next):
                        yield spec.name, text
