"""The lexicon: named groups of terms from the content, found in a note's words.

A term is one or more words. Each word matches by its stem ("kicked" finds "kick"), or
exactly when written `=word`, or by its beginning when written `word*`. One small word
(my, his, the, a...) may stand between the words of a term ("hit my mum" finds "hit mum").
Shorthand (dv, bf, s47) is expanded first; a typed word that is no English word is
corrected to the lexicon word it is one slip from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from wt26desk.prompts.text import CLAUSE_PUNCTUATION, Token
from wt26desk.prompts.words import Speller, stem

FILLERS = frozenset(
    [
        "my",
        "his",
        "her",
        "their",
        "the",
        "a",
        "an",
        "our",
        "your",
        "me",
        "him",
        "them",
        "its",
        "this",
        "that",
        "some",
        "really",
        "very",
        "so",
        "just",
        "being",
        "been",
        "got",
        "get",
    ]
)
# Words a term may lose from its middle: articles and possessives, nothing with meaning.
OPTIONAL_INSIDE = frozenset(
    ["a", "an", "the", "my", "his", "their", "our", "your", "its", "this", "that"]
)
# Phrases whose alarming-looking words mean something ordinary ("shaken up", "hitting the
# books"): a match of this group hides every other match that lies wholly inside it.
HARMLESS = "harmless"
# A percentage in a note is read as one of these words too, so that content can say
# "attendance under 90%" (persistent absence starts at 10% of sessions missed).
PERCENT_UNDER_90 = "percentunder90"
CHANGE_WORDS = frozenset(
    [
        "up",
        "from",
        "down",
        "by",
        "below",
        "under",
        "over",
        "above",
        "rose",
        "fell",
        "dropped",
        "increase",
        "decrease",
        "improved",
    ]
)


@dataclass(frozen=True, slots=True)
class WordPattern:
    mode: str  # stem | exact | prefix
    value: str

    def matches(self, word: Word) -> bool:
        if self.mode == "stem":
            return self.value in word.stems
        if self.mode == "exact":
            return self.value == word.surface
        return word.surface.startswith(self.value)


@dataclass(frozen=True, slots=True)
class Term:
    group: str
    text: str
    words: tuple[WordPattern, ...]


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the note as the lexicon sees it: after shorthand, with its stems."""

    surface: str
    stems: frozenset[str]
    start: int  # offsets of the typed word in the original text
    end: int
    position: int  # index among Words
    sentence: int
    corrected: bool = False
    name: bool = False  # written like a name: a person or a place, never "corrected"

    @property
    def is_break(self) -> bool:
        return self.surface in CLAUSE_PUNCTUATION

    @property
    def root(self) -> str:
        """The shortest stem (the first in order among equals), or the word as written.

        A corrected word can have several stems; the tie-break keeps the choice the same
        from run to run, whatever order the set holds them in."""
        return min(self.stems, key=lambda s: (len(s), s)) if self.stems else self.surface


@dataclass(frozen=True, slots=True)
class Match:
    group: str
    term: str
    first: int  # positions of the first and last Word
    last: int
    start: int  # character offsets
    end: int
    sentence: int


def parse_term(group: str, text: str, shorthand: dict[str, str] | None = None) -> Term:
    """A term's words as the note's words will be read: "step-dad" is two words, "dad's" is
    "dad", and shorthand is expanded as it is in notes ("bf" is "boyfriend")."""
    patterns = []
    raws = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower()).split()
    expanded: list[str] = []
    for raw in raws:
        if raw.endswith("'s") and len(raw) > 2:
            raw = raw[:-2]
        expansion = (shorthand or {}).get(raw)
        expanded += expansion.split() if expansion else [raw]
    # A small word inside a term is optional ("with a belt" finds "with his belt"): the
    # matcher lets one such word stand between any two words of a term.
    if len(expanded) > 2:
        expanded = [
            expanded[0],
            *(w for w in expanded[1:-1] if w not in OPTIONAL_INSIDE),
            expanded[-1],
        ]
    for raw in expanded:
        if raw.startswith("="):
            patterns.append(WordPattern("exact", raw[1:]))
        elif raw.endswith("*"):
            patterns.append(WordPattern("prefix", raw[:-1]))
        else:
            patterns.append(WordPattern("stem", stem(raw)))
    return Term(group, text, tuple(patterns))


