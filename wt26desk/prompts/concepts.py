"""Concepts: patterns of meaning built from lexicon groups, found in a note.

A concept fires where every part of `all` (and one of `any`, when given) is found, not
negated, in one sentence (or within `within` words; in the order written when `ordered`),
with nothing from `unless` in that sentence, and when the child fits (`child`). Each
firing remembers the words it came from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import Concept, Lexicon, Shorthand
from wt26desk.content_library.schema import parse_shorthand
from wt26desk.prompts.context import Context, analyse
from wt26desk.prompts.evidence import Feature, features
from wt26desk.prompts.lexicon import Lexicon as WordIndex
from wt26desk.prompts.lexicon import Match, Term, Word, parse_term
from wt26desk.prompts.text import SENTENCE_LOOKAHEAD, Token, sentences, tokenise

TELLING = "telling"  # the lexicon group of words for telling someone
# Groups of settings (lessons, films, games) that can be where a child told of harm
NOT_REAL, TEACHING = "not-real", "oh-teaching"
LITERAL = "="  # prefix of the group name made for a concept's inline words
SENTENCE_CACHE = 20_000  # sentences remembered: a few long records
MAX_TERM_WORDS = 12  # no term is longer: how far back a match may start and still be near


def _named_groups(parts: list[str]) -> set[str]:
    """The lexicon groups that parts name ("@hurt", or "@hurt|slapped")."""
    return {a.strip()[1:] for p in parts for a in p.split("|") if a.strip().startswith("@")}


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

    young: bool  # under five
    baby: bool
    non_mobile: bool
    unborn: bool
    girl: bool  # a girl under 18, or nobody said otherwise
    ages: tuple[int, ...] = ()  # in months: the structured ages, else those in the note
    adult: bool = False  # the note is about a woman patient ("27F") and gives no child's age
    in_note: tuple[int, ...] = ()  # in months: the ages the note's words give (a young parent)

    def fits(self, condition: str) -> bool:
        if condition.startswith("age:"):  # "age:13-17": a child aged 13 to 17 (years)
            low, high = (int(n) for n in condition[4:].split("-"))
            return any(low * 12 <= a < (high + 1) * 12 for a in self.ages)
        if condition.startswith("under:"):  # "under:13": no age known, or a child under 13
            if not self.ages:
                return not self.adult
            return any(a < int(condition[6:]) * 12 for a in self.ages)
        if condition.startswith("over:"):  # "over:10": no age known, or someone 10 or older
            every = self.ages + self.in_note  # the baby on the form may have a mother of 17
            if not every:
                return not self.adult
            return any(a >= int(condition[5:]) * 12 for a in every)
        return {
            "": True,
            "young": self.young or self.baby or self.non_mobile,
            "baby": self.baby or self.non_mobile,
            "non-mobile": self.non_mobile,
            "unborn": self.unborn,
            "girl": self.girl and not self.adult,
        }[condition]


@dataclass(frozen=True)
class SentenceReading:
    """One sentence as read, with positions counted from its start."""

    words: tuple[Word, ...]
    matches: tuple[Match, ...]
    negated: frozenset[int]  # indexes into matches
    qualifiers: tuple[str, ...]
    features: tuple[Feature, ...]  # word evidence, offsets from the sentence's start


class ConceptIndex:
    """Built once from the library; `find` runs on every pause in typing."""

    def __init__(self, library: Library) -> None:
        shorthand: dict[str, str] = {}
        in_context: list[tuple[tuple[str, ...], dict[str, str]]] = []
        for table in library.of_kind(Shorthand):
            into = shorthand
            if table.when:
                into = {}
                in_context.append((tuple(w.lower() for w in table.when), into))
            for entry in table.entries:
                parsed = parse_shorthand(entry)
                if parsed:
                    into[parsed[0]] = parsed[1]
        terms: list[Term] = []
        for group in library.of_kind(Lexicon):
            terms += [parse_term(group.group, t, shorthand) for t in group.terms]
        self.concepts = list(library.of_kind(Concept))
        # A part such as "@hurt|slapped" is a group of its own: its words, and every match
        # of the groups it names.
        self.aliases: dict[str, set[str]] = defaultdict(set)
        for concept in self.concepts:
            for name in ("all", "denied", "any", "unless", "unless_note", "urgent_with"):
                for part in getattr(concept, name):
                    made = group_of(part)
                    if not made.startswith(LITERAL):
                        continue
                    for alt in (a.strip() for a in part.split("|")):
                        if alt.startswith("@"):
                            self.aliases[alt[1:]].add(made)
                        else:
                            terms.append(parse_term(made, alt, shorthand))
        self.words = WordIndex(terms, shorthand, in_context)
        self.deniable = frozenset(group_of(p) for c in self.concepts for p in c.denied)
        # Words that only stop a concept ("no marks seen" in `unless`) do not hold their
        # negation word: it still denies the rest of the clause for every other concept.
        blocking = [p for c in self.concepts for p in (*c.unless, *c.unless_note)]
        meaning = [
            p
            for c in self.concepts
            for name in ("all", "denied", "any", "urgent_with")
            for p in getattr(c, name)
        ]
        self.blockers_only = frozenset(
            ({group_of(p) for p in blocking} - {group_of(p) for p in meaning})
            | (_named_groups(blocking) - _named_groups(meaning))
        )
        self._cache: dict[tuple[Token, ...], SentenceReading] = {}
        self._last: _NoteState | None = None

    def read(self, text: str) -> NoteReading:
        """The note's tokens, the lexicon's matches, what their context says of them, and
        the word evidence.

        Worked out sentence by sentence, and remembered: the sentences before the first
        change since the last call are taken as they were (so typing at the end re-reads
        only the end), and every sentence's reading is kept by its words."""
        last = self._last
        keep = 0
        if last is not None:
            same = _common_prefix(text, last.text)
            while (
                keep < len(last.sentence_ends)
                and last.sentence_ends[keep] + SENTENCE_LOOKAHEAD < same
            ):
                keep += 1
        note = _NoteState(text)
        if last is not None and keep:
            note.take(last, keep)
        start = 0
        if keep and last is not None:
            start = (
                last.sentence_starts[keep]
                if keep < len(last.sentence_starts)
                else last.sentence_ends[keep - 1]
            )
        suffix = tokenise(text[start:])
        shifted = [t.moved(start, t.index + len(note.tokens), t.sentence + keep) for t in suffix]
        for sentence in sentences(shifted):
            note.add(sentence, self._reading(sentence))
        self._last = note
        return note.result()

    def _reading(self, sentence: list[Token]) -> SentenceReading:
        base = sentence[0].start
        # the sentence as if it stood alone: its words, where they are within it, and how
        # they were typed
        key = tuple(t.moved(-base, n, 0) for n, t in enumerate(sentence))
        reading = self._cache.get(key)
        if reading is None:
            reading = self._read_sentence(key)
            if len(self._cache) >= SENTENCE_CACHE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = reading
        return reading

    def _read_sentence(self, tokens: tuple[Token, ...]) -> SentenceReading:
        words = self.words.words(list(tokens))
        found = self.words.find(words, self.blockers_only)
        found += [replace(m, group=made) for m in found for made in self.aliases.get(m.group, ())]
        context = analyse(words, found, self.deniable, self.blockers_only)
        evidence = features(words)
        if context.taken_back:  # the words a correction takes back count for nothing
            found = [m for m in found if not context.takes_back(m)]
            spans = [(words[a].start, words[b - 1].end) for a, b in context.taken_back]
            evidence = (f for f in evidence if not any(a <= f[1] < b for a, b in spans))
        return SentenceReading(
            tuple(words),
            tuple(found),
            frozenset(n for n, m in enumerate(found) if id(m) in context.negated),
            tuple(context.qualifiers.get(0, ())),
            tuple(evidence),
        )

    def find(
        self, matches: list[Match], context: Context, fit: ChildFit
    ) -> tuple[list[Firing], dict[str, list[Match]], list[Firing]]:
        """The concepts that fire, every group's matches that are not denied, and the
        concepts whose words are there but that are harm only for a younger child than this
        one (a 15-year-old home alone for an afternoon): situations read and set aside."""
        live, denied = Live(), Live()
        present: dict[int, set[str]] = defaultdict(set)  # sentence -> groups, negated or not
        negated = context.negated
        live_groups, denied_groups = live.by_group, denied.by_group
        for match in matches:
            present[match.sentence].add(match.group)
            target = denied_groups if id(match) in negated else live_groups
            found = target.get(match.group)
            if found is None:
                target[match.group] = [match]
            else:
                found.append(match)
        both: list[Live] = []  # the merged view, made once when a concept needs it

        def merged() -> Live:
            if not both:
                both.append(live.merged(denied))
            return both[0]

        firings: list[Firing] = []
        set_aside: list[Firing] = []
        for concept in self.concepts:
            fits = fit.fits(concept.child)
            if not fits and not concept.child.startswith(("under:", "over:")):
                continue  # read only to be set aside when harm only for a younger (older) child
            firing = self._fire(concept, live, denied, merged, present, context)
            if firing is not None:
                (firings if fits else set_aside).append(firing)
        return firings, live_groups, set_aside

    @staticmethod
    def _fire(
        concept: Concept,
        live: Live,
        denied: Live,
        merged: Callable[[], Live],
        present: dict[int, set[str]],
        context: Context,
    ) -> Firing | None:
        # (group, where to look): `all` parts must be found and not denied; `denied` parts
        # must be found denied ("no shoes", "hasn't had tea").
        needed = [(group_of(p), live) for p in concept.all]
        needed += [(group_of(p), denied) for p in concept.denied]
        if any(g not in source.by_group for g, source in needed):
            return None
        options = [group_of(p) for p in concept.any]
        # Beside a denied part ("not in school since the 3rd") the context may be denied too.
        context_source = merged() if concept.denied else live
        if options and not any(g in context_source.by_group for g in options):
            return None
        blockers = {group_of(p) for p in concept.unless}
        if any(
            group_of(p) in live.by_group or group_of(p) in denied.by_group
            for p in concept.unless_note
        ):
            return None
        first, first_source = needed[0]
        for anchor in first_source.by_group[first]:
            parts = [anchor]
            for group, source in needed[1:] + ([("", context_source)] if options else []):
                groups = options if group == "" else [group]
                near = [m for g in groups for m in source.near(g, anchor, concept.within)]
                if concept.ordered and group:
                    near = [m for m in near if m.first > parts[-1].last]
                if not near:
                    break
                parts.append(min(near, key=lambda m: abs(m.first - parts[-1].last)))
            else:
                sentences = {m.sentence for m in parts}
                if any(present[s] & blockers for s in sentences) and _blocked(
                    parts, blockers, merged()
                ):
                    continue
                qualifiers = tuple(
                    q for s in sorted(sentences) for q in context.qualifiers.get(s, ())
                )
                return Firing(concept, tuple(parts), anchor.sentence, qualifiers)
        return None


