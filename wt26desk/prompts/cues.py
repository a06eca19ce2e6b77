"""Cue phrases from the harm areas, compiled for fast matching with variants and typos.

A cue is one or more words; a word ending in `*` matches any ending ("bruis*" matches
bruise, bruised, bruising). A leading `~` marks a weak cue: it only counts together with
another cue for the same harm area. Words of six letters or more also match with one
typo ("brusing", "sextortoin"), with the same first letter, never for a short list of
everyday words that are one letter from a cue. Between the words of a
phrase, one small word may stand ("hit my mum" matches "hit mum").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from wt26desk.prompts.text import Token, is_negated

FILLERS = frozenset(
    {
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
        "really",
        "very",
    }
)
FUZZY_MIN = 6
# Ordinary words that must never be taken for a cue by a one-letter slip.
NEVER_FUZZY = frozenset(
    {
        "watch",
        "watched",
        "watching",
        "which",
        "touches",
        "couching",
        "fights",
        "lights",
        "nights",
        "sights",
        "rights",
        "brushing",
        "bruising",
        "crushing",
        "catch",
        "batch",
        "starting",
        "strange",
        "stranger",
        "strangers",
        "strangely",
        "within",
        "without",
        "withdraw",
        "withdrawn",
        "withdrawal",
        "withdrew",
        "withhold",
        "withheld",
        "withholding",
        "frightened",
        "saved",
        "saves",
    }
)


@dataclass(frozen=True)
class Cue:
    area: str
    phrase: str
    words: tuple[str, ...]  # without * and ~
    prefixes: tuple[bool, ...]  # word i ends with *
    weak: bool


@dataclass(frozen=True)
class Hit:
    cue: Cue
    start: int
    end: int
    negated: bool
    fuzzy: bool

    @property
    def weak(self) -> bool:
        return self.cue.weak


def parse_cue(area: str, text: str) -> Cue:
    weak = text.startswith("~")
    raw = text.lstrip("~").strip().lower().split()
    words = tuple(w.rstrip("*") for w in raw)
    return Cue(area, text, words, tuple(w.endswith("*") for w in raw), weak)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _one_slip(typed: str, cue: str) -> bool:
    """A typing slip: one letter missing, one extra, two neighbours swapped, or (in words of
    six letters or more) one letter wrong. Shared deletions alone would also let through two
    different letters ("within" for "witch")."""
    if typed == cue:
        return True
    if len(typed) != len(cue):
        short, long = sorted((typed, cue), key=len)
        return len(long) - len(short) == 1 and any(
            long[:i] + long[i + 1 :] == short for i in range(len(long))
        )
    diff = [i for i in range(len(cue)) if typed[i] != cue[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i = diff[0]
        return typed[i] == cue[i + 1] and typed[i + 1] == cue[i]
    return len(diff) == 1 and len(cue) >= FUZZY_MIN


class CueIndex:
    def __init__(self, cues: Iterable[Cue]) -> None:
        self.cues = list(cues)
        self._exact: dict[str, list[Cue]] = defaultdict(list)  # first word, whole
        self._prefix: dict[str, list[Cue]] = defaultdict(list)  # first word's stem
        self._fuzzy: dict[str, list[tuple[Cue, str]]] = defaultdict(list)
        self._stem_lengths: set[int] = set()
        for cue in self.cues:
            first, is_prefix = cue.words[0], cue.prefixes[0]
            (self._prefix if is_prefix else self._exact)[first].append(cue)
            if is_prefix:
                self._stem_lengths.add(len(first))
            if len(first) >= FUZZY_MIN - (1 if is_prefix else 0):
                for variant in _deletes(first):
                    self._fuzzy[variant].append((cue, first))

    def _first_word_candidates(self, word: str) -> list[tuple[Cue, bool]]:
        found: list[tuple[Cue, bool]] = [(c, False) for c in self._exact.get(word, ())]
        for length in self._stem_lengths:
            if len(word) >= length:
                found += [(c, False) for c in self._prefix.get(word[:length], ())]
        if not found and len(word) >= FUZZY_MIN - 1 and word not in NEVER_FUZZY:
            seen: set[int] = set()
            probes = {word} | {word[:n] for n in self._stem_lengths if len(word) > n}
            probes |= {word[: n + 1] for n in self._stem_lengths if len(word) > n + 1}
            for probe in probes:
                for variant in _deletes(probe):
                    for cue, first in self._fuzzy.get(variant, ()):
                        if id(cue) not in seen and word[0] == first[0] and _one_slip(probe, first):
                            seen.add(id(cue))
                            found.append((cue, True))
        return found

    @staticmethod
    def _word_matches(cue: Cue, i: int, word: str) -> bool:
        return word.startswith(cue.words[i]) if cue.prefixes[i] else word == cue.words[i]

    def _match_rest(self, cue: Cue, tokens: list[Token], start: int) -> int | None:
        """Index of the last token of `cue` starting at `start`, or None."""
        position = start
        for i in range(1, len(cue.words)):
            position += 1
            if (
                position < len(tokens)
                and tokens[position].word in FILLERS
                and not self._word_matches(cue, i, tokens[position].word)
            ):
                position += 1  # one small word may stand between the words of a phrase
            if position >= len(tokens) or not self._word_matches(cue, i, tokens[position].word):
                return None
        return position

    def find(self, tokens: list[Token]) -> list[Hit]:
        hits: list[Hit] = []
        cache: dict[str, list[tuple[Cue, bool]]] = {}
        for token in tokens:
            word = token.word
            if word not in cache:
                cache[word] = self._first_word_candidates(word)
            for cue, fuzzy in cache[word]:
                last = self._match_rest(cue, tokens, token.index)
                if last is None:
                    continue
                hits.append(
                    Hit(cue, token.start, tokens[last].end, is_negated(tokens, token.index), fuzzy)
                )
        return hits
