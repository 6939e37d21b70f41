"""Removing articles so that the removal can be undone, and undoing it.

``remove_keeping`` reads each article's stored fields (its text, analysis
record, when it was indexed) before deleting it; ``restore`` writes those
articles back through the one document function, without re-running the
analysis and without reading the user's files again (a file may have been
moved or edited since). What was removed travels with the job's result, so
Edit ▸ Undo in the window that removed them can give them back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from reader.library_sources import forget_removal
from reader.search import fields as F
from reader.names.store import refresh_after_commit as refresh_names
from reader.search.indexer import OutletResolver, default_outlet_resolver, document_from_stored
from reader.search.store import open_or_create, open_writer

KEPT_FIELDS = (F.PATH, F.SHA, F.TITLE, F.FORMAT, F.BODY, F.RECORD, F.INDEXED_AT)


@dataclass
class RemovedArticles:
    """What a removal took out: enough to put every article back as it was."""

    documents: list[dict[str, Any]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.documents)

    def __int__(self) -> int:  # the status line says how many
        return self.count

    def titles(self) -> list[str]:
        return [str(d.get(F.TITLE) or Path(str(d.get(F.PATH, ""))).name) for d in self.documents]


def remove_keeping(location: Path, paths: Iterable[str]) -> RemovedArticles:
    """Drop articles from the library (never from disk), keeping what ``restore`` needs.

    The removal itself is ``remove_articles``'s, so it is remembered as theirs
    is: a rebuild or rescan does not bring the articles back (``restore`` does).
    """
    from reader.search.indexer import remove_articles

    paths = list(dict.fromkeys(str(p) for p in paths))
    removed = RemovedArticles()
    with open_or_create(location).searcher() as searcher:
        for path in paths:
            stored = searcher.document(**{F.PATH: path})
            if stored is not None:
                removed.documents.append({k: stored.get(k) for k in KEPT_FIELDS})
    remove_articles(location, [str(d[F.PATH]) for d in removed.documents])
    return removed


def restore(location: Path, removed: RemovedArticles, resolver: OutletResolver | None = None) -> list[str]:
    """Put removed articles back (outlet and label resolved as now); returns their paths.

    An article whose path is back in the library already (added again meanwhile)
    is replaced by the removed copy, as a rescan would replace it.
    """
    resolver = resolver or default_outlet_resolver
    ix = open_or_create(location)
    writer = open_writer(ix)
    restored = []
    try:
        for stored in removed.documents:
            writer.update_document(**document_from_stored(stored, resolver))
            restored.append(str(stored[F.PATH]))
        forget_removal(location, restored)  # rebuilds and rescans keep them again
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    refresh_names(ix)  # the library-wide name table counts them again
    return restored
