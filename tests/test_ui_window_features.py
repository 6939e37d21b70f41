"""Issue 21: the window's title and name, Undo, Show in Folder, theme, rows, sort, columns."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from ui_helpers import gold_analyzer
from ui_helpers import index_options
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import simple_resolver
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import wait_open

from reader.search.articles import article_count
from reader.search.store import open_index
from reader.ui.app import create_window
from reader.ui.library.model import LibraryModel
from reader.ui.settings import Settings


def open_window(qtbot, location: Path, settings: Settings | None = None, size=(1400, 900)):
    win = create_window(index_dir=location, settings=settings,
                        index_options={"analyzer": gold_analyzer, "resolver": simple_resolver})
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    wait_open(qtbot, win)
    return win


@pytest.fixture()
def private_index(ui_index, tmp_path) -> Path:
    location = tmp_path / "index"
    shutil.copytree(ui_index, location)
    return location


def paths(win) -> list[str]:
    proxy = win.library_proxy
    return [proxy.index(r, 0).data(LibraryModel.PathRole) for r in range(proxy.rowCount())]


def test_the_title_names_the_library_and_a_rename_survives_a_restart(qtbot, private_index):
    win = open_window(qtbot, private_index)
    assert win.windowTitle() == "Parallax — My library"
    assert win.windowTitle().count("Parallax") == 1
    assert win.title.rename("  Khan's Moscow trip\n")
    assert win.windowTitle() == "Parallax — Khan's Moscow trip"
    assert "“Khan's Moscow trip”" in win.status.corpus_label.text()
    win.close()
    again = open_window(qtbot, private_index)
    assert again.windowTitle() == "Parallax — Khan's Moscow trip"
    again.title.rename("")  # empty: the default again
    assert again.windowTitle() == "Parallax — My library"
    again.close()


def test_remove_names_the_title_and_undo_puts_the_article_back_in_the_index(qtbot, private_index,
                                                                             monkeypatch):
    win = open_window(qtbot, private_index)
    win.library_view.selectRow(0)
    path = win.library_view.currentIndex().data(LibraryModel.PathRole)
    title = win.library_model.hit(win.library_model.row_of(path)).title
    box, _remove = win.editing.remove_box([path])
    assert title in box.text() and Path(path).name not in box.text()
    monkeypatch.setattr(win.editing, "confirm_remove", lambda _paths: True)
    assert not win.actions.undo.isEnabled()
    with qtbot.waitSignal(win.controller.job_done, timeout=60000):
        assert win.editing.remove_selected()
    qtbot.waitUntil(lambda: len(paths(win)) == 4, timeout=10000)
    assert path not in paths(win) and win.actions.undo.isEnabled()
    assert title[:20] in win.actions.undo.text()
    assert QKeySequence("Ctrl+Z") in win.actions.undo.shortcuts()
    Path(path).rename(Path(path).with_suffix(".moved"))  # the restore reads no file
    try:
        with qtbot.waitSignal(win.controller.job_done, timeout=60000) as done:
            win.library_view.setFocus()
            qtbot.keyClick(win.library_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert done.args[0] == "Restoring articles"
    finally:
        Path(path).with_suffix(".moved").rename(path)
    qtbot.waitUntil(lambda: len(paths(win)) == 5, timeout=10000)
    assert path in paths(win) and not win.actions.undo.isEnabled()
    with open_index(private_index).searcher() as s:  # really in the index: searchable, with its record
        stored = s.document(path=path)
        assert stored is not None and stored["title"] == title
    assert article_count(win.controller.view) == 5
    assert win.open_article(path) and win.reading_view.article.record.quotes
    win.close()


def test_undo_takes_back_a_label_edit(qtbot, private_index):
    from reader.outlet_overrides import default_registry
    from reader.outlet_info import LabelForm
    from reader.ui.library.outlet_dialog import save_label

    win = open_window(qtbot, private_index)
    registry = default_registry()
    before = win.undo.before_label_edit()
    was = registry.resolve(name="Deutsche Welle").lean
    save_label(registry, LabelForm("Deutsche Welle", "right", "my note", ""))
    win.undo.label_edited(before, "Deutsche Welle")
    assert registry.resolve(name="Deutsche Welle").lean == "right"
    assert "Deutsche Welle" in win.actions.undo.text()
    with qtbot.waitSignal(win.controller.job_done, timeout=60000):
        assert win.undo.undo()
    assert registry.resolve(name="Deutsche Welle").lean == was
    assert not win.actions.undo.isEnabled()
    win.close()


def test_show_file_in_folder_reveals_the_selected_article(qtbot, private_index, tmp_path):
    win = open_window(qtbot, private_index)
    calls = []
    win.files.launch = lambda command, folder: calls.append((command, folder)) or True
    win.library_view.selectRow(1)
    path = Path(win.library_view.currentIndex().data(LibraryModel.PathRole))
    win.actions.show_in_folder.trigger()
    assert calls and calls[0][1] == path.parent
    assert calls[0][0] is None or any(str(path.name) in part or path.as_uri() in part for part in calls[0][0])
    assert win.actions.show_in_folder in win.editing.library_menu().actions()
    win.close()


def test_reveal_commands_per_platform(tmp_path):
    from reader.reveal import reveal_command

    f = tmp_path / "a b's.txt"
    assert reveal_command(f, "darwin") == ["open", "-R", str(f)]
    assert reveal_command(f, "win32") == ["explorer", f"/select,{f}"]
    linux = reveal_command(f, "linux")
    assert linux is None or "'" not in linux[-2].strip("[]")[1:-1]  # the path is a URI: quotes escaped


def test_theme_switches_palettes_and_is_remembered(qtbot, private_index, tmp_path):
    from reader.ui.palette import is_dark

    settings = Settings(tmp_path / "theme.ini")
    win = open_window(qtbot, private_index, settings)
    names = [a.text().replace("&", "") for a in win.theme_menu.menu.actions()]
    assert names == ["System", "Light", "Dark"]
    light_html = win.reading_view.html()
    win.theme_menu.actions["dark"].trigger()
    app = QApplication.instance()
    assert is_dark(app.palette()) and settings.theme == "dark"
    qtbot.waitUntil(lambda: win.reading_view.html() != light_html, timeout=5000)  # drawn again
    assert is_dark(win.reading_view.palette())
    win.theme_menu.actions["light"].trigger()
    assert not is_dark(app.palette()) and settings.theme == "light"
    qtbot.waitUntil(lambda: not is_dark(win.reading_view.palette()), timeout=5000)
    win.theme_menu.actions["system"].trigger()
    assert settings.theme == "system"
    win.close()


def test_compact_rows_are_one_line_and_remembered(qtbot, private_index, tmp_path):
    settings = Settings(tmp_path / "rows.ini")
    win = open_window(qtbot, private_index, settings)
    view = win.library_view
    two = view.verticalHeader().defaultSectionSize()
    win.actions.compact_rows.trigger()
    one = view.verticalHeader().defaultSectionSize()
    assert one < two * 0.7 and one >= view.fontMetrics().height()
    win.set_query("pipeline")
    qtbot.waitUntil(lambda: not win.controller.search_pending(), timeout=10000)
    assert view.verticalHeader().defaultSectionSize() == one  # no snippet lines in compact mode
    tip = win.library_proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "pipeline" in tip.lower()  # the match is in the tooltip
    win.close()
    assert settings.compact_rows
    again = open_window(qtbot, private_index, settings)
    assert again.actions.compact_rows.isChecked()
    again.close()


def header_click(qtbot, win, column: int) -> None:
    header = win.library_view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(column) + 5, 5))


def test_a_third_header_click_and_the_menu_return_to_relevance(qtbot, private_index, tmp_path):
    settings = Settings(tmp_path / "sort.ini")
    win = open_window(qtbot, private_index, settings)
    win.set_query("khan moscow")
    qtbot.waitUntil(lambda: not win.controller.search_pending(), timeout=10000)
    ranked = paths(win)
    header = win.library_view.horizontalHeader()
    header_click(qtbot, win, LibraryModel.COL_QUOTES)
    header_click(qtbot, win, LibraryModel.COL_QUOTES)
    assert header.sortIndicatorSection() == LibraryModel.COL_QUOTES
    assert paths(win) != ranked or len(ranked) < 2
    header_click(qtbot, win, LibraryModel.COL_QUOTES)  # the third click: relevance
    assert header.sortIndicatorSection() < 0 and paths(win) == ranked
    header_click(qtbot, win, LibraryModel.COL_QUOTES)
    win.actions.sort_relevance.trigger()
    assert paths(win) == ranked and not win.actions.sort_relevance.isEnabled()
    header_click(qtbot, win, LibraryModel.COL_DATE)
    win.close()  # not pinned: the next start is by relevance
    again = open_window(qtbot, private_index, settings)
    assert again.library_view.horizontalHeader().sortIndicatorSection() < 0
    header_click(qtbot, again, LibraryModel.COL_QUOTES)
    again.actions.pin_sort.trigger()
    again.close()
    pinned = open_window(qtbot, private_index, settings)
    assert pinned.library_view.horizontalHeader().sortIndicatorSection() == LibraryModel.COL_QUOTES
    assert pinned.actions.pin_sort.isChecked()
    pinned.close()


def test_library_model_passes_the_model_tester(qtmodeltester, qtbot, private_index):
    win = open_window(qtbot, private_index)
    qtmodeltester.check(win.library_model)
    qtmodeltester.check(win.library_proxy)
    win.close()


def test_columns_fit_a_1280_window_and_come_back_at_1920(qtbot, private_index):
    from reader.ui.library.column_fit import TITLE_CHARS

    win = open_window(qtbot, private_index, size=(1280, 800))
    qtbot.waitUntil(lambda: win.width() <= 1280, timeout=5000)
    view, header = win.library_view, win.library_view.horizontalHeader()
    qtbot.wait(50)
    assert win.minimumSizeHint().width() <= 1280  # the window fits the screen it is on
    assert header.sectionSize(LibraryModel.COL_TITLE) >= view.fontMetrics().averageCharWidth() * TITLE_CHARS - 2
    fm = view.fontMetrics()
    for name, _bias in win.controller.panels().outlets:  # every outlet name whole, or its short name
        room = header.sectionSize(LibraryModel.COL_OUTLET) - fm.horizontalAdvance("Lean right") - 30
        short = win.library_model.short_outlet(name)
        assert fm.horizontalAdvance(name) <= room or (short and fm.horizontalAdvance(short) <= room), name
    hidden_small = [c for c in range(1, 6) if header.isSectionHidden(c)]
    entity_header = win.entities_panel.view.horizontalHeader()
    name_width = entity_header.sectionSize(0)
    assert name_width >= fm.horizontalAdvance("Khalid Hameed Farooqi")  # names whole at 1280
    win.resize(1920, 1080)
    qtbot.wait(100)
    assert [c for c in range(1, 6) if header.isSectionHidden(c)] == [] or len(
        [c for c in range(1, 6) if header.isSectionHidden(c)]) < len(hidden_small)
    bar = win.coverage_bar
    assert not bar.short  # at 1920 every segment has its full label
    from reader.ui.quotes.model import QuotesModel
    from reader.ui.window.layout import fit_quote_outlets

    fit_quote_outlets(win)
    quotes_header = win.quotes_view.horizontalHeader()
    outlet_width = quotes_header.sectionSize(QuotesModel.COL_OUTLET)
    names = {win.quotes_model.index(r, QuotesModel.COL_OUTLET).data() for r in range(win.quotes_model.rowCount())}
    assert names and all(fm.horizontalAdvance(n) <= outlet_width - 10 for n in names)
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: bool(win.columns.auto_hidden), timeout=5000)
    win.close()  # columns hidden for want of room are saved as shown
    state = win.settings.library_header
    again = open_window(qtbot, private_index, win.settings, size=(1920, 1080))
    qtbot.wait(100)
    assert state is not None and not again.library_view.horizontalHeader().isSectionHidden(LibraryModel.COL_AUTHOR)
    again.close()


def test_short_outlet_names_come_from_the_registry():
    from reader.outlet_names import short_name
    from reader.outlet_overrides import default_registry

    registry = default_registry()
    assert short_name(registry.resolve(name="Radio Free Europe/Radio Liberty")) == "RFE/RL"
    assert short_name(registry.resolve(name="The Washington Post")) in ("WaPo", "Washington Post")
    assert short_name(None) is None


def test_the_screenshot_flag_takes_size_and_theme(ui_index, tmp_path):
    import os
    import struct
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "dark.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out), "--size", "1280x800",
                           "--theme", "dark", "--index", str(ui_index)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert struct.unpack(">II", data[16:24]) == (1280, 800)
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    corner = image.pixelColor(image.width() // 2, image.height() - 5)  # the status bar
    assert corner.lightnessF() < 0.4  # dark
    bad = subprocess.run([sys.executable, "-m", "reader", "--size", "12x3", "--screenshot", str(out)],
                         cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "WIDTHxHEIGHT" in bad.stderr


def test_gui_flags_are_in_the_one_parser():
    from reader.cli import build_parser, parse_gui_args

    help_text = build_parser([]).format_help()
    for flag in ("--screenshot", "--size", "--theme", "--query", "--entity", "--open", "--index"):
        assert flag in help_text
    args = parse_gui_args(["--size", "1920x1080", "--theme", "light", "--query", "x"])
    assert args.size == (1920, 1080) and args.theme == "light" and args.query == "x"


def test_every_focusable_widget_has_an_accessible_name(qtbot, private_index):
    from PySide6.QtWidgets import QWidget

    from reader.ui.window.accessible import focusable

    win = open_window(qtbot, private_index)
    win.tabs.setCurrentWidget(win.compare_tab)  # Compare is built when first shown
    qtbot.waitUntil(lambda: win.compare_tab.workspace is not None, timeout=10000)
    qtbot.wait(50)
    win.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    widgets = focusable(win)
    assert len(widgets) > 20
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in widgets if not w.accessibleName().strip()]
    assert unnamed == []
    assert isinstance(win.library_view, QWidget) and win.library_view.accessibleName() == "Library"


def test_standard_shortcuts_come_from_the_platform_keys(main_window_keys=None):
    from reader.ui.actions import SPECS

    standard = {s.name for s in SPECS if any(isinstance(k, QKeySequence.StandardKey) for k in s.shortcuts)}
    assert {"add_files", "rescan", "remove_article", "undo", "find", "next_hit", "prev_hit",
            "search_help", "quit"} <= standard
