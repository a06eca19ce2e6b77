"""The prompt engine on the corpus: floors that catch a change which makes it read worse.
The goals (README) are higher than these floors; bench/run.py --only prompts-quality
prints the figures. The test part is only measured here, never tuned on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from prompts_quality import load, score  # noqa: E402


@pytest.mark.slow
def test_the_development_part_is_read_well() -> None:
    scores = score(load("dev"))
    assert scores.recall >= 0.97
    assert scores.everyday_raised / scores.everyday <= 0.03
    assert scores.urgent_found / scores.urgent >= 0.95
    assert scores.everyday_urgent == 0


@pytest.mark.slow
def test_the_held_out_part_stays_above_its_floor() -> None:
    scores = score(load("test"))
    assert scores.recall >= 0.85
    assert scores.precision >= 0.65
    assert scores.everyday_raised / scores.everyday <= 0.08
    assert scores.urgent_found / scores.urgent >= 0.84
