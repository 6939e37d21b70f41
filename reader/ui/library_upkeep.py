"""Background reads that keep the open library honest and quick to start again.

Two best-effort tasks the controller starts for each index generation it
opens: every index file read once and compared with its manifest (damage that
decodes without an error is found too), and the listing snapshot the next
start paints before Whoosh loads.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot

from reader.search.generations import ViewOwner
from reader.search.problems import IndexDamaged
from reader.search.view import IndexView
from reader.ui.tasks import Task
from reader.ui.tasks import TaskContext


class LibraryUpkeep(QObject):
    """damaged(IndexDamaged) when a generation's files do not match their manifest."""

    damaged = Signal(object)

    def check_files(self, folder: Path) -> None:
        """Read every file of the index in ``folder`` once, on a worker; say damage once."""
        from reader.search.integrity import check  # each file is read once per process

        task = Task("Checking the library", lambda _ctx: check(Path(folder), deep=True))
        task.finished.connect(self._files_checked)
        task.start()

    @Slot(object)
    def _files_checked(self, problem: str | None) -> None:
        if problem:
            self.damaged.emit(IndexDamaged(problem))

    def save_listing(self, location: Path, view: IndexView, views: ViewOwner) -> None:
        """Snapshot ``view``'s list for the next start (on a worker, best effort), holding
        the view while it is read."""
        from reader.search.listing import save_listing

        def work(_ctx: TaskContext) -> bool:
            return save_listing(location, view)

        task = Task("Saving the listing", work)
        task.finished.connect(lambda _saved: views.release(view))
        task.failed.connect(lambda _exc: views.release(view))
        views.hold(view)
        task.start()
