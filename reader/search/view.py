"""One generation of the index, opened once and read by every query.

Opening a Whoosh searcher and its column readers costs tens of milliseconds
on 10k articles, more than the query itself, so a view keeps them: each
thread gets its own searcher (Whoosh readers share file positions and are not
thread-safe), kept by the thread's id for as long as the view lives (a
``threading.local`` is not: Qt's pool threads get a fresh Python thread state
for each task, which empties it, so every search, snippet and panels task
opened a searcher and read every column again, ~10–30 ms at 10k articles and
more at 100k), and all of them read the same generation, so a document number
found on a worker thread names the same article when the GUI thread paints
its row. When a writer has moved on and a thread's searcher would see another
generation, the view raises ``StaleView``; the owner opens a new view.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterator

from reader.search import fields as F
from reader.search.hits import Hit
from reader.search.hits import hit_from_columns
from reader.search.read_guard import guard_reads

if TYPE_CHECKING:  # Whoosh itself loads with the first index opened
    from whoosh.index import Index


MEMO_ENTRIES = 4096  # values kept per generation (term and filter sets are a few kB each)


class StaleView(Exception):
    """The index changed since this view was opened; open a new one."""


@guard_reads  # a damaged index says so in one sentence (reader.search.read_guard)
class Columns:
    """Per-document column values of one searcher: cheap metadata by docnum."""

    def __init__(self, searcher) -> None:
        reader = searcher.reader()
        self._cols = {name: reader.column_reader(name) for name in F.COLUMN_FIELDS}

    def get(self, name: str, docnum: int) -> Any:
        return self._cols[name][docnum]

    def hit(self, docnum: int, score: float = 0.0, snippet: str = "") -> Hit:
        return hit_from_columns(self._cols, docnum, score, snippet)

    def each(self, name: str) -> Iterator[Any]:
        """Every document's value of a column, in document-number order (deleted ones
        too): read in order, a whole column takes half the time of a lookup per document."""
        yield from self._cols[name]


class _ThreadReads:
    """One thread's searcher on the view's generation, its column readers and query parser."""

    __slots__ = ("searcher", "columns", "parser")

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.columns = Columns(searcher)
        self.parser = None


@guard_reads
class IndexView:
    """A pinned generation of ``ix`` with one searcher per thread."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        self._threads: dict[int, _ThreadReads] = {}  # thread id -> its searcher (a dead thread's
        # id, reused by a new thread, gets its searcher: never two threads at once)
        self._lock = threading.Lock()
        self._opened: list[Any] = []  # every thread's searcher, closed together
        self._closed = False
        first = self._open()  # the creating thread's, which fixes the generation
        self.generation: int = first.reader().generation()
        self._docnums: list[int] | None = None
        self._folder: str | None = None
        self._names = None  # the library-wide name table, read on first use
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()

    def _open(self):
        reads = _ThreadReads(self.ix.searcher())
        with self._lock:
            self._threads[threading.get_ident()] = reads
            self._opened.append(reads.searcher)
        return reads.searcher

    def _reads(self) -> _ThreadReads:
        """This thread's searcher and what goes with it, opened on the thread's first read."""
        if self._closed:
            raise StaleView("the view was closed")
        reads = self._threads.get(threading.get_ident())
        if reads is None:
            searcher = self._open()
            if searcher.reader().generation() != self.generation:
                raise StaleView("the index changed since the view was opened")
            reads = self._threads[threading.get_ident()]
        return reads

    def searcher(self):
        """This thread's searcher on the view's generation."""
        return self._reads().searcher

    def columns(self) -> Columns:
        return self._reads().columns

    def parser(self):
        """This thread's query parser (building one costs more than most queries)."""
        reads = self._reads()
        if reads.parser is None:
            from reader.search.query import make_parser

            reads.parser = make_parser(reads.searcher.schema)
        return reads.parser

    def is_current(self) -> bool:
        """False once a writer has committed a newer generation."""
        try:
            return self.ix.latest_generation() == self.generation
        except OSError:
            return False

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def all_docnums(self) -> list[int]:
        """Every live document, in index order (the unranked listing)."""
        if self._docnums is None:
            self._docnums = list(self.searcher().reader().all_doc_ids())
        return list(self._docnums)

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """A value derived from this generation alone (a term's or a filter's documents,
        a field's vocabulary), computed once and shared by every thread."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()  # outside the lock: two threads may both compute it, once
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_ENTRIES:
                self._memo.popitem(last=False)
        return value

    def forget(self, key: Hashable) -> None:
        """Drop a memo entry (a value that turned out partial)."""
        with self._lock:
            self._memo.pop(key, None)

    def shared_folder(self) -> str:
        """The deepest folder holding every article, or "" (the library's name in the title).

        Computed once per generation, on whichever thread asks first.
        """
        if self._folder is None:
            live = set(self.all_docnums())
            self._folder = common_folder([p for n, p in enumerate(self.columns().each(F.PATH)) if n in live])
        return self._folder

    def names(self):
        """This generation's name table (``reader.names``), read once, on first use."""
        searcher = self.searcher()  # before the lock: a thread's first searcher takes it too
        with self._lock:
            if self._names is None:
                from reader.names.query import LibraryNames
                from reader.names.store import load_table

                self._names = LibraryNames(load_table(self.ix, searcher), self.ix)
            return self._names

    def forget_names(self) -> None:
        """The user corrected the table: read it again on next use."""
        with self._lock:
            self._names = None

    def reload_names(self):
        """Read the table again now and use it from here on (on a worker: resolving a
        corrected table of 10k articles takes a moment, and readers keep the old one meanwhile)."""
        from reader.names.query import LibraryNames
        from reader.names.store import load_table

        names = LibraryNames(load_table(self.ix, self.searcher()), self.ix)
        with self._lock:
            self._names = names
        return names

    def docnum(self, path: str) -> int | None:
        return self.searcher().document_number(**{F.PATH: path})

    def path(self, docnum: int) -> str:
        return self.columns().get(F.PATH, docnum)

    def value(self, name: str, docnum: int) -> Any:
        """One column value (``F.COLUMN_FIELDS``) of a document."""
        return self.columns().get(name, docnum)

    def hit(self, docnum: int, score: float = 0.0, snippet: str = "") -> Hit:
        return self.columns().hit(docnum, score, snippet)

    def stored(self, docnum: int) -> dict:
        return self.searcher().stored_fields(docnum)

    def open_searchers(self) -> int:
        """How many threads hold a searcher of this view (each keeps the segment files open)."""
        with self._lock:
            return len(self._opened)

    def close(self) -> None:
        """Close every thread's searcher (call when no thread still reads this view)."""
        self._closed = True
        with self._lock:
            opened, self._opened = self._opened, []
            self._threads = {}
        for searcher in opened:
            try:
                searcher.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass


def common_folder(paths: list[str]) -> str:
    """The deepest folder holding every path, or "" when there is none."""
    if not paths:
        return ""
    try:  # each folder once: 100k articles sit in a few folders
        return os.path.commonpath(list(dict.fromkeys(os.path.dirname(p) for p in paths)))
    except ValueError:  # different drives on Windows, or relative and absolute paths
        return ""


def as_view(source: Index | IndexView) -> IndexView:
    """The view to read: the given one, or a fresh view of an index (CLI, tests)."""
    return source if isinstance(source, IndexView) else IndexView(source)
