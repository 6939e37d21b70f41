"""The quotes of a result set, in the list's order, read when they are shown.

A 10k-article result set has some 80k statements. Their number comes from one
column (``quote_count``); a row is read from its article's ``quote_list``
column when a view asks for it, and kept in a small cache. Only a speaker
restriction (``speaker:pelosi``), a text filter or a sort needs every row, and
those are computed on a worker (``arranged``). Speakers are named by the
library's name table, so "Pelosi" in one article and "Nancy Pelosi" in the next
are one speaker here, in speaker search and in the entity filters.
"""
from __future__ import annotations

import json
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from reader.names.normalise import fold
from reader.search import fields as F
from reader.search.articles import QuoteRow
from reader.search.view import IndexView

if TYPE_CHECKING:
    import numpy as np

CACHE_ARTICLES = 512  # decoded quote lists kept for scrolling back and forth
KIND_COUNT_ROWS = 4000  # statements of a result set counted by kind with its panels (on their worker)
SORT_COLUMNS = ("speaker", "kind", "text", "outlet", "title")  # the panel's columns, left to right
FILTER_FIELDS = ("all", "speaker", "outlet", "text")


@dataclass(frozen=True)
class SpeakerMatch:
    """Which speakers a query asks for: entity ids, and words for unnamed or unknown ones."""

    ids: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()  # folded; a quote matches when its speaker contains one

    def accepts(self, speaker_id: str, speaker: str) -> bool:
        if speaker_id and speaker_id in self.ids:
            return True
        folded = f" {fold(speaker)} "
        return any(f" {w} " in folded for w in self.words)


class QuoteSource:
    """Rows of (article, statement) for ``docnums`` in that order; lazily read."""

    def __init__(self, view: IndexView, docnums: Sequence[int], match: SpeakerMatch | None = None,
                 counts: np.ndarray | None = None) -> None:
        """``counts``: statements per document number (the panel table's), else read from
        the ``quote_count`` column for each of ``docnums``."""
        self.view = view
        self.docnums = list(docnums)
        self.match = match
        self._cache: OrderedDict[int, list[QuoteRow]] = OrderedDict()
        self._lock = threading.Lock()  # the window reads rows while a worker sorts them
        self._positions: list[tuple[int, int]] | None = None  # (docnum, row in its list) when restricted
        self._matched: dict[int, list[int]] = {}  # restricted: docnum -> its matching rows
        self._counts: np.ndarray | None = None  # unrestricted: statements per document number
        self.kinds: tuple[int, int] | None = None  # (with quoted words, reported) once counted
        if match is None:
            import numpy as np  # not at import: the window's first paint needs no numpy

            if counts is None:
                counts = np.zeros(max(self.docnums, default=-1) + 1, dtype=np.int64)
                for n in self.docnums:
                    counts[n] = int(view.value(F.QUOTE_COUNT, n) or 0)
            self._counts = counts
        else:
            for n in self.docnums:
                rows = [i for i, q in enumerate(self.article_rows(n))
                        if match.accepts(q.speaker_id, q.speaker) or match.accepts("", q.written)]
                if rows:
                    self._matched[n] = rows
        self._index()

    def _index(self) -> None:
        if self._counts is not None:
            import numpy as np

            per_doc = self._counts[np.asarray(self.docnums, dtype=np.int64)]
            self._starts = [0, *np.cumsum(per_doc).tolist()]  # a list: bisect per row beats numpy's call
        else:
            self._positions = [(n, i) for n in self.docnums for i in self._matched.get(n, ())]

    def reordered(self, docnums: Sequence[int]) -> "QuoteSource":
        """The same rows in another order of the same articles (the list was re-sorted)."""
        other = QuoteSource.__new__(QuoteSource)
        other.view, other.match, other.docnums = self.view, self.match, list(docnums)
        other._cache, other._lock, other._positions, other._matched = self._cache, self._lock, None, self._matched
        other._counts, other.kinds = self._counts, self.kinds
        other._index()
        return other

    def __len__(self) -> int:
        return len(self._positions) if self._positions is not None else self._starts[-1]

    def articles(self) -> int:
        """How many articles the rows come from."""
        if self._positions is not None:
            return len({n for n, _ in self._positions})
        return sum(1 for a, b in zip(self._starts, self._starts[1:]) if b > a)

    def row(self, i: int) -> QuoteRow | None:
        if not 0 <= i < len(self):
            return None
        if self._positions is not None:
            docnum, k = self._positions[i]
        else:
            at = bisect_right(self._starts, i) - 1
            docnum, k = self.docnums[at], i - self._starts[at]
        rows = self.article_rows(docnum)
        return rows[k] if k < len(rows) else None

    def count_kinds(self, limit: int = KIND_COUNT_ROWS,
                    per_article: Callable[[Sequence[int]], tuple[int, int]] | None = None) -> None:
        """Count the statements with quoted words and the reported ones (``kinds``): done
        with the panels, on their worker, for a result set of ``limit`` or fewer. Every row
        is read, unless ``per_article`` counts them for the articles (the panel table's
        ``quote_kinds``, which keeps each article's counts; not for a speaker restriction)."""
        if len(self) > limit:
            return
        if per_article is not None and self.match is None:
            self.kinds = per_article(self.docnums)
            return
        rows = self.rows()
        direct = sum(r.kind in ("direct", "mixed") for r in rows)
        self.kinds = (direct, len(rows) - direct)

    def rows(self) -> list[QuoteRow]:
        """Every row, read now (the CLI, sorting, tests)."""
        return [r for r in (self.row(i) for i in range(len(self))) if r is not None]

    def article_rows(self, docnum: int) -> list[QuoteRow]:
        """One article's statements, speakers named by the table (cached)."""
        with self._lock:
            rows = self._cache.get(docnum)
            if rows is not None:
                self._cache.move_to_end(docnum)
                return rows
        rows = read_quotes(self.view, docnum)
        with self._lock:
            self._cache[docnum] = rows
            if len(self._cache) > CACHE_ARTICLES:
                self._cache.popitem(last=False)
        return rows

