"""One read of an index view on a worker thread, and its answer on the GUI thread.

The request holds its view (``reader.search.generations.ViewOwner``) from the
moment the work is queued until its answer has been handled, so a view
replaced meanwhile is closed only when the last reader is done with it; and it
carries its own callbacks, so no slot has to ask ``sender()`` where an answer
came from.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import Slot

if TYPE_CHECKING:
    from reader.search.generations import ViewOwner
    from reader.search.view import IndexView


class ViewRequest(QObject):
    """Connect a Task's ``finished``/``failed`` to ``finished``/``failed`` of this object."""

    def __init__(self, views: ViewOwner, view: IndexView | None, done: Callable[[object], None],
                 failed: Callable[[BaseException], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views = views
        self._view = views.hold(view)
        self._done, self._failed = done, failed

    @Slot(object)
    def finished(self, value: object) -> None:
        try:
            self._done(value)
        finally:
            self._end()

    @Slot(object)
    def failed(self, exc: BaseException) -> None:
        try:
            self._failed(exc)
        finally:
            self._end()

    def _end(self) -> None:
        self._views.release(self._view)
        self._view = None
        self.deleteLater()
