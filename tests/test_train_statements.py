"""tools/train_statements.py: how cross-validation chooses the cue scorer's regularisation."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from train_statements import choose_c  # noqa: E402

GRID = (0.25, 0.3, 0.35)


def _cv(scores: dict[float, tuple[float, float, float]]) -> dict:
    return {c: {"strict": dict(zip(GRID, s))} for c, s in scores.items()}


def test_the_best_cross_validated_c_wins_with_its_own_threshold():
    cv = _cv({0.05: (0.512, 0.5165, 0.51), 0.1: (0.515, 0.5219, 0.518), 0.25: (0.5213, 0.518, 0.50)})
    assert choose_c(cv, "strict", GRID) == (0.1, 0.3)


def test_a_tie_goes_to_the_more_regularised_c():
    cv = _cv({0.1: (0.515, 0.52, 0.518), 0.25: (0.52, 0.51, 0.50)})
    assert choose_c(cv, "strict", GRID) == (0.1, 0.3)
