"""Child processes for the benchmark's cold-start, memory and scroll figures.

    python -P reader/ui/bench_child.py          (the bare window)
    python -m reader.bench.app_child INDEX_DIR EXPECTED_ROWS   (uses ``watch_window``)

Each prints ``READY <seconds since process start> <peak RSS MiB>`` once its
window has been painted (the app: its library table with the whole corpus
listed), measured by ``FirstPaint`` for both windows alike. The app child
starts Parallax through ``reader.cli.gui_main``, as the ``parallax`` command
does (set ``PARALLAX_HOME`` to keep its settings and caches out of the real
home). It then prints ``ARTICLE <seconds> <MiB>`` when the first article is shown,
``PANELS <seconds> <peak RSS MiB>`` when the entities, quotes and coverage
panels are filled, scrolls the library table to the end, prints
``SCROLL <longest frame ms> <peak RSS MiB>``; asked for ``WAITS`` rounds, it then
times the query mix and an entity click (``WAITS {json}``, ``RSS <peak MiB>``)
and closes the window.
"""
from __future__ import annotations

import os
import resource
import sys
import time
from typing import Callable, Iterator

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

TIMEOUT_MS = 600_000
# Qt.EventPriority.HighEventPriority, without the Qt namespace: creating its enums
# takes ~20 ms, which the bare window must not be charged for
_HIGH_PRIORITY = 1
_PAINT_PASS = (QEvent.Type.Paint, QEvent.Type.UpdateRequest)


def _since_start() -> float:
    """Seconds since this process started (from /proc, else since import)."""
    try:
        with open(f"/proc/{os.getpid()}/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _T0


_T0 = time.perf_counter()


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB.

    Linux's ``ru_maxrss`` survives ``execve``: a child forked from the
    benchmark (which holds spaCy and 10k texts) would report the parent's
    memory. ``VmHWM`` belongs to the new process image, so it is read first.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class FirstPaint(QObject):
    """When a window was first painted in a wanted state, to the end of that paint.

    A paint pass of the target window in the wanted state starts the
    measurement: its own paint event (a window's first paint) or an update
    request (how every later repaint of its widgets starts). An event posted to
    this probe then, at high priority, is delivered as soon as control is back
    in the event loop, which is after the whole window has been painted and
    flushed (painting runs without returning to the loop), and before anything
    else the app queued behind it. ``line`` is taken then. Watching for "the
    next event of any kind" instead ended too early (the style sends events to
    itself in the middle of painting rows), and watching a widget inside the
    window meant asking Qt for it, which makes PySide6 load every QWidget
    subclass (~4 ms the bare window was not charged).
    """

    _NUDGE = QEvent.Type(QEvent.registerEventType())

    def __init__(self, target: QWidget, wanted: Callable[[], bool] = lambda: True,
                 done: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._target, self._wanted, self._done = target, wanted, done
        self._painting = False
        self.line = ""  # "READY <seconds> <MiB>" once measured
        target.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (not self._painting and obj is self._target and event.type() in _PAINT_PASS
                and self._wanted()):
            self._painting = True
            self._target.removeEventFilter(self)
            QCoreApplication.postEvent(self, QEvent(self._NUDGE), _HIGH_PRIORITY)
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == self._NUDGE:
            if self._done is not None:  # a later paint timed by its caller (``bench_waits``)
                self._done()
            self.line = f"READY {_since_start():.3f} {peak_rss_mib():.1f}"
            return True
        return super().event(event)


def bare() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 900)
    painted = FirstPaint(window)
    window.show()
    while not painted.line:
        app.processEvents()
        time.sleep(0.001)
    print(painted.line, flush=True)
    return 0


def _after_ready(app: QApplication, window, painted: FirstPaint, waits: int = 0) -> Iterator[bool]:
    """The steps after the first paint; each ``yield False`` waits for the next tick."""
    while not painted.line:
        yield False
    print(painted.line, flush=True)
    while window.reading_view.article is None:
        yield False
    print(f"ARTICLE {_since_start():.3f} {peak_rss_mib():.1f}", flush=True)
    while window.controller.search_pending():  # entities, quotes and coverage follow the list
        yield False
    app.processEvents()
    print(f"PANELS {_since_start():.3f} {peak_rss_mib():.1f}", flush=True)
    view = window.library_view
    bar = view.verticalScrollBar()
    worst = 0.0
    step = max(1, bar.pageStep())
    value = 0
    while value <= bar.maximum():
        started = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        app.processEvents()
        worst = max(worst, (time.perf_counter() - started) * 1000)
        value += step
    print(f"SCROLL {worst:.1f} {peak_rss_mib():.1f}", flush=True)
    if waits:
        from reader.bench.search_bench import QUERY_MIX
        from reader.ui.bench_waits import measure_waits

        yield from measure_waits(app, window, [(k, q) for k, q in QUERY_MIX if q is not None], waits)
        print(f"RSS {peak_rss_mib():.1f}", flush=True)
    window.close()  # the last window: run_app returns
    yield True


def watch_window(window, expected: int, waits: int = 0) -> None:
    """Time the main window (before it is shown): its first paint with ``expected``
    rows, then the first article, the panels, a scroll to the end and ``waits``
    rounds of the query mix (``reader.ui.bench_waits``)."""
    app = QApplication.instance()
    painted = FirstPaint(window, lambda: window.library_model.rowCount() >= expected)
    steps = _after_ready(app, window, painted, waits)
    ticker = QTimer(window)
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: next(steps, True))
    ticker.start()

    def give_up() -> None:
        print("TIMEOUT", flush=True)
        app.exit(1)

    QTimer.singleShot(TIMEOUT_MS, window, give_up)


if __name__ == "__main__":
    sys.exit(bare())
