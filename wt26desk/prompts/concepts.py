"""Concepts: patterns of meaning built from lexicon groups, found in a note.

A concept fires where every part of `all` (and one of `any`, when given) is found, not
negated, in one sentence (or within `within` words; in the order written when `ordered`),
with nothing from `unless` in that sentence, and when the child fits (`child`). Each firing remembers the words it came from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import Concept, Lexicon, Shorthand
from wt26desk.content_library.schema import parse_shorthand
from wt26desk.prompts.context import Context, analyse
from wt26desk.prompts.facts import TextFacts
from wt26desk.prompts.lexicon import Lexicon as WordIndex
from wt26desk.prompts.lexicon import Match, Term, Word, parse_term
from wt26desk.prompts.text import Token

LITERAL = "="  # prefix of the group name made for a concept's inline words


def group_of(part: str) -> str:
    """The group a concept's part stands for: a lexicon group, or one made for the part."""
    if part.startswith("@") and "|" not in part:
        return part[1:]
    return LITERAL + part


@dataclass(frozen=True)
class Firing:
    concept: Concept
    parts: tuple[Match, ...]
    sentence: int
    qualifiers: tuple[str, ...]

    @property
    def start(self) -> int:
        return min(m.start for m in self.parts)

    @property
    def end(self) -> int:
        return max(m.end for m in self.parts)


@dataclass(frozen=True)
class ChildFit:
    """What the engine knows of the children, from the fields and the note."""

    baby: bool
    non_mobile: bool
    unborn: bool
    girl: bool  # a girl under 18, or nobody said otherwise

    def fits(self, condition: str) -> bool:
        return {
            "": True,
            "baby": self.baby or self.non_mobile,
            "non-mobile": self.non_mobile,
            "unborn": self.unborn,
            "girl": self.girl,
        }[condition]


class ConceptIndex:
    """Built once from the library; `find` runs on every pause in typing."""

    def __init__(self, library: Library) -> None:
        terms: list[Term] = []
        for item in library.of_kind(Lexicon):
            terms += [parse_term(item.group, t) for t in item.terms]
        self.concepts = list(library.of_kind(Concept))
        # A part such as "@hurt|slapped" is a group of its own: its words, and every match
        # of the groups it names.
        self.aliases: dict[str, set[str]] = defaultdict(set)
        for concept in self.concepts:
            for name in ("all", "any", "unless", "urgent_with"):
                for part in getattr(concept, name):
                    made = group_of(part)
                    if not made.startswith(LITERAL):
                        continue
                    for alt in (a.strip() for a in part.split("|")):
                        if alt.startswith("@"):
                            self.aliases[alt[1:]].add(made)
                        else:
                            terms.append(parse_term(made, alt))
        shorthand: dict[str, str] = {}
        for item in library.of_kind(Shorthand):
            for entry in item.entries:
                parsed = parse_shorthand(entry)
                if parsed:
                    shorthand[parsed[0]] = parsed[1]
        self.words = WordIndex(terms, shorthand)

    def read(self, tokens: list[Token]) -> tuple[list[Word], list[Match], Context]:
        words = self.words.words(tokens)
        matches = self.words.find(words)
        matches += [
            replace(m, group=made) for m in matches for made in self.aliases.get(m.group, ())
        ]
        return words, matches, analyse(words, matches)

    def find(
        self, words: list[Word], matches: list[Match], context: Context, fit: ChildFit
    ) -> list[Firing]:
        live: dict[str, list[Match]] = defaultdict(list)
        present: dict[int, set[str]] = defaultdict(set)  # sentence -> groups, negated or not
        for match in matches:
            present[match.sentence].add(match.group)
            if id(match) not in context.negated:
                live[match.group].append(match)
        firings: list[Firing] = []
        for concept in self.concepts:
            if not fit.fits(concept.child):
                continue
            firing = self._fire(concept, live, present, context)
            if firing is not None:
                firings.append(firing)
        return firings

    @staticmethod
    def _fire(
        concept: Concept,
        live: dict[str, list[Match]],
        present: dict[int, set[str]],
        context: Context,
    ) -> Firing | None:
        needed = [group_of(p) for p in concept.all]
        if any(not live.get(g) for g in needed):
            return None
        options = [group_of(p) for p in concept.any]
        blockers = {group_of(p) for p in concept.unless}
        for anchor in live[needed[0]]:
            parts = [anchor]
            for group in needed[1:] + ([""] if options else []):
                candidates = (
                    [m for g in options for m in live.get(g, ())] if group == "" else live[group]
                )
                near = [m for m in candidates if _near(anchor, m, concept.within)]
                if concept.ordered and group:
                    near = [m for m in near if m.first > parts[-1].last]
                if not near:
                    break
                parts.append(min(near, key=lambda m: abs(m.first - parts[-1].last)))
            else:
                sentences = {m.sentence for m in parts}
                if any(present[s] & blockers for s in sentences):
                    continue
                qualifiers = tuple(
                    q for s in sorted(sentences) for q in context.qualifiers.get(s, ())
                )
                return Firing(concept, tuple(parts), anchor.sentence, qualifiers)
        return None


def _near(anchor: Match, other: Match, within: int) -> bool:
    if within <= 0:
        return other.sentence == anchor.sentence
    gap = max(other.first - anchor.last, anchor.first - other.last)
    return gap <= within
