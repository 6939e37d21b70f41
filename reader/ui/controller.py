"""The thin layer between widgets and the core: the open library and the current view.

Widgets never query Whoosh or read files; they call this object and listen to
its signals. Index building runs through ``reader.ui.tasks`` off the GUI thread.

Signals (what each carries):
    opened(int)            the library is open; its article count
    results_changed()      the result set (query + entity filters) changed
    filters_changed()      entity filters were added or removed
    task_started(object)   a background Task began (status bar shows progress)
    state_changed(str)     index state for the status bar ("ready", "building…")
    problem(object)        an IndexProblem or other failure, for a dialog
    cancelled()            a background job was cancelled before it finished
    job_done(str, object)  a library-changing job ended: its name and result (an
                           UpdateReport for add/rescan, a count for remove/relabel),
                           sent after the library was reloaded
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from whoosh.index import Index

from reader.paths import seeds_dir
from reader.search import fields as F
from reader.search.articles import EntityCount
from reader.search.articles import StoredArticle
from reader.search.articles import article_count
from reader.search.articles import entity_counts
from reader.search.articles import load_article
from reader.search.articles import load_articles
from reader.search.indexer import update_index
from reader.search.query import Hit
from reader.search.query import search
from reader.search.store import IndexBusy
from reader.search.store import IndexMissing
from reader.search.store import open_index
from reader.ui.article_html import is_speech
from reader.ui.jobs import JobCancelled
from reader.ui.jobs import add_job
from reader.ui.jobs import build_if_missing
from reader.ui.jobs import call_in_process
from reader.ui.jobs import relabel_job
from reader.ui.jobs import remove_job
from reader.ui.jobs import rescan_job
from reader.ui.quotes_model import QuoteRow
from reader.ui.results import QUOTE_ARTICLE_LIMIT
from reader.ui.results import ResultSet
from reader.ui.results import compute_results
from reader.ui.tasks import Task
from reader.ui.tasks import TaskContext



@dataclass(frozen=True)
class EntityFilter:
    key: str
    name: str


class LibraryController(QObject):
    """Owns the index and the current query/filters; answers the widgets."""

    opened = Signal(int)
    results_changed = Signal()
    filters_changed = Signal()
    task_started = Signal(object)
    state_changed = Signal(str)
    problem = Signal(object)
    cancelled = Signal()
    job_done = Signal(str, object)

    def __init__(self, location: Path, parent: QObject | None = None,
                 index_options: dict | None = None) -> None:
        super().__init__(parent)
        self.location = Path(location)
        # extra keyword arguments for update_index (tests pass a stand-in analyzer)
        self.index_options = dict(index_options or {})
        self.ix: Index | None = None
        self.ready = False
        self.query = ""
        self.message = ""
        self.filters: list[EntityFilter] = []
        self.total = 0
        self._paths: list[str] = []
        self._hits: dict[str, Hit] = {}
        self._articles: dict[str, StoredArticle] = {}
        self._task: Task | None = None
        self._opening = False  # between open() and the result being handled
        self._entities: list[EntityCount] = []
        self._generation = 0  # numbers search requests; older answers are dropped
        self._searches = 0  # searches running on workers
        self.read_only = False  # another window holds this library's lock

    # -- opening and rebuilding ------------------------------------------------
    def open(self) -> Task | None:
        """Open the library; the first use builds it from the seeds in the background.

        Opening an existing index takes milliseconds and happens here, on the GUI
        thread (Whoosh imports lazily, and imports in worker threads are best
        avoided under PySide). Results arrive through the signals either way,
        after the caller has connected to them.
        """
        self._opening = True
        try:
            open_index(self.location)
        except IndexMissing:
            if self.read_only:  # the window holding the lock is building it
                busy = IndexBusy("Another Parallax window is building this library; "
                                 "open it again when that has finished.")
                QTimer.singleShot(0, lambda: self._task_failed(busy))
                return None
            location = self.location

            def work(ctx: TaskContext):
                return call_in_process(build_if_missing, location, progress=ctx.progress,
                                       cancelled=ctx.cancelled)

            self.state_changed.emit("building from the seed articles…")
            return self._start("Building library", work)
        except Exception as exc:  # noqa: BLE001 - IndexProblem: a dialog offers Rebuild
            QTimer.singleShot(0, lambda problem=exc: self._task_failed(problem))
            return None
        QTimer.singleShot(0, lambda: self._task_finished(None))
        return None

    def rebuild(self, sources: list[Path] | None = None) -> Task | None:
        """Re-index everything from scratch in the background (swap-in when done)."""
        if self.read_only or (self._task is not None and not self._task.done):
            return None
        location, paths = self.location, sources or [seeds_dir()]
        options = self.index_options

        def work(ctx: TaskContext):
            return call_in_process(update_index, location, paths, full=True,
                                   progress=lambda d, t, f: ctx.progress(d, t, Path(f).name if f else ""),
                                   cancelled=ctx.cancelled, **options)

        self.state_changed.emit("rebuilding…")
        return self._start("Rebuilding index", work)

    # -- changing the library (each in a spawned process, one job at a time) -------
    def add_paths(self, paths: list[Path]) -> Task | None:
        """Add files and folders (recursively); the user's files are only read."""
        return self._start_write("Adding articles", add_job, [Path(p) for p in paths],
                                 self.index_options)

    def remove_paths(self, paths: list[str]) -> Task | None:
        """Remove articles from the library; their files stay on disk."""
        return self._start_write("Removing articles", remove_job, [str(p) for p in paths])

    def rescan(self) -> Task | None:
        """Re-read the files that changed since they were added."""
        return self._start_write("Rescanning files", rescan_job)

    def relabel(self, paths: list[str] | None = None) -> Task | None:
        """Re-resolve outlet and bias of stored articles after a label change."""
        return self._start_write("Updating labels", relabel_job, paths)

    def _start_write(self, name: str, job, *args) -> Task | None:
        """Run ``job(location, *args)`` in a spawned process, unless read-only or busy."""
        if self.read_only or not self.ready or self.busy():
            return None
        location = self.location
        self.state_changed.emit(f"busy: {name.lower()}…")
        return self._start(name, lambda ctx: call_in_process(
            job, location, *args, progress=ctx.progress, cancelled=ctx.cancelled))

    def _start(self, name: str, work) -> Task:
        task = Task(name, work)
        task.finished.connect(self._task_finished)
        task.failed.connect(self._task_failed)
        self._task = task
        self.task_started.emit(task)  # listeners connect before the work starts
        task.start()
        return task

    @Slot(object)
    def _task_finished(self, report) -> None:
        name = self._task.name if self._task is not None else ""
        self._task = None
        self._opening = False
        try:
            self.ix = open_index(self.location)
        except Exception as exc:  # noqa: BLE001 - IndexProblem: shown with a Rebuild offer
            self._task_failed(exc)
            return
        self._articles.clear()
        self.ready = True
        self.refresh()
        self.state_changed.emit("ready")
        self.opened.emit(self.article_count())
        if name:
            self.job_done.emit(name, report)

    @Slot(object)
    def _task_failed(self, exc: BaseException) -> None:
        self._task = None
        self._opening = False
        self.state_changed.emit("not available" if self.ix is None else "ready")
        if isinstance(exc, JobCancelled):
            if self.ready:  # a stopped job may have committed part of its work: show it
                self._reload()
            self.cancelled.emit()
            return
        self.problem.emit(exc)

    def _reload(self) -> None:
        try:
            self.ix = open_index(self.location)
        except Exception as exc:  # noqa: BLE001 - shown with a Rebuild offer
            self.problem.emit(exc)
            return
        self._articles.clear()
        self.refresh()

    def busy(self) -> bool:
        return self._task is not None and not self._task.done

    def busy_or_pending(self) -> bool:
        """True until a started task's result has been handled on the GUI thread."""
        return self._task is not None or self._opening

    # -- query and filters -----------------------------------------------------
    def article_count(self) -> int:
        return article_count(self.ix) if self.ix is not None else 0

    def set_query(self, text: str) -> None:
        self.query = text
        self.request_refresh()

    def add_filter(self, key: str, name: str) -> None:
        if any(f.key == key for f in self.filters):
            return
        self.filters.append(EntityFilter(key, name))
        self.filters_changed.emit()
        self.request_refresh()

    def remove_filter(self, key: str) -> None:
        self.filters = [f for f in self.filters if f.key != key]
        self.filters_changed.emit()
        self.request_refresh()

    def clear_filters(self) -> None:
        if self.filters:
            self.filters = []
            self.filters_changed.emit()
            self.request_refresh()

    def refresh(self) -> None:
        """Recompute the results now, on this thread (first opening, tests)."""
        if self.ix is None:
            return
        self._generation += 1
        result = compute_results(self.ix, self.query, [f.key for f in self.filters], set(self._articles))
        result.generation = self._generation
        self._apply(result)

    def request_refresh(self) -> None:
        """Recompute the results on a worker thread; only the newest answer is shown.

        Searching 10k articles with snippets takes a second or more of pure Python,
        so typing must not wait for it.
        """
        if self.ix is None:
            return
        self._generation += 1
        generation, ix, query = self._generation, self.ix, self.query
        keys, known = [f.key for f in self.filters], set(self._articles)

        def work(_ctx: TaskContext) -> ResultSet:
            result = compute_results(ix, query, keys, known)
            result.generation = generation
            return result

        task = Task("Searching", work, nice=0)
        task.finished.connect(self._apply)
        task.failed.connect(self._search_failed)
        self._searches += 1
        task.start()

    def search_pending(self) -> bool:
        """Whether a requested search has not been shown yet."""
        return self._searches > 0

    @Slot(object)
    def _search_failed(self, exc: BaseException) -> None:
        self._searches = max(0, self._searches - 1)
        self.message = f"The search failed: {exc}"
        self.results_changed.emit()

    @Slot(object)
    def _apply(self, result: ResultSet) -> None:
        if self.sender() is not None:  # an answer from a worker
            self._searches = max(0, self._searches - 1)
        if result.generation != self._generation:
            return  # a newer request is on its way
        self.message = result.message
        self.total = result.total
        self._hits = result.hits
        self._paths = result.paths
        self._entities = result.entities
        for art in result.articles:
            self._articles.setdefault(art.path, art)
        self.results_changed.emit()

    def all_paths(self) -> list[str]:
        """Every article in the library (for the corpus name)."""
        if self.ix is None:
            return []
        return [h.path for h in search(self.ix, "", limit=None, snippets=False).hits]

    def result_paths(self) -> list[str]:
        return list(self._paths)

    def hit(self, path: str) -> Hit | None:
        return self._hits.get(path)

    def result_outlets(self) -> list[tuple[str, str]]:
        """(outlet name, bias token) of every article in the result set (coverage bar)."""
        return [(h.outlet, h.bias) for h in (self._hits.get(p) for p in self._paths) if h is not None]

    def article_sha(self, path: str) -> str | None:
        """The stored content hash of an article: its id for outlet assignments."""
        if self.ix is None:
            return None
        with self.ix.searcher() as s:
            stored = s.document(**{F.PATH: path})
        return stored.get(F.SHA) if stored else None

    # -- articles, entities, quotes ----------------------------------------------
    def article(self, path: str) -> StoredArticle | None:
        if self.ix is None:
            return None
        if path not in self._articles:
            art = load_article(self.ix, path)
            if art is None:
                return None
            self._articles[path] = art
        return self._articles[path]

    def entities(self) -> list[EntityCount]:
        """Entities of the current result set, most mentioned first."""
        return list(self._entities)

    def all_entities(self) -> list[EntityCount]:
        return entity_counts(self.ix) if self.ix is not None else []

    def quotes(self) -> list[QuoteRow]:
        """Direct and partial quotes of the result set's best articles, in rank order."""
        if self.ix is None:
            return []
        paths = self._paths[:QUOTE_ARTICLE_LIMIT]
        missing = [p for p in paths if p not in self._articles]
        if missing:
            for art in load_articles(self.ix, missing):
                self._articles[art.path] = art
        rows: list[QuoteRow] = []
        for path in paths:
            art = self._articles.get(path)
            if art is None:
                continue
            for i, q in enumerate(art.record.quotes):
                if is_speech(q):
                    rows.append(QuoteRow(q.speaker or "unknown speaker", q.text, art.outlet or "",
                                         art.title, art.path, i, q.cue or "", q.confidence))
        return rows

    def find_path(self, name: str) -> str | None:
        """An indexed article by path or file name (``--open``)."""
        if self.ix is None:
            return None
        wanted = str(Path(name).expanduser().resolve()) if Path(name).exists() else None
        search_all = search(self.ix, "", limit=None, snippets=False).hits
        for h in search_all:
            if h.path == name or h.path == wanted:
                return h.path
        for h in search_all:
            if Path(h.path).name == Path(name).name:
                return h.path
        return None

    def find_entity(self, name: str) -> EntityCount | None:
        """An entity by display name (case-insensitive) or ``type:name`` key."""
        lowered = name.strip().lower()
        ents = self.all_entities()
        for e in ents:
            if e.key == lowered:
                return e
        for e in ents:
            if e.name.lower() == lowered:
                return e
        return None
