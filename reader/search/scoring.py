"""Ranking a result set with Whoosh's BM25F, computed a posting list at a time.

Whoosh scores a match by walking its matcher tree one document at a time in
Python (two thirds of a one-term search over 6k articles; its block-skipping
barely helps a title-or-body union). The scores themselves are simple: for
the term queries the planner ranks by (terms under ``And``, ``Or`` and
``AndMaybe``), a document's score is the sum, over the terms it holds, of
``boost * bm25(idf, tf, field length)``. This module computes exactly that
for every member at once with numpy: each term's postings (ids and weights,
read from Whoosh's posting blocks) become a score vector, kept per index
generation, and the page shown is a partial sort of their sum. Queries of
any other shape return None and are ranked by Whoosh's collector.
"""
from __future__ import annotations

from math import log
from typing import TYPE_CHECKING

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from reader.search.docsets import DocSet
from reader.search.docsets import term_postings

if TYPE_CHECKING:
    from reader.search.view import IndexView

_BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
TERM_SCORES = 256  # term score vectors kept per generation (least recently used go first)


def _leaves(q: wq.Query, boost: float, out: list[tuple[str, object, float]]) -> bool:
    """Collect (field, text, boost) of every scoring term; False if ``q`` has another shape."""
    if isinstance(q, wq.Term):
        out.append((q.fieldname, q.text, boost * q.boost))
        return True
    if isinstance(q, (wq.And, wq.Or)) and type(q) in (wq.And, wq.Or):
        if isinstance(q, wq.Or) and getattr(q, "scale", None):
            return False
        return all(_leaves(sub, boost * q.boost, out) for sub in q.subqueries)
    if type(q) is wq.AndMaybe:
        return _leaves(q.a, boost * q.boost, out) and _leaves(q.b, boost * q.boost, out)
    return False


class Scorer:
    """BM25F over one view's generation, as Whoosh's default weighting computes it."""

    def __init__(self, view: IndexView) -> None:
        self.view = view
        self.searcher = view.searcher()
        self.size = self.searcher.reader().doc_count_all()
        weighting = self.searcher.weighting
        self.ok = type(weighting) is BM25F
        self.B, self.K1 = (weighting.B, weighting.K1) if self.ok else (0.75, 1.2)
        self._field_B = getattr(weighting, "_field_B", {})

    # -- per generation, kept on the view ------------------------------------------
    def lengths(self, fieldname: str) -> np.ndarray:
        return self.view.memo(("lengths", fieldname), lambda: self._read_lengths(fieldname))

    def _read_lengths(self, fieldname: str) -> np.ndarray:
        out = np.ones(self.size, dtype=np.float64)
        for sub, offset in self.searcher.leaf_searchers():
            reader = sub.reader()
            count = reader.doc_count_all()
            try:
                col = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                raw = col._dbfile.get(col._basepos, col._count) if col is not None else b""
                codes = np.zeros(count, dtype=np.uint8)
                codes[:len(raw)] = np.frombuffer(raw, dtype=np.uint8)[:count]
            except AttributeError:  # another codec: Whoosh's own reads, one per document
                codes = None
                lengths = [reader.doc_field_length(d, fieldname, 1) or 1 for d in range(count)]
                out[offset:offset + count] = lengths
            if codes is not None:
                out[offset:offset + count] = np.where(codes > 0, _BYTE_LENGTHS[codes], 1.0)
        return out

    def term_scores(self, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, BM25F scores) of one term's postings."""
        schema = self.searcher.schema
        btext = text if isinstance(text, bytes) else schema[fieldname].to_bytes(text)
        return self.view.memo(("scores", fieldname, btext), lambda: self._term_scores(fieldname, btext))

    def _term_scores(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        docs, tf = term_postings(self.view, fieldname, btext)  # deleted ones too: ranked among members
        if not len(docs):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        n = self.searcher.doc_frequency(fieldname, btext)
        idf = log(self.searcher.doc_count_all() / (n + 1)) + 1
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        B = self._field_B.get(fieldname, self.B)
        fl = self.lengths(fieldname)[docs]
        scores = idf * ((tf * (self.K1 + 1)) / (tf + self.K1 * ((1 - B) + B * fl / avgfl)))
        return docs, scores

    # -- ranking ------------------------------------------------------------------------
    def rank(self, q: wq.Query, members: DocSet, upto: int) -> list[tuple[int, float]] | None:
        """The best ``upto`` members by score (ties: index order); None if ``q`` is not a term tree."""
        leaves: list[tuple[str, object, float]] = []
        if not self.ok or not _leaves(q, 1.0, leaves):
            return None
        schema = self.searcher.schema
        if any(f not in schema or not schema[f].scorable for f, _t, _b in leaves):
            return None
        total = np.zeros(self.size, dtype=np.float64)
        for fieldname, text, boost in leaves:
            docs, scores = self.term_scores(fieldname, text)
            total[docs] += scores * boost if boost != 1.0 else scores  # a term's docs are distinct
        mask = _mask(members, self.size)
        scored = np.flatnonzero(mask & (total > 0))
        if len(scored) > upto:
            values = total[scored]
            keep = np.argpartition(-values, upto - 1)[:upto]
            cut = values[keep].min()  # ties at the cut are settled by index order, as Whoosh does
            scored = scored[values >= cut]
        order = np.lexsort((scored, -total[scored]))[:upto]
        best = scored[order]
        return [(int(d), float(total[d])) for d in best]


def _mask(members: DocSet, size: int) -> np.ndarray:
    raw = members.bits.to_bytes((size + 7) // 8, "little")
    return np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:size].astype(bool)
