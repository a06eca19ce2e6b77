"""Word evidence: what a note's words together say about each harm area, beyond any one
concept.

Each harm area has a weight for each of a few hundred word stems and word pairs, learnt
from the development part of the corpus (`tools/train_word_evidence.py`) and kept as data
in `content/prompts/word-evidence.json`. A word denied in its clause counts as a different
feature ("NOT_food"). A note whose words weigh enough toward an area raises it, and the
prompt quotes the words that weighed most. Concepts remain the main reading; this catches
the ways of writing that no concept lists yet.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wt26desk.prompts.lexicon import Word

NEGATORS = frozenset(
    [
        "no",
        "not",
        "never",
        "without",
        "denies",
        "denied",
        "deny",
        "nil",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
    ]
)
BREAKS = frozenset({".", ";", ",", ":", "!", "?", "(", ")", "-", "–", "—", "\n", "but", "however"})
NEGATION_REACH = 4  # words a negator reaches forward
Feature = tuple[str, int, int]  # name, start and end offsets of the words it came from


def features(words: Iterable[Word]) -> Iterator[Feature]:
    """Stems and pairs of neighbouring stems; denied ones marked NOT_."""
    reach = 0
    previous: Word | None = None
    for word in words:
        surface = word.surface
        if surface in BREAKS:
            reach, previous = 0, None
            continue
        if surface in NEGATORS or surface.endswith("n't"):
            reach, previous = NEGATION_REACH, None
            continue
        stem = min(word.stems, key=len) if word.stems else surface
        if not stem[:1].isalpha():
            previous = None
            continue
        prefix = "NOT_" if reach else ""
        yield prefix + stem, word.start, word.end
        if previous is not None:
            yield f"{prefix}{min(previous.stems, key=len)}_{stem}", previous.start, word.end
        previous = word
        reach = max(0, reach - 1)


@dataclass(frozen=True)
class AreaWeights:
    bias: float
    weights: dict[str, float]


@dataclass(frozen=True)
class Lean:
    """How far a note's words lean toward a harm area, and the words that weighed most."""

    area: str
    probability: float
    words: tuple[tuple[int, int], ...]  # offsets of the strongest words, strongest first


class WordEvidence:
    def __init__(self, areas: dict[str, AreaWeights], threshold: float) -> None:
        self.areas = areas
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path) -> WordEvidence | None:
        """None when the file is missing or unreadable: concepts alone then decide."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            areas = {
                area: AreaWeights(
                    float(entry["bias"]), {k: float(v) for k, v in entry["weights"].items()}
                )
                for area, entry in data["areas"].items()
            }
            return cls(areas, float(data["threshold"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def leans(self, found: list[Feature]) -> list[Lean]:
        names: dict[str, tuple[int, int]] = {}
        for name, start, end in found:
            names.setdefault(name, (start, end))
        leans = []
        for area, model in self.areas.items():
            contributions = [(model.weights[n], names[n]) for n in names if n in model.weights]
            score = model.bias + sum(w for w, _ in contributions)
            probability = 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))
            if probability >= self.threshold:
                strongest = sorted((c for c in contributions if c[0] > 0), reverse=True)[:3]
                leans.append(Lean(area, probability, tuple(span for _, span in strongest)))
        return leans
