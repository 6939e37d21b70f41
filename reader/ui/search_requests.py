"""The window's searches: each request carries its own identity, and only the newest is shown.

A keystroke starts a search on a worker; the next keystroke supersedes it.
The superseded request's budget is cancelled (its search stops at its next
check and returns at once) and its answers, should any still arrive, are
dropped because they name a request that is no longer the current one: no
counter shared across call sites, no ``sender()``. The same holds for the
request's second step (the panels) and for ranking more rows as the list
scrolls. Answers arrive on the GUI thread as ``(request, value)`` pairs.

Each step holds the index view it reads through the controller's
``ViewOwner`` while it runs, and lets go after its answer was delivered (so a
shown result takes its own hold first): a view replaced meanwhile is closed
then, not while a worker still reads it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot

from reader.search.bounds import Budget
from reader.search.filters import Filters
from reader.search.generations import ViewOwner
from reader.search.results import ResultSet
from reader.search.results import compute_matches
from reader.search.results import fill_panels
from reader.search.view import IndexView
from reader.ui.deferred import after_paint
from reader.ui.tasks import Task

MORE_ROWS = 200  # rows ranked per scroll to the end of the list


class Step(Enum):
    LIST = "list"
    PANELS = "panels"
    MORE = "more"


@dataclass(eq=False)
class SearchRequest:
    """One asked-for answer: a query and filters on one view; compared by identity."""

    view: IndexView | None
    query: str
    filters: Filters
    budget: Budget = field(default_factory=Budget)
    result: ResultSet | None = None  # the list, once it has been shown
    panels_wanted: bool = True
    panels_done: bool = False
    ranking_more: bool = False
    at_once: bool = False  # everything shown on the calling thread now (a refresh), nothing deferred
    due: int = 0  # the window's calls still waiting for this list's paint (``after_listed``)


@dataclass
class _Failure:
    error: BaseException


class SearchRequests(QObject):
    """Runs search requests on workers and delivers the current one's answers.

    Signals: ``listed(request)`` (``request.result`` is the new list),
    ``panels_ready(request)``, ``ranked_more(request)`` (``request.result.docnums``
    grew), ``failed(request, exception)``.
    """

    listed = Signal(object)
    panels_ready = Signal(object)
    ranked_more = Signal(object)
    failed = Signal(object, object)

    def __init__(self, views: ViewOwner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.views = views
        self._closed = False  # the window closed: answers still on their way are dropped
        self.current: SearchRequest | None = None
        self._panels_due: SearchRequest | None = None  # its panels wait for the list's paint
        # an object in the window whose paint of a new list the later steps wait for (set by
        # the window; without one they run as soon as the event loop is free)
        self.paint_context: QObject | None = None

    def _supersede(self, request: SearchRequest) -> SearchRequest:
        if self.current is not None and self.current is not request:
            self.current.budget.cancel()  # a running search stops at its next check
        self.current = request
        return request

    def start(self, view: IndexView, query: str, filters: Filters) -> SearchRequest:
        """Search on a worker; this request supersedes every earlier one."""
        request = self._supersede(SearchRequest(view, query, filters))

        def work() -> ResultSet | None:
            if request is not self.current:  # superseded while queued: never runs
                return None
            return compute_matches(view, query, filters.entities, filters, budget=request.budget)

        self._run(Step.LIST, request, work, view)
        return request

    def list_now(self, view: IndexView, query: str, filters: Filters,
                 panels_wanted: bool = True) -> SearchRequest:
        """Compute the list here, on the GUI thread (a new generation, a refresh), as the newest
        answer; without panels wanted (a refresh) everything is shown at once, nothing deferred."""
        return self.adopt(compute_matches(view, query, filters.entities, filters), filters, panels_wanted)

    def adopt(self, result: ResultSet, filters: Filters, panels_wanted: bool = True) -> SearchRequest:
        """A list computed on the GUI thread (start-up, refresh) becomes the current request."""
        request = self._supersede(SearchRequest(result.view, result.query, filters, result=result,
                                                panels_wanted=panels_wanted, at_once=not panels_wanted))
        return request

    def after_listed(self, context: QObject, fn) -> None:
        """Call ``fn`` once the current request's list has been painted (the article it keeps
        or selects is rendered then, not before the list appears), if that request is still
        the current one then; until it has run, the request is pending. A refresh runs it now."""
        request = self.current
        if request is None or request.at_once:
            fn()
            return
        request.due += 1

        def run() -> None:
            request.due -= 1
            if request is self.current and not self._closed:
                fn()

        after_paint(context, run)

    def fill_panels(self, request: SearchRequest) -> None:
        """The request's panels, on a worker (dropped if it is no longer current by then)."""
        result = request.result

        def work() -> ResultSet | None:
            if request is not self.current or result is None:
                return None
            return fill_panels(result)

        self._run(Step.PANELS, request, work, result.view if result is not None else None)

    def panels_after_list(self, request: SearchRequest) -> None:
        """Count the current request's panels once its list has been painted. Counting them at
        once would hold the interpreter lock while the GUI thread paints the rows: every Python
        call of that paint (each cell's ``data()``, the delegates) waits for the worker to let go."""
        self.after_listed(self.paint_context or self, lambda: self.fill_panels(request))

    def panels_after_paint(self) -> None:
        """Fill the current request's panels once the window has painted its list (if it is
        still current then; the deferred call holds no request, so no old index view)."""
        self._panels_due = self.current
        after_paint(self.paint_context or self, self._fill_due_panels)

    def _fill_due_panels(self) -> None:
        due, self._panels_due = self._panels_due, None
        if due is not None and due is self.current:
            self.fill_panels(due)

    def rank_more(self, request: SearchRequest, upto: int) -> bool:
        """Rank the request's list down to ``upto`` rows, on a worker; False if nothing to do."""
        result = request.result
        if request.ranking_more or result is None or result.matches.complete:
            return False
        request.ranking_more = True
        self._run(Step.MORE, request, lambda: result.rank_more(upto), result.view)
        return True

    def close(self) -> None:
        """The window is closing: stop the running search, drop every later answer."""
        self._closed = True
        if self.current is not None:
            self.current.budget.cancel()

    def pending(self) -> bool:
        """Whether the current request's list, the calls waiting for its paint or its panels
        have not been delivered yet."""
        r = self.current
        return r is not None and (r.result is None or r.due > 0 or (r.panels_wanted and not r.panels_done))

    def settle(self) -> None:
        """The current request wants no more answers (the index could not be opened)."""
        if self.current is not None:
            self.current.panels_wanted = False

    def _run(self, step: Step, request: SearchRequest, work, view: IndexView | None) -> None:
        """Run ``work()`` on a worker, holding ``view``; its answer (or failure) arrives paired
        with ``request``, and the hold goes after it was delivered."""
        def guarded(_ctx) -> tuple[SearchRequest, object]:
            try:
                return request, work()
            except BaseException as exc:  # noqa: BLE001 - delivered as a failure of its request
                return request, _Failure(exc)

        task = Task(f"Searching ({step.value})", guarded, nice=0)
        slot = {Step.LIST: self._on_list, Step.PANELS: self._on_panels, Step.MORE: self._on_more}[step]
        views = self.views

        def delivered(answer: tuple[SearchRequest, object]) -> None:
            try:
                if not self._closed:  # after close this object (and its signals) may be gone
                    slot(answer)
            finally:
                views.release(view)

        task.finished.connect(delivered)
        task.failed.connect(lambda _exc: views.release(view))
        views.hold(view)
        task.start()

    @Slot(object)
    def _on_list(self, answer: tuple[SearchRequest, object]) -> None:
        request, value = answer
        if request is not self.current or value is None:
            return  # superseded: a newer request is on its way
        if isinstance(value, _Failure):
            request.panels_wanted = False
            request.result = request.result or ResultSet(source=request.view, query=request.query,
                                                         entity_keys=request.filters.entities)
            self.failed.emit(request, value.error)
            return
        request.result = value
        self.listed.emit(request)

    @Slot(object)
    def _on_panels(self, answer: tuple[SearchRequest, object]) -> None:
        request, value = answer
        if request is not self.current:
            return
        request.panels_done = True
        if isinstance(value, _Failure):
            self.failed.emit(request, value.error)
        elif value is not None:
            self.panels_ready.emit(request)

    @Slot(object)
    def _on_more(self, answer: tuple[SearchRequest, object]) -> None:
        request, value = answer
        request.ranking_more = False
        if request is not self.current or request.result is None:
            return
        if isinstance(value, _Failure):
            self.failed.emit(request, value.error)
            return
        if len(value) > len(request.result.docnums):
            request.result.matches.docnums = value
            self.ranked_more.emit(request)

