"""The keystroke -> list path: the list is painted before anything else is started, each
pool thread keeps one searcher per view, and the library delegates keep a row's layout
until its data, width or colours change."""
from __future__ import annotations

import threading

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QRect
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtGui import QPainter
from PySide6.QtGui import QStandardItem
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QTableView
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture

from reader.search.hits import MARK_END
from reader.search.hits import MARK_START
from reader.search.store import open_index
from reader.search.view import IndexView
from reader.ui.library.delegates import BiasChipDelegate
from reader.ui.library.delegates import TitleDelegate
from reader.ui.library.model import LibraryModel
from reader.ui.tasks import Task


class _Paints(QObject):
    """Counts the paints of a widget."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)


def test_the_panels_are_counted_after_the_new_list_is_painted(qtbot, main_window, monkeypatch):
    """A worker counting the panels while the rows paint would hold the interpreter lock
    that every row's Python paint waits for: the panels start once the list is on screen."""
    w = main_window
    requests = w.controller.requests
    paints = _Paints(w.library_view.viewport())
    at_list, at_panels = [], []
    w.controller.results_changed.connect(lambda: at_list.append(paints.count))
    fill = requests.fill_panels

    def fill_panels(request):
        at_panels.append((paints.count, request.query))
        return fill(request)

    monkeypatch.setattr(requests, "fill_panels", fill_panels)
    for query in ("Khan", "pipeline", ""):
        w.set_query(query)
        settle(qtbot, w)
    assert [q for _n, q in at_panels] == ["Khan", "pipeline", ""]  # once each, in order
    assert len(at_list) == 3
    for listed, (counted, _query) in zip(at_list, at_panels):
        assert counted > listed  # the list was painted in between
    assert w.controller.panels() is not None and w.controller.panels().entities


def test_a_superseded_list_starts_no_panels(qtbot, main_window, monkeypatch):
    w = main_window
    requests = w.controller.requests
    asked = []
    fill = requests.fill_panels
    monkeypatch.setattr(requests, "fill_panels", lambda r: (asked.append(r.query), fill(r)))
    listed = []

    def supersede() -> None:
        # in the list's own signal, so no paint (and so no deferred panels) can come between
        listed.append(w.controller.result.query)
        if listed == ["pipeline"]:
            w.set_query("Khan")

    w.controller.results_changed.connect(supersede)
    w.set_query("pipeline")
    qtbot.waitUntil(lambda: listed[-1:] == ["Khan"], timeout=10000)
    settle(qtbot, w)
    w.controller.results_changed.disconnect(supersede)
    assert asked[-1] == "Khan" and "pipeline" not in asked


def test_a_pool_thread_keeps_its_searcher_from_task_to_task(qtbot, ui_index):
    """Qt's pool threads give each task a fresh Python thread state: a thread-local searcher
    was opened again (every column read again) for every search, snippet and panel task."""
    view = IndexView(open_index(ui_index))
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    seen = []
    try:
        for _ in range(3):
            task = Task("read", lambda _ctx: (threading.get_ident(), view.searcher(), view.columns()), nice=0)
            task.finished.connect(seen.append)
            task.start(pool)
            qtbot.waitUntil(lambda n=len(seen): len(seen) > n, timeout=10000)
        assert len({ident for ident, _s, _c in seen}) == 1  # the same thread each time...
        assert len({id(s) for _i, s, _c in seen}) == 1  # ...reading through one searcher
        assert len({id(c) for _i, _s, c in seen}) == 1
        assert len(view._opened) == 2  # the creating thread's and the pool thread's
    finally:
        pool.waitForDone(10000)
        view.close()


def _row_model(title: str, snippet: str, cell: tuple) -> QStandardItemModel:
    model = QStandardItemModel(1, 2)
    item = QStandardItem(title)
    item.setData(snippet, LibraryModel.SnippetRole)
    model.setItem(0, 0, item)
    outlet = QStandardItem(cell[0])
    outlet.setData(cell, LibraryModel.OutletCellRole)
    model.setItem(0, 1, outlet)
    return model


