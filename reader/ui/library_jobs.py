"""Starting the jobs that build or change a library: each in a spawned process, one at a time.

The controller owns one ``LibraryJobs`` and reloads the index when a job's
task finishes; widgets start jobs through it (``controller.jobs.add_paths``).
``reader.index_jobs`` (and multiprocessing with it) loads with the first job,
not at start-up.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal

from reader.ui.tasks import Task
from reader.ui.tasks import TaskContext


def job_functions():
    """``reader.index_jobs``, imported (and its start method set) on first use."""
    from reader import index_jobs as jobs

    jobs.use_gui_start_method()
    return jobs


class LibraryJobs(QObject):
    """started(task) when a job begins; ``task`` is the running job (None when idle)."""

    started = Signal(object)
    state_changed = Signal(str)

    def __init__(self, location: Path, index_options: dict, read_only: Callable[[], bool],
                 is_open: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.location = location
        self.index_options = index_options  # extra update_index arguments (tests: a stand-in analyzer)
        self._read_only = read_only  # another window holds this library's lock
        self._is_open = is_open
        self.task: Task | None = None

    def busy(self) -> bool:
        return self.task is not None and not self.task.done

    def build_if_missing(self) -> Task:
        """Build the library from the seed articles (first start)."""
        self.state_changed.emit("building from the seed articles…")
        return self._start("Building library", job_functions().build_if_missing)

    def rebuild(self) -> Task | None:
        """Re-index the library's own sources from scratch (swapped in when done), also when
        the library could not be opened: that is when a rebuild helps most."""
        if self._read_only() or self.busy():
            return None
        self.state_changed.emit("rebuilding…")
        return self._start("Rebuilding index", job_functions().rebuild_job, self.index_options)

    def add_paths(self, paths: list[Path], outlet: str | None = None, kind: str | None = None) -> Task | None:
        """Add files and folders (recursively), with the user's outlet and kind for all of them
        (None: each file's own); the user's files are only read."""
        options = {**self.index_options, "outlet": outlet or None, "kind": kind or None}
        return self._write("Adding articles", job_functions().add_job, [Path(p) for p in paths], options)

    def remove_paths(self, paths: list[str]) -> Task | None:
        """Remove articles from the library; their files stay on disk."""
        return self._write("Removing articles", job_functions().remove_job, [str(p) for p in paths])

    def restore(self, removed) -> Task | None:
        """Put back what ``remove_paths`` took out (its job's ``RemovedArticles``)."""
        return self._write("Restoring articles", job_functions().restore_job, removed, self.index_options)

    def rescan(self) -> Task | None:
        """Re-read the files that changed since they were added."""
        return self._write("Rescanning files", job_functions().rescan_job, self.index_options)

    def relabel(self, paths: list[str] | None = None) -> Task | None:
        """Re-resolve outlet and bias of stored articles after a label change."""
        return self._write("Updating labels", job_functions().relabel_job, paths)

    def _write(self, name: str, job: Callable, *args) -> Task | None:
        if self._read_only() or not self._is_open() or self.busy():
            return None
        self.state_changed.emit(f"busy: {name.lower()}…")
        return self._start(name, job, *args)

    def _start(self, name: str, job: Callable, *args) -> Task:
        """Run ``job(location, *args)`` in a spawned process, from a worker thread."""
        call_in_process, location = job_functions().call_in_process, self.location

        def work(ctx: TaskContext):
            return call_in_process(job, location, *args, progress=ctx.progress, cancelled=ctx.cancelled)

        task = Task(name, work)
        self.task = task
        self.started.emit(task)  # listeners connect before the work starts
        task.start()
        return task

    def is_cancellation(self, exc: BaseException) -> bool:
        return isinstance(exc, job_functions().JobCancelled)
