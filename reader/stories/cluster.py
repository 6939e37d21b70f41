"""Average-link agglomerative clustering over a sparse similarity graph, and its one-article form.

Pairs missing from the graph count as similarity 0, so a group's mean is over
all pairs of its articles. The user's corrections arrive as *pins*: articles
with the same pin start in one group, and two groups holding different pins
never merge (``corrections`` says how pins are made).
"""
from __future__ import annotations

import heapq
from typing import Sequence

import numpy as np


def average_link(n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, threshold: float,
                 pins: Sequence[str | None] | None = None) -> list[int]:
    """Each item's group, named by the group's smallest item.

    Merges the two groups with the highest mean similarity while it is at
    least ``threshold``; ties go to the lower item numbers, so the result
    depends only on the input.
    """
    parent = list(range(n))
    size = [1] * n
    pin: list[str | None] = list(pins) if pins is not None else [None] * n
    links: list[dict[int, float]] = [dict() for _ in range(n)]
    for a, b, value in zip(i.tolist(), j.tolist(), s.tolist()):
        links[a][b] = links[a].get(b, 0.0) + value
        links[b][a] = links[b].get(a, 0.0) + value

    def merge(a: int, b: int) -> int:
        """Fold group b into group a (both are group names); returns a."""
        parent[b] = a
        size[a] += size[b]
        pin[a] = pin[a] or pin[b]
        for c, value in links[b].items():
            if c == a:
                continue
            total = links[a].get(c, 0.0) + value
            links[a][c] = total
            links[c][a] = total
            del links[c][b]
        links[a].pop(b, None)
        links[b] = {}
        return a

    if any(p is not None for p in pin):  # pinned articles start together
        first: dict[str, int] = {}
        for item in range(n):
            key = pins[item] if pins is not None else None
            if key is None:
                continue
            if key in first:
                low, high = sorted((find(parent, first[key]), find(parent, item)))
                merge(low, high)
                first[key] = low
            else:
                first[key] = item

    def mean(a: int, b: int) -> float:
        return links[a].get(b, 0.0) / (size[a] * size[b])

    def compatible(a: int, b: int) -> bool:
        return pin[a] is None or pin[b] is None or pin[a] == pin[b]

    heap = []
    for a in range(n):
        if parent[a] != a:
            continue
        for b in links[a]:
            if a < b and parent[b] == b and compatible(a, b):
                m = mean(a, b)
                if m >= threshold:
                    heap.append((-m, a, b))
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or mean(a, b) != -neg or not compatible(a, b):
            continue  # a stale entry: one side has merged since
        keep = merge(a, b)  # a < b: the group keeps its smallest item's name
        for c in links[keep]:
            if compatible(keep, c):
                m = mean(keep, c)
                if m >= threshold:
                    heapq.heappush(heap, (-m, min(keep, c), max(keep, c)))
    return [find(parent, x) for x in range(n)]


def find(parent: list[int], x: int) -> int:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:  # path halving keeps later look-ups short
        parent[x], x = root, parent[x]
    return root


def best_story(sims: np.ndarray, codes: np.ndarray, n_stories: int, threshold: float,
               allowed: np.ndarray | None = None) -> int | None:
    """The story (code) whose articles are most alike on average to the article ``sims``
    describes, if that mean reaches ``threshold``; ties go to the lowest code.

    ``codes[row]`` is each row's story code, -1 for rows in no story (the
    article itself, or others not yet placed); ``allowed`` masks codes.
    """
    placed = codes >= 0
    if not placed.any():
        return None
    totals = np.bincount(codes[placed], weights=sims[placed].astype(np.float64), minlength=n_stories)
    sizes = np.bincount(codes[placed], minlength=n_stories)
    means = np.where(sizes > 0, totals / np.maximum(sizes, 1), -1.0)
    if allowed is not None:
        means[~allowed] = -1.0
    best = int(np.argmax(means))  # the first of equal maxima
    return best if means[best] >= threshold else None
