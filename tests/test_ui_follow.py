"""The window follows the library, and what the user sets there reaches every article.

A ``parallax add`` run in a terminal shows up in the open window without F5,
keeping the selection and the open article; F5 counts what it changed; Set
Outlet… applies to every selected row; Add Files/Folder take an outlet and
kind for the batch; the header says where each field came from.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import Qt
from hostile_inputs import write_good_articles
from ui_helpers import DW_FILE
from ui_helpers import gold_analyzer
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import library_paths
from ui_helpers import window_on_a_copy

from conftest import ROOT
from reader.outlet_overrides import default_registry
from reader.ui.library.model import LibraryModel

STORY = ("---\ntitle: \"Dam talks stall\"\noutlet: Riverside Gazette\ndate: \"Feb 24, 2022\"\n---\n\n"
         "Dam talks stall\n\n“We are not moving an inch,” said Maria Lopez, the delegation's head.\n")


@pytest.fixture(autouse=True)
def _fresh_registry():
    default_registry.cache_clear()
    yield
    default_registry.cache_clear()


@pytest.fixture()
def window(qtbot, ui_index, tmp_path):
    win = window_on_a_copy(qtbot, ui_index, tmp_path, {"analyzer": gold_analyzer})
    win.dialogs_enabled = False
    return win


def select(win, paths: list[str]) -> None:
    sm = win.library_view.selectionModel()
    sm.clearSelection()
    for path in paths:
        idx = win.library_proxy.mapFromSource(win.library_model.index(win.library_model.row_of(path), 0))
        sm.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def header_tooltips(win) -> list[str]:
    """Every tooltip in the reading view's document (the header's spans carry them)."""
    doc, tips = win.reading_view.browser.document(), []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            tip = it.fragment().charFormat().toolTip()
            if tip and tip not in tips:
                tips.append(tip)
            it += 1
        block = block.next()
    return tips


def test_a_cli_add_shows_up_in_the_open_window_without_f5(qtbot, window, tmp_path):
    dw = window.controller.find_path(DW_FILE)
    assert window.open_article(dw)
    others = [p for p in library_paths(window) if p != dw][:1]
    select(window, [dw, *others])
    story = tmp_path / "dam.md"
    story.write_text(STORY, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "reader", "add", "--index", str(window.controller.location),
                          str(story)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    key = str(story.resolve())
    qtbot.waitUntil(lambda: key in library_paths(window), timeout=15000)  # no F5, no search typed
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    assert window.controller.article_count() == 6 and "6" in window.result_label.text()
    assert window.reading_view.article.path == dw  # still reading the same article
    assert set(window.editing.selected_paths()) == {dw, *others}  # and the selection is kept
    assert "changed outside this window" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.controller.job_done, timeout=60000) as done:
        window.actions.rescan.trigger()  # F5 now: nothing changed on disk since
    report = done.args[1]
    assert (len(report.added), len(report.updated)) == (0, 0) and len(report.unchanged) == 6
    story.write_text(STORY + "\nA correction was appended.\n", encoding="utf-8")
    new = story.with_name("late.md")  # not remembered: a file on its own, not its folder
    new.write_text(STORY.replace("Dam talks", "Weir talks"), encoding="utf-8")
    with qtbot.waitSignal(window.controller.job_done, timeout=60000) as done:
        window.actions.rescan.trigger()
    report = done.args[1]
    assert [p.name for p in report.updated] == ["dam.md"] and not report.added
    assert "added 0, updated 1" in window.statusBar().currentMessage()


def test_set_outlet_applies_to_every_selected_row(qtbot, window):
    paths = library_paths(window)[:3]
    select(window, paths)
    dlg = window.labels.dialog(assign=True)
    qtbot.addWidget(dlg)
    assert "3 selected articles" in [lbl.text() for lbl in dlg.findChildren(type(dlg.current))]
    dlg.name_box.setCurrentText("BBC News")
    dlg.accept()
    assert dlg.result() == dlg.DialogCode.Accepted
    with qtbot.waitSignal(window.controller.job_done, timeout=60000) as done:
        window.labels.saved(window.labels.targets)
    assert done.args == ["Updating labels", 3]
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    for path in paths:
        hit = window.controller.hit(path)
        assert (hit.outlet, hit.bias) == ("BBC News", "center")
    untouched = [window.controller.hit(p) for p in set(library_paths(window)) - set(paths)]
    assert untouched and all(h.outlet != "BBC News" for h in untouched)


def test_add_asks_for_an_outlet_and_kind_for_the_whole_batch(qtbot, window, tmp_path):
    folder = tmp_path / "mine"
    files = write_good_articles(folder, 2)
    dlg = window.editing.add_dialog([folder])
    qtbot.addWidget(dlg)
    assert dlg.outlet() is None and dlg.kind() is None  # by default each file's own
    dlg.outlet_box.setCurrentText("BBC News")
    dlg.kind_box.setCurrentIndex(dlg.kind_box.findData("opinion"))
    assert dlg.label.text().startswith("BBC News: Center · AllSides")
    with qtbot.waitSignal(window.controller.job_done, timeout=60000) as done:
        assert window.editing.add([folder], dlg.outlet(), dlg.kind())
    assert len(done.args[1].added) == 2
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    for path in files:
        hit = window.controller.hit(str(path.resolve()))
        assert (hit.outlet, hit.bias, hit.kind) == ("BBC News", "center", "opinion")


def test_the_header_says_where_each_field_came_from(qtbot, window, tmp_path):
    story = tmp_path / "dam.md"
    story.write_text(STORY, encoding="utf-8")
    bare = tmp_path / "bare.txt"
    bare.write_text("Council vote on the dam\n\nThe council voted on Monday, officials said.\n", encoding="utf-8")
    with qtbot.waitSignal(window.controller.job_done, timeout=60000):
        assert window.editing.add([story, bare])
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    assert window.open_article(str(story.resolve()))
    tips = header_tooltips(window)
    assert "Outlet from the file's front matter" in tips
    assert "Date from the file's front matter" in tips and "Title from the file's front matter" in tips
    text = window.reading_view.browser.toPlainText()
    assert "Riverside Gazette" in text and "Unrated" in text and "2022-02-24" in text
    assert window.open_article(str(bare.resolve()))
    text = window.reading_view.browser.toPlainText()
    assert "Outlet unknown" in text and "Unrated" not in text.split("\n")[1]
    assert any("does not guess one" in t for t in header_tooltips(window))
    row = window.library_model.row_of(str(bare.resolve()))
    assert window.library_model.index(row, LibraryModel.COL_OUTLET).data(Qt.ItemDataRole.DisplayRole) \
        == "Outlet unknown"


def test_the_window_stops_following_when_it_closes_and_never_starts_again(qtbot, window):
    """A running timer on a controller freed later on a worker thread crashed the GUI thread."""
    controller = window.controller
    assert controller.following()
    window.close()
    assert not controller.following()
    controller._task_finished(None)  # a job that ends after the window closed re-opens nothing
    assert not controller.following() and controller.view is None
