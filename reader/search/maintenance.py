"""Keeping the library current without re-running analysis.

``relabel_articles`` re-resolves outlets and bias labels from what the index
already stores (after the user edits an outlet or assigns one to an article);
``rescan`` re-reads the files the library came from and updates changed ones.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from reader.analysis.record import ArticleRecord
from reader.search import fields as F
from reader.search.documents import article_to_document
from reader.names.store import refresh_after_commit as refresh_names
from reader.search.indexer import (OutletResolver, Progress, UpdateReport, default_outlet_resolver,
                                   resolved_outlet, update_index)
from reader.search.store import open_index, open_writer
from reader.sources import SourceDocument


def relabel_articles(location: Path, paths: Iterable[str] | None = None,
                     resolver: OutletResolver | None = None) -> int:
    """Recompute outlet and bias of stored articles (all when ``paths`` is None).

    Returns how many articles changed. The analysis record, text and every
    other field are written back as stored.
    """
    resolver = resolver or default_outlet_resolver
    wanted = None if paths is None else set(paths)
    ix = open_index(location)
    writer = open_writer(ix)
    changed = 0
    try:
        with ix.searcher() as searcher:
            for stored in searcher.all_stored_fields():
                if wanted is not None and stored[F.PATH] not in wanted:
                    continue
                record = ArticleRecord.from_json(json.loads(stored.get(F.RECORD) or "{}"))
                source = SourceDocument(Path(stored[F.PATH]), stored.get(F.BODY, ""), stored[F.SHA],
                                        stored.get(F.FORMAT, "text"))
                outlet, bias, aliases, ownership = resolved_outlet(resolver, record, source)
                if (outlet, bias, ownership) == (stored.get(F.OUTLET_NAME), stored.get(F.BIAS),
                                                 stored.get(F.OWNERSHIP)):
                    continue
                writer.update_document(**article_to_document(
                    source, record, outlet, bias, aliases, indexed_at=stored.get(F.INDEXED_AT),
                    ownership=ownership))
                changed += 1
        writer.commit()
        refresh_names(ix)  # the outlet is a name's context: the table follows
    except BaseException:
        writer.cancel()
        raise
    return changed


def rescan(location: Path, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None) -> UpdateReport:
    """Update articles whose files changed; files that are gone keep their stored copy."""
    from reader.search.indexer import indexed_paths

    known = indexed_paths(location)
    present = [Path(p) for p in known if Path(p).is_file()]
    report = update_index(location, present, progress=progress, cancelled=cancelled) if present \
        else UpdateReport()
    for path in sorted(set(known) - {str(p) for p in present}):
        report.skipped.append((Path(path), "the file is gone; its stored copy stays in the library"))
    return report
