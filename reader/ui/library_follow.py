"""The window follows the library: commits made by another process are shown.

A 1 s timer compares the newest generation on disk (and its table of
contents, which a commit rewrites) with the open view's; when they differ the
controller opens the new generation and lists it, keeping the query and the
filters. Only a window follows: a QObject with a running timer that Python's
collector frees on a worker thread leaves the timer behind, and its next tick
crashes the GUI thread, so the timer starts only when asked and never again
after ``stop``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer

from reader.search.layout import latest_generation
from reader.search.layout import toc_stamp
from reader.search.view import IndexView

if TYPE_CHECKING:
    from reader.ui.controller import LibraryController

FOLLOW_MS = 1000  # how often the window looks for commits made by another process


class LibraryFollower(QObject):
    """Looks for other processes' commits while the controller's window is open."""

    def __init__(self, controller: "LibraryController", wanted: bool) -> None:
        super().__init__(controller)
        self.controller = controller
        self._wanted = wanted
        self._stopped = False
        self._stamp: list | None = None  # the open view's table of contents on disk
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self.look)

    def opened(self, view: IndexView) -> None:
        """A generation was opened by this window: remember its stamp, start looking."""
        self._stamp = toc_stamp(self.controller.location, view.generation)
        if self._wanted and not self._stopped and not self._timer.isActive():
            self._timer.start()

    def active(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def look(self) -> bool:
        """True when another process committed and the window now shows it.

        Cheap when nothing changed (one directory listing); waits while the
        window's own search or job is on its way.
        """
        c = self.controller
        view = c.view
        if self._stopped or not c.ready or view is None or c.busy_or_pending() or c.search_pending():
            return False
        generation = latest_generation(c.location)
        if generation is None:
            return False  # a rebuild is swapping folders: look again next time
        if generation == view.generation and toc_stamp(c.location, generation) == self._stamp:
            return False
        try:
            ix = c._open_index()
        except Exception:  # noqa: BLE001 - mid-swap or busy: the next look will see it
            return False
        c.show_commit(ix)
        return True
