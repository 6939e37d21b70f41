"""Percentiles for the benchmark's latency figures."""
from __future__ import annotations


def percentile(values: list[float], pct: float) -> float:
    """The ``pct``-th percentile by linear interpolation (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
