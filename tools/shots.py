"""What the screenshot tools share: a window on an index (default: the seeds, indexed now
into a temporary folder) with the user's settings and data kept out of it."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = ((1280, 800), (1920, 1080))


def wait(predicate, ms: int = 60000) -> bool:
    """Run the event loop until ``predicate()`` holds or ``ms`` have passed; its last answer."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer
    from PySide6.QtWidgets import QApplication

    timer = QElapsedTimer()
    timer.start()
    while not predicate() and timer.elapsed() < ms:
        QCoreApplication.processEvents()
        QApplication.instance().thread().msleep(5)
    return predicate()


def arguments(description: str, out: Path) -> argparse.Namespace:
    """``--index DIR`` and ``--out DIR``, parsed."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--index", help="an index folder (default: the seeds, indexed now)")
    p.add_argument("--out", default=str(out))
    return p.parse_args()


def seed_window(index_arg: str | None):
    """The main window on ``index_arg``, or on a fresh index of the bundled seeds."""
    os.environ.setdefault("PARALLAX_HOME", tempfile.mkdtemp(prefix="parallax-shots-home-"))
    from reader.paths import seeds_dir
    from reader.search.indexer import update_index

    index = Path(index_arg) if index_arg else Path(tempfile.mkdtemp(prefix="parallax-shots-")) / "index"
    if not index_arg:
        update_index(index, [seeds_dir()])
    from reader.ui.app import create_window, make_application
    from reader.ui.settings import Settings

    make_application()
    window = create_window(index, Settings(Path(tempfile.mkdtemp()) / "shots.ini"))
    window.dialogs_enabled = False
    return window


def take(window, shots, out: Path, prefix: str, settle) -> None:
    """Run each (name, action), let the window settle and save ``{prefix}-{name}-{w}x{h}.png``."""
    for name, action in shots:
        action()
        settle()
        path = out / f"{prefix}-{name}-{window.width()}x{window.height()}.png"
        window.grab().save(str(path), "PNG")
        print(path)
