"""One comparison of a selection: voices, shared words and coverage, and its JSON.

``compare_articles`` is the whole computation (pure, no Qt, no index) and
``compare_selection`` reads the selection from an index view first; the
window runs either on a worker thread, the CLI in-line. ``to_json`` is the
shape ``parallax compare --json`` prints (``SCHEMA``, documented in the
README).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

from reader.compare.coverage import Coverage, Describe, coverage, registry_outlet
from reader.compare.inputs import CompareArticle, Statement, all_statements, load_selection
from reader.compare.kwic import entity_names
from reader.compare.shared import Group, shared_words
from reader.compare.voices import Voices, voices

if TYPE_CHECKING:
    from reader.search.view import IndexView

SCHEMA = "parallax.compare/1"


class Cancelled(Exception):
    """The comparison was stopped before it finished (a newer one replaces it)."""


@dataclass
class Comparison:
    articles: list[CompareArticle]
    statements: list[Statement]  # indexed by Statement.id
    voices: Voices
    groups: list[Group]
    coverage: Coverage
    entities: list[tuple[str, str, int]] = field(default_factory=list)  # (name, type, mentions), most first
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step

    def article(self, path: str) -> CompareArticle | None:
        return next((a for a in self.articles if a.path == path), None)

    def statement_list(self, ids: Sequence[int]) -> list[Statement]:
        return [self.statements[i] for i in ids]


def compare_articles(articles: list[CompareArticle], describe: Describe = registry_outlet,
                     cancelled: Callable[[], bool] = lambda: False) -> Comparison:
    """Voices, shared words and coverage of ``articles``."""
    timings: dict[str, float] = {}
    t = time.perf_counter()
    cov = coverage(articles, describe)
    timings["coverage"] = time.perf_counter() - t
    t = time.perf_counter()
    vo = voices(articles, cov.outlet_order())
    timings["voices"] = time.perf_counter() - t
    if cancelled():
        raise Cancelled()
    statements = all_statements(articles)
    t = time.perf_counter()
    groups = shared_words(statements, cancelled)
    timings["shared"] = time.perf_counter() - t
    if cancelled():
        raise Cancelled()
    return Comparison(articles, statements, vo, groups, cov, entity_names(articles), timings)


def compare_selection(view: IndexView, paths: Sequence[str], describe: Describe = registry_outlet,
                      cancelled: Callable[[], bool] = lambda: False) -> Comparison:
    """Read the selection's stored articles from ``view`` and compare them."""
    t = time.perf_counter()
    articles = load_selection(view, paths, cancelled)
    loaded = time.perf_counter() - t
    if cancelled():
        raise Cancelled()
    result = compare_articles(articles, describe, cancelled)
    result.timings = {"load": loaded, **result.timings}
    return result


# -- JSON ----------------------------------------------------------------------------------

def _statement(st: Statement) -> dict[str, Any]:
    return {"path": st.path, "outlet": st.outlet, "quote_index": st.quote_index, "kind": st.kind,
            "speaker": st.speaker, "named_as": st.named_as, "speaker_type": st.speaker_type,
            "vague": st.vague, "text": st.text, "start": st.start, "end": st.end,
            "quoted_words": st.quoted_words}


def to_json(c: Comparison, query: str = "", entity_keys: Sequence[str] = ()) -> dict[str, Any]:
    """The ``parallax compare --json`` object (schema ``SCHEMA``)."""
    cov = c.coverage
    return {
        "schema": SCHEMA,
        "query": query,
        "entities": list(entity_keys),
        "articles": [{"path": a.path, "title": a.title, "outlet": a.outlet, "author": a.author,
                      "published": a.published, "kind": a.kind, "words": a.words,
                      "statements": len(a.statements)} for a in c.articles],
        "coverage": {
            "articles": cov.articles, "segments": cov.segments, "kinds": cov.kinds,
            "first_date": cov.first_date, "last_date": cov.last_date, "undated": cov.undated,
            "outlets": [{"outlet": o.outlet, "articles": o.articles, "kinds": o.kinds, "label": o.chip,
                         "lean": o.lean, "bias": o.token, "ownership": o.ownership,
                         "first_date": o.first_date, "last_date": o.last_date} for o in cov.outlets],
        },
        "voices": {
            "outlets": [{"outlet": s.outlet, "articles": s.articles, "statements": s.statements,
                         "quoted": s.quoted, "indirect": s.indirect, "words": s.words,
                         "voices": s.voices, "named_voices": s.named_voices, "vague": s.vague,
                         "official": s.official, "flags": s.flags} for s in c.voices.by_outlet.values()],
            "speakers": [{"speaker": r.name, "speaker_type": r.speaker_type, "vague": r.vague,
                          "official": r.official, "statements": r.total, "words": r.words,
                          "only_outlet": r.only_outlet, "mentioned_by": r.mentioned_by,
                          "cells": {o: {"direct": cell.direct, "mixed": cell.mixed,
                                        "indirect": cell.indirect, "words": cell.words,
                                        "named_as": r.named_as.get(o, [])}
                                    for o, cell in r.cells.items()}} for r in c.voices.rows],
        },
        "groups": [{"id": g.id, "outlets": g.outlets, "speakers": g.speakers,
                    "members": [{**_statement(m.statement), "relation": m.relation,
                                 "covers": list(m.covers), "speaker_differs": m.speaker_differs,
                                 "diff": [{"op": p.op, "text": p.text} for p in m.pieces]}
                                for m in g.members]} for g in c.groups],
    }
