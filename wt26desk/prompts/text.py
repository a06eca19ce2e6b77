"""Words of a concern with their positions, clause breaks and negation.

"no bruising seen" must not count like "bruising seen": a cue is negated when a negating
word stands up to three words before it in the same clause ("did not see any marks",
"no signs of bruising"); a full stop, semicolon, comma or "but" ends the clause.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.;:!?,]|\bbut\b")
NEGATORS = frozenset(
    {
        "no",
        "not",
        "never",
        "without",
        "denies",
        "denied",
        "deny",
        "nor",
        "none",
        "nobody",
        "nothing",
        "neither",
        "cannot",
        "can't",
        "didn't",
        "doesn't",
        "don't",
        "isn't",
        "wasn't",
        "weren't",
        "hasn't",
        "haven't",
        "hadn't",
        "won't",
        "wouldn't",
        "couldn't",
        "didnt",
        "doesnt",
        "dont",
        "isnt",
        "wasnt",
        "hasnt",
        "havent",
        "wont",
        "couldnt",
        "nil",
        "absent",
    }
)
CLAUSE_BREAKS = frozenset({".", ";", ":", "!", "?", ",", "but", "however", "although"})
NEGATION_WINDOW = 3


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class Token:
    word: str
    start: int  # character offsets in the original text
    end: int
    index: int  # position among all tokens


def tokenise(text: str) -> list[Token]:
    folded = normalise(text)
    if len(folded) != len(text):  # offsets must stay aligned; fall back to lower()
        folded = text.lower()
    return [Token(m.group(0), m.start(), m.end(), n) for n, m in enumerate(_TOKEN.finditer(folded))]


def is_negated(tokens: list[Token], index: int) -> bool:
    """Whether the word at `index` is denied by a negator shortly before it."""
    for back in range(index - 1, max(-1, index - 1 - NEGATION_WINDOW), -1):
        word = tokens[back].word
        if word in CLAUSE_BREAKS:
            return False
        if word in NEGATORS:
            return True
    return False
