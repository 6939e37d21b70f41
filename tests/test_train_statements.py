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


def test_the_most_regularised_c_within_one_standard_error_wins_with_its_own_threshold():
    cv = _cv({0.05: (0.512, 0.5165, 0.51), 0.1: (0.515, 0.52, 0.518), 0.25: (0.519, 0.518, 0.50)})
    assert choose_c(cv, {0.05: 0.005, 0.1: 0.005, 0.25: 0.005}, "strict", GRID) == (0.05, 0.3)


def test_a_clearly_better_c_wins_over_a_more_regularised_one():
    cv = _cv({0.05: (0.50, 0.505, 0.50), 0.1: (0.515, 0.52, 0.518), 0.25: (0.519, 0.518, 0.50)})
    assert choose_c(cv, {0.05: 0.002, 0.1: 0.002, 0.25: 0.002}, "strict", GRID) == (0.1, 0.3)
