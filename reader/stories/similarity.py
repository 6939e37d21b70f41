"""How alike articles are: TF-IDF cosine of their leads, damped by the days between them.

Articles are rows of a sparse matrix (CSR arrays of term ids and counts). All
pairs of a library are found block by block: for a few hundred rows at a time,
each word's postings add their products into a dense block of similarities,
so a 10,000-article library needs tens of megabytes and a few seconds, not
a Python loop over fifty million pairs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reader.stories.method import (BACKGROUND_ARTICLES, BOTH_UNDATED_MARGIN, COMMON_FRACTION, COMMON_MIN_DF, DAY_SCALE,
                                   EDGE_FLOOR, HORIZON_DAYS, UNDATED_MARGIN)

BLOCK_ROWS = 512
MAX_PAIRS = 4_000_000  # word-pair products computed at once (memory: about 100 MB)


@dataclass
class TermMatrix:
    """Rows are articles: ``indices[indptr[i]:indptr[i+1]]`` are row i's term ids, ``counts`` theirs."""

    indptr: np.ndarray  # int64, n + 1
    indices: np.ndarray  # int32
    counts: np.ndarray  # float32
    n_terms: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    @classmethod
    def from_rows(cls, rows: list[dict[int, float]], n_terms: int) -> "TermMatrix":
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        indices = np.fromiter((t for r in rows for t in sorted(r)), dtype=np.int32, count=int(indptr[-1]))
        counts = np.fromiter((r[t] for r in rows for t in sorted(r)), dtype=np.float32, count=int(indptr[-1]))
        return cls(indptr, indices, counts, n_terms)

    def row_ids(self) -> np.ndarray:
        """The row of each stored entry."""
        return np.repeat(np.arange(self.n_rows, dtype=np.int32), np.diff(self.indptr))

    def doc_freq(self) -> np.ndarray:
        return np.bincount(self.indices, minlength=self.n_terms).astype(np.int32)

    def take(self, keep: np.ndarray) -> "TermMatrix":
        """Only the rows where ``keep`` is true, in order."""
        entry_keep = np.repeat(keep, np.diff(self.indptr))
        lengths = np.diff(self.indptr)[keep]
        indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        return TermMatrix(indptr, self.indices[entry_keep], self.counts[entry_keep], self.n_terms)

    def append(self, terms: np.ndarray, counts: np.ndarray, n_terms: int) -> "TermMatrix":
        indptr = np.append(self.indptr, self.indptr[-1] + len(terms))
        return TermMatrix(indptr, np.concatenate([self.indices, terms.astype(np.int32)]),
                          np.concatenate([self.counts, counts.astype(np.float32)]), n_terms)


def common_limit(n_rows: int) -> int:
    """Words in more articles than this are left out of the similarity."""
    return max(COMMON_MIN_DF, int(n_rows * COMMON_FRACTION))


def idf(doc_freq: np.ndarray, n_rows: int, background: tuple[np.ndarray, int] | None = None) -> np.ndarray:
    """log((N + 1) / (df + 1)) over the library plus the background articles, if given."""
    df = doc_freq.astype(np.float64)
    n = float(n_rows)
    if background is not None and background[1] > 0:
        scale = min(1.0, BACKGROUND_ARTICLES / background[1])  # as if it were this many articles
        df = df + background[0][:len(df)] * scale
        n += background[1] * scale
    return np.log((n + 1) / (df + 1)).astype(np.float32)


def weights(matrix: TermMatrix, idf_values: np.ndarray) -> np.ndarray:
    """Each entry's sublinear TF-IDF weight, each row scaled to unit length."""
    w = (1 + np.log(np.maximum(matrix.counts, 1.0))) * idf_values[matrix.indices]
    norms = np.sqrt(np.bincount(matrix.row_ids(), weights=w.astype(np.float64) ** 2,
                                minlength=matrix.n_rows))
    norms[norms == 0] = 1.0
    return (w / np.repeat(norms, np.diff(matrix.indptr))).astype(np.float32)


def dated(cosine: np.ndarray, days_a: np.ndarray, days_b: np.ndarray) -> np.ndarray:
    """Cosines after the dates: times exp(-days apart / DAY_SCALE), zero beyond HORIZON_DAYS;
    less a margin where a date is missing (day 0); below EDGE_FLOOR, zero.

    ``days_a`` and ``days_b`` broadcast against ``cosine``.
    """
    gap = np.abs(days_a.astype(np.float32) - days_b.astype(np.float32))
    factor = np.where(gap > HORIZON_DAYS, 0.0, np.exp(-gap / DAY_SCALE)).astype(np.float32)
    missing_a, missing_b = days_a == 0, days_b == 0
    one, both = missing_a ^ missing_b, missing_a & missing_b
    out = cosine * np.where(one | both, np.float32(1.0), factor)
    out -= np.where(both, np.float32(BOTH_UNDATED_MARGIN), np.where(one, np.float32(UNDATED_MARGIN), np.float32(0)))
    out[out < EDGE_FLOOR] = 0.0
    return out.astype(np.float32)


