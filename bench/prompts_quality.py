"""How well the prompt engine reads notes it was not written for: recall and precision per
harm area, everyday notes that raise anything, urgent recall and urgent false alarms.

    .venv/bin/python bench/prompts_quality.py [--part dev|test] [--misses]

`bench/run.py --only prompts-quality` prints the figures for the test part, which is never
used for tuning (tools/corpus_split.py says how the corpus was split).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from wt26desk.prompts.engine import PromptEngine

GOALS = {"recall": 0.95, "everyday": 0.03, "urgent": 0.95}


@dataclass
class Scores:
    notes: int = 0
    found: Counter[str] = field(default_factory=Counter)  # area -> notes where raised and expected
    expected: Counter[str] = field(default_factory=Counter)
    raised: Counter[str] = field(default_factory=Counter)  # raised and not merely acceptable
    wrong: Counter[str] = field(default_factory=Counter)  # raised, neither expected nor acceptable
    everyday: int = 0
    everyday_raised: int = 0
    urgent: int = 0
    urgent_found: int = 0
    urgent_false: int = 0
    everyday_urgent: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.expected.values()))

    @property
    def precision(self) -> float:
        right = sum(self.found.values())
        return right / max(1, right + sum(self.wrong.values()))


def load(part: str) -> list[dict]:
    path = CORPUS / f"{part}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score(notes: list[dict], engine: PromptEngine | None = None) -> Scores:
    """Score the engine (the shipped one unless given) on `notes`."""
    from wt26desk.assets import content_dir
    from wt26desk.content_library.loader import load_library
    from wt26desk.deadlines.working_days import WorkingDayCalendar
    from wt26desk.prompts.engine import PromptEngine
    from wt26desk.prompts.input import concern_from_json

    engine = engine or PromptEngine(load_library(content_dir()), WorkingDayCalendar())
    scores = Scores()
    for note in notes:
        concern = concern_from_json({"text": note["text"], "children": note.get("children", [])})
        guidance = engine.guidance(concern, today=date(2026, 11, 30))
        raised = {a.id for a in guidance.harm_areas}
        urgent = any(a.urgent for a in guidance.harm_areas) or bool(guidance.dangers)
        expected = set(note["harm_areas"])
        acceptable = expected | set(note.get("also_ok", []))
        scores.notes += 1
        for area in expected:
            scores.expected[area] += 1
            scores.found[area] += area in raised
        for area in raised - acceptable:
            scores.wrong[area] += 1
        if note["kind"] != "concern":
            scores.everyday += 1
            scores.everyday_raised += bool(raised or guidance.dangers)
            scores.everyday_urgent += urgent
        if note["urgent"]:
            scores.urgent += 1
            scores.urgent_found += urgent
        elif urgent:
            scores.urgent_false += 1
        missed = expected - raised
        extra = raised - acceptable
        if missed or extra or note["urgent"] != urgent:
            scores.misses.append(
                f"{note['id']} missed={sorted(missed)} extra={sorted(extra)} "
                f"urgent={note['urgent']}/{urgent}\n    {note['text']}\n    "
                + " | ".join(f"{a.id}: {'; '.join(a.reasons)}" for a in guidance.harm_areas)
            )
    return scores


def report(scores: Scores, part: str) -> None:
    print(f"Prompt quality on the {part} part of the corpus ({scores.notes} notes)")
    print(f"  {'harm area':32} {'recall':>8} {'precision':>10} {'notes':>6}")
    for area in sorted(scores.expected):
        found, expected, wrong = scores.found[area], scores.expected[area], scores.wrong[area]
        precision = found / max(1, found + wrong)
        print(f"  {area:32} {found / expected:8.0%} {precision:10.0%} {expected:6}")
    print(f"  {'overall':32} {scores.recall:8.1%} {scores.precision:10.1%}")
    everyday = scores.everyday_raised / max(1, scores.everyday)
    urgent = scores.urgent_found / max(1, scores.urgent)
    print(
        f"  everyday notes raising anything  {everyday:7.1%}  "
        f"({scores.everyday_raised} of {scores.everyday}; goal <= {GOALS['everyday']:.0%})"
    )
    print(
        f"  urgent recall                    {urgent:7.1%}  "
        f"({scores.urgent_found} of {scores.urgent}; goal >= {GOALS['urgent']:.0%})"
    )
    print(f"  urgent false alarms              {scores.urgent_false:7}  (notes not urgent)")
    print(f"  everyday notes made urgent       {scores.everyday_urgent:7}  (goal 0)")
    print(f"  overall recall goal              >= {GOALS['recall']:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "test"), default="dev")
    parser.add_argument("--misses", action="store_true", help="list every note scored wrong")
    args = parser.parse_args()
    scores = score(load(args.part))
    if args.misses:
        for line in scores.misses:
            print(line)
        print()
    report(scores, args.part)


if __name__ == "__main__":
    main()
