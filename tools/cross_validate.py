#!/usr/bin/env python3
"""How the prompt engine reads development notes by writers its word evidence never saw.

    .venv/bin/pip install scikit-learn   # only for this tool; the app never needs it
    .venv/bin/python tools/cross_validate.py [--folds 5] [--misses FILE]

The shipped word evidence was learnt from every development note, so on those notes the
engine looks better than it is. Here the writers of the development part are dealt into
folds; each fold is read by an engine whose word evidence was learnt from the other folds
only (its concepts are the shipped ones). The figures are an honest guide for tuning
concepts and evidence without ever opening the test part; `--misses` writes every note
read wrong, with the reasons given, for the person tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

if TYPE_CHECKING:
    from bench.prompts_quality import Scores


def writer(note: dict) -> str:
    """The batch a note came from ("w12" for "w12-0041"): one writer each."""
    return str(note["id"]).split("-", 1)[0]


def main() -> int:
    from train_word_evidence import train

    from bench.prompts_quality import Scores, load, report, score
    from wt26desk.assets import content_dir
    from wt26desk.content_library.loader import load_library
    from wt26desk.deadlines.working_days import WorkingDayCalendar
    from wt26desk.prompts.concepts import ConceptIndex
    from wt26desk.prompts.engine import PromptEngine
    from wt26desk.prompts.evidence import WordEvidence

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--misses", type=Path, help="write the notes read wrong here")
    parser.add_argument(
        "--cache", type=Path, help="keep each fold's learnt evidence here, and reuse it"
    )
    args = parser.parse_args()

    notes = load("dev")
    writers = sorted({writer(n) for n in notes}, key=lambda w: int(w.lstrip("w") or 0))
    fold_of = {w: i % args.folds for i, w in enumerate(writers)}
    library = load_library(content_dir())
    index = ConceptIndex(library)
    engine = PromptEngine(library, WorkingDayCalendar())
    total = Scores()
    for fold in range(args.folds):
        held = [n for n in notes if fold_of[writer(n)] == fold]
        cached = args.cache / f"fold-{fold + 1}-of-{args.folds}.json" if args.cache else None
        if cached and cached.exists():
            learnt = json.loads(cached.read_text(encoding="utf-8"))
        else:
            learnt = train([n for n in notes if fold_of[writer(n)] != fold], index, quiet=True)
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(learnt), encoding="utf-8")
        engine.evidence = WordEvidence.from_data(learnt)
        part = score(held, engine)
        print(f"fold {fold + 1}: {len(held)} notes, recall {part.recall:.1%}", flush=True)
        total = merged(total, part)
    report(total, f"development ({args.folds}-fold, by writer)")
    if args.misses:
        args.misses.write_text("\n".join(total.misses) + "\n", encoding="utf-8")
        print(f"notes read wrong: {len(total.misses)} written to {args.misses}")
    return 0


def merged(a: Scores, b: Scores) -> Scores:
    """Two folds' scores as one."""
    out = type(a)()
    for f in fields(a):
        setattr(out, f.name, getattr(a, f.name) + getattr(b, f.name))
    return out


if __name__ == "__main__":
    sys.exit(main())
