"""The honest limits of reading a note: English only, and enough words to judge.

In English prose about one word in five is a small function word (the, and, he, was...);
a note in Welsh or Polish has almost none. A terse English note with few of them is still
mostly English words (the spelling list the engine already has).
"""

from __future__ import annotations

from wt26desk.prompts.text import Token
from wt26desk.prompts.words import EnglishWords

NOT_ENGLISH = "This note does not look like English"
TOO_SHORT = "The note is too short to judge"
MIN_WORDS = 6  # fewer words than this say too little to judge
MIN_WORDS_FOR_LANGUAGE = 8
SURE_SHARE = 0.15  # of words that are English function words: surely English
MIN_ENGLISH = 0.5  # otherwise, at least this share must be English words
# Small English words that are not also common words of Welsh or Polish ("a", "i", "to",
# "do", "on", "no" are).
FUNCTION_WORDS = frozenset(
    [
        "about",
        "after",
        "all",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "but",
        "by",
        "can",
        "could",
        "did",
        "didn't",
        "does",
        "don't",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "not",
        "of",
        "or",
        "our",
        "said",
        "says",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "told",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


def reading_notices(tokens: list[Token]) -> list[str]:
    words = [t.word for t in tokens if t.word[0].isalpha()]
    if not words:
        return []
    if len(words) >= MIN_WORDS_FOR_LANGUAGE:
        share = sum(w in FUNCTION_WORDS for w in words) / len(words)
        if share < SURE_SHARE and _english_share(words) < MIN_ENGLISH:
            return [
                f"{NOT_ENGLISH}: the prompts read English only, so no harm area was raised "
                "from its words. Record the concern in English as well (keep the child's "
                "own words as they said them) or talk it through with your safeguarding lead."
            ]
    if len(words) < MIN_WORDS:
        return [
            f"{TOO_SHORT}: say what happened, to whom, who was involved and what the child "
            "said, and the prompts will follow."
        ]
    return []


def _english_share(words: list[str]) -> float:
    english = EnglishWords.load()
    return sum(w in english for w in words) / len(words)
