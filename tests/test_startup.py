"""Start-up: the listing snapshot, work deferred behind the first paint, and what loads when.

The speed itself is measured by ``parallax bench``; these tests check the
behaviour the speed rests on.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from ui_helpers import build_gold_index
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import wait_open

from conftest import ROOT
from reader.logs import rotate
from reader.search import fields as F
from reader.search.indexer import remove_articles
from reader.search.layout import whoosh_dir
from reader.search.listing import listing_path
from reader.search.listing import load_listing
from reader.search.listing import save_listing
from reader.search.store import open_index
from reader.search.view import IndexView
from reader.ui import controller as controller_module
from reader.ui.app import create_window
from reader.ui.deferred import GATE_TIMEOUT_MS
from reader.ui.deferred import after_paint
from reader.ui.instance_lock import lock_path


def _library(tmp_path: Path) -> Path:
    return build_gold_index(tmp_path / "library")


def _snapshot(location: Path) -> IndexView:
    view = IndexView(open_index(location))
    assert save_listing(location, view)
    return view


# -- the listing snapshot (core) ------------------------------------------------------------

def test_listing_gives_the_rows_the_index_gives(tmp_path):
    location = _library(tmp_path)
    view = _snapshot(location)
    listing = load_listing(location)
    assert listing is not None and listing.generation == view.generation
    assert listing.all_docnums() == view.all_docnums() and listing.doc_count() == 5
    for n in view.all_docnums():
        assert listing.hit(n, snippet="s") == view.hit(n, snippet="s")
        assert listing.value(F.QUOTE_COUNT, n) == view.value(F.QUOTE_COUNT, n)
        assert listing.docnum(view.path(n)) == n
    assert listing.shared_folder() == view.shared_folder() != ""
    assert listing.docnum("/nowhere/else.md") is None


def test_a_commit_voids_the_listing(tmp_path):
    location = _library(tmp_path)
    view = _snapshot(location)
    remove_articles(location, [view.path(view.all_docnums()[0])])
    assert load_listing(location) is None  # the index is read instead, then snapshotted again
    newer = _snapshot(location)
    assert load_listing(location).doc_count() == newer.doc_count() == 4


def test_a_damaged_listing_is_ignored(tmp_path):
    location = _library(tmp_path)
    _snapshot(location)
    path = listing_path(location)
    data = path.read_bytes()
    for damaged in (data[: len(data) // 2], b"", b"garbage\n" + data, data.replace(b'"generation"', b'"g"')):
        path.write_bytes(damaged)
        assert load_listing(location) is None


def test_saving_a_listing_never_recreates_a_missing_index_folder(tmp_path):
    location = _library(tmp_path)
    view = IndexView(open_index(location))
    shutil.rmtree(whoosh_dir(location))  # as if a rebuild were swapping folders
    assert not save_listing(location, view)
    assert not whoosh_dir(location).exists()


# -- the window ---------------------------------------------------------------------------

def test_a_window_snapshots_the_library_it_opened(qtbot, tmp_path):
    location = _library(tmp_path)
    assert load_listing(location) is None
    window = create_window(index_dir=location)
    qtbot.addWidget(window)
    wait_open(qtbot, window)
    qtbot.waitUntil(lambda: load_listing(location) is not None, timeout=10000)
    assert load_listing(location).doc_count() == window.library_model.rowCount() == 5


def test_a_listed_window_opens_the_index_for_articles_and_panels(qtbot, tmp_path):
    location = _library(tmp_path)
    _snapshot(location)
    window = create_window(index_dir=location)
    qtbot.addWidget(window)
    window.show()
    wait_open(qtbot, window)
    c = window.controller
    assert c.view is not None and c.result.source is c.view  # the rows now read the index
    assert window.library_model.rowCount() == 5 and len(c.panels().entities) > 0
    qtbot.waitUntil(lambda: window.reading_view.article is not None)
    assert window.reading_view.article.path == window.library_model.hit(0).path


def test_a_snapshot_overtaken_by_a_commit_is_replaced_by_the_index(qtbot, tmp_path, monkeypatch):
    location = _library(tmp_path)
    view = _snapshot(location)
    old = load_listing(location)
    remove_articles(location, [view.path(view.all_docnums()[0])])  # another process commits
    monkeypatch.setattr(controller_module, "load_listing", lambda _location: old)
    window = create_window(index_dir=location)
    qtbot.addWidget(window)
    listed: list[int] = []
    window.controller.results_changed.connect(lambda: listed.append(window.library_model.rowCount()))
    window.show()
    wait_open(qtbot, window)
    assert listed[0] == 5  # what the snapshot knew, shown first
    assert listed[-1] == window.library_model.rowCount() == window.controller.article_count() == 4


def test_the_first_paint_comes_before_whoosh_and_the_first_article(tmp_path):
    """In a fresh process started as ``parallax`` starts (``gui_main``): the list is
    painted from the snapshot before Whoosh, numpy (the panels'), the job machinery or
    the first article are loaded, with garbage collection paused until that paint. The chips are the
    indexed bias tokens: the outlet registry is not built either, on any start."""
    location = _library(tmp_path)
    _snapshot(location)
    code = f"""
import gc, sys
import reader.outlet_overrides as registry_module
from reader.cli import gui_main
seen = {{"gc_before": gc.isenabled()}}
parse_registry = registry_module.load_builtin

def parsing(path):
    seen.setdefault("registry_built_before_paint", not seen["probe"].line)  # by the first paint's end
    return parse_registry(path)

registry_module.load_builtin = parsing

def watch(window):
    from PySide6.QtCore import QTimer
    from reader.ui.bench_child import FirstPaint

    def state():
        seen.setdefault("loaded", sorted(m for m in ("whoosh", "numpy", "reader.search.query", "reader.index_jobs",
                                                     "multiprocessing", "logging.handlers", "markdown",
                                                     "reader.ui.library.outlet_dialog", "reader.ui.report_dialog")
                                         if m in sys.modules))
        seen.setdefault("article", window.reading_view.article is not None)
        seen.setdefault("gc_at_paint", gc.isenabled())
        return window.library_model.rowCount() == 5
    seen["probe"] = FirstPaint(window, state)  # kept alive
    def later():
        if window.reading_view.article is not None and not window.controller.search_pending():
            seen["after"] = "whoosh" in sys.modules
            seen["gc_after"] = gc.isenabled()
            window.close()
    timer = QTimer(window)
    timer.timeout.connect(later)
    timer.start(5)
    QTimer.singleShot(60000, window.close)

gui_main(["--index", {str(location)!r}], on_window=watch)
seen.pop("probe")
seen["gc_at_exit"] = gc.isenabled()
print(seen)
"""
    expected = {"gc_before": True, "loaded": [], "article": False, "gc_at_paint": False,
                "after": True, "gc_after": True, "gc_at_exit": True}
    for start in ("first", "second"):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                             timeout=120, env=_child_env(tmp_path))
        assert out.returncode == 0, out.stderr[-3000:]
        seen = eval(out.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr of a dict
        assert seen.pop("registry_built_before_paint", False) is False, (start, seen)
        assert seen == expected, (start, seen)


def test_startup_gc_pause_leaves_a_callers_own_setting_alone():
    import gc

    from reader import startup_gc

    assert gc.isenabled()
    try:
        startup_gc.pause()
        assert not gc.isenabled()
        startup_gc.resume()
        assert gc.isenabled()
        startup_gc.resume()  # a second resume changes nothing
        assert gc.isenabled()
        gc.disable()  # the caller's own choice...
        startup_gc.pause()
        startup_gc.resume()
        assert not gc.isenabled()  # ...is not undone
    finally:
        gc.enable()


def test_qt_free_modules_load_before_pyside6():
    """PySide6 reads the source of each module imported after it; the window's
    Qt-free modules are imported first (reader/ui/before_qt.py), none left out."""
    code = """
import sys
order = []
class Spy:
    @staticmethod
    def find_spec(name, path=None, target=None):
        order.append(name)
sys.meta_path.insert(0, Spy())
import reader.ui.app
from reader.ui import main_window, controller  # noqa
from reader.ui.library import label_actions, import_actions  # noqa
first_qt = next(i for i, name in enumerate(order) if name.startswith("PySide6"))
late = []
for name in order[first_qt:]:
    path = getattr(sys.modules.get(name), "__file__", "") or ""
    if name.startswith("reader") and path.endswith(".py") and not path.endswith("__init__.py"):
        if "PySide6" not in open(path, encoding="utf-8").read():
            late.append(name)
print(late)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip() == "[]", f"add these to reader/ui/before_qt.py: {out.stdout}"


def test_pyside6_does_not_inspect_our_modules_at_start_up():
    """PySide6 reads the source of each module imported after it unless its table
    already has the answer; reader/ui/pyside_feature.py gives it the answers."""
    code = """
import sys
import reader.ui
import shibokensupport.feature as feature
checked = []
check = feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: checked.append(module.__name__) or check(module)
import reader.ui.app
from reader.ui import main_window, controller  # noqa
from reader.ui.library import label_actions, import_actions  # noqa
import json, logging, reader.search.articles  # loaded before PySide6, imported again
print(sorted(name for name in checked if name.startswith("reader") or name in ("json", "logging")))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip() == "[]", out.stdout


def test_sparing_pyside6_checks_does_nothing_without_its_table(monkeypatch):
    import types

    from reader.ui.pyside_feature import spare_feature_checks

    monkeypatch.setitem(sys.modules, "shibokensupport.feature", types.SimpleNamespace())
    assert spare_feature_checks([]) == 0


def _child_env(tmp_path: Path) -> dict:
    import os

    return {**os.environ, "PARALLAX_HOME": str(tmp_path / "home"), "PARALLAX_NO_DIALOGS": "1",
            "QT_QPA_PLATFORM": "offscreen"}


# -- work after the paint -----------------------------------------------------------------

class _Painted(QWidget):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def paintEvent(self, _event) -> None:
        self.log.append("paint")


@pytest.mark.parametrize("inside", [False, True], ids=["window", "widget-in-window"])
def test_after_paint_waits_for_the_pending_paint(qtbot, inside):
    """The calls run after the pending paint, whether of a whole window or of one
    widget inside it (a new result in the table), long before the gate's time-out."""
    log: list[str] = []
    painted = _Painted(log)
    window = QWidget() if inside else painted
    if inside:
        painted.setParent(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "paint" in log)
    log.clear()
    painted.update()
    after_paint(painted, lambda: log.append("call"))
    qtbot.waitUntil(lambda: "call" in log, timeout=GATE_TIMEOUT_MS // 2)
    assert log.index("paint") < log.index("call")


def test_after_paint_runs_at_once_without_a_window_on_screen(qtbot):
    log: list[str] = []
    context = QObject()
    after_paint(context, lambda: log.append("call"))
    qtbot.waitUntil(lambda: log == ["call"], timeout=2000)


def test_after_paint_is_dropped_with_its_context(qtbot):
    log: list[str] = []
    widget = _Painted(log)
    qtbot.addWidget(widget)
    widget.show()
    context = QObject()
    after_paint(context, lambda: log.append("call"))
    context.deleteLater()
    widget.update()
    qtbot.wait(700)  # past the gate's time-out too
    assert "call" not in log


# -- smaller start-up savings ---------------------------------------------------------------

def test_the_log_rotates_at_start_once_it_is_large(tmp_path):
    log = tmp_path / "parallax.log"
    log.write_text("small")
    assert not rotate(log, max_bytes=100)
    for n in range(4):
        log.write_text(f"run {n} " + "x" * 200)
        assert rotate(log, max_bytes=100, backups=3)
    assert not log.exists()
    assert [(tmp_path / f"parallax.log.{n}").read_text()[:5] for n in (1, 2, 3)] == ["run 3", "run 2", "run 1"]
    assert not (tmp_path / "parallax.log.4").exists()


def test_lock_names_keep_their_sha1(tmp_path):
    # Qt's hash spares loading OpenSSL; the lock file keeps the name hashlib gave it
    expected = hashlib.sha1(str(tmp_path.resolve()).encode("utf-8")).hexdigest()[:16]
    assert lock_path(tmp_path).name == f"library-{expected}.lock"


def test_a_damaged_index_behind_a_snapshot_is_reported_once(qtbot, tmp_path):
    location = _library(tmp_path)
    _snapshot(location)
    for part in whoosh_dir(location).glob("*.pst"):
        part.unlink()  # the postings go; the table of contents and the snapshot stay
    window = create_window(index_dir=location)
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    problems: list = []
    window.controller.problem.connect(problems.append)
    window.show()
    qtbot.waitUntil(lambda: bool(problems), timeout=10000)
    assert window.library_model.rowCount() == 5  # listed, then the index failed to open
    assert getattr(problems[0], "rebuildable", False)  # the dialog offers a rebuild
    assert not window.controller.search_pending()
    window.open_article(window.library_model.hit(1).path)
    qtbot.wait(200)
    assert len(problems) == 1
