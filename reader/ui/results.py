"""One search's complete answer for the window, computed in one pure function.

Qt-free so it can run on a worker thread: the ranked ids, rows and snippets,
the entities of the result set and the records the quotes panel needs.
"""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Collection
from typing import Sequence

from whoosh.index import Index

from reader.search.articles import EntityCount
from reader.search.articles import StoredArticle
from reader.search.articles import entity_counts
from reader.search.articles import load_articles
from reader.search.query import Hit
from reader.search.query import search

SNIPPET_LIMIT = 30  # snippets (the costly part of a search) for the best hits only
QUOTE_ARTICLE_LIMIT = 300  # the quotes panel reads the records of the best hits only


@dataclass
class ResultSet:
    query: str
    entity_keys: tuple[str, ...]
    paths: list[str] = field(default_factory=list)  # rank order
    hits: dict[str, Hit] = field(default_factory=dict)
    message: str = ""  # what was wrong with the query, if anything
    total: int = 0
    entities: list[EntityCount] = field(default_factory=list)
    articles: list[StoredArticle] = field(default_factory=list)  # newly loaded records
    generation: int = 0  # which request this answers (stale answers are dropped)


def compute_results(ix: Index, query: str, entity_keys: Sequence[str],
                    known_articles: Collection[str] = ()) -> ResultSet:
    """All matching ids (no snippets), then snippets for the best, entities and records."""
    keys = tuple(entity_keys)
    outcome = search(ix, query, entity_keys=keys, limit=None, snippets=False)
    result = ResultSet(query=query, entity_keys=keys, message=outcome.message, total=outcome.total)
    result.hits = {h.path: h for h in outcome.hits}
    result.paths = [h.path for h in outcome.hits]
    if query.strip() and outcome.hits:
        top = search(ix, query, entity_keys=keys, limit=SNIPPET_LIMIT, snippets=True)
        for h in top.hits:
            if h.path in result.hits:
                result.hits[h.path].snippet = h.snippet
    result.entities = entity_counts(ix, result.paths)
    wanted = [p for p in result.paths[:QUOTE_ARTICLE_LIMIT] if p not in known_articles]
    if wanted:
        result.articles = load_articles(ix, wanted)
    return result
