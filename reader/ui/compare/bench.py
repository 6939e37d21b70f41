"""Timing the Compare tab in the real window (``tools/bench_compare.py --window``, the tests).

``watch_compare`` opens Compare on a window whose library is open and runs the
event loop until the comparison is on screen and every page has been shown
once, with a 10 ms timer noting each gap between its ticks: the longest gap
is the longest the window could not answer. Next to it: how much of that gap
the GUI thread itself spent computing (the rest it waited: for the
interpreter lock, or for a CPU on a busy machine), and the most it computed
between two ticks.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer

from reader.ui.app import _wait_until  # the one "run the event loop until" helper

TICK_MS = 10


class Ticker:
    """A 10 ms timer noting each gap between its ticks, and the GUI thread's CPU time in each."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.busy: list[float] = []
        self._last = (time.perf_counter(), time.thread_time())
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append((now - self._last[0]) * 1000)
        self.busy.append((cpu - self._last[1]) * 1000)
        self._last = (now, cpu)

    def start(self) -> None:
        self._last = (time.perf_counter(), time.thread_time())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def worst(self) -> tuple[float, float]:
        """(the longest gap, the GUI thread's CPU time in it), in ms."""
        if not self.gaps:
            return 0.0, 0.0
        n = max(range(len(self.gaps)), key=self.gaps.__getitem__)
        return self.gaps[n], self.busy[n]


def watch_compare(window, timeout_ms: int = 120_000) -> dict:
    """Open Compare, wait for it and visit each page; seconds to show it and the longest stall."""
    ticker = Ticker()
    started = time.perf_counter()
    ticker.start()
    window.actions.compare.trigger()
    host = window.compare_tab
    shown = _wait_until(lambda: host.workspace is not None and host.workspace.comparison is not None
                  and not host.workspace.pending(), timeout_ms)
    show_s = time.perf_counter() - started
    ws = host.workspace
    for page in (ws.shared, ws.side, ws.kwic, ws.coverage, ws.voices):
        ws.show_page(page)
        _wait_until(lambda: False, 50)
    ws.show_mentions(ws.comparison.entities[0][0] if ws.comparison and ws.comparison.entities else "")
    _wait_until(lambda: False, 100)
    ticker.stop()
    stall, cpu = ticker.worst()
    return {"shown": shown, "window_show_s": round(show_s, 3), "max_stall_ms": round(stall, 1),
            "max_stall_gui_cpu_ms": round(cpu, 1), "max_gui_cpu_per_tick_ms": round(max(ticker.busy, default=0.0), 1),
            "ticks": len(ticker.gaps)}


def time_window(index: Path) -> dict:
    """The window on ``index``, opened and timed (``tools/bench_compare.py --window``)."""
    import tempfile

    from reader.ui.app import create_window, make_application
    from reader.ui.settings import Settings

    make_application()
    window = create_window(index, Settings(Path(tempfile.mkdtemp(prefix="parallax-bench-")) / "s.ini"))
    window.dialogs_enabled = False
    window.resize(1600, 1000)
    window.show()
    _wait_until(lambda: window.controller.ready and not window.controller.search_pending(), 120_000)
    result = watch_compare(window)
    window.close()
    return result
