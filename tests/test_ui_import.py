"""Bringing your own articles: drops, the summary, removal, rescan and cancel."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtCore import QPointF
from PySide6.QtCore import Qt
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtGui import QDropEvent
from ui_helpers import gold_analyzer
from ui_helpers import library_paths
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import simple_resolver
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import window_on_a_copy

from reader.search.store import open_index
from reader.search.articles import article_count
from reader.ui.library.import_actions import dropped_paths
from reader.ui.report_dialog import report_html
from reader.ui.library.model import LibraryModel

GOOD = "Pipeline talks resume\n\nOfficials said on Monday that the pipeline talks would resume.\n"


@pytest.fixture()
def window(qtbot, ui_index, tmp_path):
    """A window on a private copy of the seed index; new files get the stand-in analysis."""
    return window_on_a_copy(qtbot, ui_index, tmp_path, {"analyzer": gold_analyzer, "resolver": simple_resolver})


def drop(win, paths: list[Path]) -> bool:
    """Drag ``paths`` over the window and drop them, as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths] + [QUrl("https://example.org/x.txt")])
    enter = QDragEnterEvent(win.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(win.rect().center()), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)
    return event.isAccepted()


def test_dropped_paths_keep_local_files_only(tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt")), QUrl("https://example.org/b.txt")])
    assert dropped_paths(mime) == [tmp_path / "a.txt"]
    assert dropped_paths(QMimeData()) == []


def test_dropping_files_and_a_folder_adds_them_and_reports_the_bad_one(qtbot, window, tmp_path):
    src = tmp_path / "mine"
    (src / "sub").mkdir(parents=True)
    good = src / "talks.txt"
    good.write_text(GOOD, encoding="utf-8")
    (src / "sub" / "notes.md").write_text("# Gas prices\n\nPrices rose again, analysts said.\n",
                                          encoding="utf-8")
    empty = src / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.controller.job_done, timeout=60000) as done:
        assert drop(window, [good, empty, src / "sub"])
        assert window.status.progress.isVisible() and window.status.cancel_button.isVisible()
    name, report = done.args
    assert name == "Adding articles"
    assert {p.name for p in report.added} == {"talks.txt", "notes.md"}
    assert [(p.name, bool(reason)) for p, reason in report.skipped] == [("empty.txt", True)]
    names = {Path(p).name for p in library_paths(window)}
    assert {"talks.txt", "notes.md"} <= names and "empty.txt" not in names
    assert len(names) == 7 and window.controller.article_count() == 7
    dialog = window.editing.last_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    text = dialog.browser.toPlainText()
    assert "Added (2)" in text and "Not added (1)" in text and "empty.txt" in text
    assert report.skipped[0][1] in text  # the reason, word for word
    assert good.read_text(encoding="utf-8") == GOOD  # the user's file is only read
    dialog.close()


def test_summary_lists_reasons_and_warnings():
    from reader.search.indexer import UpdateReport

    report = UpdateReport(added=[Path("/a/x.txt")], skipped=[(Path("/a/<b>.bin"), "binary file")],
                          warnings=[(Path("/a/x.txt"), "no title found")])
    html = report_html(report)
    assert "binary file" in html and "no title found" in html and "&lt;b&gt;.bin" in html


def test_delete_key_removes_from_library_but_keeps_the_file(qtbot, window, monkeypatch):
    view = window.library_view
    view.setFocus()
    view.selectRow(0)
    path = view.currentIndex().data(LibraryModel.PathRole)
    box, remove = window.editing.remove_box([path])
    assert "file on disk is kept" in box.informativeText() and remove is not None
    asked = []
    monkeypatch.setattr(window.editing, "confirm_remove", lambda paths: asked.append(paths) or True)
    with qtbot.waitSignal(window.controller.job_done, timeout=60000) as done:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked == [[path]] and done.args[0] == "Removing articles" and int(done.args[1]) == 1
    assert path not in library_paths(window) and len(library_paths(window)) == 4
    assert Path(path).is_file()  # only the library forgot it
    assert "kept" in window.statusBar().currentMessage()


def test_context_menu_offers_remove_and_set_outlet(window):
    menu = window.editing.library_menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert texts == ["Copy", "Copy with Citation", "Export Selected…",
                     "Set Outlet…", "Edit Outlet Label…", "Show File in Folder", "Remove from Library…"]
    assert all(a.isEnabled() for a in menu.actions())
    assert window.library_view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_rescan_reports_a_vanished_file_and_keeps_its_copy(qtbot, window, tmp_path):
    mine = tmp_path / "gone.txt"
    mine.write_text(GOOD, encoding="utf-8")
    with qtbot.waitSignal(window.controller.job_done, timeout=60000):
        assert window.editing.add([mine])
    window.editing.last_dialog.close()
    mine.unlink()
    with qtbot.waitSignal(window.controller.job_done, timeout=60000) as done:
        window.actions.rescan.trigger()
    report = done.args[1]
    assert [p.name for p, _ in report.skipped] == ["gone.txt"]
    assert "stored copy" in window.editing.last_dialog.browser.toPlainText()
    assert str(mine) in library_paths(window)  # still readable from the library
    window.editing.last_dialog.close()


def test_cancelled_import_leaves_the_library_consistent(qtbot, window, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i:02}.txt").write_text(f"Story {i}\n\nSomething happened, number {i}.\n",
                                             encoding="utf-8")
    outcomes = []
    window.controller.job_done.connect(lambda _name, report: outcomes.append(report.cancelled))
    window.controller.cancelled.connect(lambda: outcomes.append(True))
    assert window.editing.add([folder])
    assert not window.editing.add([folder])  # one library job at a time
    qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.busy_or_pending(), timeout=60000)
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    stored = article_count(open_index(window.controller.location))
    assert window.controller.article_count() == stored == len(library_paths(window))
    assert outcomes == [True] and 5 <= stored < 45
    qtbot.waitUntil(lambda: not window.status.progress.isVisible(), timeout=5000)
