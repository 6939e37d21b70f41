"""Snippets for the rows on screen, made on a worker as the list shows them.

A search makes the snippets of its best few hits; every other row gets its
snippet when it is scrolled into view: the rows shown (and a screenful below)
that have none are asked for in one request, which carries the result set it
was made for. An answer for a result set that is no longer shown is dropped;
one request runs at a time, and a scroll meanwhile asks again when it is done.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableView

from reader.search.hit_snippets import make_snippets
from reader.search.results import ResultSet
from reader.ui.library.model import LibraryModel
from reader.ui.tasks import Task
from reader.ui.views import library_row_height

SETTLE_MS = 30  # a scroll settles this long before its rows are asked for


@dataclass(eq=False)
class SnippetRequest:
    """The snippets of some rows of one result set; compared by identity."""

    result: ResultSet
    docnums: tuple[int, ...]


class SnippetLoader(QObject):
    """Asks for the snippets of the rows ``view`` shows; ``current()`` is the shown result set.

    ``views`` (the controller's ``ViewOwner``) keeps the result's index view open while a
    worker reads it. ``arrived(request)`` follows each answer that was used.
    """

    arrived = Signal(object)

    def __init__(self, view: QTableView, model: LibraryModel, current, views, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self.view, self.model, self._current, self._views = view, model, current, views
        self.running: SnippetRequest | None = None
        self._closed = False
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.request)
        view.verticalScrollBar().valueChanged.connect(self.schedule)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.schedule)
        model.layoutChanged.connect(self._rows_moved)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def schedule(self, *_args) -> None:
        if not self._closed:
            self._timer.start()

    def fit_rows(self) -> None:
        """Shown rows whose snippet turned out empty keep no snippet line."""
        result = self._current()
        if result is None or not result.matches.has_snippets:
            return
        header = self.view.verticalHeader()
        short = library_row_height(self.view, with_snippets=False)
        if short >= header.defaultSectionSize():  # compact rows, or no snippet lines at all
            return
        for row, docnum in self._shown_rows():
            if result.matches.snippets.get(docnum) == "" and header.sectionSize(row) != short:
                header.resizeSection(row, short)

    def _rows_moved(self) -> None:
        """A sort moved the rows: every row has the list's height again, then the shown ones fit."""
        header = self.view.verticalHeader()
        header.setDefaultSectionSize(header.defaultSectionSize())
        self.fit_rows()

    def settled(self) -> bool:
        """Whether every shown row has its snippet (nothing asked for or on its way)."""
        return self.running is None and not self._timer.isActive() and not self.missing()

    def close(self) -> None:
        self._closed = True
        self._timer.stop()

    def shown_docnums(self) -> list[int]:
        """The rows on screen and a screenful below, as document numbers, top first."""
        return [docnum for _row, docnum in self._shown_rows()]

    def _shown_rows(self) -> list[tuple[int, int]]:
        """(view row, document number) of the rows on screen and a screenful below."""
        proxy = self.view.model()
        rows = proxy.rowCount()
        if not rows:
            return []
        top = max(0, self.view.rowAt(0))
        bottom = self.view.rowAt(self.view.viewport().height() - 1)
        bottom = rows - 1 if bottom < 0 else bottom
        last = min(rows - 1, bottom + (bottom - top + 1))
        out = []
        for row in range(top, last + 1):
            source = proxy.mapToSource(proxy.index(row, 0)) if hasattr(proxy, "mapToSource") else proxy.index(row, 0)
            docnum = self.model.docnum_at(source.row())
            if docnum is not None:
                out.append((row, docnum))
        return out

    def missing(self) -> list[int]:
        """The shown rows of the current result set that have no snippet yet."""
        result = self._current()
        if result is None or result.view is None:
            return []
        return result.matches.missing_snippets(self.shown_docnums())

    def request(self) -> SnippetRequest | None:
        """Ask a worker for the shown rows' missing snippets (one request at a time)."""
        if self._closed or self.running is not None:
            return None
        result = self._current()
        wanted = self.missing()
        if not wanted:
            return None
        request = self.running = SnippetRequest(result, tuple(wanted))
        maker, view, views = result.matches.snippet_maker, result.view, self._views

        def work(ctx) -> tuple[SnippetRequest, dict[int, str]]:
            stale = lambda: ctx.cancelled() or self._closed  # noqa: E731
            return request, make_snippets(maker, request.docnums, stale)

        task = Task("Snippets", work, nice=0)
        task.finished.connect(self._delivered)
        task.finished.connect(lambda _answer: views.release(view))
        task.failed.connect(lambda _exc: self._failed(request))
        task.failed.connect(lambda _exc: views.release(view))
        views.hold(view)
        task.start()
        return request

    def _delivered(self, answer: tuple[SnippetRequest, dict[int, str]]) -> None:
        request, made = answer
        if self.running is request:
            self.running = None
        if self._closed:
            return
        if request.result is self._current():  # else: an answer for a result set no longer shown
            request.result.matches.snippets.update(made)
            self.model.snippets_changed(list(made))
            self.fit_rows()
            self.arrived.emit(request)
        self.schedule()  # the list may have scrolled, or shows another result set, meanwhile

    def _failed(self, request: SnippetRequest) -> None:
        """A snippet that cannot be made (the index changed under it) is left out, not retried."""
        if self.running is request:
            self.running = None
        if request.result is self._current():
            request.result.matches.snippets.update(dict.fromkeys(request.docnums, ""))
        self.schedule()
