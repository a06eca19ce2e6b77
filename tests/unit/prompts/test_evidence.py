"""Word evidence: learnt weights read as data; a note whose words lean far enough toward an
area raises it, quoting the words that weighed most; denied words count differently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from wt26desk.prompts.evidence import WordEvidence, features
from wt26desk.prompts.lexicon import Lexicon
from wt26desk.prompts.text import tokenise


def _words(text: str) -> list:
    return Lexicon([], {}).words(tokenise(text))


def test_denied_words_are_other_features() -> None:
    names = {name for name, _, _ in features(_words("no food at home, but she was hungry"))}
    assert "NOT_food" in names and "food" not in names and "hungri" in names


def test_a_note_leaning_toward_an_area_names_its_words(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(
        json.dumps(
            {
                "threshold": 0.5,
                "areas": {"neglect": {"bias": -1.0, "weights": {"hungri": 1.5, "coat": 1.0}}},
            }
        )
    )
    evidence = WordEvidence.load(path)
    assert evidence is not None
    text = "Hungry again and no coat today."
    found = list(features(_words(text)))
    [lean] = evidence.leans(found)
    assert lean.area == "neglect" and [text[a:b] for a, b in lean.words] == ["Hungry"]
    assert evidence.leans(list(features(_words("A sunny day.")))) == []


def test_a_missing_or_broken_file_leaves_concepts_to_decide(tmp_path: Path) -> None:
    assert WordEvidence.load(tmp_path / "none.json") is None
    (tmp_path / "bad.json").write_text("{not json")
    assert WordEvidence.load(tmp_path / "bad.json") is None


def test_the_why_quotes_the_passage_that_weighed_most(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    weights = {"hungri": 1.5, "coat": 1.0, "shiver": 2.0}
    path.write_text(
        json.dumps({"threshold": 0.5, "areas": {"neglect": {"bias": -1.0, "weights": weights}}})
    )
    evidence = WordEvidence.load(path)
    assert evidence is not None
    filler = "We read a story about a fox, then painted, then went out to the field to play. " * 2
    text = f"Came in hungry again, coat torn at the arm. {filler}Shivering at break."
    [lean] = evidence.leans(list(features(_words(text))))
    # The two words together (2.5) outweigh the strongest word alone (2.0), which is too
    # far away to be quoted with them: one passage, whole, not a list of single words.
    assert [text[a:b] for a, b in lean.words] == ["hungry again, coat"]


def test_words_alone_raise_nothing_in_a_note_that_reads_as_everyday() -> None:
    area = {"bias": -1.0, "weights": {"hungri": 1.5}}
    gate = {"bias": 0.0, "weights": {"cookeri": -3.0}, "threshold": 0.2, "lean_threshold": 0.5}
    evidence = WordEvidence.from_data({"threshold": 0.5, "areas": {"neglect": area}, "gate": gate})
    assert evidence is not None
    [lean] = evidence.leans(list(features(_words("Hungry again today."))))
    assert lean.area == "neglect"
    assert evidence.leans(list(features(_words("Hungry after cookery today.")))) == []
    assert WordEvidence.from_data(["not", "a", "mapping"]) is None


_READ_FEATURES = """
import json, sys
from wt26desk.assets import content_dir
from wt26desk.content_library.loader import load_library
from wt26desk.prompts.engine import PromptEngine
from wt26desk.deadlines.working_days import WorkingDayCalendar
engine = PromptEngine(load_library(content_dir()), WorkingDayCalendar())
print(json.dumps([list(engine.index.read(line)[3]) for line in sys.stdin.read().splitlines()]))
"""


def test_a_note_reads_the_same_whatever_the_hash_seed() -> None:
    """A corrected word can carry several stems of one length ("comin'"); the one the
    evidence weighs must not depend on the order a set holds them in, which Python's hash
    seed changes from run to run."""
    notes = "they said I'm better off not comin' in till after Ofsted\nshe was brusing and hungy"
    runs = {
        subprocess.run(
            [sys.executable, "-c", _READ_FEATURES],
            input=notes,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "2", "3", "4", "5")
    }
    assert len(runs) == 1 and json.loads(runs.pop())[0]
