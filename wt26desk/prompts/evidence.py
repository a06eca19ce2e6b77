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
# Small words that say nothing of a harm on their own: left out of the evidence.
QUIET = frozenset(
    (
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "are",
        "am",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "they",
        "them",
        "their",
        "we",
        "us",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "mine",
        "who",
        "what",
        "when",
        "where",
        "which",
        "there",
        "here",
        "then",
        "than",
        "so",
        "if",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "get",
        "got",
        "go",
        "went",
        "going",
        "say",
        "said",
        "says",
        "tell",
        "told",
        "just",
        "very",
        "really",
        "also",
        "too",
    )
)
Feature = tuple[str, int, int]  # name, start and end offsets of the words it came from
PASSAGE_CHARS = 90  # the longest passage quoted as the words that weighed most


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
        stem = word.root
        if not stem[:1].isalpha():
            previous = None
            continue
        if surface in QUIET or word.name:
            continue  # small words say nothing; names (people, places, countries) must not
        prefix = "NOT_" if reach else ""
        yield prefix + stem, word.start, word.end
        if previous is not None:
            yield f"{prefix}{previous.root}_{stem}", previous.start, word.end
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
    words: tuple[tuple[int, int], ...]  # the passage whose words weighed most


class WordEvidence:
    def __init__(
        self,
        areas: dict[str, AreaWeights],
        threshold: float,
        gate: AreaWeights | None = None,
        gate_threshold: float = 0.0,
        urgency: AreaWeights | None = None,
        urgency_threshold: float = 1.0,
        gate_lean: float = 0.0,
        gate_sure: float = 0.0,
    ) -> None:
        self.areas = areas
        self.threshold = threshold
        self.gate = gate  # "does this read as a concern at all?", learnt from everyday notes
        self.gate_threshold = gate_threshold
        self.gate_lean = gate_lean  # below this, the words alone raise no area
        self.gate_sure = gate_sure  # at or above this, the words read surely as a concern
        self.urgency = urgency  # "does this read as immediate danger?"
        self.urgency_threshold = urgency_threshold

    @classmethod
    def load(cls, path: Path) -> WordEvidence | None:
        """None when the file is missing or unreadable: concepts alone then decide."""
        try:
            return cls.from_data(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    @classmethod
    def from_data(cls, data: object) -> WordEvidence | None:
        """The evidence held in a word-evidence file's data, or None when it is malformed."""
        if not isinstance(data, dict):
            return None
        try:
            areas = {
                area: AreaWeights(
                    float(entry["bias"]), {k: float(v) for k, v in entry["weights"].items()}
                )
                for area, entry in data["areas"].items()
            }
            gate, urgency = _model(data.get("gate")), _model(data.get("urgency"))
            return cls(
                areas,
                float(data["threshold"]),
                gate,
                float(data["gate"]["threshold"]) if gate else 0.0,
                urgency,
                float(data["urgency"]["threshold"]) if urgency else 1.0,
                float(data["gate"].get("lean_threshold", 0.0)) if gate else 0.0,
                float(data["gate"].get("sure_threshold", 0.0)) if gate else 0.0,
            )
        except (AttributeError, ValueError, KeyError, TypeError):
            return None

    def reads_as_everyday(self, found: list[Feature]) -> bool:
        """Whether the note's words read as an everyday record rather than a concern."""
        if self.gate is None:
            return False
        names = {name for name, _, _ in found}
        return _probability(self.gate, names) < self.gate_threshold

    def reads_surely_as_concern(self, found: list[Feature]) -> bool:
        """Whether the note's words read so surely as a concern that an area they alone
        point to may be made urgent by words that often mean danger."""
        if self.gate is None:
            return True
        names = {name for name, _, _ in found}
        return _probability(self.gate, names) >= self.gate_sure

    def urgent_words(self, found: list[Feature]) -> tuple[tuple[int, int], ...] | None:
        """The words that make the note read as immediate danger, or None."""
        if self.urgency is None:
            return None
        names: dict[str, tuple[int, int]] = {}
        for name, start, end in found:
            names.setdefault(name, (start, end))
        if _probability(self.urgency, names) < self.urgency_threshold:
            return None
        weights = self.urgency.weights
        strongest = sorted(
            ((weights[n], span) for n, span in names.items() if weights.get(n, 0.0) > 0),
            reverse=True,
        )[:3]
        return tuple(span for _, span in strongest)

    def leans(self, found: list[Feature]) -> list[Lean]:
        """The areas the words alone point to; none in a note whose words lean everyday."""
        names: dict[str, tuple[int, int]] = {}
        for name, start, end in found:
            names.setdefault(name, (start, end))
        if self.gate is not None and _probability(self.gate, names) < self.gate_lean:
            return []
        leans = []
        for area, model in self.areas.items():
            contributions = [(model.weights[n], names[n]) for n in names if n in model.weights]
            probability = _probability(model, names)
            if probability >= self.threshold:
                leans.append(Lean(area, probability, _weightiest_passage(contributions)))
        return leans


def _weightiest_passage(
    contributions: list[tuple[float, tuple[int, int]]],
) -> tuple[tuple[int, int], ...]:
    """The stretch of the note (at most PASSAGE_CHARS long) whose words weigh most toward
    the area: quoted whole, it shows the practitioner what was read, where single words
    ("front", "till") would say nothing."""
    weighing = sorted((span, weight) for weight, span in contributions if weight > 0)
    best: tuple[float, tuple[int, int]] | None = None
    first, total = 0, 0.0
    for last, ((_, end), weight) in enumerate(weighing):
        total += weight
        while end - weighing[first][0][0] > PASSAGE_CHARS:
            total -= weighing[first][1]
            first += 1
        if best is None or total > best[0]:
            start = weighing[first][0][0]
            best = (total, (start, max(e for (_, e), _ in weighing[first : last + 1])))
    return (best[1],) if best else ()


def _probability(model: AreaWeights, names: Iterable[str]) -> float:
    score = model.bias + sum(model.weights.get(n, 0.0) for n in names)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


def _model(entry: dict[str, object] | None) -> AreaWeights | None:
    if not entry:
        return None
    weights = entry["weights"]
    assert isinstance(weights, dict)
    return AreaWeights(float(str(entry["bias"])), {str(k): float(v) for k, v in weights.items()})
