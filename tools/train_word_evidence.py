#!/usr/bin/env python3
"""Learn the prompt engine's word evidence from the development part of the corpus.

    .venv/bin/pip install scikit-learn   # only for this tool; the app never needs it
    .venv/bin/python tools/train_word_evidence.py

For each harm area, a logistic regression over the note's word stems and neighbouring
pairs (denied words marked NOT_, as wt26desk/prompts/evidence.py reads them) is fitted on
tests/data/corpus/dev.jsonl only; the test part is never read. A second model, trained
on the same notes to tell concerns from everyday and near-miss records, lets the engine stay
quiet on an everyday note whose words happen to look alarming (unless it is urgent). The
strongest weights are written to content/prompts/word-evidence.json, which the engine loads
as data.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from wt26desk.prompts.concepts import ConceptIndex

C = 5.0  # inverse regularisation strength
KEEP = 2000  # features kept per area, strongest first (600 before: leaving each fifth of the
# writers out in turn, the words alone found 77.2% of areas at 75.1% precision, against
# 74.9% at 72.3% with 600)
THRESHOLD = 0.3  # probability at which the words raise an area
GATE_C = 2.0
GATE_KEEP = 2000
GATE_THRESHOLD = 0.4  # below this probability of being a concern, a note reads as everyday
GATE_LEAN = 0.6  # below this, the words alone raise no area (leaving each fifth of the
# writers out in turn: 0.5 took everyday notes raising anything from 2.5% to 1.9% with recall
# unchanged; on 12,937 notes 0.6 took them from 3.7% to 3.3% for 0.1 of recall, 0.7 to 3.1%
# for 0.3)
GATE_SURE = 0.95  # at or above this, an area the words alone raise may be made urgent by the
# urgency words (cross-validated on the development part: below it, 8 of 87 such notes were
# everyday and 5 urgent; above it, 37 urgent for 37 false alarms, 1 everyday)
URGENCY_THRESHOLD = 0.35  # at or above this, a raised concern reads as urgent (chosen on four
# fresh batches, w40-w43, measured whole before they were split: urgent recall 83.2% -> 87.4%
# for 10 more urgent flags on concern notes and no everyday note made urgent)


def train(notes: list[dict], index: ConceptIndex, quiet: bool = False) -> dict[str, object]:
    """The word evidence learnt from `notes`, as written to word-evidence.json (less its
    "about" line). `index` is the engine's ConceptIndex, so that the notes are read exactly
    as the engine reads them."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    def note_features(text: str) -> dict[str, float]:
        """The features as the engine reads them (a correction's words count for nothing)."""
        return {name: 1.0 for name, _, _ in index.read(text).features}

    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform([note_features(n["text"]) for n in notes])
    names = vectoriser.get_feature_names_out()

    def fitted(model: LogisticRegression, keep: int) -> dict[str, object]:
        """The model's bias and its `keep` strongest word weights, rounded for the file."""
        weights = model.coef_[0]
        strongest = sorted(range(len(names)), key=lambda i: -abs(weights[i]))[:keep]
        return {
            "bias": round(float(model.intercept_[0]), 4),
            "weights": {str(names[i]): round(float(weights[i]), 4) for i in strongest},
        }

    def say(line: str) -> None:
        if not quiet:
            print(line)

    areas = {}
    for area in sorted({a for n in notes for a in n["harm_areas"]}):
        target = [area in n["harm_areas"] for n in notes]
        model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
        areas[area] = fitted(model.fit(matrix, target), KEEP)
        say(f"{area:32} {sum(target):4} notes")
    concern = [n["kind"] == "concern" for n in notes]
    # No intercept: a note whose words the gate does not know reads as neither (0.5), so
    # only words that lean everyday (a match, a lesson, a first-aid entry) can silence it.
    gate = LogisticRegression(C=GATE_C, max_iter=5000, fit_intercept=False)
    gate_entry = fitted(gate.fit(matrix, concern), GATE_KEEP) | {
        "threshold": GATE_THRESHOLD,
        "lean_threshold": GATE_LEAN,
        "sure_threshold": GATE_SURE,
    }
    say(f"{'concern or everyday':32} {sum(concern):4} concerns")
    urgent = [bool(n["urgent"]) for n in notes]
    danger = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    urgency_entry = fitted(danger.fit(matrix, urgent), GATE_KEEP) | {"threshold": URGENCY_THRESHOLD}
    say(f"{'urgent':32} {sum(urgent):4} notes")
    return {"threshold": THRESHOLD, "areas": areas, "gate": gate_entry, "urgency": urgency_entry}


def main() -> int:
    from wt26desk.assets import content_dir
    from wt26desk.content_library.loader import load_library
    from wt26desk.prompts.concepts import ConceptIndex

    notes = [
        json.loads(line)
        for line in (ROOT / "tests/data/corpus/dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    learnt = train(notes, ConceptIndex(load_library(content_dir())))
    out = ROOT / "content/prompts/word-evidence.json"
    out.write_text(
        json.dumps(
            {
                "about": "Word evidence for the prompt engine, learnt by "
                "tools/train_word_evidence.py from the development part of the corpus "
                f"({len(notes)} notes) on {date.today().isoformat()}. Data, not code: "
                "retrain after changing the corpus.",
            }
            | learnt,
            indent=1,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
