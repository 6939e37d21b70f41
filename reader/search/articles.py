"""Reading stored articles back: metadata, text and analysis record.

The index stores everything the reader shows, so opening an article never
touches the source file or spaCy.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from reader.analysis.record import ArticleRecord
from reader.search import fields as F
from reader.search.problems import IndexProblem
from reader.search.view import IndexView
from reader.search.view import as_view

if TYPE_CHECKING:
    from whoosh.index import Index


@dataclass
class StoredArticle:
    path: str
    title: str
    outlet: str
    author: str
    published: str
    kind: str
    url: str
    format: str
    bias: str
    body: str
    record: ArticleRecord
    sha: str = ""  # sha256 of the file's bytes: the article's id (outlet assignments, exports)


@dataclass(frozen=True)
class QuoteRow:
    """One statement (quoted or reported) as the quotes panel lists it."""

    speaker: str  # the library's name for the speaker (the name table's), or the description
    text: str
    outlet: str
    title: str
    path: str
    quote_index: int  # position in the article record's quote list (anchor q{n})
    cue: str = ""
    confidence: float = 0.0
    written: str = ""  # the speaker as the article names them
    speaker_id: str = ""  # the speaker's entity id ("" for an unnamed source)
    kind: str = "direct"  # direct, mixed or indirect (``reader.analysis.record.STATEMENT_KINDS``)


@dataclass(frozen=True)
class EntityCount:
    key: str  # the filter key: the entity's id ("person:ned price")
    name: str
    type: str
    count: int  # articles of the result set mentioning it
    aliases: tuple[str, ...] = ()  # how the library writes it (the name included)


def _to_article(stored: dict) -> StoredArticle:
    try:
        record = ArticleRecord.from_json(json.loads(stored.get(F.RECORD) or "{}"))
    except (ValueError, TypeError, KeyError):
        record = ArticleRecord(file=stored[F.PATH], warnings=["stored analysis is unreadable"])
    return StoredArticle(path=stored[F.PATH], title=stored.get(F.TITLE, ""),
                         outlet=stored.get(F.OUTLET_NAME, ""), author=stored.get(F.AUTHOR, ""),
                         published=stored.get(F.PUBLISHED, ""), kind=stored.get(F.KIND, ""),
                         url=stored.get(F.URL, ""), format=stored.get(F.FORMAT, "text"),
                         bias=stored.get(F.BIAS, "unknown"), body=stored.get(F.BODY, ""),
                         record=record, sha=stored.get(F.SHA, ""))


def load_article(source: Index | IndexView, path: str) -> StoredArticle | None:
    view = as_view(source)
    docnum = view.docnum(path)
    return _to_article(view.stored(docnum)) if docnum is not None else None


LONG_WORDS, LONG_QUOTES = 30_000, 500  # an article this long is read on a worker (is_long)


class ArticleCache:
    """The last few stored articles read (each holds its full record), for re-reading.

    A read that finds the index damaged since it was opened goes to ``on_problem``
    (the window offers a rebuild) and answers None.
    """

    def __init__(self, size: int = 20,
                 on_problem: Callable[[IndexProblem], object] | None = None) -> None:
        self._size = size
        self._on_problem = on_problem
        self._articles: dict[str, StoredArticle] = {}

    def get(self, view: IndexView, path: str) -> StoredArticle | None:
        art = self._articles.get(path)
        if art is None:
            try:
                art = load_article(view, path)
            except IndexProblem as exc:
                if self._on_problem is None:
                    raise
                self._on_problem(exc)
                return None
            if art is None:
                return None
            self._articles[path] = art
            while len(self._articles) > self._size:
                self._articles.pop(next(iter(self._articles)))
        return art

    def is_long(self, view: IndexView, path: str) -> bool:
        """Whether reading ``path`` takes long enough to do it on a worker: unpacking a
        5 MB article and its record takes about 0.1 s (a cached one is at hand)."""
        if path in self._articles:
            return False
        try:
            docnum = view.docnum(path)
            if docnum is None:
                return False
            words = view.searcher().doc_field_length(docnum, F.BODY) or 0
            return words > LONG_WORDS or int(view.value(F.QUOTE_COUNT, docnum) or 0) > LONG_QUOTES
        except IndexProblem:
            return False  # ``get`` says so

    def clear(self) -> None:
        self._articles.clear()


def load_articles(source: Index | IndexView, paths: Iterable[str]) -> list[StoredArticle]:
    """Stored articles for the given paths, in that order (unknown paths skipped)."""
    view = as_view(source)
    return [_to_article(view.stored(n)) for n in (view.docnum(p) for p in paths) if n is not None]


def iter_articles(source: Index | IndexView, docnums: Iterable[int]) -> Iterator[StoredArticle]:
    """Stored articles of the given documents, in that order, one at a time (an export
    of 10k articles never holds them all)."""
    view = as_view(source)
    for docnum in docnums:
        yield _to_article(view.stored(docnum))


def article_count(source: Index | IndexView) -> int:
    return as_view(source).doc_count()


def entity_counts(source: Index | IndexView, docnums: Iterable[int] | None = None) -> Sequence[EntityCount]:
    """Entities of the given documents (all when None), most mentioned first.

    Each article's entities are mapped through the library's name table, so
    "Trump" and "Donald Trump" count once per article, as one entity; a count is
    exactly what that entity's filter finds. Counted on the generation's
    ``PanelTable`` (read once, then a gather and a bincount per result set); the rows
    are made as they are read (``reader.search.entity_rows.EntityCounts``).
    """
    from reader.search.panel_table import as_docs, panel_table

    view = as_view(source)
    return panel_table(view).entity_counts(as_docs(docnums, view))


def quote_rows(source: Index | IndexView, docnums: Iterable[int]) -> list[QuoteRow]:
    """The statements of the given documents, in that order (every row read now)."""
    from reader.search.quotes import QuoteSource

    quotes = QuoteSource(as_view(source), list(docnums))
    return quotes.rows()
