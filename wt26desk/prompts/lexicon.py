"""The lexicon: named groups of terms from the content, found in a note's words.

A term is one or more words. Each word matches by its stem ("kicked" finds "kick"), or
exactly when written `=word`, or by its beginning when written `word*`. One small word
(my, his, the, a...) may stand between the words of a term ("hit my mum" finds "hit mum").
Shorthand (dv, bf, s47) is expanded first; a typed word that is no English word is
corrected to the lexicon word it is one slip from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from wt26desk.prompts.text import CLAUSE_PUNCTUATION, Token
from wt26desk.prompts.words import Speller, stem

FILLERS = frozenset(
    "my his her their the a an our your me him them its this that some really very "
    "so just being been got get".split()
)
# A percentage in a note is read as one of these words too, so that content can say
# "attendance under 90%" (persistent absence starts at 10% of sessions missed).
PERCENT_UNDER_90 = "percent-under-90"


@dataclass(frozen=True)
class WordPattern:
    mode: str  # stem | exact | prefix
    value: str

    def matches(self, word: "Word") -> bool:
        if self.mode == "stem":
            return self.value in word.stems
        if self.mode == "exact":
            return self.value == word.surface
        return word.surface.startswith(self.value)


@dataclass(frozen=True)
class Term:
    group: str
    text: str
    words: tuple[WordPattern, ...]


@dataclass(frozen=True)
class Word:
    """A word of the note as the lexicon sees it: after shorthand, with its stems."""

    surface: str
    stems: frozenset[str]
    start: int  # offsets of the typed word in the original text
    end: int
    position: int  # index among Words
    sentence: int
    corrected: bool = False

    @property
    def is_break(self) -> bool:
        return self.surface in CLAUSE_PUNCTUATION


@dataclass(frozen=True)
class Match:
    group: str
    term: str
    first: int  # positions of the first and last Word
    last: int
    start: int  # character offsets
    end: int
    sentence: int


def parse_term(group: str, text: str) -> Term:
    patterns = []
    for raw in text.lower().split():
        if raw.startswith("="):
            patterns.append(WordPattern("exact", raw[1:]))
        elif raw.endswith("*"):
            patterns.append(WordPattern("prefix", raw[:-1]))
        else:
            patterns.append(WordPattern("stem", stem(raw)))
    return Term(group, text, tuple(patterns))


class Lexicon:
    def __init__(self, terms: Iterable[Term], shorthand: dict[str, str]) -> None:
        self.terms = list(terms)
        self.groups = {t.group for t in self.terms}
        self.shorthand = {k: tuple(v.split()) for k, v in shorthand.items()}
        self._by_stem: dict[str, list[Term]] = defaultdict(list)
        self._by_exact: dict[str, list[Term]] = defaultdict(list)
        self._by_prefix: list[tuple[str, Term]] = []
        stems: set[str] = set()
        for term in self.terms:
            first = term.words[0]
            if first.mode == "stem":
                self._by_stem[first.value].append(term)
            elif first.mode == "exact":
                self._by_exact[first.value].append(term)
            else:
                self._by_prefix.append((first.value, term))
            stems.update(w.value for w in term.words if w.mode == "stem")
        self.speller = Speller(stems)

    def words(self, tokens: list[Token]) -> list[Word]:
        """The note's tokens with shorthand expanded and slips corrected."""
        words: list[Word] = []
        for token in tokens:
            expansion = self.shorthand.get(token.word)
            if expansion:
                for part in expansion:
                    words.append(
                        Word(part, frozenset({stem(part)}), token.start, token.end, len(words),
                             token.sentence)
                    )
                continue
            stems = {stem(token.word)}
            if token.word.endswith("%"):  # a share: what matters is whether it is under 90%
                stems.add(PERCENT_UNDER_90 if float(token.word[:-1]) < 90 else "percent-90-up")
            corrected = False
            if token.is_word and not self._known_first(token.word, stems):
                fixed = self.speller.correct(token.word)
                if fixed is not None:
                    stems.add(fixed)
                    corrected = True
            words.append(
                Word(token.word, frozenset(stems), token.start, token.end, len(words),
                     token.sentence, corrected)
            )
        return words

    def _known_first(self, surface: str, stems: set[str]) -> bool:
        return bool(stems & self.speller.known_stems) or surface in self._by_exact

    def _candidates(self, word: Word) -> list[Term]:
        found: list[Term] = []
        for value in word.stems:
            found += self._by_stem.get(value, ())
        found += self._by_exact.get(word.surface, ())
        found += [t for prefix, t in self._by_prefix if word.surface.startswith(prefix)]
        return found

    def find(self, words: list[Word]) -> list[Match]:
        matches: list[Match] = []
        for word in words:
            if word.is_break:
                continue
            for term in self._candidates(word):
                last = self._rest(term, words, word.position)
                if last is not None:
                    end_word = words[last]
                    matches.append(
                        Match(term.group, term.text, word.position, last, word.start,
                              end_word.end, word.sentence)
                    )
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
