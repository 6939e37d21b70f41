"""Keeping the library current without re-running analysis, and from its own sources.

``relabel_articles`` re-resolves outlets, bias labels and the user's fields
from what the index already stores (after the user edits an outlet or
assigns one to articles); ``rescan`` re-reads the library's sources (the
files and folders it remembers) and updates what changed; ``rebuild``
re-analyses all of them into a new index swapped in when complete.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from reader.analysis.record import ArticleRecord
from reader.search import fields as F
from reader.names.store import refresh_after_commit as refresh_names
from reader.search.batches import BatchWriter
from reader.search.indexer import (OutletResolver, Progress, UpdateReport, document_from_stored,
                                   indexed_paths, update_index)
from reader.search.store import open_index

GONE_KEPT = "the file is gone; its stored copy stays in the library"


def relabel_articles(location: Path, paths: Iterable[str] | None = None,
                     resolver: OutletResolver | None = None) -> int:
    """Recompute outlet, bias and the user's fields of stored articles (all when ``paths`` is None).

    Returns how many articles changed. The analysis record, text and every
    other field are written back as stored.
    """
    wanted = None if paths is None else set(paths)
    ix = open_index(location)
    batch = BatchWriter(ix, every=1_000_000, seconds=float("inf"))
    changed = 0
    try:
        with ix.searcher() as searcher:
            for stored in searcher.all_stored_fields():
                if wanted is not None and stored[F.PATH] not in wanted:
                    continue
                before = stored.get(F.RECORD) or "{}"
                record = ArticleRecord.from_json(json.loads(before))
                document = document_from_stored(stored, resolver, record)
                if (document[F.OUTLET_NAME] == (stored.get(F.OUTLET_NAME) or "")
                        and document[F.BIAS] == stored.get(F.BIAS)
                        and document[F.OWNERSHIP] == stored.get(F.OWNERSHIP)
                        and document[F.RECORD] == before):
                    continue
                batch.update(**document)
                changed += 1
        batch.commit()
        refresh_names(ix)  # the outlet is a name's context: the table follows
    except BaseException:
        batch.cancel()
        raise
    return changed


def _library_paths(location: Path) -> tuple[list[Path], set[str], dict[str, str]]:
    from reader.library_sources import library_paths

    known = indexed_paths(location)
    paths, removed = library_paths(location, known)
    return paths, removed, known


def rescan(location: Path, progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None, **options) -> UpdateReport:
    """Re-read the library's sources: changed files are updated, new files in its folders
    added; files that are gone keep their stored copy (and are named)."""
    from reader.library_sources import load_sources

    paths, removed, known = _library_paths(location)
    present = [p for p in paths if p.exists()]
    new_library = not known and not load_sources(location).added  # made from the seeds: remember them
    report = update_index(location, present, progress=progress, cancelled=cancelled, remember=new_library,
                          exclude=removed, report_unsupported=False, **options) if present else UpdateReport()
    for path in sorted(p for p in known if not Path(p).exists()):
        report.skipped.append((Path(path), GONE_KEPT))
    return report


def rebuild_paths(location: Path) -> tuple[list[Path], set[str]]:
    """What a rebuild re-reads: (files and folders, removed articles to leave out).

    The library's remembered sources, and every article the index still names,
    read segment by segment so that a damaged index (the usual reason for a
    rebuild) still names the articles it holds (``guarded.readable_article_paths``).
    """
    from reader.library_sources import library_paths
    from reader.search.guarded import readable_article_paths

    return library_paths(location, readable_article_paths(location))


def rebuild(location: Path, extra: Iterable[Path] = (), progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None, **options) -> UpdateReport:
    """Re-analyse the library's sources (and ``extra`` paths, which become sources) into a new
    index swapped in when complete. Articles whose file is gone are dropped, and named."""
    from reader.library_sources import remember_added

    extra = [Path(p) for p in extra]
    if extra:
        remember_added(location, extra)
    paths, removed = rebuild_paths(location)
    return update_index(location, [p for p in paths if p.exists()], full=True, progress=progress,
                        cancelled=cancelled, remember=False, exclude=removed,
                        report_unsupported=False, **options)
