"""File ▸ Export… and the quotes' and articles' context menus in the real window."""
from __future__ import annotations

import csv
import json
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.export.spec import Format, What
from reader.ui.library.model import LibraryModel
from ui_helpers import main_window, ui_index  # noqa: F401 - fixtures


def settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=30000)


def open_export(qtbot, window):
    window.actions.export.trigger()
    dialog = window.exports.dialog
    qtbot.waitExposed(dialog)
    return dialog


def run(qtbot, dialog):
    with qtbot.waitSignal(dialog.exported, timeout=60000) as done:
        assert dialog.start() is not None
    return done.args[0]


def press(qtbot, widget, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """A key with modifiers, then an unbound key without: QTest leaves the application's
    modifier state at the last modifier released, which would make later selections in
    this and other tests act as if Shift or Ctrl were held."""
    qtbot.keyClick(widget, key, modifiers)
    qtbot.keyClick(widget, Qt.Key.Key_F35)


def select_rows(view, rows):
    model, sm = view.model(), view.selectionModel()
    sm.clearSelection()
    for row in rows:
        sm.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                  | QItemSelectionModel.SelectionFlag.Rows)
    sm.setCurrentIndex(model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_file_export_writes_the_current_results_quotes_as_csv(qtbot, main_window, tmp_path):
    window = main_window
    assert window.actions.export.shortcut().toString() == "Ctrl+E"
    dialog = open_export(qtbot, window)
    assert dialog.what() == What.QUOTES and dialog.format() == Format.CSV
    assert dialog.findChild(type(dialog.export_button), "exportButton").isEnabled()
    assert dialog.path().name == "parallax-quotes.csv"
    dialog.path_edit.setText(str(tmp_path / "quotes.csv"))
    report = run(qtbot, dialog)
    with open(tmp_path / "quotes.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    shown = window.quotes_model.rows()  # the panel lists every statement of these 5 articles
    assert len(rows) == report.rows == len(shown) > 30
    assert sorted((r["path"], int(r["quote_index"])) for r in rows) == sorted((q.path, q.quote_index) for q in shown)
    assert not dialog.isVisible() and "Exported" in window.statusBar().currentMessage()
    assert window.exports.folder == tmp_path


def test_export_follows_the_search_and_the_format_names_the_file(qtbot, main_window, tmp_path):
    window = main_window
    window.set_query("pipeline")
    settle(qtbot, window)
    dialog = open_export(qtbot, window)
    results = dialog.findChild(type(dialog.what_group.buttons()[0]), "scope_results")
    assert results.isChecked() and "2 articles" in results.text()
    dialog.findChild(type(results), "what_articles").setChecked(True)
    dialog.set_format(Format.JSONL)
    assert dialog.path().name == "parallax-articles.jsonl" and not dialog.bom_box.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "mine.jsonl"))
    dialog.set_format(Format.QDPX)
    assert dialog.path().name == "mine.qdpx"  # the user's own name keeps its stem
    dialog.set_format(Format.JSONL)
    run(qtbot, dialog)
    rows = [json.loads(x) for x in (tmp_path / "mine.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["path"]).name[:3] for r in rows) == ["001", "002"]
    assert {r["schema"] for r in rows} == {"parallax.articles/1"}


def test_cancel_stops_the_export_on_its_worker_and_leaves_nothing(qtbot, main_window, tmp_path, monkeypatch):
    import reader.ui.export.dialog as module

    real = module.run_export
    started = threading.Event()

    def held(view, selection, request, progress, cancelled):
        def wait_for_cancel() -> bool:  # the first article waits until Cancel is pressed
            started.set()
            deadline = time.monotonic() + 20
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)
            return cancelled()

        return real(view, selection, request, progress=progress, cancelled=wait_for_cancel)

    monkeypatch.setattr(module, "run_export", held)
    dialog = open_export(qtbot, main_window)
    dialog.set_format(Format.QDPX)
    target = tmp_path / "out" / "quotes.qdpx"
    target.parent.mkdir()
    dialog.path_edit.setText(str(target))
    assert dialog.start() is not None
    qtbot.waitUntil(started.is_set, timeout=10000)
    assert dialog.progress.isVisible() and not dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert dialog.isVisible() and "nothing was written" in dialog.message.text()
    assert list(target.parent.iterdir()) == [] and dialog.report is None
    assert dialog.export_button.isEnabled()  # ready to try again
    dialog.reject()
    assert not dialog.isVisible()


def test_a_bad_destination_is_said_and_an_existing_file_is_asked_about(qtbot, main_window, tmp_path, monkeypatch):
    dialog = open_export(qtbot, main_window)
    dialog.path_edit.setText(str(tmp_path / "missing" / "x.csv"))
    assert dialog.start() is None and "does not exist" in dialog.message.text()
    dialog.path_edit.setText(str(tmp_path))
    assert dialog.start() is None and "is a folder" in dialog.message.text()
    mine = tmp_path / "keep.csv"
    mine.write_text("mine\n", encoding="utf-8")
    dialog.path_edit.setText(str(mine))
    asked = []
    monkeypatch.setattr(dialog, "ask_replace", lambda path: asked.append(path) or False)
    assert dialog.start() is None and asked and mine.read_text(encoding="utf-8") == "mine\n"
    monkeypatch.undo()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel, QMessageBox

    seen = []

    def answer_no():
        box = next(w for w in dialog.findChildren(QMessageBox) if w.isVisible())
        seen.append([lb.textFormat() for lb in box.findChildren(QLabel) if lb.text()])
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer_no)
    assert dialog.ask_replace(mine) is False
    assert seen and seen[0] and all(f == Qt.TextFormat.PlainText for f in seen[0])
    dialog.reject()