def _paint(delegate, table: QTableView, index, width: int = 420, selected: bool = False) -> QImage:
    image = QImage(width, 80, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = QRect(0, 0, width, 80)
    option.font = table.font()
    option.widget = table
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return image


def test_the_title_delegate_keeps_a_rows_document_until_its_text_changes(qtbot, monkeypatch):
    table = QTableView()
    qtbot.addWidget(table)
    snippet = f"the {MARK_START}pipeline{MARK_END} was agreed in Moscow"
    model = _row_model("Khan visits Moscow", snippet, ("DW", "", "center", "Center", "unknown", ""))
    table.setModel(model)
    delegate = TitleDelegate(table)
    made = []
    make = delegate._make_document
    monkeypatch.setattr(delegate, "_make_document", lambda *a: (made.append(a[2]), make(*a))[1])
    index = model.index(0, 0)
    first = _paint(delegate, table, index)
    again = _paint(delegate, table, index)
    assert made == [snippet]  # painted twice, laid out once
    assert again == first  # and drawn the same from what was kept
    model.item(0, 0).setData(f"{MARK_START}gas{MARK_END} talks stalled", LibraryModel.SnippetRole)
    _paint(delegate, table, index)
    assert made[-1].startswith(MARK_START + "gas") and len(made) == 2  # new text: a new document
    _paint(delegate, table, index, width=300)
    _paint(delegate, table, index, selected=True)  # another width, another ink: laid out anew
    assert len(made) == 4
    model.item(0, 0).setData("", LibraryModel.SnippetRole)
    fitted = len(delegate.kept_titles)
    _paint(delegate, table, index)  # no snippet: the plain title, fitted once...
    _paint(delegate, table, index)
    assert len(delegate.kept_titles) == fitted + 1 and len(made) == 4


def test_the_chip_delegate_lays_a_cell_out_again_when_its_label_changes(qtbot, monkeypatch):
    table = QTableView()
    qtbot.addWidget(table)
    cell = ("Deutsche Welle", "DW", "center", "Center", "public", "Public")
    model = _row_model("Khan visits Moscow", "", cell)
    table.setModel(model)
    delegate = BiasChipDelegate(table)
    laid = []
    layout = delegate._layout
    monkeypatch.setattr(delegate, "_layout", lambda option, c, rect: (laid.append(c), layout(option, c, rect))[1])
    index = model.index(0, 1)
    first = _paint(delegate, table, index)
    assert _paint(delegate, table, index) == first and laid == [cell]
    relabelled = ("Deutsche Welle", "DW", "lean left", "Lean Left", "public", "Public")
    model.item(0, 1).setData(relabelled, LibraryModel.OutletCellRole)
    changed = _paint(delegate, table, index)
    assert laid == [cell, relabelled] and changed != first  # the chip says the new label
    _paint(delegate, table, index, width=120)  # a narrow column: the lean chip alone
    assert len(laid) == 3
    narrow = layout(_option(table), relabelled, QRect(0, 0, 110, 80))
    assert [text for _rect, text, _bg, _fg in narrow[1]] == ["Lean Left"]


def _option(table: QTableView) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.font = table.font()
    return option


def test_the_outlet_cell_role_says_what_the_separate_roles_say(qtmodeltester, ui_index):
    role = LibraryModel.OutletCellRole
    view = IndexView(open_index(ui_index))
    try:
        model = LibraryModel()
        model.short_outlet = lambda name: name[:3]
        model.set_rows(view.all_docnums(), view.hit, view.docnum)
        qtmodeltester.check(model)
        for row in range(model.rowCount()):
            index = model.index(row, LibraryModel.COL_OUTLET)
            assert index.data(role) == (index.data(Qt.ItemDataRole.DisplayRole),
                                        index.data(LibraryModel.ShortOutletRole),
                                        index.data(LibraryModel.BiasRole),
                                        index.data(LibraryModel.BiasLabelRole),
                                        index.data(LibraryModel.OwnershipRole),
                                        index.data(LibraryModel.OwnershipLabelRole))
    finally:
        view.close()


def test_a_row_is_found_by_scanning_then_by_the_map(ui_index):
    model = LibraryModel()
    model.set_rows(range(100, 0, -1), lambda _n: None, lambda path: int(path))
    assert [model.row_of(str(n)) for n in (100, 1, 50, 7, 1000)] == [0, 99, 50, 93, -1]
    assert model._rows  # many lookups: the map is built and answers the same
    assert [model.row_of(str(n)) for n in (100, 1, 50, 7, 1000)] == [0, 99, 50, 93, -1]
    model.set_rows(range(5), lambda _n: None, lambda path: int(path))
    assert not model._rows and model.row_of("3") == 3
