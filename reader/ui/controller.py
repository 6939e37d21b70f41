"""The thin layer between widgets and the core: the open library and the current view.

Widgets never query Whoosh or read files; they call this object and listen to
its signals. Jobs that build or change the index start through ``self.jobs``
(``reader.ui.library_jobs``) and run off the GUI thread. At start-up a current
listing snapshot is shown first and the index opened after the first paint.

Signals (what each carries):
    opened(int)            the library is listed (from its snapshot or the index); its article count
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
    library_followed(int, int)  another process committed and the window now shows it:
                           the article count before and after

Views: ``self.views`` (``reader.search.generations.ViewOwner``) is the one owner
of the open index views. Everything that reads a view holds it (the shown
result set, each search or panel count on a worker, a listing being saved)
and releases it when done; a replaced view is closed when its last hold goes.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from reader.search import fields as F
from reader.search.articles import EntityCount
from reader.search.articles import QuoteRow
from reader.search.articles import StoredArticle
from reader.search.articles import entity_counts
from reader.search.articles import load_article
from reader.search.generations import ViewOwner
from reader.search.hits import Hit
from reader.search.listing import Listing
from reader.search.listing import load_listing
from reader.search.listing import save_listing
from reader.search.lookup import find_entity
from reader.search.lookup import find_path
from reader.search.problems import IndexBusy
from reader.search.problems import IndexMissing
from reader.search.problems import IndexDamaged
from reader.search.problems import IndexProblem
from reader.search.problems import IndexUnwritable
from reader.search.layout import latest_generation
from reader.search.layout import toc_stamp
from reader.search.view import IndexView
from reader.search.view import StaleView
from reader.ui.deferred import after_paint
from reader.ui.library_jobs import LibraryJobs
from reader.ui.view_request import ViewRequest
from reader.search.results import Panels
from reader.search.results import ResultSet
from reader.search.results import compute_matches
from reader.search.results import fill_panels
from reader.search.results import listed
from reader.ui.tasks import Task
from reader.ui.tasks import TaskContext

if TYPE_CHECKING:  # Whoosh loads when the index is opened, after the list is painted
    from whoosh.index import Index

ARTICLE_CACHE = 20  # stored articles kept for re-reading (each holds its full record)
LONG_WORDS, LONG_QUOTES = 30_000, 500  # an article this long is read on a worker (is_long)
FOLLOW_MS = 1000  # how often the window looks for commits made by another process



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
    library_followed = Signal(int, int)

    def __init__(self, location: Path, parent: QObject | None = None,
                 index_options: dict | None = None, follow: bool = False) -> None:
        super().__init__(parent)
        self.location = Path(location)
        # extra keyword arguments for update_index (tests pass a stand-in analyzer)
        self.index_options = dict(index_options or {})
        self.views = ViewOwner()  # the open index generation every read goes through, and the old ones
        self._view_stamp: list | None = None  # the current view's table of contents on disk
        self.result: ResultSet | None = None  # what the window shows now
        self.ready = False
        self.query = ""
        self.message = ""
        self.filters: list[EntityFilter] = []
        self.total = 0
        self._articles: dict[str, StoredArticle] = {}  # the last few articles read
        self._listing_due = False  # the open view's generation has no listing snapshot yet
        self._folder = ""
        self._opening = False  # between open() and the result being handled
        self._open_failed = False  # the listed library's index could not be opened (said once)
        self._generation = 0  # numbers search requests; older answers are dropped
        self._searches = 0  # searches running on workers
        self.read_only = False  # another window holds this library's lock
        self.read_only_reason = ""  # or: why the lock could not be written (a full disk)
        self._closed = False  # the window closed: nothing is opened again
        self.jobs = LibraryJobs(self.location, self.index_options, lambda: self.read_only,
                                lambda: self.ready, self)
        self.jobs.started.connect(self._job_started)
        self.jobs.state_changed.connect(self.state_changed)
        # following commits of other processes: only for a window, which stops it when it closes
        # (a QObject with a running timer that Python's collector frees on a worker thread leaves
        # the timer behind, and its next tick crashes the GUI thread)
        self._follow_wanted = follow
        self._follow = QTimer(self)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self.follow_commits)

    @property
    def view(self) -> IndexView | None:
        """The newest open generation of the index (None until it is opened)."""
        return self.views.current

    # -- opening and rebuilding ------------------------------------------------
    def open(self) -> Task | None:
        """Open the library; the first use builds it from the seeds in the background.

        With a current listing snapshot the library is listed first and the
        index opened after that list is painted; otherwise opening an existing
        index takes a moment and happens here, on the GUI thread (imports in
        worker threads are best avoided under PySide). Results arrive through
        the signals either way, after the caller has connected to them.
        """
        self._opening = True
        listing = None if (self.query or self.filters) else load_listing(self.location)
        if listing is not None:
            QTimer.singleShot(0, self, lambda: self._show_listing(listing))
            return None
        try:
            ix = self._open_index()
        except IndexMissing:
            if self.read_only:  # the window holding the lock is building it
                busy = IndexUnwritable(self.read_only_reason) if self.read_only_reason else IndexBusy(
                    "Another Parallax window is building this library; open it again when that has finished.")
                QTimer.singleShot(0, self, lambda: self._task_failed(busy))
                return None
            return self.jobs.build_if_missing()
        except Exception as exc:  # noqa: BLE001 - IndexProblem: a dialog offers Rebuild
            QTimer.singleShot(0, self, lambda problem=exc: self._task_failed(problem))
            return None
        QTimer.singleShot(0, self, lambda: self._task_finished(None, ix))
        return None

    @Slot(object)
    def _job_started(self, task: Task) -> None:
        task.finished.connect(self._task_finished)
        task.failed.connect(self._task_failed)
        self.task_started.emit(task)  # the status bar shows its progress

    def _open_index(self) -> Index:
        from reader.search.store import open_index  # imports Whoosh

        return open_index(self.location)

    def _show_listing(self, listing: Listing) -> None:
        """List the library from its snapshot; the index opens once that is painted."""
        self._opening = False
        self._folder = listing.folder
        self._show(listed(listing))
        self.ready = True
        self.state_changed.emit("ready")
        self.opened.emit(self.article_count())
        self._searches += 1  # the panels follow, once the index is open
        after_paint(self, self._open_listed_index)

    def _open_listed_index(self) -> None:
        self._searches = max(0, self._searches - 1)
        self._ensure_view()

    def _ensure_view(self) -> IndexView | None:
        """The open index; opens it now when the library is still listed from its snapshot."""
        if self.view is None and self.result is not None and not self._open_failed and not self._closed:
            try:
                ix = self._open_index()
            except Exception as exc:  # noqa: BLE001 - IndexProblem: shown with a Rebuild offer
                self._open_failed = True  # once: not again for every article clicked
                self._searches = 0  # no panels will follow
                self.state_changed.emit("not available")
                self.problem.emit(exc)
                return None
            self._set_view(ix)
            result = self.result
            if isinstance(result.source, Listing) and result.source.generation == self.view.generation:
                result.source = self.views.hold(self.view)  # the same documents, now with the index behind them
                self._searches += 1  # counting 10k articles' entities waits for the first article
                after_paint(self, lambda: self._request_panels(result, counted=True))
            else:  # another process committed since the snapshot: list what is there now
                self._use_view()
        return self.view

    @Slot(object)
    def _task_finished(self, report, ix: Index | None = None) -> None:
        name = self.jobs.task.name if self.jobs.task is not None else ""
        self.jobs.task = None
        self._opening = False
        if self._closed:  # the window closed while the job ran: nothing is opened again
            return
        try:
            self._use_index(ix or self._open_index())
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
        self.jobs.task = None
        self._opening = False
        self.state_changed.emit("not available" if self.view is None else "ready")
        if self.jobs.is_cancellation(exc):
            if self.ready:  # a stopped job may have committed part of its work: show it
                self._reload()
            self.cancelled.emit()
            return
        self.problem.emit(exc)

    def _reload(self) -> None:
        if self._closed:
            return
        try:
            self._use_index(self._open_index())
        except Exception as exc:  # noqa: BLE001 - shown with a Rebuild offer
            self.problem.emit(exc)

    def _set_view(self, ix: Index) -> None:
        self.views.replace(IndexView(ix))  # the old view closes when its last reader lets go
        self._view_stamp = toc_stamp(self.location, self.view.generation)
        self._open_failed = False
        if self._follow_wanted and not self._closed and not self._follow.isActive():
            self._follow.start()
        self._articles.clear()  # the folder name stays until the new view's panels say otherwise
        self._listing_due = True  # until the snapshot on disk is known to be this generation's
        if isinstance(self.result.source if self.result else None, Listing):
            self._listing_due = self.result.source.generation != self.view.generation
        self._check_files(ix)

    def _check_files(self, ix: Index) -> None:
        """Read every file of the index once, on a worker, against its manifest: damage that
        decodes without an error (a flipped letter in a title) is found too, and said once."""
        from reader.search.integrity import check  # each file is read once per process

        folder = ix.storage.folder
        task = Task("Checking the library", lambda _ctx: check(Path(folder), deep=True))
        task.finished.connect(self._files_checked)
        task.start()

    @Slot(object)
    def _files_checked(self, problem: str | None) -> None:
        if problem:
            self.problem.emit(IndexDamaged(problem))

    def _use_index(self, ix: Index) -> None:
        self._set_view(ix)
        self._use_view()

    def _use_view(self) -> None:
        """Show a (new) generation: list it now, fill the panels after the list is painted.

        Listing is cheap (document numbers; rows are read when painted), so the
        window shows the library at once; counting entities over 10k articles
        follows on a worker.
        """
        result = self._show(compute_matches(self.view, self.query, [f.key for f in self.filters]))
        # after the list has been painted: counting entities on a worker competes
        # with the first paint for the GIL
        self._searches += 1
        after_paint(self, lambda: self._request_panels(result, counted=True))

    def _show(self, result: ResultSet) -> ResultSet:
        """List a result computed here, on the GUI thread, as the newest answer."""
        self._generation += 1
        result.generation = self._generation
        self._apply(result)
        return result

    # -- following other processes' commits ------------------------------------
    def follow_commits(self) -> bool:
        """If another process committed to the index, show what is there now (keeping the
        query, the filters and, in the window, the selection and the open article).

        Called every ``FOLLOW_MS`` while a view is open; cheap when nothing changed
        (one directory listing). True when the window was reloaded.
        """
        if not self.ready or self.view is None or self._opening or self._searches:
            return False
        generation = latest_generation(self.location)
        if generation is None:
            return False  # a rebuild is swapping folders: look again next time
        if generation == self.view.generation and toc_stamp(self.location, generation) == self._view_stamp:
            return False
        before = self.article_count()
        try:
            self._set_view(self._open_index())
        except Exception:  # noqa: BLE001 - mid-swap or busy: the next look will see it
            return False
        self._use_view()
        self.library_followed.emit(before, self.article_count())
        return True

    def following(self) -> bool:
        """Whether the window is looking for other processes' commits now."""
        return self._follow.isActive()

    def close(self) -> None:
        """The window is closing: stop following and close every view (no worker reads them now)."""
        self._closed = True
        self._follow.stop()
        self.result = None
        self.views.close_all()

    def busy(self) -> bool:
        return self.jobs.busy()

    def busy_or_pending(self) -> bool:
        """True until a started task's result has been handled on the GUI thread."""
        return self.jobs.task is not None or self._opening

    # -- query and filters -----------------------------------------------------
    def article_count(self) -> int:
        source = self.view or (self.result.source if self.result is not None else None)
        return source.doc_count() if source is not None else 0

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
        if self._ensure_view() is None:
            return
        result = self._show(compute_matches(self.view, self.query, [f.key for f in self.filters]))
        self._apply_panels(fill_panels(result))

    def request_refresh(self) -> None:
        """Recompute the results on a worker thread; only the newest answer is shown.

        The list comes first; the panels (entities, quotes, coverage) follow in a
        second step, so a new query is listed before 10k articles are counted.
        """
        if self._closed or self._ensure_view() is None:
            return
        if not self.view.is_current():  # another writer committed: search what is there now
            try:
                self._set_view(self._open_index())
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

        self._run_search(work, lambda result: self._apply(result, from_worker=True), view)

    def _run_search(self, work, done, view: IndexView | None) -> None:
        task = Task("Searching", work, nice=0)
        request = ViewRequest(self.views, view, done, self._search_failed, self)
        task.finished.connect(request.finished)
        task.failed.connect(request.failed)
        self._searches += 1
        task.start()

    def _request_panels(self, result: ResultSet, counted: bool = False) -> None:
        self._searches -= counted  # already counted as pending when it was scheduled
        self._run_search(lambda _ctx: fill_panels(result),
                         lambda filled: self._apply_panels(filled, from_worker=True), result.view)

    def search_pending(self) -> bool:
        """Whether a requested search or its panels have not been shown yet."""
        return self._searches > 0

    def _search_failed(self, exc: BaseException) -> None:
        self._searches = max(0, self._searches - 1)
        if isinstance(exc, StaleView):  # another writer changed the index: show its new state
            self._reload()
            return
        if isinstance(exc, IndexProblem):  # damaged since it was opened: a dialog offers Rebuild
            self.problem.emit(exc)
        self.message = str(exc) if isinstance(exc, IndexProblem) else f"The search failed: {exc}"
        self.results_changed.emit()

    def _apply(self, result: ResultSet, from_worker: bool = False) -> None:
        if from_worker:
            self._searches = max(0, self._searches - 1)
        if result.generation != self._generation or result.source is not (self.view or result.source):
            return  # a newer request is on its way
        previous = self.result
        if previous is not result:
            self.views.hold(result.view)  # until another result replaces it in the list
        self.result = result
        self.message = result.message
        self.total = result.total
        self.results_changed.emit()  # the list now paints the new result's rows
        if previous is not None and previous is not result:
            self.views.release(previous.view)
        if from_worker:
            self._request_panels(result)

    def _apply_panels(self, result: ResultSet, from_worker: bool = False) -> None:
        if from_worker:
            self._searches = max(0, self._searches - 1)
        if result is not self.result:
            return
        self._folder = result.panels.folder
        self.panels_changed.emit()
        if self._listing_due and not (result.query.strip() or result.entity_keys):
            self._save_listing(result.view)

    def _save_listing(self, view: IndexView) -> None:
        """Snapshot this generation's list for the next start (on a worker, best effort)."""
        self._listing_due = False
        location = self.location

        def work(_ctx: TaskContext) -> bool:
            return save_listing(location, view)

        task = Task("Saving the listing", work)
        request = ViewRequest(self.views, view, lambda _saved: None, lambda _exc: None, self)
        task.finished.connect(request.finished)
        task.failed.connect(request.failed)
        task.start()

    def result_paths(self) -> list[str]:
        return self.result.paths() if self.result is not None else []

    def hit(self, path: str) -> Hit | None:
        """The listed row of an article (None when it is not in the result set)."""
        docnum = self.docnum(path)
        if docnum is None or self.result is None:
            return None
        return self.result.hit(docnum)

    def docnum(self, path: str) -> int | None:
        source = self.result.source if self.result is not None else self.view
        return source.docnum(path) if source is not None else None

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
        if self._ensure_view() is None:
            return None
        docnum = self.view.docnum(path)
        return self.view.stored(docnum).get(F.SHA) if docnum is not None else None

    # -- articles, entities, quotes ----------------------------------------------
    def article(self, path: str) -> StoredArticle | None:
        if self._ensure_view() is None:
            return None
        art = self._articles.get(path)
        if art is None:
            try:
                art = load_article(self.view, path)
            except IndexProblem as exc:  # damaged since it was opened: a dialog offers Rebuild
                self.problem.emit(exc)
                return None
            if art is None:
                return None
            self._articles[path] = art
            while len(self._articles) > ARTICLE_CACHE:
                self._articles.pop(next(iter(self._articles)))
        return art

    def is_long(self, path: str) -> bool:
        """Whether reading ``path`` takes long enough to do it on a worker (``reader_of``):
        unpacking a 5 MB article and its record takes about 0.1 s."""
        if path in self._articles or self._ensure_view() is None:
            return False
        try:
            docnum = self.view.docnum(path)
            if docnum is None:
                return False
            words = self.view.searcher().doc_field_length(docnum, F.BODY) or 0
            return words > LONG_WORDS or int(self.view.value(F.QUOTE_COUNT, docnum) or 0) > LONG_QUOTES
        except IndexProblem:
            return False  # ``article`` says so

    def reader_of(self, path: str) -> Callable[[], StoredArticle | None]:
        """``article(path)`` for a worker thread: it reads through the open view, caching nothing."""
        view = self.view
        return lambda: load_article(view, path)

    def entities(self) -> list[EntityCount]:
        """Entities of the current result set, most mentioned first."""
        return list(self._panels().entities)

    def all_entities(self) -> list[EntityCount]:
        return entity_counts(self.view) if self._ensure_view() is not None else []

    def quotes(self) -> list[QuoteRow]:
        """Statements (direct, mixed, indirect) of the result set's best articles, in rank order."""
        return list(self._panels().quotes)

    def find_path(self, name: str) -> str | None:
        """An indexed article by path or file name (``--open``)."""
        return find_path(self.view, name) if self._ensure_view() is not None else None

    def find_entity(self, name: str) -> EntityCount | None:
        """An entity by display name (case-insensitive) or ``type:name`` key (``--entity``)."""
        return find_entity(self.all_entities(), name)