def test_quotes_context_menu_copies_with_and_without_citation(qtbot, main_window):
    window = main_window
    view = window.quotes_view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = window.exports.quote_menu()
    assert [a.text().replace("&", "") for a in menu.actions()] == ["Copy", "Copy with Citation", "Export Selected…"]
    select_rows(view, [0, 1])
    (p0, i0), (p1, i1) = refs = window.exports.selected_quote_refs()
    assert len(refs) == 2
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    q0 = window.controller.article(p0).record.quotes[i0]
    # an unattributed statement (a headline) is copied without a speaker, never "— None"
    assert len(lines) == 2 and lines[0] == f"“{q0.text}”" + (f" — {q0.speaker}" if q0.speaker else "")
    window.exports.cite_quotes.trigger()
    cited = QGuiApplication.clipboard().text().split("\n")
    art = window.controller.article(p1)
    q1 = art.record.quotes[i1]
    who = [q1.speaker] if q1.speaker else []
    assert cited[1].startswith(f"“{q1.text}” — " + ", ".join(who + [art.outlet, f"“{art.title}”"]))
    assert "None" not in "\n".join(lines + cited)
    assert "Copied 2 quotes" in window.statusBar().currentMessage()


def test_library_context_menu_copies_articles(qtbot, main_window):
    window = main_window
    view = window.library_view
    select_rows(view, [0])
    path = view.model().index(0, 0).data(LibraryModel.PathRole)
    art = window.controller.article(path)
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{art.title} — {art.outlet}"
    press(qtbot, view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    text = QGuiApplication.clipboard().text()
    assert f"“{art.title}”" in text and art.outlet in text and text.endswith(art.published or "n.d.")
    menu = window.editing.library_menu()
    assert window.exports.export_articles in menu.actions()
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


def test_export_selected_quotes_writes_just_those(qtbot, main_window, tmp_path):
    window = main_window
    view = window.quotes_view
    select_rows(view, [2, 0])
    window.library_view.clearSelection()
    wanted = window.exports.selected_quote_refs()
    window.exports.export_quotes.trigger()
    dialog = window.exports.dialog
    qtbot.waitExposed(dialog)
    scope = dialog.findChild(type(dialog.what_group.buttons()[0]), "scope_quotes")
    assert scope.isChecked() and scope.isEnabled() and "(2)" in scope.text()
    assert not dialog.findChild(type(scope), "scope_articles").isEnabled()  # none selected
    dialog.set_format(Format.JSONL)
    dialog.path_edit.setText(str(tmp_path / "two.jsonl"))
    run(qtbot, dialog)
    rows = [json.loads(x) for x in (tmp_path / "two.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted((r["path"], r["quote_index"]) for r in rows) == sorted(wanted)


def test_no_shortcut_of_the_window_is_ambiguous(main_window):
    """A key bound twice where both apply triggers neither (Qt calls it ambiguous): a
    shortcut may repeat only on different widgets, each acting while its widget has focus."""
    from PySide6.QtGui import QAction

    seen: dict[str, list] = {}
    for action in main_window.findChildren(QAction):
        for key in action.shortcuts():
            widgets = [w for w in action.associatedObjects() if w is not main_window]
            widget_only = action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
            seen.setdefault(key.toString(), []).append((action.objectName(), widget_only, widgets))
    for key, uses in seen.items():
        if len(uses) > 1:
            assert all(widget_only for _, widget_only, _ in uses), (key, uses)
            owners = [w for _, _, ws in uses for w in ws]
            assert len(owners) == len(set(owners)), (key, uses)


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_export_dialog_and_menus_fit_the_window(qtbot, main_window, size):
    window = main_window
    window.resize(*size)
    dialog = open_export(qtbot, window)
    hint = dialog.sizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1] - 100
    for button in dialog.what_group.buttons() + dialog.scope_group.buttons():
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())  # no clipped label
    dialog.reject()
    select_rows(window.quotes_view, [0])
    menu = window.exports.quote_menu()
    assert menu.sizeHint().width() < size[0] // 3


def test_an_export_after_the_library_changed_says_so_and_writes_nothing(qtbot, main_window, tmp_path, monkeypatch):
    import reader.ui.export.dialog as module
    from reader.search.view import StaleView

    def changed(*_a, **_k):
        raise StaleView("the index changed since the view was opened")

    monkeypatch.setattr(module, "run_export", changed)
    dialog = open_export(qtbot, main_window)
    dialog.path_edit.setText(str(tmp_path / "q.csv"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert "library changed" in dialog.message.text() and not (tmp_path / "q.csv").exists()
    dialog.reject()
