"""The thin layer between widgets and the core: the open library and the current view.

Widgets never query Whoosh or read files; they call this object and listen to
its signals. Jobs that build or change the index start through ``self.jobs``
(``reader.ui.library_jobs``) and run off the GUI thread. At start-up a current
listing snapshot is shown first and the index opened after the first paint.

Signals (what each carries):
    opened(int)            the library is listed (from its snapshot or the index); its article count
    results_changed()      the result set (query + entity filters + dates) changed: the list
    rows_ranked()          more of the current result set was ranked (the list scrolled to its end)
    panels_changed()       the result set's entities, quotes and coverage are ready
    filters_changed()      entity filters or the date range were changed (state: ``self.asked``)
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
result set, each search step on a worker — ``SearchRequests`` — and a listing
being saved) and releases it when done; a replaced view is closed when its
last hold goes.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from reader.search.articles import ArticleCache
from reader.search.generations import ViewOwner
from reader.search.listing import Listing
from reader.search.listing import load_listing
from reader.search.problems import IndexBusy
from reader.search.problems import IndexMissing
from reader.search.problems import IndexUnwritable
from reader.search.view import IndexView
from reader.ui.deferred import after_paint
from reader.search.library_reads import LibraryReads
from reader.ui.library_follow import LibraryFollower
from reader.ui.library_jobs import LibraryJobs
from reader.ui.library_upkeep import LibraryUpkeep
from reader.ui.result_answers import ResultAnswers
from reader.search.results import fill_panels
from reader.search.results import listed
from reader.search.window_query import EntityFilter
from reader.search.window_query import WindowQuery
from reader.ui.search_requests import SearchRequests
from reader.ui.tasks import Task

if TYPE_CHECKING:  # Whoosh loads when the index is opened, after the list is painted
    from whoosh.index import Index

    from reader.search.results import ResultSet


class LibraryController(LibraryReads, ResultAnswers, QObject):
    """Owns the index and the current query/filters; answers the widgets."""

    opened = Signal(int)
    results_changed = Signal()
    rows_ranked = Signal()
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
        self.result: ResultSet | None = None  # what the window shows now
        self.ready = False
        self.asked = WindowQuery()  # the query, entity filters and dates the window asks for
        self.message = ""
        self.total = 0
        self._articles = ArticleCache(on_problem=self.problem.emit)
        self._listing_due = False  # the open view's generation has no listing snapshot yet
        self._folder = ""
        self._opening = False  # between open() and the result being handled
        self._open_failed = False  # the listed library's index could not be opened (said once)
        self.requests = SearchRequests(self.views, self)  # each search carries its identity; the newest wins
        self.requests.listed.connect(self._on_listed)
        self.requests.panels_ready.connect(self._apply_panels)
        self.requests.ranked_more.connect(self._on_ranked_more)
        self.requests.failed.connect(self._search_failed)
        self.read_only = False  # another window holds this library's lock
        self.read_only_reason = ""  # or: why the lock could not be written (a full disk)
        self._closed = False  # the window closed: nothing is opened again
        self._panels_view: IndexView | None = None  # what the shown panels read (lazily), held
        self.jobs = LibraryJobs(self.location, self.index_options, lambda: self.read_only,
                                lambda: self.ready, self)
        self.jobs.started.connect(self._job_started)
        self.jobs.state_changed.connect(self.state_changed)
        self.upkeep = LibraryUpkeep(self)  # the file check and the listing snapshot
        self.upkeep.damaged.connect(self.problem)
        # following commits of other processes: only for a window, which stops it when it closes
        self.follower = LibraryFollower(self, follow)

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
        listing = None if (self.query or self.asked.filters()) else load_listing(self.location)
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
        self._present(self.requests.adopt(listed(listing), self.asked.filters()))
        self.ready = True
        self.state_changed.emit("ready")
        self.opened.emit(self.article_count())
        after_paint(self, self._ensure_view)  # the panels follow, once the index is open

    def _ensure_view(self) -> IndexView | None:
        """The open index; opens it now when the library is still listed from its snapshot."""
        if self.view is None and self.result is not None and not self._open_failed and not self._closed:
            try:
                ix = self._open_index()
            except Exception as exc:  # noqa: BLE001 - IndexProblem: shown with a Rebuild offer
                self._open_failed = True  # once: not again for every article clicked
                self.requests.settle()  # no panels will follow
                self.state_changed.emit("not available")
                self.problem.emit(exc)
                return None
            self._set_view(ix)
            result, request = self.result, self.requests.current
            if isinstance(result.source, Listing) and result.source.generation == self.view.generation:
                result.source = self.views.hold(self.view)  # the same documents, now with the index behind them
                if request is not None:  # counting 10k articles' entities waits for the first article
                    request.view = self.view
                    self.requests.panels_after_paint()
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
        self.follower.opened(self.view)
        self._open_failed = False
        self._articles.clear()  # the folder name stays until the new view's panels say otherwise
        self._listing_due = True  # until the snapshot on disk is known to be this generation's
        if isinstance(self.result.source if self.result else None, Listing):
            self._listing_due = self.result.source.generation != self.view.generation
        self.upkeep.check_files(Path(ix.storage.folder))

    def _use_index(self, ix: Index) -> None:
        self._set_view(ix)
        self._use_view()

    def _use_view(self) -> None:
        """Show a (new) generation: list it now (document numbers: rows are read when
        painted); count its panels on a worker once the list is painted, as they
        compete with the first paint for the GIL."""
        self._present(self.requests.list_now(self.view, self.query, self.asked.filters()))
        self.requests.panels_after_paint()

    # -- following other processes' commits ------------------------------------
    def follow_commits(self) -> bool:
        """Show another process's commit now, if there is one (``LibraryFollower``)."""
        return self.follower.look()

    def following(self) -> bool:
        """Whether the window is looking for other processes' commits now."""
        return self.follower.active()

    def show_commit(self, ix: Index) -> None:
        """Another process committed: list what is there now, keeping the query and filters."""
        before = self.article_count()
        self._set_view(ix)
        self._use_view()
        self.library_followed.emit(before, self.article_count())

    def close(self) -> None:
        """The window is closing: stop following and close every view (no worker reads them now)."""
        self._closed = True
        self.requests.close()
        self.follower.stop()
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

    @property
    def query(self) -> str:
        return self.asked.query

    @property
    def filters(self) -> list[EntityFilter]:
        return list(self.asked.entities)

    def set_query(self, text: str) -> None:
        self.asked.query = text
        self.request_refresh()

    def add_filter(self, key: str, name: str) -> None:
        self._filters_changed(self.asked.add_entity(key, name))

    def remove_filter(self, key: str) -> None:
        self._filters_changed(self.asked.remove_entity(key))

    def clear_filters(self) -> None:
        self._filters_changed(self.asked.clear_entities())

    def set_date_range(self, start: str, end: str) -> None:
        """Only articles published from ``start`` to ``end`` (ISO prefixes, "" for open ends)."""
        self._filters_changed(self.asked.set_dates(start, end))

    def _filters_changed(self, changed: bool) -> None:
        if changed:
            self.filters_changed.emit()
            self.request_refresh()

    def refresh(self) -> None:
        """Recompute list and panels now, on this thread (screenshots, tests)."""
        if self._ensure_view() is None:
            return
        request = self.requests.list_now(self.view, self.query, self.asked.filters(), panels_wanted=False)
        self._present(request)
        fill_panels(request.result)
        self._apply_panels(request)

    def request_refresh(self) -> None:
        """Recompute the results on a worker thread; only the newest request's answer is shown.

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
        self.requests.start(self.view, self.query, self.asked.filters())

    def rank_more(self, upto: int) -> bool:
        """Rank the current list down to ``upto`` rows on a worker (the list scrolled to its end)."""
        request = self.requests.current
        return request is not None and self.requests.rank_more(request, upto)

    def after_listed(self, context: QObject, fn: Callable[[], None]) -> None:
        """Call ``fn`` once the current list has been painted, if it is still current then."""
        self.requests.after_listed(context, fn)

    def search_pending(self) -> bool:
        """Whether the current search's list or its panels have not been shown yet."""
        return self.requests.pending()