Key = tuple[str, str]  # ("s", stem) or ("e", exact word)


def _keys(pattern: WordPattern) -> Key | None:
    """The index key of a pattern, or None for a prefix (which is checked one by one)."""
    if pattern.mode == "prefix":
        return None
    return ("s" if pattern.mode == "stem" else "e", pattern.value)


def _word_keys(word: Word) -> list[Key]:
    return [("s", v) for v in word.stems] + [("e", word.surface)]


# Before these a capital letter is a name or a sex ("Mr F", "Child B", "14 F"), not the
# case notes' short form for a parent; so is one before an age ("F 15").
_NOT_SHORT_AFTER = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "child", "baby", "sibling", "pupil", "patient", "yo",
     "y/o", "years", "old", "aged", "age", "sex", "gender", "male", "female", "room", "ward",
     "bay", "block", "class", "year", "flat", "unit", "plan", "grade", "vitamin", "type"]
)  # fmt: skip


def _stands_alone(previous: Token | None, following: Token | None) -> bool:
    """Not a name or a sex: "Mr F", "14 F", "F 15" and "F (15)" are no parent."""
    if previous is not None and (previous.word[0].isdigit() or previous.word in _NOT_SHORT_AFTER):
        return False
    return following is None or not (following.word[0].isdigit() or following.word == "(")


