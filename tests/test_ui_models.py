"""The table models pass pytest-qt's model tester, filled from the seed index."""
from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture

from reader.search.articles import entity_counts
from reader.search.store import open_index
from reader.search.view import IndexView
from reader.ui.controller import LibraryController
from reader.ui.entities.panel import EntitiesModel
from reader.ui.entities.panel import EntitiesProxy
from reader.ui.library.model import LibraryModel
from reader.ui.library.model import LibraryProxy
from reader.ui.quotes.model import QuotesModel
from reader.ui.quotes.model import QuotesProxy


def _controller(qtbot, location) -> LibraryController:
    c = LibraryController(location)
    c.open()
    qtbot.waitUntil(lambda: c.ready and not c.search_pending(), timeout=10000)
    # no window: no timer that would outlive it (freed on a worker thread, a running
    # timer crashed a later test's event loop in QTimerInfoList::activateTimers)
    assert not c.following()
    return c


def test_library_model(qtmodeltester, ui_index):
    view = IndexView(open_index(ui_index))
    model = LibraryModel()
    model.set_rows(view.all_docnums(), view.hit, view.docnum)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    proxy = LibraryProxy()
    proxy.setSourceModel(model)
    first = proxy.index(0, 0)
    persistent = QPersistentModelIndex(first)
    path = first.data(LibraryModel.PathRole)
    proxy.sort(LibraryModel.COL_QUOTES, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    counts = [proxy.index(r, LibraryModel.COL_QUOTES).data(LibraryModel.SortRole) for r in range(5)]
    assert counts == sorted(counts, reverse=True) and len(set(counts)) > 1
    assert persistent.data(LibraryModel.PathRole) == path  # selections follow their article
    assert model.row_of(path) == persistent.row()
    proxy.sort(-1)  # unsorted: rank order again
    assert [proxy.index(r, 0).data(LibraryModel.PathRole) for r in range(5)] == \
        [view.hit(n).path for n in view.all_docnums()]


def test_library_model_fetches_rows_lazily(qtmodeltester):
    fetched = []

    def fetch(docnum):
        fetched.append(docnum)
        return None

    model = LibraryModel()
    model.set_rows(range(10_000), fetch, lambda _path: None)
    assert model.rowCount() == 10_000 and fetched == []
    model.index(42, 0).data()
    assert fetched == [42]


def test_quotes_model(qtbot, qtmodeltester, ui_index):
    c = _controller(qtbot, ui_index)
    model = QuotesModel()
    model.set_source(c.panels().quotes)  # lazy: rows are read as they are shown
    assert model.rowCount() > 10 and model.rowCount() == len(c.panels().quotes.rows())
    qtmodeltester.check(model)
    proxy = QuotesProxy()
    proxy.setSourceModel(model)
    proxy.sort(QuotesModel.COL_SPEAKER)
    speakers = [proxy.index(r, QuotesModel.COL_SPEAKER).data() for r in range(proxy.rowCount())]
    assert speakers == sorted(speakers, key=str.casefold)
    qtmodeltester.check(proxy)
    model.set_filter("putin", "speaker")
    assert 0 < model.rowCount() < len(speakers)
    assert all("putin" in model.index(r, 0).data().lower() for r in range(model.rowCount()))
    qtmodeltester.check(model)


def test_entities_model(qtmodeltester, ui_index):
    model = EntitiesModel()
    model.set_entities(entity_counts(open_index(ui_index)))
    qtmodeltester.check(model)
    proxy = EntitiesProxy()
    proxy.setSourceModel(model)
    proxy.set_type("person")
    proxy.setFilterFixedString("price")
    qtmodeltester.check(proxy)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Ned Price"]


def test_sorting_by_one_column_read_matches_sorting_whole_rows(ui_index):
    view = IndexView(open_index(ui_index))
    by_rows, by_column = LibraryModel(), LibraryModel()
    by_rows.set_rows(view.all_docnums(), view.hit, view.docnum)
    by_column.set_rows(view.all_docnums(), view.hit, view.docnum,
                       lambda field, docnum: view.columns().get(field, docnum))
    for col in range(len(LibraryModel.HEADERS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            by_rows.sort(col, order)
            by_column.sort(col, order)
            paths = [[m.index(r, 0).data(LibraryModel.PathRole) for r in range(5)] for m in (by_rows, by_column)]
            assert paths[0] == paths[1], (col, order)
            keys = [by_column.index(r, col).data(LibraryModel.SortRole) for r in range(5)]
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