def _blocked(parts: list[Match], blockers: set[str], every: Live) -> bool:
    """Whether a blocker in the concept's sentences stops it. A setting (a lesson, a film,
    a game) that comes before a word of telling, which comes before the concept's words,
    does not: it is where the harm was told of ("in PSHE she told me her stepdad hits
    her"), not what was told."""
    start = min(m.first for m in parts)
    sentences = {m.sentence for m in parts}
    tellings = [m.first for m in every.by_group.get(TELLING, ()) if m.sentence in sentences]
    for group in blockers:
        setting = group in (NOT_REAL, TEACHING) or group.endswith("-" + NOT_REAL)
        for blocker in every.by_group.get(group, ()):
            if blocker.sentence not in sentences:
                continue
            if not setting or not any(blocker.last < t < start for t in tellings):
                return True
    return False


class Live:
    """The matches of each group, in order of position; by sentence when first asked."""

    def __init__(self) -> None:
        self.by_group: dict[str, list[Match]] = {}
        self._by_sentence: dict[str, dict[int, list[Match]]] = {}
        self._firsts: dict[str, list[int]] = {}

    def add(self, match: Match) -> None:
        self.by_group.setdefault(match.group, []).append(match)

    def merged(self, other: Live) -> Live:
        both = Live()
        both.by_group = dict(self.by_group)  # shared lists: only `other`'s groups are new
        for group, found in other.by_group.items():
            both.by_group[group] = sorted(
                [*self.by_group.get(group, ()), *found], key=lambda m: m.first
            )
        return both

    def near(self, group: str, anchor: Match, within: int) -> list[Match]:
        if within <= 0:
            sentences = self._by_sentence.get(group)
            if sentences is None:
                sentences = self._by_sentence[group] = defaultdict(list)
                for match in self.by_group.get(group, ()):
                    sentences[match.sentence].append(match)
            return sentences.get(anchor.sentence, [])
        found = self.by_group.get(group)
        if not found:
            return []
        firsts = self._firsts.get(group)
        if firsts is None:
            firsts = self._firsts[group] = [m.first for m in found]  # found in order
        low = bisect_left(firsts, anchor.first - within - MAX_TERM_WORDS)
        high = bisect_right(firsts, anchor.last + within)
        return [m for m in found[low:high] if _near(anchor, m, within)]