class Lexicon:
    def __init__(
        self,
        terms: Iterable[Term],
        shorthand: dict[str, str],
        in_context: Iterable[tuple[tuple[str, ...], dict[str, str]]] = (),
    ) -> None:
        given = list(terms)
        written = {w for t in given for w in t.text.split()}  # for spelling: as written
        # "bruise" and "bruising" are one term once stemmed
        self.terms = list({(t.group, t.words): t for t in given}.values())
        self.groups = {t.group for t in self.terms}
        self.shorthand = {k: tuple(v.split()) for k, v in shorthand.items()}
        # Shorthand that holds only beside certain words: (words, endings, table)
        self._in_context = [
            (
                frozenset(w for w in when if not w.startswith("/")),
                tuple(w for w in when if w.startswith("/")),
                {k: tuple(v.split()) for k, v in table.items()},
            )
            for when, table in in_context
        ]
        # Terms by their first word's key; longer ones also by their second word's key, so
        # that a common first word ("her", "no") costs one look-up, not one per term.
        self._single: dict[Key, list[Term]] = defaultdict(list)
        self._pair: dict[Key, dict[Key, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self._slow: list[Term] = []  # a prefix among its first two words
        stems: set[str] = set()
        for term in self.terms:
            first = _keys(term.words[0])
            second = _keys(term.words[1]) if len(term.words) > 1 else None
            if first is None or (len(term.words) > 1 and second is None):
                self._slow.append(term)
            elif second is None:
                self._single[first].append(term)
            else:
                self._pair[first][second].append(term)
            stems.update(w.value for w in term.words if w.mode == "stem")
        self.speller = Speller(stems, written)
        self._known_exact = {k[1] for k in self._single if k[0] == "e"} | {
            k[1] for k in self._pair if k[0] == "e"
        }

    def _shorthand_for(self, tokens: list[Token]) -> dict[str, tuple[str, ...]]:
        """The shorthand for these words: the general table, and over it each table whose
        `when` words are among them ("fm" beside "pregnant" is fetal movements)."""
        if not self._in_context:
            return self.shorthand
        present = {t.word for t in tokens}
        chosen = self.shorthand
        for words, endings, table in self._in_context:
            if not words.isdisjoint(present) or any(
                w.endswith(e) for e in endings for w in present
            ):
                chosen = chosen | table
        return chosen

    def _knows(self, word: str, stems: set[str]) -> bool:
        """Whether a typed word is one of the lexicon's own, by its stems or as written."""
        return bool(stems & self.speller.known_stems) or word in self._known_exact

    def words(self, tokens: list[Token]) -> list[Word]:
        """The note's tokens with shorthand expanded and slips corrected."""
        words: list[Word] = []
        shorthand = self._shorthand_for(tokens)
        for n, token in enumerate(tokens):
            expansion = (
                token.capitals
                and _stands_alone(
                    tokens[n - 1] if n else None, tokens[n + 1] if n + 1 < len(tokens) else None
                )
                and shorthand.get(token.word.upper())
            ) or shorthand.get(token.word)
            if expansion:
                for part in expansion:
                    words.append(
                        Word(
                            part,
                            frozenset({stem(part)}),
                            token.start,
                            token.end,
                            len(words),
                            token.sentence,
                        )
                    )
                continue
            stems = {stem(token.word)}
            if token.word.endswith("%") and not (words and words[-1].surface in CHANGE_WORDS):
                # a share, not a change in one: what matters is whether it is under 90%
                stems.add(PERCENT_UNDER_90 if float(token.word[:-1]) < 90 else "percent90up")
            if token.word.startswith("£"):
                stems.add("money")  # "£340" is money, whatever the amount
            corrected = False
            # A capitalised word that is no English word, followed by an age, is a name even
            # first in its sentence ("Kayden (15) home alone"), where a capital says nothing.
            name = token.name or (
                token.capitalised
                and not token.capitals
                and n + 2 < len(tokens)
                and tokens[n + 1].word == "("
                and tokens[n + 2].word.isdigit()
                and not self._knows(token.word, stems)
            )
            if (
                token.is_word
                and not name
                and not token.capitalised  # "Hamdi", "Laiba", "RCADS": names and acronyms
                and not self._knows(token.word, stems)
            ):
                fixed = self.speller.correct(token.word)
                if fixed:
                    stems |= fixed
                    corrected = True
            words.append(
                Word(
                    token.word,
                    frozenset(stems),
                    token.start,
                    token.end,
                    len(words),
                    token.sentence,
                    corrected,
                    name,
                )
            )
        return words

    def find(self, words: list[Word], blockers: frozenset[str] = frozenset()) -> list[Match]:
        """Every term of the lexicon found in `words`. A match wholly inside a harmless
        phrase ("shaken up") is dropped, unless its group only ever stops concepts
        (`blockers`): "butter knife" is harmless and still says the knife was cutlery."""
        matches: list[Match] = []
        for word in words:
            if word.is_break:
                continue
            keys = _word_keys(word)
            candidates: list[Term] = []
            for key in keys:
                candidates += self._single.get(key, ())
                pairs = self._pair.get(key)
                if pairs:
                    for follower in words[word.position + 1 : word.position + 3]:
                        for second in _word_keys(follower):
                            candidates += pairs.get(second, ())
            candidates += [t for t in self._slow if t.words[0].matches(word)]
            seen: set[int] = set()
            for term in candidates:
                if id(term) in seen:
                    continue
                seen.add(id(term))
                last = self._rest(term, words, word.position)
                if last is not None:
                    end_word = words[last]
                    matches.append(
                        Match(
                            term.group,
                            term.text,
                            word.position,
                            last,
                            word.start,
                            end_word.end,
                            word.sentence,
                        )
                    )
        harmless = [m for m in matches if m.group == HARMLESS]
        if harmless:
            # "shaken up", "hitting the books": the words inside mean nothing alarming
            matches = [
                m
                for m in matches
                if m.group == HARMLESS
                or m.group in blockers
                or not any(h.first <= m.first and m.last <= h.last for h in harmless)
            ]
        return matches

    @staticmethod
    def _rest(term: Term, words: list[Word], first: int) -> int | None:
        position = first
        for pattern in term.words[1:]:
            position += 1
            if (
                position < len(words)
                and words[position].surface in FILLERS
                and not pattern.matches(words[position])
            ):
                position += 1
            if position >= len(words) or not pattern.matches(words[position]):
                return None
        return position
