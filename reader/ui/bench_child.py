"""Child processes for the benchmark's cold-start, memory and scroll figures.

    python -m reader.ui.bench_child bare
    python -m reader.ui.bench_child app INDEX_DIR EXPECTED_ROWS

Each prints ``READY <seconds since process start> <peak RSS MiB>`` once its
window is shown (the app: with the whole corpus listed); the app then prints
``PANELS <seconds> <peak RSS MiB>`` when the entities, quotes and coverage
panels are filled, scrolls the library table to the end and prints
``SCROLL <longest frame ms> <peak RSS MiB>``.
"""
from __future__ import annotations

import os
import resource
import sys
import time

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtWidgets import QApplication, QMainWindow


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


def bare() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    print(f"READY {_since_start():.3f} {peak_rss_mib():.1f}", flush=True)
    return 0


def app_window(index_dir: str, expected: int) -> int:
    from pathlib import Path

    from reader.ui.app import create_window, use_gui_start_method
    from reader.ui.settings import Settings
    import tempfile

    use_gui_start_method()
    app = QApplication(sys.argv[:1])
    scratch = tempfile.TemporaryDirectory(prefix="parallax-bench-")  # removed at exit
    settings = Settings(Path(scratch.name) / "bench.ini")
    window = create_window(Path(index_dir), settings)
    window.resize(1400, 900)
    window.show()
    timer = QElapsedTimer()
    timer.start()
    while window.library_model.rowCount() < expected:
        if timer.elapsed() > 600_000:
            print("TIMEOUT", flush=True)
            return 1
        app.processEvents()
        QCoreApplication.sendPostedEvents()
        time.sleep(0.001)
    app.processEvents()
    print(f"READY {_since_start():.3f} {peak_rss_mib():.1f}", flush=True)
    while window.controller.search_pending():  # entities, quotes and coverage follow the list
        if timer.elapsed() > 600_000:
            print("TIMEOUT", flush=True)
            return 1
        app.processEvents()
        time.sleep(0.001)
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
    window.close()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["bare"]:
        sys.exit(bare())
    sys.exit(app_window(sys.argv[2], int(sys.argv[3])))
