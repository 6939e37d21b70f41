"""Index jobs that run in a separate process (Qt-free, so the child starts light).

Analysis is CPU-bound Python and C code that holds the GIL for long stretches;
running it in a spawned process keeps the UI thread's event loop free. Each job
takes ``progress`` and ``cancelled`` callables, like ``update_index``.

"spawn" re-imports the launching script in the child unless it is a package's
``__main__`` (``python -m reader``): scripts that open the window must keep
their code under ``if __name__ == "__main__":``, and a frozen build relies on
``multiprocessing.freeze_support()`` (called first thing in ``run_app``).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.queues  # noqa: F401 - imported here, on the main thread: imports
import multiprocessing.synchronize  # noqa: F401 - inside Qt worker threads crashed (PySide 6.12)
import queue as queue_module
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from typing import Callable

from reader.library import open_library

if sys.platform != "win32":
    import multiprocessing.popen_spawn_posix  # noqa: F401 - see above
if TYPE_CHECKING:  # the indexer runs in the job's own process
    from reader.search.indexer import UpdateReport


CANCEL_GRACE_S = 3.0  # how long a cancelled job may take to stop by itself


def use_gui_start_method() -> None:
    """Start worker processes of the window's process with "spawn", never "fork".

    Forking a process that runs Qt threads is unsafe (locks held by other
    threads stay locked in the child) and, in a large process, the fork itself
    holds the GIL long enough to freeze the UI. Spawned workers start clean.
    ``call_in_process`` asks for spawn itself; this covers anything else.
    """
    multiprocessing.set_start_method("spawn", force=True)


class JobCancelled(Exception):
    """The job was stopped before it could finish."""


def build_if_missing(location: Path, progress=None, cancelled=None) -> UpdateReport | None:
    """Open the library, building it from the seeds when there is none."""
    _ix, report = open_library(location, progress=progress)
    return report


def add_job(location: Path, paths: list[Path], options: dict, progress=None,
            cancelled=None) -> UpdateReport:
    """Add files and folders; ``options`` are extra ``update_index`` arguments (the batch's
    outlet and kind; tests: a stand-in analyzer)."""
    from reader.search.indexer import update_index
    from reader.stories.library import after_import

    report = update_index(location, paths, progress=progress, cancelled=cancelled, **options)
    after_import(location, report)  # stories already grouped place the new articles (issue 19)
    return report


def rebuild_job(location: Path, options: dict, progress=None, cancelled=None) -> UpdateReport:
    """Re-index the library's sources into a new folder, swapped in when complete (progress names files)."""
    from reader.search.maintenance import rebuild

    def named(done: int, total: int, path) -> None:
        progress(done, total, Path(path).name if path else "")

    return rebuild(location, progress=named if progress else None, cancelled=cancelled, **options)


def remove_job(location: Path, paths: list[str], progress=None, cancelled=None):
    """Drop articles from the library (never from disk); a ``RemovedArticles`` (``int()``:
    how many went) that ``restore_job`` can put back."""
    from reader.search.trash import remove_keeping

    return remove_keeping(location, paths)


def restore_job(location: Path, removed, options: dict, progress=None, cancelled=None) -> UpdateReport:
    """Undo a removal: the removed articles go back as they were (no analysis, no file read)."""
    from reader.search.indexer import UpdateReport
    from reader.search.trash import restore
    from reader.stories.library import after_import

    paths = restore(location, removed, resolver=options.get("resolver"))
    report = UpdateReport(added=[Path(p) for p in paths])
    after_import(location, report)  # grouped stories place them again
    return report


def relabel_job(location: Path, paths: list[str] | None = None, progress=None, cancelled=None) -> int:
    """Re-resolve outlet and bias after the user changed labels (no analysis)."""
    from reader.search.maintenance import relabel_articles

    return relabel_articles(location, paths)


def rescan_job(location: Path, options: dict, progress=None, cancelled=None) -> UpdateReport:
    """Re-read the library's sources: changed files updated, new ones in its folders added."""
    from reader.search.maintenance import rescan
    from reader.stories.library import after_import

    report = rescan(location, progress=progress, cancelled=cancelled, **options)
    after_import(location, report)  # changed articles are placed again in their stories
    return report


def _child(fn: Callable[..., Any], args: tuple, kwargs: dict, out, cancel) -> None:
    def progress(done: int, total: int, name: str) -> None:
        out.put(("progress", done, total, str(name)))

    try:
        result = fn(*args, progress=progress, cancelled=cancel.is_set, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which decides
        try:
            out.put(("error", exc))
        except Exception:  # noqa: BLE001 - unpicklable exception
            out.put(("error", RuntimeError(f"{exc.__class__.__name__}: {exc}")))
    else:
        out.put(("result", result))


def call_in_process(fn: Callable[..., Any], *args: Any,
                    progress: Callable[[int, int, str], None] | None = None,
                    cancelled: Callable[[], bool] | None = None, **kwargs: Any) -> Any:
    """Run ``fn(*args, progress=…, cancelled=…, **kwargs)`` in a spawned process.

    Blocks the calling (worker) thread, relaying progress and cancellation;
    returns the result or raises the child's exception.
    """
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    cancel = ctx.Event()
    proc = ctx.Process(target=_child, args=(fn, args, kwargs, out, cancel), daemon=True,
                       name="parallax-index")
    proc.start()
    cancel_deadline = None
    try:
        while True:
            if cancelled is not None and cancelled() and not cancel.is_set():
                cancel.set()  # the job stops after the current article...
                cancel_deadline = time.monotonic() + CANCEL_GRACE_S
            if cancel_deadline is not None and time.monotonic() > cancel_deadline:
                proc.terminate()  # ...or is stopped; a full rebuild never swaps in half an index
                raise JobCancelled("cancelled")
            try:
                message = out.get(timeout=0.1)
            except queue_module.Empty:
                if not proc.is_alive() and out.empty():
                    raise RuntimeError(f"indexing stopped unexpectedly (exit code {proc.exitcode})")
                continue
            if message[0] == "progress":
                if progress is not None:
                    progress(*message[1:])
            elif message[0] == "error":
                raise message[1]
            else:
                return message[1]
    finally:
        proc.join(timeout=5)
        if proc.is_alive():
            proc.terminate()
            proc.join(timeout=5)
