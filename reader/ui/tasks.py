"""The one background-task helper: run a callable on QThreadPool, report back.

The callable runs on a pool thread and must not touch widgets. It receives a
``TaskContext`` to report progress and to ask whether it was cancelled; the
signals are delivered on the GUI thread (queued connections), as in Picard's
``run_task`` and Anki's ``QueryOp``.
"""
from __future__ import annotations

import os
import sys
import threading
from typing import Any
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import QRunnable
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot


class TaskContext:
    """What the worker function sees: progress reporting and cancellation."""

    def __init__(self, task: "Task") -> None:
        self._task = task

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._task.progress.emit(done, total, text)

    def cancelled(self) -> bool:
        return self._task.is_cancelled()


class Task(QObject):
    """A running background job: progress(done, total, text), finished(result), failed(exc)."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception; never shown as a traceback

    def __init__(self, name: str, fn: Callable[[TaskContext], Any], nice: int = 10) -> None:
        super().__init__()
        self.name = name
        self.nice = nice  # background work yields the CPU to the UI thread
        self._fn = fn
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        """Queue the work; connect to the signals before calling this."""
        _running.add(self)
        self.finished.connect(self._release)
        self.failed.connect(self._release)
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    @Slot(object)
    def _release(self, _result: object) -> None:
        """Runs on the GUI thread (queued), after the other listeners."""
        _running.discard(self)

    def _run(self) -> None:
        restore = _lower_priority(self.nice)
        fn, self._fn = self._fn, None  # a finished task holds nothing it read (a pool keeps runnables a while)
        try:
            result = fn(TaskContext(self))
        except BaseException as exc:  # noqa: BLE001 - reported to the UI, not raised
            self.done = True
            self.failed.emit(exc)
        else:
            self.done = True
            self.finished.emit(result)
        finally:
            self._fn = None  # what the work held (an index view, its results) is not kept with the task
            restore()



def _lower_priority(increment: int) -> Callable[[], None]:
    """Raise this thread's nice value (Linux: per thread, inherited by the processes
    and threads it starts, such as analysis workers); returns how to undo it.

    Qt's thread priorities do nothing for ordinary Linux threads, and on a
    two-core machine busy analysis processes can otherwise starve the UI thread.
    """
    if not increment or not sys.platform.startswith("linux"):
        return lambda: None
    tid = threading.get_native_id()
    try:
        before = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, before + increment))
    except (OSError, AttributeError):
        return lambda: None

    def restore() -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, tid, before)
        except OSError:
            pass  # unprivileged: the pool thread just stays polite

    return restore


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        task, self._task = self._task, None  # the pool may keep this wrapper after it ran
        task._run()


_running: set[Task] = set()  # keeps Python wrappers alive until the task ends


def run_task(name: str, fn: Callable[[TaskContext], Any], *,
             finished: Callable[[Any], None] | None = None,
             failed: Callable[[BaseException], None] | None = None,
             progress: Callable[[int, int, str], None] | None = None,
             pool: QThreadPool | None = None) -> Task:
    """Run ``fn(context)`` on the thread pool; callbacks run on the GUI thread.

    Callbacks are connected before the work starts, so a task that ends at once
    cannot finish unheard. Use bound methods of QObjects living on the GUI thread
    (queued connections); connect anything else before calling ``Task.start``.
    """
    task = Task(name, fn)
    if finished is not None:
        task.finished.connect(finished)
    if failed is not None:
        task.failed.connect(failed)
    if progress is not None:
        task.progress.connect(progress)
    task.start(pool)
    return task
