"""Reading stored articles back: metadata, text and analysis record.

The index stores everything the reader shows, so opening an article never
touches the source file or spaCy.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from whoosh.index import Index

from reader.analysis.record import ArticleRecord
from reader.search import fields as F
from reader.search.documents import entity_key


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
                         record=record)


def load_article(ix: Index, path: str) -> StoredArticle | None:
    with ix.searcher() as s:
        stored = s.document(**{F.PATH: path})
    return _to_article(stored) if stored else None


def load_articles(ix: Index, paths: Iterable[str]) -> list[StoredArticle]:
    """Stored articles for the given paths, in that order (unknown paths skipped)."""
    out = []
    with ix.searcher() as s:
        for path in paths:
            docnum = s.document_number(**{F.PATH: path})
            if docnum is not None:
                out.append(_to_article(s.stored_fields(docnum)))
    return out


def article_count(ix: Index) -> int:
    with ix.searcher() as s:
        return s.doc_count()


def entity_counts(ix: Index, paths: Iterable[str] | None = None) -> list[EntityCount]:
    """Entities of the given articles (all when None), most mentioned first."""
    counts: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    with ix.searcher() as s:
        reader = s.reader()
        column = reader.column_reader(F.ENTITY_LIST)
        if paths is None:
            docnums: Iterable[int] = reader.all_doc_ids()
        else:
            docnums = (n for n in (s.document_number(**{F.PATH: p}) for p in paths) if n is not None)
        for docnum in docnums:
            for line in (column[docnum] or b"").decode("utf-8").splitlines():
                etype, _, name = line.partition(":")
                key = entity_key(etype, name)
                counts[key] += 1
                names.setdefault(key, (etype, name))
    return [EntityCount(key, names[key][1], names[key][0], n)
            for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]][1].lower()))]
