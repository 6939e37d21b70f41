"""What a search answers with: plain values that never hold a Whoosh object.

Kept apart from the query layer so the window can list a library (from its
listing snapshot) and draw snippets without importing Whoosh.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Protocol, Sequence

from reader.search import fields as F

if TYPE_CHECKING:
    from reader.search.docsets import DocSet

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


class MoreRanker(Protocol):
    def rank(self, upto: int) -> list[int]: ...


@dataclass
class Matches:
    """A result set of one generation: every match as a set, the best ones ranked.

    The window lists 10k matches without building a row for each: rows are
    read from the view's columns when painted. Only the first ``docnums`` are
    ranked (all of them when nothing scores: a filter or the whole library in
    index order); ``ranker`` ranks more as the list scrolls. Only the best
    hits get a snippet.
    """

    docnums: list[int] = field(default_factory=list)  # ranked so far, best first
    snippets: dict[int, str] = field(default_factory=dict)
    message: str = ""
    query: str = ""
    nothing_searchable: bool = False
    members: DocSet | None = None  # every match (None: exactly ``docnums``)
    count: int | None = None  # len(members), kept: counting is free but not repeated
    ranker: MoreRanker | None = None
    stopped: bool = False  # the time budget ran out
    # docnum -> its snippet, for hits beyond the best few (safe on a worker; None: no hit has one)
    snippet_maker: Callable[[int], str] | None = None
    suggestion: str = ""  # a corrected query when this one found (almost) nothing

    @property
    def has_snippets(self) -> bool:
        """Whether the hits have snippets (rows reserve a snippet line only then)."""
        return self.snippet_maker is not None or any(self.snippets.values())

    def missing_snippets(self, docnums: Sequence[int]) -> list[int]:
        """Those of ``docnums`` whose snippet has not been made yet."""
        if self.snippet_maker is None:
            return []
        return [d for d in docnums if d not in self.snippets]

    @property
    def total(self) -> int:
        return self.count if self.count is not None else len(self.docnums)

    @property
    def complete(self) -> bool:
        """Whether ``docnums`` lists every match."""
        return len(self.docnums) >= self.total

    def all_docnums(self) -> list[int]:
        """Every match in index order (panels count these; column sorts order them)."""
        return self.members.docnums() if self.members is not None else sorted(self.docnums)

    def rank_more(self, upto: int) -> list[int]:
        """The best ``upto`` matches, the ranked ones first as they are (safe on a worker:
        nothing is changed; the caller sets ``docnums`` where the list is shown)."""
        if self.complete or upto <= len(self.docnums) or self.ranker is None:
            return list(self.docnums)
        ranked = self.ranker.rank(min(upto, self.total))
        shown = set(self.docnums)  # rows already listed keep their place
        return self.docnums + [d for d in ranked if d not in shown]


def render_marks(snippet: str, start: str, end: str) -> str:
    """Replace the match markers (CLI: ANSI or brackets; UI: HTML after escaping)."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)
