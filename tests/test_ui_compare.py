"""The Compare tab on the seeds: voices cells list their statements, side by side, KWIC, models."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import Qt
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture

from reader.compare.side import Target
from reader.ui.compare.tables import CoverageModel, KwicModel, PickModel, SharedModel
from reader.ui.compare.voices_model import StatementsModel, VoicesModel

DW, RFE = "Deutsche Welle", "Radio Free Europe/Radio Liberty"


def open_compare(qtbot, window):
    window.actions.compare.trigger()
    host = window.compare_tab
    assert window.tabs.currentWidget() is host
    qtbot.waitUntil(lambda: host.workspace is not None and host.workspace.comparison is not None
                    and not host.workspace.pending(), timeout=30000)
    return host.workspace


def click(qtbot, view, index, double: bool = False) -> None:
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if double:  # a double-click is a click, then the second press
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_a_voices_cell_lists_that_outlets_statements_of_that_speaker(qtbot, main_window):
    ws = open_compare(qtbot, main_window)
    assert "5 articles from 5 outlets" in ws.heading.text()
    voices = ws.voices
    assert voices.model.rowCount() >= 15 and len(voices.model.outlets) == 5
    click(qtbot, voices.view, voices.cell_index("Imran Khan", DW))
    rows = [voices.statements.row_at(r) for r in range(voices.statements.rowCount())]
    assert [r.text for r in rows if r.kind == "direct"] == ["What a time I have come, so much excitement,"]
    assert "Imran Khan in Deutsche Welle" in voices.statements_title.text()
    click(qtbot, voices.view, voices.cell_index("Imran Khan", RFE))
    assert {voices.statements.row_at(r).outlet for r in range(voices.statements.rowCount())} == {RFE}
    click(qtbot, voices.view, voices.cell_index("Imran Khan", ""))  # the speaker: every outlet
    assert {voices.statements.row_at(r).outlet for r in range(voices.statements.rowCount())} >= {DW, RFE, "Bol News"}
    khan = next(voices.model.row_at(r) for r in range(voices.model.rowCount())
                if voices.model.row_at(r).name == "Imran Khan")
    for outlet in voices.model.outlets:  # an outlet that names him but neither quotes nor reports him
        if voices.model.cell_of(khan, outlet) is None and voices.model.mentioned(khan, outlet):
            click(qtbot, voices.view, voices.cell_index("Imran Khan", outlet))
            assert voices.statements.rowCount() == 0 and "names Imran Khan" in voices.statements_title.text()
    click(qtbot, voices.view, voices.cell_index("Imran Khan", RFE), double=True)
    assert main_window.tabs.currentWidget() is main_window.reader_page
    article = main_window.reading_view.article
    assert article.outlet == RFE
    assert article.record.quotes[main_window.reading_view.selected_quote].text.startswith("So much excitement")


def test_shared_words_show_the_seed_groups_and_open_the_article(qtbot, main_window):
    ws = open_compare(qtbot, main_window)
    ws.show_page(ws.shared)
    model = ws.shared.model
    relations = {(model.row_at(r)[2].statement.outlet, model.row_at(r)[2].relation) for r in range(model.rowCount())}
    assert (RFE, "trimmed") in relations and (DW, "longest") in relations
    trimmed = next(r for r in range(model.rowCount()) if model.row_at(r)[2].relation == "trimmed"
                   and "excitement" in model.row_at(r)[2].statement.text)
    html = model.index(trimmed, SharedModel.COL_WORDS).data()
    assert "So much excitement" in html and "What a time I have come" in html  # kept, and the cut faded
    click(qtbot, ws.shared.view, ws.shared.proxy.index(trimmed, SharedModel.COL_OUTLET))
    assert ws.side.target is not None and ws.side.target.kind == "group"
    click(qtbot, ws.shared.view, ws.shared.proxy.index(trimmed, SharedModel.COL_WORDS), double=True)
    assert main_window.reading_view.article.outlet == RFE


def test_side_by_side_with_three_articles_highlights_a_speaker_in_each(qtbot, main_window):
    ws = open_compare(qtbot, main_window)
    ws.show_page(ws.side)
    side = ws.side
    qtbot.waitUntil(lambda: side.columns_ready() and len(side.visible_columns()) == 3, timeout=20000)
    titles = [col.article.title for col in side.visible_columns()]
    assert len(set(titles)) == 3
    for col in side.visible_columns():
        assert col.article.title in col.head.text() and "words" in col.head.text()
        assert col.browser.toPlainText().strip()
    side.set_target(Target("speaker", "imran khan", "Imran Khan"))
    marked = {col.article.outlet: [s.cursor.selectedText() for s in col.browser.extraSelections()]
              for col in side.visible_columns()}
    assert any("excitement" in t for t in marked[DW])
    assert all(marked[o] for o in marked if o in (DW, RFE, "Bol News"))
    for col in side.visible_columns():
        selections = col.browser.extraSelections()
        if selections:  # scrolled to the first occurrence: it is on screen
            rect = col.browser.cursorRect(selections[0].cursor)
            assert 0 <= rect.top() < col.browser.viewport().height()
    side.set_target(Target("entity", "Putin", "Putin"))
    for col in side.visible_columns():
        selections = col.browser.extraSelections()
        assert selections and all("Putin" in s.cursor.selectedText() for s in selections)
    picker = side.picks
    fourth = next(r for r in range(picker.rowCount()) if picker.row_at(r).path not in picker.picked)
    assert picker.setData(picker.index(fourth, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: side.columns_ready() and len(side.visible_columns()) == 4, timeout=20000)
    last = next(r for r in range(picker.rowCount()) if picker.row_at(r).path not in picker.picked)
    assert not picker.setData(picker.index(last, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_kwic_for_putin_and_a_line_opens_the_article_there(qtbot, main_window):
    ws = open_compare(qtbot, main_window)
    ws.show_mentions("Putin")
    assert ws.pages.currentWidget() is ws.kwic
    model = ws.kwic.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)  # found on a worker
    lines = [model.row_at(r) for r in range(model.rowCount())]
    assert len(lines) >= 20 and len({ln.outlet for ln in lines}) == 5
    assert all("Putin" in ln.mention for ln in lines)
    assert [ln.outlet for ln in lines] == sorted((ln.outlet for ln in lines), key=str.casefold)
    ws.kwic.sort_box.setCurrentIndex(ws.kwic.sort_box.findData("right"))
    lines = [model.row_at(r) for r in range(model.rowCount())]
    bol = [ln.right_key() for ln in lines if ln.outlet == "Bol News"]
    assert bol == sorted(bol)
    row = next(r for r in range(model.rowCount()) if model.row_at(r).outlet == DW and r > 0)
    line = model.row_at(row)
    click(qtbot, ws.kwic.view, ws.kwic.proxy.index(row, KwicModel.COL_RIGHT))
    assert main_window.tabs.currentWidget() is main_window.reader_page
    reading = main_window.reading_view
    assert reading.article.path == line.path
    cursor = reading.browser.textCursor()
    assert cursor.selectedText() == line.mention
    after = reading.browser.document().toPlainText()[cursor.selectionEnd():cursor.selectionEnd() + 30]
    assert " ".join(after.split())[:15] == " ".join(line.right.split())[:15]


def test_a_column_head_entity_link_opens_its_mentions(qtbot, main_window):
    ws = open_compare(qtbot, main_window)
    ws.show_page(ws.side)
    qtbot.waitUntil(lambda: ws.side.columns_ready() and len(ws.side.visible_columns()) >= 2, timeout=20000)
    ws.side.visible_columns()[0].head.linkActivated.emit("entity:Vladimir%20Putin")
    assert ws.pages.currentWidget() is ws.kwic and ws.kwic.entity == "Vladimir Putin"
    qtbot.waitUntil(lambda: ws.kwic.model.rowCount() >= 20, timeout=10000)


def test_compare_follows_the_search_and_the_library_selection(qtbot, main_window):
    ws = open_compare(qtbot, main_window)
    first = ws.comparison
    main_window.set_query("outlet:dw OR outlet:rfe")
    qtbot.waitUntil(lambda: ws.comparison is not first and not ws.pending(), timeout=30000)
    assert {a.outlet for a in ws.comparison.articles} == {DW, RFE}
    assert "the search “outlet:dw OR outlet:rfe”" in ws.heading.text()
    main_window.set_query("")
    qtbot.waitUntil(lambda: len(ws.comparison.articles) == 5 and not ws.pending(), timeout=30000)
    view = main_window.library_view
    selection = view.selectionModel()
    selection.clearSelection()
    for row in (0, 2):
        selection.select(view.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    ws.scope_box.setCurrentIndex(ws.scope_box.findData("selected"))
    qtbot.waitUntil(lambda: len(ws.comparison.articles) == 2 and not ws.pending(), timeout=30000)
    assert "2 articles selected" in ws.heading.text()


def test_ctrl_shift_c_toggles_and_the_quotes_dock_makes_room(qtbot, main_window):
    assert main_window.actions.compare.shortcut().toString() == "Ctrl+Shift+C"
    assert main_window.quotes_dock.isVisible()
    open_compare(qtbot, main_window)
    assert not main_window.quotes_dock.isVisible()
    main_window.actions.compare.trigger()
    assert main_window.tabs.currentWidget() is main_window.reader_page
    assert main_window.quotes_dock.isVisible()


@pytest.fixture()
def seed_comparison(ui_index):
    from reader.compare.report import compare_selection
    from reader.search.store import open_index
    from reader.search.view import IndexView

    view = IndexView(open_index(ui_index))
    return compare_selection(view, [view.path(n) for n in view.all_docnums()])


def test_compare_models_pass_the_model_tester(qtmodeltester, seed_comparison):
    from reader.compare.kwic import kwic

    c = seed_comparison
    voices = VoicesModel()
    voices.set_voices(c.voices, {o.outlet: (o.chip, o.token, o.tooltip) for o in c.coverage.outlets})
    qtmodeltester.check(voices)
    voices.sort(VoicesModel.FIRST_OUTLET, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(voices)
    statements = StatementsModel()
    statements.set_rows(c.statements)
    qtmodeltester.check(statements)
    shared = SharedModel()
    shared.set_groups(c.groups)
    qtmodeltester.check(shared)
    lines = KwicModel()
    lines.set_rows(kwic(c.articles, "Putin"))
    lines.sort(KwicModel.COL_LEFT, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(lines)
    cov = CoverageModel()
    cov.set_coverage(c.coverage, c.voices)
    qtmodeltester.check(cov)
    picks = PickModel()
    picks.set_articles(c.articles, [c.articles[0].path])
    qtmodeltester.check(picks)


def test_many_outlets_fold_into_an_other_outlets_column(qtmodeltester):
    from compare_helpers import articles, stored

    from reader.compare.report import compare_articles

    items = [stored(f"{n}.txt", f"Outlet {n:02d}", f"“We will rebuild,” said Ann Lee. Report {n}.",
                    [("We will rebuild,", "Ann Lee", "direct")] * (1 + (n < 3))) for n in range(30)]
    c = compare_articles(articles(*items), describe=lambda _n: None)
    model = VoicesModel()
    model.set_voices(c.voices, {})
    qtmodeltester.check(model)
    assert len(model.outlets) == VoicesModel.MAX_OUTLETS + 1 and model.outlets[-1] == VoicesModel.OTHERS
    assert {"Outlet 00", "Outlet 01", "Outlet 02"} <= set(model.outlets)  # the ones quoting most stay
    assert len(model.others) == 30 - VoicesModel.MAX_OUTLETS
    row = model.row_at(0)
    merged = model.index(0, model.columnCount() - 1).data(VoicesModel.CellRole)
    assert merged.total == len(model.others) and merged.statements
    assert model.headerData(model.columnCount() - 1, Qt.Orientation.Horizontal).startswith("Other outlets\n6")
    assert row.name == "Ann Lee"
