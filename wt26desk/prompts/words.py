"""Words as the engine compares them: stems, spelling slips and shorthand.

- Inflections are matched by the Snowball English stemmer (PyStemmer): "kicked",
  "kicking" and "kicks" are all "kick", so content lists each idea once. Irregular
  forms ("threw", "beaten") are listed in the content next to the word.
- A typed word is corrected to a word of the lexicon only when it is not itself an
  English word, nor two of them written as one: "brusing" becomes "bruising", but "watch"
  is never taken for "witch", nor "bloodspot" (the newborn heel-prick test) for
  "bloodshot". The English word list is pyspellchecker's (loaded on first need, never for
  words the lexicon knows).
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import Stemmer  # PyStemmer: the Snowball stemmers in C

_STEMMER = Stemmer.Stemmer("english")
_STEM_LOCK = threading.Lock()
MIN_CORRECTED = 5  # shorter words are too easily another word
MIN_STEM = 4
MAX_READINGS = 3  # a slip that could be more words than this is read as none
COMMON_ENOUGH = 3  # a word seen fewer times than this in the frequency list is a typo


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if not word.isalpha() or len(word) < 3:
        return word
    with _STEM_LOCK:  # the Snowball stemmer object keeps state between calls
        return str(_STEMMER.stemWord(word))


class EnglishWords:
    """The set of ordinary English words, loaded once, on first use, from any thread."""

    _words: frozenset[str] | None = None
    _lock = threading.Lock()

    @classmethod
    def load(cls) -> frozenset[str]:
        with cls._lock:
            if cls._words is None:
                raw = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
                counts: dict[str, int] = json.loads(gzip.decompress(raw))
                cls._words = frozenset(w for w, n in counts.items() if n >= COMMON_ENOUGH)
            return cls._words

    @classmethod
    def contains(cls, word: str) -> bool:
        return word in cls.load()


def _compound(word: str) -> bool:
    """Two English words written as one ("bloodspot", "heelprick"): a word of its own,
    never a slip for a lexicon word one letter away ("bloodshot")."""
    return any(
        EnglishWords.contains(word[:i]) and EnglishWords.contains(word[i:])
        for i in range(MIN_STEM, len(word) - MIN_STEM + 1)
    )


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_slip(typed: str, known: str) -> bool:
    """One letter missing, one extra, one wrong, or two neighbours swapped."""
    if typed == known:
        return True
    if abs(len(typed) - len(known)) > 1:
        return False
    if len(typed) != len(known):
        short, long = sorted((typed, known), key=len)
        return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
    diff = [i for i in range(len(known)) if typed[i] != known[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i = diff[0]
        return typed[i] == known[i + 1] and typed[i + 1] == known[i]
    return len(diff) == 1


class Speller:
    """Corrects a typed word to a stem the lexicon knows, when it is no English word.

    Compares the typed word with the lexicon's words as written ("brusing" and "bruising")
    and with their stems ("punchd" and "punch"), so slips in inflected words are found."""

    def __init__(self, known_stems: Iterable[str], known_words: Iterable[str] = ()) -> None:
        self.known_stems = frozenset(s for s in known_stems if s.isalpha())
        self._by_deletion: dict[str, set[tuple[str, str]]] = defaultdict(set)  # -> (form, stem)
        for known in self.known_stems:
            if len(known) >= MIN_STEM:
                for variant in _deletions(known):
                    self._by_deletion[variant].add((known, known))
        for word in known_words:
            if word.isalpha() and len(word) >= MIN_CORRECTED:
                for variant in _deletions(word):
                    self._by_deletion[variant].add((word, stem(word)))

    def correct(self, word: str) -> frozenset[str]:
        """The lexicon stems that `word` may be a slip for (a few at most: "brusing" may be
        bruising or brushing, and both are read), or none."""
        if len(word) < MIN_CORRECTED or not word.isalpha():
            return frozenset()
        typed = stem(word)
        if typed in self.known_stems:
            return frozenset()
        candidates = {
            known_stem
            for probe in {word, typed}
            for variant in _deletions(probe)
            for form, known_stem in self._by_deletion.get(variant, ())
            if form[0] == probe[0] and one_slip(probe, form)
        }
        if not candidates or len(candidates) > MAX_READINGS:
            return frozenset()
        if EnglishWords.contains(word) or _compound(word):
            return frozenset()
        return frozenset(candidates)
