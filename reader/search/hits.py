"""What a search answers with: plain values that never hold a Whoosh object.

Kept apart from the query layer so the window can list a library (from its
listing snapshot) and draw snippets without importing Whoosh.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from reader.search import fields as F

MARK_START = "\x02"  # snippet text between these two characters matched the query
MARK_END = "\x03"


@dataclass
class Hit:
    """One listed article: its column values, score and snippet."""

    path: str
    title: str
    outlet: str
    author: str
    published: str
    kind: str
    bias: str
    quote_count: int
    score: float = 0.0
    snippet: str = ""  # plain text with MARK_START/MARK_END around matches
    ownership: str = "unknown"  # the outlet's ownership token (reader.outlet_tokens.OWNERSHIP_TOKENS)


# the columns a Hit is made of
HIT_FIELDS = (F.PATH, F.TITLE, F.OUTLET_NAME, F.AUTHOR, F.PUBLISHED, F.KIND, F.BIAS, F.QUOTE_COUNT, F.OWNERSHIP)


def hit_from_columns(c: Mapping[str, Any], docnum: int, score: float = 0.0, snippet: str = "") -> Hit:
    """A Hit from per-document columns (Whoosh column readers or the listing's lists)."""
    return Hit(path=c[F.PATH][docnum], title=c[F.TITLE][docnum], outlet=c[F.OUTLET_NAME][docnum],
               author=c[F.AUTHOR][docnum], published=c[F.PUBLISHED][docnum],
               kind=(c[F.KIND][docnum] or "").lower(), bias=(c[F.BIAS][docnum] or "unknown").lower(),
               quote_count=int(c[F.QUOTE_COUNT][docnum] or 0), score=score, snippet=snippet,
               ownership=(c[F.OWNERSHIP][docnum] or "unknown").lower())


@dataclass
class Matches:
    """A whole result set as document numbers of one generation, best first.

    The window lists 10k matches without building a row for each: rows are
    read from the view's columns when painted. Only the best hits get a snippet.
    """

    docnums: list[int] = field(default_factory=list)
    snippets: dict[int, str] = field(default_factory=dict)
    message: str = ""
    query: str = ""
    nothing_searchable: bool = False

    @property
    def total(self) -> int:
        return len(self.docnums)


def render_marks(snippet: str, start: str, end: str) -> str:
    """Replace the match markers (CLI: ANSI or brackets; UI: HTML after escaping)."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)
