"""The index writer of a long import, committed in batches.

An import of 50,000 files takes hours. Committing every ``every`` articles or
``seconds`` seconds, whichever comes first, means a kill, a full disk or a
failure late in the run keeps every batch committed before it, and the same
command run again skips what is already in the library (files are matched by
content hash) and goes on from there. Each commit is also when the open
window sees the new articles. Between batches the write lock is released, so
another Parallax waiting to write gets its turn.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from reader.search.store import open_writer

if TYPE_CHECKING:
    from whoosh.index import Index

BATCH_ARTICLES = 200
BATCH_SECONDS = 30.0


class BatchWriter:
    """``update``/``add``/``delete`` documents; ``commit_if_due`` after each article."""

    def __init__(self, ix: Index, every: int = BATCH_ARTICLES, seconds: float = BATCH_SECONDS,
                 before_commit: Callable[[], None] | None = None,
                 after_commit: Callable[[int], None] | None = None) -> None:
        self.ix = ix
        self.every = max(1, every)
        self.seconds = seconds
        self.before_commit = before_commit  # e.g. saving the user's overrides for this batch first
        self.after_commit = after_commit  # called with the number of documents committed so far
        self.pending = 0  # documents written since the last commit
        self.committed = 0
        self._writer: Any = None
        self._started = time.monotonic()
        self._current()  # opened now: a damaged, read-only or busy index refuses before any work


    def _current(self):
        if self._writer is None:
            self._writer = open_writer(self.ix)
            self._started = time.monotonic()
        return self._writer

    def update(self, **document: Any) -> None:
        self._current().update_document(**document)
        self.pending += 1

    def add(self, **document: Any) -> None:
        self._current().add_document(**document)
        self.pending += 1

    def delete(self, field: str, value: str) -> int:
        count = self._current().delete_by_term(field, value)
        self.pending += count
        return count

    def due(self) -> bool:
        return self.pending >= self.every or (
            self.pending > 0 and time.monotonic() - self._started >= self.seconds)

    def commit_if_due(self) -> bool:
        if self.due():
            self.commit()
            return True
        return False

    def commit(self) -> None:
        """Commit what was written (a no-op when nothing was)."""
        if self._writer is None:
            return
        if self.pending == 0:
            self.cancel()
            return
        if self.before_commit is not None:
            self.before_commit()
        writer, self._writer = self._writer, None
        try:
            writer.commit()
        except BaseException:
            writer.cancel()  # a full disk: the unfinished segment goes (earlier batches stay)
            raise
        self.committed += self.pending
        self.pending = 0
        if self.after_commit is not None:
            self.after_commit(self.committed)

    def cancel(self) -> None:
        """Drop what was written since the last commit (earlier batches stay)."""
        writer, self._writer = self._writer, None
        self.pending = 0
        if writer is not None:
            writer.cancel()
