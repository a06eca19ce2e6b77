"""A note's words with their positions, sentences and clause breaks.

Offsets always point into the original text, so every prompt can quote the practitioner's
own words. Words are folded to lower case without accents; apostrophes are kept inside a
word ("didn't", "mum's") and a possessive "'s" is split off so that "dad's" is "dad".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word, a number with the medical "/52" style notation kept whole, a clock time ("23:00":
# never an age), or a punctuation mark that can end a clause or a sentence.
_TOKEN = re.compile(
    r"\d{1,2}:\d\d(?!\d)|\d+(?:\.\d+)?%|£\d+(?:[.,]\d+)*|\bw/(?=\s)|\by/o\b|\d+(?:[./]\d+)+|[a-z0-9]+(?:'[a-z]+)*|[.;:!?,()\n]|[-–—]{1,2}(?=\s)|&|\+|/|#",
)
# Capitalised in notes without being names.
NOT_NAMES = frozenset(
    {
        "i",
        "mum",
        "dad",
        "mummy",
        "daddy",
        "nan",
        "nanny",
        "grandad",
        "gran",
        "auntie",
        "uncle",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "police",
        "social",
    }
)
SENTENCE_ENDS = frozenset({".", "!", "?", ";", "\n"})
# A question answered "no" at once ("Cut lip? No - ketchup") is one sentence with its
# answer, so that the answer can take the question back (context.py).
_ANSWERED_NO = re.compile(r" ?(?:no|nope|nah) ?(?:[-–—,.!:;]|$)")
SENTENCE_LOOKAHEAD = 8  # characters after a sentence's end that can still change where it ends
# Punctuation spoken into dictation software and typed out as words: "he hit me full stop
# mum said". Two words stand for the mark when the first is the one before the second.
SPOKEN_PAIRS = {
    ("full", "stop"): ".",
    ("new", "line"): "\n",
    ("new", "paragraph"): "\n",
    ("question", "mark"): "?",
}
SPOKEN_WORDS = {"comma": ","}
NOT_SPOKEN_AFTER = frozenset({"a", "an", "the", "another", "this", "that", "our", "their"})
CLAUSE_PUNCTUATION = frozenset({".", "!", "?", ";", "\n", ",", ":", "(", ")", "-", "–", "—"})


def normalise(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe; same length as `text` when it can be."""
    text = text.replace("’", "'").replace("‘", "'")
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return folded if len(folded) == len(text) else text.lower()


@dataclass(frozen=True, slots=True)
class Token:
    word: str
    start: int  # character offsets in the original text
    end: int
    index: int  # position among all tokens
    sentence: int  # number of the sentence it belongs to
    name: bool = False  # written like a name (Capitalised, not first in its sentence)
    capitals: bool = False  # typed in capitals ("M", "MGM"), as case notes' short forms are
    capitalised: bool = False  # typed with a capital first letter, anywhere in a sentence

    def moved(self, by: int, index: int, sentence: int) -> Token:
        """The same token with its offsets moved `by` characters, at a new place (built
        directly: dataclasses.replace costs several times as much, and a record opened
        moves every token)."""
        return Token(
            self.word,
            self.start + by,
            self.end + by,
            index,
            sentence,
            self.name,
            self.capitals,
            self.capitalised,
        )

    @property
    def is_word(self) -> bool:
        return self.word[0].isalnum()


def tokenise(text: str) -> list[Token]:
    folded = normalise(text)
    tokens: list[Token] = []
    sentence = 0
    previous_end = 0
    first_in_sentence = True
    for match in _TOKEN.finditer(folded):
        word, start, end = match.group(0), match.start(), match.end()
        if (
            tokens
            and word[0].isalnum()
            and "\n" in folded[previous_end:start]
            and (folded[previous_end:start].count("\n") >= 1)
        ):
            sentence += 1  # a new line starts a new sentence
            first_in_sentence = True
        if word.endswith("'s") and len(word) > 2:  # dad's -> dad
            word, end = word[:-2], end - 2
        elif word.endswith("'") and len(word) > 1:
            word, end = word[:-1], end - 1
        mark = _spoken_mark(tokens, word)
        if mark:  # dictated punctuation: the mark stands for its words, quoted as typed
            if word not in SPOKEN_WORDS:  # a pair: the mark starts at its first word
                start = tokens.pop().start
            tokens.append(Token(mark, start, end, len(tokens), sentence))
            previous_end = match.end()
            if mark in SENTENCE_ENDS:
                sentence += 1
                first_in_sentence = True
            continue
        typed = text[start:end]
        name = (
            not first_in_sentence
            and typed[:1].isupper()
            and typed[1:].islower()
            and word not in NOT_NAMES
        )
        capitals = typed.isupper() and typed.isalpha()
        tokens.append(
            Token(word, start, end, len(tokens), sentence, name, capitals, typed[:1].isupper())
        )
        if word[0].isalnum():
            first_in_sentence = False
        previous_end = match.end()
        if word in SENTENCE_ENDS and not _is_abbreviation_dot(folded, start):
            if not (word == "?" and _ANSWERED_NO.match(folded, end)):
                sentence += 1
            first_in_sentence = True
    return tokens


def _spoken_mark(tokens: list[Token], word: str) -> str | None:
    """The punctuation mark a dictated word (or this word and the one before) stands for."""
    if word in SPOKEN_WORDS:
        return SPOKEN_WORDS[word]
    if not tokens or (tokens[-1].word, word) not in SPOKEN_PAIRS:
        return None
    before = tokens[-2].word if len(tokens) > 1 else ""
    if before in NOT_SPOKEN_AFTER:  # "a new line of enquiry", "came to a full stop"
        return None
    return SPOKEN_PAIRS[(tokens[-1].word, word)]


def _is_abbreviation_dot(text: str, at: int) -> bool:
    """A full stop in "approx. 2cm", "Dr. Shah", "v. quiet" or a time "8.50" ends nothing."""
    if text[at] != ".":
        return False
    before = text[max(0, at - 7) : at]
    word = re.search(r"([a-z]+)$", before)
    after = text[at + 1 : at + 3]
    return bool(word and word.group(1) in _ABBREVIATIONS and not after.startswith("\n"))


_ABBREVIATIONS = frozenset(
    {"approx", "dr", "mr", "mrs", "ms", "v", "st", "nr", "eg", "ie", "etc", "yr"}
)


def sentences(tokens: list[Token]) -> list[list[Token]]:
    """The tokens of each sentence, in order (punctuation included)."""
    found: list[list[Token]] = []
    for token in tokens:
        while len(found) <= token.sentence:
            found.append([])
        found[token.sentence].append(token)
    return [s for s in found if s]
