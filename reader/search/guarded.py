"""The Whoosh side of damage detection: an index whose reads are checked, and a
writer that records what it wrote and leaves nothing behind when it fails.

``store.open_index`` hands out a ``CheckedIndex``. Its searchers convert any
failure while decoding the index (``OSError``, ``struct.error``,
``zlib.error``, ``TypeError``, ``EOFError``…) into ``IndexDamaged`` once the
files are checked in full and found damaged; on intact files the failure is a
bug and is raised unchanged. The same check guards ``IndexView`` and its
column reads (``guard_reads``), so every read of the library goes through it.
An index with no segment yet (an import that added nothing) has empty
columns instead of Whoosh's ``NotImplementedError``.

The writer (``CheckedWriter``) writes the manifest of each commit before it
lets go of the lock, and on a failed or cancelled write removes the files of
the segment it had begun (on a full disk they kept it at 0 bytes free).
"""
from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Iterator

from whoosh.index import TOC, FileIndex
from whoosh.reading import EmptyReader
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from reader.search import integrity
from reader.search.layout import INDEX_NAME
from reader.search.read_guard import checked_call, checked_method

log = logging.getLogger(__name__)

class _EmptyColumns(EmptyReader):
    """The reader of an index with no segment: every column exists and is empty."""

    def __init__(self, schema, generation: int | None) -> None:
        super().__init__(schema)
        self._gen = generation

    def generation(self) -> int | None:
        return self._gen

    def has_column(self, fieldname: str) -> bool:
        return fieldname in self.schema and self.schema[fieldname].column_type is not None

    def column_reader(self, fieldname, column=None, reverse=False, translate=True):
        return []


_SEARCHER_METHODS = ("search", "search_page", "search_with_collector", "document", "documents",
                     "document_number", "document_numbers", "docs_for_query", "doc_count",
                     "key_terms", "more_like", "idf", "postings")
_READER_METHODS = ("stored_fields", "all_stored_fields", "lexicon", "field_terms", "frequency",
                   "doc_frequency", "term_info", "doc_field_length", "iter_docs")


class CheckedSearcher(Searcher):
    """A Whoosh searcher whose reads are checked (see the module's docstring)."""

    def __init__(self, reader, *args, **kwargs) -> None:
        super().__init__(reader, *args, **kwargs)
        folder = Path(self._ix.storage.folder)
        for name in _READER_METHODS:  # Searcher copies these from its reader: check them too
            if hasattr(self, name):
                setattr(self, name, checked_call(folder, getattr(self, name)))


for _name in _SEARCHER_METHODS:
    setattr(CheckedSearcher, _name, checked_method(getattr(Searcher, _name)))


class CheckedWriter(SegmentWriter):
    """Records the manifest of each commit; a failed write removes what it had begun.

    An ``OSError`` while adding or committing (a full disk, a folder made read-only)
    comes out as ``IndexUnwritable`` with one sentence; the caller cancels the writer.
    """

    def add_document(self, **fields) -> None:
        with _unwritable("adding articles"):
            super().add_document(**fields)

    def commit(self, *args, **kwargs) -> None:
        with _unwritable("saving the library"):
            super().commit(*args, **kwargs)

    def _commit_toc(self, segments) -> None:
        super()._commit_toc(segments)
        try:  # still holding the lock: no other writer can commit in between
            integrity.write_manifest(Path(self.storage.folder), self.generation,
                                     [s.segment_id() for s in segments])
        except OSError as exc:  # the commit stands; the next open verifies what it can
            log.warning("no manifest for generation %s of %s: %s", self.generation, self.storage.folder, exc)

    def cancel(self) -> None:
        """Give up the write: close what is open, remove the unfinished segment, release the lock."""
        if self.is_closed:
            return
        try:
            self._close_segment()
        except Exception as exc:  # noqa: BLE001 - a full disk fails here too; the clean-up still runs
            log.info("closing the cancelled segment failed: %s", exc)
        self._remove_unfinished()
        try:
            self._finish()
        except Exception as exc:  # noqa: BLE001
            log.warning("releasing the cancelled writer failed: %s", exc)
            if self.writelock:
                self.writelock.release()
            self.is_closed = True

    def _remove_unfinished(self) -> None:
        folder = Path(self.storage.folder)
        try:
            committed = {s.segment_id() for s in TOC.read(self.storage, self.indexname).segments}
        except Exception:  # noqa: BLE001 - unreadable TOC: remove nothing the index might need
            return
        new_id = self.newsegment.segment_id()
        if new_id in committed:
            return  # the commit went through after all
        for name in os.listdir(folder):
            if name.startswith(new_id + ".") or (name.startswith(f"_{INDEX_NAME}_") and ".toc." in name):
                try:
                    os.remove(folder / name)
                except OSError as exc:
                    log.info("could not remove %s: %s", name, exc)


@contextlib.contextmanager
def _unwritable(doing: str) -> Iterator[None]:
    from reader.failures import describe
    from reader.search.problems import IndexUnwritable

    try:
        yield
    except OSError as exc:
        raise IndexUnwritable(describe(exc, doing)) from exc


class CheckedIndex(FileIndex):
    """A Whoosh index whose searchers are checked and whose writer records manifests."""

    def reader(self, reuse=None):
        # Whoosh's own reader() retries while a commit replaces the table of contents;
        # reading the TOC again here, outside that loop, raised FileNotFoundError mid-commit
        reader = super().reader(reuse=reuse)
        if isinstance(reader, EmptyReader) and not isinstance(reader, _EmptyColumns):
            return _EmptyColumns(reader.schema, self.latest_generation())
        return reader

    @checked_method
    def searcher(self, **kwargs) -> CheckedSearcher:
        return CheckedSearcher(self.reader(), fromindex=self, **kwargs)

    def writer(self, procs: int = 1, **kwargs) -> CheckedWriter:
        return CheckedWriter(self, **kwargs)


def readable_article_paths(location: Path) -> list[str]:
    """The files the library's articles came from, read from whatever of the index still reads.

    A rebuild of a damaged index starts from these (not from the bundled seeds
    alone, which dropped every article the user had added): each segment's path
    column, else its stored fields; an unreadable segment is skipped.
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.reading import SegmentReader

    from reader.search.fields import PATH
    from reader.search.layout import whoosh_dir

    paths: set[str] = set()
    try:
        storage = FileStorage(str(whoosh_dir(location)))
        toc = TOC.read(storage, INDEX_NAME)
    except Exception as exc:  # noqa: BLE001 - no table of contents: nothing to name the articles by
        log.info("no article paths readable in %s: %s", location, exc)
        return []
    for segment in toc.segments:
        try:
            reader = SegmentReader(storage, toc.schema, segment, generation=toc.generation)
        except Exception:  # noqa: BLE001 - a segment whose files are gone
            continue
        try:
            paths.update(p for p in _segment_paths(reader, PATH) if isinstance(p, str) and p)
        except Exception:  # noqa: BLE001 - both copies of the paths are damaged
            pass
        finally:
            try:
                reader.close()
            except Exception:  # noqa: BLE001
                pass
    return sorted(paths)


def _segment_paths(reader, field: str) -> list:
    """A segment's article paths: from the path column, else from the stored fields."""
    try:
        column = reader.column_reader(field)
        return [column[n] for n in reader.all_doc_ids()]
    except Exception:  # noqa: BLE001 - a damaged column
        return [reader.stored_fields(n)[field] for n in reader.all_doc_ids()]
