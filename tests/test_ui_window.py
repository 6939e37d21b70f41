"""The real main window on the seed index: search, entity filters, quotes, safety."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtGui import QTextDocument
from ui_helpers import DW_FILE
from ui_helpers import gold_direct_quotes
from ui_helpers import load_gold
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import wait_open

from reader.analysis.record import ArticleRecord
from reader.search.articles import StoredArticle
from reader.ui.library.model import LibraryModel
from reader.ui.quotes.model import QuotesModel
from reader.ui.reading.view import anchor_position


def settle(qtbot, window) -> None:
    """Wait until the searches requested so far have been shown."""
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)


def visible_paths(window) -> list[str]:
    proxy = window.library_proxy
    return [proxy.index(r, 0).data(LibraryModel.PathRole) for r in range(proxy.rowCount())]


def click_row(qtbot, view, row: int, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_opens_on_seeds_with_title_and_status(main_window):
    assert len(visible_paths(main_window)) == 5
    assert main_window.windowTitle() == "Parallax — My library"
    assert "5 articles" in main_window.status.corpus_label.text()
    assert main_window.reading_view.article is not None  # the first result is shown


def test_typing_a_query_updates_the_list(qtbot, main_window):
    main_window.actions.find.trigger()
    assert main_window.search_edit.hasFocus()
    qtbot.keyClicks(main_window.search_edit, "pipeline")
    qtbot.waitUntil(lambda: len(visible_paths(main_window)) == 2, timeout=3000)
    snippets = [main_window.library_proxy.index(r, 0).data(LibraryModel.SnippetRole) for r in range(2)]
    assert all("\x02" in s for s in snippets)  # ranked hits carry highlighted snippets
    main_window.search_edit.clear()
    qtbot.waitUntil(lambda: len(visible_paths(main_window)) == 5, timeout=3000)


def test_malformed_query_is_explained_inline(qtbot, main_window):
    qtbot.keyClicks(main_window.search_edit, '"gas pipeline')
    qtbot.waitUntil(lambda: main_window.query_message.isVisible(), timeout=3000)
    assert "quotation mark" in main_window.query_message.text()
    main_window.set_query("(khan AND")
    settle(qtbot, main_window)
    assert "parenthesis" in main_window.query_message.text()
    main_window.set_query("khan")
    settle(qtbot, main_window)
    assert not main_window.query_message.isVisible()


def test_clicking_ned_price_leaves_only_the_dw_article(qtbot, main_window):
    panel = main_window.entities_panel
    index = panel.index_of("Ned Price")
    assert index.isValid()
    panel.view.scrollTo(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.view.visualRect(index).center())
    qtbot.waitUntil(lambda: len(visible_paths(main_window)) == 1, timeout=3000)
    assert Path(visible_paths(main_window)[0]).name == DW_FILE
    settle(qtbot, main_window)  # the quotes panel follows the list
    assert {Path(r.path).name for r in main_window.quotes_model.rows()} == {DW_FILE}
    chips = main_window.chips.chips()
    assert [c.text() for c in chips] == ["Ned Price  ×"] and main_window.chips.isVisible()
    # a second filter combines (AND); removing chips restores the list
    main_window.controller.add_filter("person:imran khan", "Imran Khan")
    settle(qtbot, main_window)
    assert len(visible_paths(main_window)) == 1 and len(main_window.chips.chips()) == 2
    qtbot.mouseClick(main_window.chips.chips()[0], Qt.MouseButton.LeftButton)
    settle(qtbot, main_window)
    assert len(visible_paths(main_window)) == 5
    qtbot.mouseClick(main_window.chips.clear_button, Qt.MouseButton.LeftButton)
    settle(qtbot, main_window)
    assert not main_window.controller.filters and not main_window.chips.isVisible()


def test_clicking_a_quote_opens_its_article_at_the_quote(qtbot, main_window):
    view = main_window.quotes_view
    proxy = main_window.quotes_proxy
    rows = [r for r in range(proxy.rowCount()) if Path(proxy.index(r, 0).data(QuotesModel.PathRole)).name != DW_FILE]
    row = rows[-1]  # a quote late in a non-default article
    path = proxy.index(row, 0).data(QuotesModel.PathRole)
    qindex = proxy.index(row, 0).data(QuotesModel.QuoteIndexRole)
    click_row(qtbot, view, row, QuotesModel.COL_QUOTE)
    reading = main_window.reading_view
    assert reading.article is not None and reading.article.path == path
    quote = reading.article.record.quotes[qindex]
    assert reading.selected_quote == qindex
    assert reading.browser.textCursor().selectedText() == quote.text
    # the quote is on screen
    cursor_rect = reading.browser.cursorRect()
    assert reading.browser.viewport().rect().intersects(cursor_rect)
    assert visible_paths(main_window)[main_window.library_view.currentIndex().row()] == path


def _background_at(browser, text: str):
    doc = browser.document()
    text = max(text.replace("\n", "\xa0").split("\xa0"), key=len)  # find() and NBSP disagree
    cursor = doc.find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not cursor.isNull(), text
    probe = QTextCursor(doc)
    probe.setPosition(cursor.selectionStart() + 1)
    return probe.charFormat()


def test_every_gold_direct_quote_is_highlighted(qtbot, main_window):
    path = main_window.controller.find_path(DW_FILE)
    assert main_window.open_article(path)
    html = main_window.reading_view.browser.toHtml()
    base = main_window.reading_view.browser.palette().base().color()
    for gq in gold_direct_quotes(DW_FILE):
        fmt = _background_at(main_window.reading_view.browser, gq["text"])
        assert fmt.background().style() != Qt.BrushStyle.NoBrush, gq["text"]
        assert fmt.background().color() != base, gq["text"]
        assert fmt.toolTip(), gq["text"]
    assert "Ned Price" in main_window.reading_view.browser.toPlainText()
    assert "<img" not in html


def test_search_hits_step_with_f3(qtbot, main_window):
    main_window.set_query("Khan")
    settle(qtbot, main_window)
    reading = main_window.reading_view
    assert reading.hit_count() > 3
    qtbot.keyClick(main_window, Qt.Key.Key_F3)
    qtbot.keyClick(main_window, Qt.Key.Key_F3)
    assert reading.current_hit() == 1
    assert reading.browser.textCursor().selectedText().lower().startswith("khan")
    qtbot.keyClick(main_window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reading.current_hit() == 0


def test_hostile_article_renders_as_text(qtbot, main_window):
    body = ('Hostile\n\n<script>alert(1)</script> <img src="file:///etc/passwd"> '
            '<a href="javascript:alert(2)">x</a> javascript:alert(3)\n')
    art = StoredArticle(path="/x/h.txt", title="Hostile", outlet="", author="", published="",
                        kind="news", url="", format="text", bias="unknown", body=body,
                        record=ArticleRecord(file="/x/h.txt", title="Hostile"))
    main_window.reading_view.show_article(art)
    browser = main_window.reading_view.browser
    text = browser.toPlainText()
    for needle in ("<script>alert(1)</script>", '<img src="file:///etc/passwd">',
                   '<a href="javascript:alert(2)">', "javascript:alert(3)"):
        assert needle in text
    html = browser.toHtml()
    assert not re.search(r"<script|<img|<a\s[^>]*href", html, re.I)
    assert browser.loadResource(QTextDocument.ResourceType.ImageResource.value, "file:///etc/passwd") is None
    assert not browser.openLinks() and not browser.openExternalLinks()


def test_layout_is_restored_from_settings(qtbot, ui_index):
    from reader.ui.app import create_window

    first = create_window(index_dir=ui_index)
    qtbot.addWidget(first)
    first.show()
    first.resize(1100, 700)
    first.quotes_dock.hide()
    first.library_view.horizontalHeader().setSectionHidden(LibraryModel.COL_AUTHOR, True)
    first.close()
    second = create_window(index_dir=ui_index)
    qtbot.addWidget(second)
    second.show()
    assert second.quotes_dock.isHidden()
    assert second.library_view.horizontalHeader().isSectionHidden(LibraryModel.COL_AUTHOR)
    assert second.settings.path.is_relative_to(Path(__import__("os").environ["PARALLAX_HOME"]))


def test_keyboard_shortcuts_and_accessible_names(qtbot, main_window):
    main_window.library_view.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert main_window.search_edit.hasFocus()
    qtbot.keyClick(main_window.search_edit, Qt.Key.Key_Tab)
    assert not main_window.search_edit.hasFocus()  # tab moves on
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.search_edit.hasFocus()
    for widget in (main_window.search_edit, main_window.library_view, main_window.quotes_view,
                   main_window.reading_view.browser, main_window.entities_panel.view,
                   main_window.entities_panel.filter_edit, main_window.chips.clear_button,
                   main_window.status.progress, main_window.status.cancel_button):
        assert widget.accessibleName(), widget
    # the bias chip is never colour alone: its label is in the data for screen readers
    idx = main_window.library_proxy.index(0, LibraryModel.COL_OUTLET)
    assert idx.data(LibraryModel.BiasLabelRole) in idx.data(Qt.ItemDataRole.AccessibleTextRole)


def test_sorting_the_library_by_quotes(qtbot, main_window):
    header = main_window.library_view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(LibraryModel.COL_QUOTES) + 5, 5))
    proxy = main_window.library_proxy
    counts = [proxy.index(r, LibraryModel.COL_QUOTES).data(LibraryModel.SortRole) for r in range(5)]
    assert counts == sorted(counts) or counts == sorted(counts, reverse=True)


def test_cancelled_rebuild_leaves_the_library_as_it_was(qtbot, ui_index, tmp_path):
    import shutil

    from ui_helpers import index_options

    from reader.ui.app import create_window

    location = tmp_path / "index"
    shutil.copytree(ui_index, location)
    window = create_window(index_dir=location, index_options=index_options(ui_index))
    qtbot.addWidget(window)
    window.show()
    wait_open(qtbot, window)
    task = window.controller.jobs.rebuild()
    assert task is not None and window.controller.jobs.rebuild() is None  # one rebuild at a time
    qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.busy_or_pending(), timeout=60000)
    assert window.library_proxy.rowCount() == 5
    assert window.controller.article_count() == 5


def test_damaged_index_is_explained_with_a_rebuild_offer(qtbot, ui_index, tmp_path):
    import shutil

    from ui_helpers import index_options

    from reader.search.store import STAMP
    from reader.search.store import IndexProblem
    from reader.search.store import whoosh_dir
    from reader.ui.app import create_window

    location = tmp_path / "index"
    shutil.copytree(ui_index, location)
    (whoosh_dir(location) / STAMP).write_text("{not json", encoding="utf-8")
    window = create_window(index_dir=location, index_options=index_options(ui_index))
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.controller.problem, timeout=10000) as blocker:
        window.show()
    exc = blocker.args[0]
    assert isinstance(exc, IndexProblem)
    box, rebuild = window.problem_box(exc)
    assert rebuild is not None and box.text() == "The library index is damaged." and "Traceback" not in box.text()
    assert "damaged" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.controller.opened, timeout=120000):
        window.rebuild_index()
    assert window.library_proxy.rowCount() == 5


@pytest.mark.parametrize("file_name", sorted(load_gold()))
def test_gold_quotes_are_marked_or_hidden_as_boilerplate(qtbot, main_window, file_name):
    """Every gold direct quote is shown marked (speech or scare style, as the analysis
    classified it) with a tooltip, unless the analysis hid its line as boilerplate."""
    assert main_window.open_article(main_window.controller.find_path(file_name))
    art = main_window.reading_view.article
    doc = main_window.reading_view.browser.document()
    for gq in gold_direct_quotes(file_name):
        if any(a <= gq["start"] < b for a, b in art.record.boilerplate):
            continue  # hidden on purpose
        found = [i for i, q in enumerate(art.record.quotes) if abs(q.start - gq["start"]) <= 2
                 or (q.kind == "mixed" and q.start <= gq["start"] and gq["end"] <= q.end + 1)]  # inside a clause
        assert found, f"the analysis did not find {gq['text']!r}"
        pos = anchor_position(doc, f"q{found[0]}")
        assert pos >= 0, gq["text"]
        probe = QTextCursor(doc)
        probe.setPosition(pos + max(0, gq["start"] - art.record.quotes[found[0]].start) + 1)  # in the quoted words
        fmt = probe.charFormat()
        marked = fmt.background().style() != Qt.BrushStyle.NoBrush or fmt.fontItalic()
        assert marked and fmt.toolTip(), gq["text"]


def test_help_menu_explains_the_query_language(main_window):
    from reader.search import fields as F
    from reader.ui.dialogs import search_help_html

    text = search_help_html()
    assert all(f"{name}:" in text for name in F.QUERY_FIELDS)
    menus = [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Tools", "Help"]
    file_menu = main_window.menuBar().actions()[0].menu()
    assert [a.text().replace("&", "") for a in file_menu.actions() if a.text()] == [
        "Add Files…", "Add Folder…", "Rescan Changed Files", "Rename Library…", "Export…",
        "Rebuild Index", "Quit"]


def test_title_and_status_bar_name_the_library_not_its_folder(qtbot, main_window):
    assert main_window.windowTitle() == "Parallax — My library"
    assert main_window.status.corpus_label.text().endswith("5 articles in “My library”")
    main_window.set_query("pipeline")  # a search does not rename the library
    settle(qtbot, main_window)
    assert main_window.windowTitle() == "Parallax — My library"
    assert "“My library”" in main_window.status.corpus_label.text()


def test_the_library_folder_is_named_when_the_first_search_comes_before_the_panels(qtbot, ui_index):
    from reader.ui.app import create_window
    from ui_helpers import index_options

    window = create_window(index_dir=ui_index, index_options=index_options(ui_index), open_now=False)
    qtbot.addWidget(window)
    # as `parallax --query` does: search as soon as the library opens, before its panels arrive
    window.controller.opened.connect(lambda _count: window.set_query("pipeline"))
    window.controller.open()
    window.show()
    qtbot.waitUntil(lambda: window.controller.ready, timeout=30000)
    settle(qtbot, window)
    assert "5 articles in “My library”" in window.status.corpus_label.text()
    assert window.windowTitle() == "Parallax — My library"
    window.close()
