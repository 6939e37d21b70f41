"""How each answer of the window's search requests becomes what the window shows.

Mixed into ``LibraryController``: the list of the current request is presented
(the shown result holds its index view until it is replaced), its panels are
counted on a worker and applied when they still belong to the shown result, a
failure becomes the query's message (or, for a damaged or changed index, a
problem or a reload). The requests themselves, each with its own identity, are
``SearchRequests``'s.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from reader.search.problems import IndexProblem
from reader.search.view import StaleView
from reader.ui.search_requests import SearchRequest

if TYPE_CHECKING:
    from reader.search.generations import ViewOwner
    from reader.search.results import ResultSet
    from reader.search.view import IndexView
    from reader.ui.library_upkeep import LibraryUpkeep
    from reader.ui.search_requests import SearchRequests


class ResultAnswers:
    """The answer side of the controller (its signals and state are the controller's)."""

    views: ViewOwner
    requests: SearchRequests
    upkeep: LibraryUpkeep
    result: ResultSet | None
    message: str
    total: int
    _folder: str
    _listing_due: bool
    _panels_view: IndexView | None

    @Slot(object, object)
    def _search_failed(self, _request: SearchRequest, exc: BaseException) -> None:
        if isinstance(exc, StaleView):  # another writer changed the index: show its new state
            self._reload()
            return
        if isinstance(exc, IndexProblem):  # damaged since it was opened: a dialog offers Rebuild
            self.problem.emit(exc)
        self.message = str(exc) if isinstance(exc, IndexProblem) else f"The search failed: {exc}"
        self.results_changed.emit()

    @Slot(object)
    def _on_listed(self, request: SearchRequest) -> None:
        """A worker's list for the current request: show it, then count its panels on a worker
        once the list is painted (first in line: the article rendered after the paint waits too)."""
        self.requests.panels_after_list(request)
        self._present(request)

    def _present(self, request: SearchRequest) -> None:
        previous, self.result = self.result, request.result
        if previous is not self.result:  # the shown result holds its view until replaced
            self.views.hold(self.result.view)
            if previous is not None:
                self.views.release(previous.view)
        self.message = self.result.message
        self.total = self.result.total
        self.results_changed.emit()

    @Slot(object)
    def _on_ranked_more(self, request: SearchRequest) -> None:
        if request.result is self.result:
            self.rows_ranked.emit()

    @Slot(object)
    def _apply_panels(self, request: SearchRequest) -> None:
        result = request.result
        if request is not self.requests.current or result is not self.result or result.panels is None:
            return
        self._folder = result.panels.folder
        shown, self._panels_view = self._panels_view, self.views.hold(result.view)
        self.panels_changed.emit()  # the panels' models now read the new view (quotes: lazily)
        self.views.release(shown)  # the old panels' view stays open until they were replaced
        if self._listing_due and not (result.query.strip() or result.entity_keys or result.filters):
            self._listing_due = False
            self.upkeep.save_listing(self.location, result.view, self.views)