def _near(anchor: Match, other: Match, within: int) -> bool:
    if within <= 0:
        return other.sentence == anchor.sentence
    gap = max(other.first - anchor.last, anchor.first - other.last)
    return gap <= within


class NoteReading(NamedTuple):
    tokens: list[Token]
    matches: list[Match]
    context: Context
    features: list[Feature]


class _NoteState:
    """One note as read, sentence by sentence, so that the next call can keep its start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        self.sentence_starts: list[int] = []  # character offset of each sentence's start
        self.sentence_ends: list[int] = []  # and of its end
        self.words = 0  # words so far (shorthand expanded)
        self.word_counts: list[int] = []  # words before each sentence
        self.matches: list[list[Match]] = []
        self.negated: list[set[int]] = []
        self.qualifiers: list[tuple[str, ...]] = []
        self.features: list[list[Feature]] = []
        self.token_counts: list[int] = []  # tokens before each sentence
        self.numbers: list[int] = []  # each sentence's number

    def take(self, other: _NoteState, keep: int) -> None:
        tokens_kept = (
            other.token_counts[keep] if keep < len(other.token_counts) else len(other.tokens)
        )
        self.tokens = other.tokens[:tokens_kept]
        self.sentence_starts = other.sentence_starts[:keep]
        self.sentence_ends = other.sentence_ends[:keep]
        self.word_counts = other.word_counts[:keep]
        self.words = other.word_counts[keep] if keep < len(other.word_counts) else other.words
        self.matches = other.matches[:keep]
        self.negated = other.negated[:keep]
        self.qualifiers = other.qualifiers[:keep]
        self.features = other.features[:keep]
        self.token_counts = other.token_counts[:keep]
        self.numbers = other.numbers[:keep]

    def add(self, sentence: list[Token], reading: SentenceReading) -> None:
        base, number, offset = sentence[0].start, sentence[0].sentence, self.words
        self.token_counts.append(len(self.tokens))
        self.numbers.append(number)
        self.tokens += sentence
        self.sentence_starts.append(base)
        self.sentence_ends.append(sentence[-1].end)
        self.word_counts.append(offset)
        self.words += len(reading.words)
        moved = [
            Match(
                m.group,
                m.term,
                m.first + offset,
                m.last + offset,
                m.start + base,
                m.end + base,
                number,
            )
            for m in reading.matches
        ]
        self.matches.append(moved)
        self.negated.append({id(moved[n]) for n in reading.negated})
        self.qualifiers.append(reading.qualifiers)
        self.features.append([(f, a + base, b + base) for f, a, b in reading.features])

    def result(self) -> NoteReading:
        matches = [m for found in self.matches for m in found]
        negated = set().union(*self.negated) if self.negated else set()
        qualifiers = {
            number: list(q) for number, q in zip(self.numbers, self.qualifiers, strict=True) if q
        }
        features = [f for found in self.features for f in found]
        return NoteReading(self.tokens, matches, Context(negated, qualifiers), features)


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common start of two texts (halving: C-speed compares)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
