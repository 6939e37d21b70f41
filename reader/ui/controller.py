"""The thin layer between widgets and the core: the open library and the current view.

Widgets never query Whoosh or read files; they call this object and listen to
its signals. Index building runs through ``reader.ui.tasks`` off the GUI thread.

Signals (what each carries):
    opened(int)            the library is open; its article count
    results_changed()      the result set (query + entity filters) changed: the list
    panels_changed()       the result set's entities, quotes and coverage are ready
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
from reader.search.articles import QuoteRow
from reader.search.articles import StoredArticle
from reader.search.articles import entity_counts
from reader.search.articles import load_article
from reader.search.lookup import find_entity
from reader.search.lookup import find_path
from reader.search.query import Hit
from reader.search.store import IndexBusy
from reader.search.store import IndexMissing
from reader.search.store import open_index
from reader.search.view import IndexView
from reader.search.view import StaleView
from reader.ui.jobs import JobCancelled
from reader.ui.jobs import add_job
from reader.ui.jobs import build_if_missing
from reader.ui.jobs import call_in_process
from reader.ui.jobs import rebuild_job
from reader.ui.jobs import relabel_job
from reader.ui.jobs import remove_job
from reader.ui.jobs import rescan_job
from reader.ui.results import Panels
from reader.ui.results import ResultSet
from reader.ui.results import compute_matches
from reader.ui.results import fill_panels
from reader.ui.tasks import Task
from reader.ui.tasks import TaskContext

ARTICLE_CACHE = 20  # stored articles kept for re-reading (each holds its full record)



@dataclass(frozen=True)
class EntityFilter:
    key: str
    name: str


class LibraryController(QObject):
    """Owns the index and the current query/filters; answers the widgets."""

    opened = Signal(int)
    results_changed = Signal()
    panels_changed = Signal()
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
        self.view: IndexView | None = None  # the open index generation every read goes through
        self.result: ResultSet | None = None  # what the window shows now
        self.ready = False
        self.query = ""
        self.message = ""
        self.filters: list[EntityFilter] = []
        self.total = 0
        self._articles: dict[str, StoredArticle] = {}  # the last few articles read
        self._folder = ""
        self._task: Task | None = None
        self._opening = False  # between open() and the result being handled
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
            ix = open_index(self.location)
        except IndexMissing:
            if self.read_only:  # the window holding the lock is building it
                busy = IndexBusy("Another Parallax window is building this library; "
                                 "open it again when that has finished.")
                QTimer.singleShot(0, self, lambda: self._task_failed(busy))
                return None
            location = self.location

            def work(ctx: TaskContext):
                return call_in_process(build_if_missing, location, progress=ctx.progress,
                                       cancelled=ctx.cancelled)

            self.state_changed.emit("building from the seed articles…")
            return self._start("Building library", work)
        except Exception as exc:  # noqa: BLE001 - IndexProblem: a dialog offers Rebuild
            QTimer.singleShot(0, self, lambda problem=exc: self._task_failed(problem))
            return None
        QTimer.singleShot(0, self, lambda: self._task_finished(None, ix))
        return None

    def rebuild(self, sources: list[Path] | None = None) -> Task | None:
        """Re-index everything from scratch in the background (swap-in when done)."""
        if self.read_only or (self._task is not None and not self._task.done):
            return None
        location, paths = self.location, sources or [seeds_dir()]
        options = self.index_options

        def work(ctx: TaskContext):
            return call_in_process(rebuild_job, location, paths, options,
                                   progress=lambda d, t, f: ctx.progress(d, t, Path(f).name if f else ""),
                                   cancelled=ctx.cancelled)

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
    def _task_finished(self, report, ix: Index | None = None) -> None:
        name = self._task.name if self._task is not None else ""
        self._task = None
        self._opening = False
        try:
            self._use_index(ix or open_index(self.location))
        except Exception as exc:  # noqa: BLE001 - IndexProblem: shown with a Rebuild offer
            self._task_failed(exc)
            return
        self.ready = True
        self.state_changed.emit("ready")
        self.opened.emit(self.article_count())
        if name:
            self.job_done.emit(name, report)

    @Slot(object)
    def _task_failed(self, exc: BaseException) -> None:
        self._task = None
        self._opening = False
        self.state_changed.emit("not available" if self.view is None else "ready")
        if isinstance(exc, JobCancelled):
            if self.ready:  # a stopped job may have committed part of its work: show it
                self._reload()
            self.cancelled.emit()
            return
        self.problem.emit(exc)

    def _reload(self) -> None:
        try:
            self._use_index(open_index(self.location))
        except Exception as exc:  # noqa: BLE001 - shown with a Rebuild offer
            self.problem.emit(exc)

    def _set_view(self, ix: Index) -> None:
        self.view = IndexView(ix)  # the old view closes when the last reader drops it
        self._articles.clear()  # the folder name stays until the new view's panels say otherwise

    def _use_index(self, ix: Index) -> None:
        """Show a (new) generation: list it now, fill the panels in the background.

        Listing is cheap (document numbers; rows are read when painted), so the
        window shows the library at once; counting entities over 10k articles
        follows on a worker.
        """
        self._set_view(ix)
        self._generation += 1
        result = compute_matches(self.view, self.query, [f.key for f in self.filters])
        result.generation = self._generation
        self._apply(result)
        # after the list has been painted: counting entities on a worker competes
        # with the first paint for the GIL
        self._searches += 1
        QTimer.singleShot(0, self, lambda: self._request_panels(result, counted=True))

    def busy(self) -> bool:
        return self._task is not None and not self._task.done

    def busy_or_pending(self) -> bool:
        """True until a started task's result has been handled on the GUI thread."""
        return self._task is not None or self._opening

    # -- query and filters -----------------------------------------------------
    def article_count(self) -> int:
        return self.view.doc_count() if self.view is not None else 0

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
        """Recompute list and panels now, on this thread (screenshots, tests)."""
        if self.view is None:
            return
        self._generation += 1
        result = compute_matches(self.view, self.query, [f.key for f in self.filters])
        result.generation = self._generation
        self._apply(result)
        self._apply_panels(fill_panels(result))

    def request_refresh(self) -> None:
        """Recompute the results on a worker thread; only the newest answer is shown.

        The list comes first; the panels (entities, quotes, coverage) follow in a
        second step, so a new query is listed before 10k articles are counted.
        """
        if self.view is None:
            return
        if not self.view.is_current():  # another writer committed: search what is there now
            try:
                self._set_view(open_index(self.location))
            except Exception as exc:  # noqa: BLE001 - shown with a Rebuild offer
                self.problem.emit(exc)
                return
        self._generation += 1
        generation, view, query = self._generation, self.view, self.query
        keys = [f.key for f in self.filters]

        def work(_ctx: TaskContext) -> ResultSet:
            result = compute_matches(view, query, keys)
            result.generation = generation
            return result

        self._run_search(work, self._apply)

    def _run_search(self, work, done) -> None:
        task = Task("Searching", work, nice=0)
        task.finished.connect(done)
        task.failed.connect(self._search_failed)
        self._searches += 1
        task.start()

    def _request_panels(self, result: ResultSet, counted: bool = False) -> None:
        self._searches -= counted  # already counted as pending when it was scheduled
        self._run_search(lambda _ctx: fill_panels(result), self._apply_panels)

    def search_pending(self) -> bool:
        """Whether a requested search or its panels have not been shown yet."""
        return self._searches > 0

    @Slot(object)
    def _search_failed(self, exc: BaseException) -> None:
        self._searches = max(0, self._searches - 1)
        if isinstance(exc, StaleView):  # another writer changed the index: show its new state
            self._reload()
            return
        self.message = f"The search failed: {exc}"
        self.results_changed.emit()

    @Slot(object)
    def _apply(self, result: ResultSet) -> None:
        if self.sender() is not None:  # an answer from a worker
            self._searches = max(0, self._searches - 1)
        if result.generation != self._generation or result.view is not self.view:
            return  # a newer request is on its way
        self.result = result
        self.message = result.message
        self.total = result.total
        self.results_changed.emit()
        if self.sender() is not None:
            self._request_panels(result)

    @Slot(object)
    def _apply_panels(self, result: ResultSet) -> None:
        if self.sender() is not None:
            self._searches = max(0, self._searches - 1)
        if result is not self.result:
            return
        self._folder = result.panels.folder
        self.panels_changed.emit()

    def result_paths(self) -> list[str]:
        return self.result.paths() if self.result is not None else []

    def hit(self, path: str) -> Hit | None:
        """The listed row of an article (None when it is not in the result set)."""
        docnum = self.docnum(path)
        if docnum is None or self.result is None:
            return None
        return self.result.hit(docnum)

    def docnum(self, path: str) -> int | None:
        return self.view.docnum(path) if self.view is not None else None

    def result_outlets(self) -> list[tuple[str, str]]:
        """(outlet name, bias token) of every article in the result set (coverage bar)."""
        return list(self._panels().outlets)

    def _panels(self) -> Panels:
        """The current result set's panels (empty until they are filled)."""
        panels = self.result.panels if self.result is not None else None
        return panels if panels is not None else Panels()

    def library_folder(self) -> str:
        """The folder all articles share, known once the panels were filled."""
        return self._folder

    def article_sha(self, path: str) -> str | None:
        """The stored content hash of an article: its id for outlet assignments."""
        docnum = self.docnum(path)
        return self.view.stored(docnum).get(F.SHA) if docnum is not None else None

    # -- articles, entities, quotes ----------------------------------------------
    def article(self, path: str) -> StoredArticle | None:
        if self.view is None:
            return None
        art = self._articles.get(path)
        if art is None:
            art = load_article(self.view, path)
            if art is None:
                return None
            self._articles[path] = art
            while len(self._articles) > ARTICLE_CACHE:
                self._articles.pop(next(iter(self._articles)))
        return art

    def entities(self) -> list[EntityCount]:
        """Entities of the current result set, most mentioned first."""
        return list(self._panels().entities)

    def all_entities(self) -> list[EntityCount]:
        return entity_counts(self.view) if self.view is not None else []

    def quotes(self) -> list[QuoteRow]:
        """Direct and partial quotes of the result set's best articles, in rank order."""
        return list(self._panels().quotes)

    def find_path(self, name: str) -> str | None:
        """An indexed article by path or file name (``--open``)."""
        return find_path(self.view, name) if self.view is not None else None

    def find_entity(self, name: str) -> EntityCount | None:
        """An entity by display name (case-insensitive) or ``type:name`` key (``--entity``)."""
        return find_entity(self.all_entities(), name)
