"""Reading stored articles back: metadata, text and analysis record.

The index stores everything the reader shows, so opening an article never
touches the source file or spaCy.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from reader.analysis.record import ArticleRecord
from reader.search import fields as F
from reader.search.documents import entity_key
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

    speaker: str
    text: str
    outlet: str
    title: str
    path: str
    quote_index: int  # position in the article record's quote list (anchor q{n})
    cue: str = ""
    confidence: float = 0.0
    kind: str = "direct"  # direct, mixed or indirect (``reader.analysis.record.STATEMENT_KINDS``)


@dataclass(frozen=True)
class EntityCount:
    key: str  # the filter key, "person:ned price"
    name: str
    type: str
    count: int  # articles mentioning it


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


def entity_counts(source: Index | IndexView, docnums: Iterable[int] | None = None) -> list[EntityCount]:
    """Entities of the given documents (all when None), most mentioned first."""
    view = as_view(source)
    columns = view.columns()
    lines: Counter[bytes] = Counter()
    for docnum in view.all_docnums() if docnums is None else docnums:
        lines.update((columns.get(F.ENTITY_LIST, docnum) or b"").split(b"\n"))
    counts: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for line, n in lines.items():
        etype, _, name = line.decode("utf-8").partition(":")
        if not name:
            continue
        key = entity_key(etype, name)
        counts[key] += n
        names.setdefault(key, (etype, name))
    return [EntityCount(key, names[key][1], names[key][0], n)
            for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]][1].lower()))]


def quote_rows(source: Index | IndexView, docnums: Iterable[int]) -> list[QuoteRow]:
    """The statements of the given documents, in that order (the quotes panel)."""
    view = as_view(source)
    columns = view.columns()
    rows: list[QuoteRow] = []
    for docnum in docnums:
        try:
            quotes = json.loads(columns.get(F.QUOTE_LIST, docnum) or b"[]")
        except ValueError:
            continue  # an unreadable column value hides this article's quotes, nothing else
        if not quotes:
            continue
        path, title = columns.get(F.PATH, docnum), columns.get(F.TITLE, docnum)
        outlet = columns.get(F.OUTLET_NAME, docnum) or ""
        for index, speaker, cue, confidence, text, *rest in quotes:
            kind = rest[0] if rest else "direct"
            rows.append(QuoteRow(speaker or "unknown speaker", text, outlet, title, path, index,
                                 cue, confidence, "mixed" if kind == "partial" else kind))
    return rows