class Similarity:
    """Similarities within one library snapshot (IDF, common words and weights fixed)."""

    def __init__(self, matrix: TermMatrix, days: np.ndarray,
                 background: tuple[np.ndarray, int] | None = None) -> None:
        """``background``: (document frequency per term, articles) of news at large."""
        self.matrix = matrix
        self.days = np.asarray(days, dtype=np.int32)
        doc_freq = matrix.doc_freq()
        self.idf = idf(doc_freq, max(matrix.n_rows, 1), background)
        self.usable = (doc_freq >= 1) & (doc_freq <= common_limit(matrix.n_rows))
        self.w = weights(matrix, self.idf)
        self.rows = matrix.row_ids()

    def to_row(self, row: int) -> np.ndarray:
        """How alike row ``row`` is to every row (itself 0), after dates and the floor."""
        m = self.matrix
        n = m.n_rows
        lookup = np.zeros(m.n_terms, dtype=np.float32)
        span = slice(m.indptr[row], m.indptr[row + 1])
        terms = m.indices[span]
        keep = self.usable[terms]
        lookup[terms[keep]] = self.w[span][keep]
        contrib = self.w * lookup[m.indices]
        cosine = np.bincount(self.rows, weights=contrib, minlength=n).astype(np.float32)
        sims = dated(cosine, np.full(n, self.days[row], dtype=np.int32), self.days)
        sims[row] = 0.0
        return sims

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every pair (i < j) at least EDGE_FLOOR alike: (i, j, similarity) arrays."""
        m = self.matrix
        n = m.n_rows
        usable = self.usable[m.indices]
        # postings: entries ordered by term, each term's rows ascending; key = term * n + row
        order = np.argsort(m.indices[usable], kind="stable")
        p_rows = self.rows[usable][order].astype(np.int64)
        p_w = self.w[usable][order]
        key = m.indices[usable][order].astype(np.int64) * n + p_rows
        starts = np.searchsorted(key, np.arange(m.n_terms + 1, dtype=np.int64) * n)
        out_i, out_j, out_s = [], [], []
        for lo in range(0, n, BLOCK_ROWS):
            hi = min(n, lo + BLOCK_ROWS)
            width = n - lo
            terms = m.indices[m.indptr[lo]:m.indptr[hi]]
            terms = np.unique(terms[self.usable[terms]]).astype(np.int64)
            first = np.searchsorted(key, terms * n + lo)
            last = np.searchsorted(key, terms * n + hi)
            # each posting in the block pairs with the later postings of its word
            mine = _ragged(first, last - first)
            partners = np.repeat(starts[terms + 1], last - first) - mine - 1
            block = np.zeros((hi - lo) * width, dtype=np.float64)
            for piece in _pieces(partners, MAX_PAIRS):
                p, k = mine[piece], partners[piece]
                left = np.repeat(p, k)
                right = _ragged(p + 1, k)
                cells = (p_rows[left] - lo) * width + (p_rows[right] - lo)
                block += np.bincount(cells, weights=p_w[left] * p_w[right], minlength=block.size)
            sims = dated(block.reshape(hi - lo, width).astype(np.float32),
                         self.days[lo:hi, None], self.days[None, lo:])
            i, j = np.nonzero(sims)
            out_i.append(i + lo)
            out_j.append(j + lo)
            out_s.append(sims[i, j])
        if not out_i:
            return (np.zeros(0, np.int64),) * 2 + (np.zeros(0, np.float32),)
        return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def _ragged(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[k], starts[k] + 1, …`` (``lengths[k]`` of them) for each k, concatenated."""
    lengths = lengths.astype(np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    before = np.cumsum(lengths) - lengths
    return np.repeat(starts.astype(np.int64) - before, lengths) + np.arange(total, dtype=np.int64)


def _pieces(counts: np.ndarray, limit: int):
    """Slices of ``counts`` whose sums stay near ``limit`` (at least one item each)."""
    total = np.cumsum(counts, dtype=np.int64)
    begin = 0
    while begin < len(counts):
        base = total[begin - 1] if begin else 0
        end = max(begin + 1, int(np.searchsorted(total, base + limit, side="right")))
        yield slice(begin, end)
        begin = end