def row_text(row: QuoteRow) -> str:
    """What a quote filter searches: speaker (both spellings), outlet, title and words."""
    return fold(f"{row.speaker} {row.written} {row.outlet} {row.title} {row.text}")


def sort_key(row: QuoteRow, column: int) -> str:
    return getattr(row, SORT_COLUMNS[column]).casefold()


def arrange(base: "QuoteSource | ArrangedQuotes", column: int = -1, descending: bool = False, text: str = "",
            field: str = "all", cancelled: Callable[[], bool] | None = None,
            kinds: tuple[str, ...] | None = None) -> "ArrangedQuotes":
    """``base``'s rows whose ``field`` (speaker, outlet, text; "all" adds the title) holds
    ``text`` and whose kind is one of ``kinds`` (None: any), sorted by a column (-1: as
    given). Reads every row: a worker's job for big sets."""
    needle = fold(text)
    rows = []
    for i in range(len(base)):
        if cancelled is not None and i % 4096 == 0 and cancelled():
            break
        r = base.row(i)
        if r is None or (kinds is not None and r.kind not in kinds):
            continue
        if needle:
            haystack = {"speaker": f"{r.speaker} {r.written}", "outlet": r.outlet, "text": r.text}.get(field)
            if needle not in (fold(haystack) if haystack is not None else row_text(r)):
                continue
        rows.append(r)
    if 0 <= column < len(SORT_COLUMNS):
        rows.sort(key=lambda r: sort_key(r, column), reverse=descending)
    return ArrangedQuotes(rows)


class ArrangedQuotes:
    """A materialised, filtered or sorted list of rows with the same reading API."""

    def __init__(self, rows: list[QuoteRow]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def row(self, i: int) -> QuoteRow | None:
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def rows(self) -> list[QuoteRow]:
        return list(self._rows)

    def articles(self) -> int:
        return len({r.path for r in self._rows}) if self._rows else 0


def statement_kinds(view: IndexView, docnum: int, count: int) -> tuple[int, int]:
    """(with quoted words, reported) among an article's first ``count`` statements, as
    ``read_quotes`` gives their kinds, without naming the speakers."""
    try:
        quotes = json.loads(view.value(F.QUOTE_LIST, docnum) or b"[]")[:count]
    except (ValueError, TypeError):
        return 0, 0
    direct = sum((item[6] if len(item) > 6 else "direct") in ("direct", "mixed", "partial") for item in quotes)
    return direct, len(quotes) - direct


def read_quotes(view: IndexView, docnum: int) -> list[QuoteRow]:
    """The statements of one stored article, from its ``quote_list`` column."""
    try:
        quotes = json.loads(view.value(F.QUOTE_LIST, docnum) or b"[]")
    except ValueError:
        return []  # an unreadable column value hides this article's quotes, nothing else
    if not quotes:
        return []
    names = view.names()
    path, title = view.value(F.PATH, docnum), view.value(F.TITLE, docnum)
    outlet = view.value(F.OUTLET_NAME, docnum) or ""
    keys = [item[5] if len(item) > 5 else "" for item in quotes]
    ids = [names.table.canonical(k, outlet) if k else "" for k in keys]
    shown = names.displays([i for i in ids if i])  # one spelling per speaker, however written here
    rows = []
    for item, speaker_id in zip(quotes, ids):
        index, speaker, cue, confidence, text = item[:5]
        kind = item[6] if len(item) > 6 else "direct"
        kind = "mixed" if kind == "partial" else kind  # a library indexed before reported speech
        name = shown.get(speaker_id) if speaker_id else None
        rows.append(QuoteRow(name or speaker or "unknown speaker", text, outlet, title, path, index, cue,
                             confidence, written=speaker or "", speaker_id=speaker_id, kind=kind))
    return rows
