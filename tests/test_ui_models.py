"""The table models pass pytest-qt's model tester, filled from the seed index."""
from __future__ import annotations

from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture

from reader.search.articles import entity_counts
from reader.search.query import search
from reader.search.store import open_index
from reader.ui.controller import LibraryController
from reader.ui.entities_panel import EntitiesModel
from reader.ui.entities_panel import EntitiesProxy
from reader.ui.library_model import LibraryModel
from reader.ui.library_model import LibraryProxy
from reader.ui.quotes_model import QuotesModel
from reader.ui.quotes_model import QuotesProxy


def _controller(location) -> LibraryController:
    c = LibraryController(location)
    c.ix = open_index(location)
    c.ready = True
    c.refresh()
    return c


def test_library_model(qtmodeltester, ui_index):
    ix = open_index(ui_index)
    hits = {h.path: h for h in search(ix, "", limit=None, snippets=False).hits}
    model = LibraryModel()
    model.set_rows(list(hits), hits.get)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    proxy = LibraryProxy()
    proxy.setSourceModel(model)
    proxy.sort(LibraryModel.COL_QUOTES)
    qtmodeltester.check(proxy)
    counts = [proxy.index(r, LibraryModel.COL_QUOTES).data(LibraryModel.SortRole) for r in range(5)]
    assert counts == sorted(counts)


def test_library_model_fetches_rows_lazily(qtmodeltester):
    fetched = []

    def fetch(path):
        fetched.append(path)
        return None

    model = LibraryModel()
    model.set_rows([f"/a/{i}.txt" for i in range(10_000)], fetch)
    assert model.rowCount() == 10_000 and fetched == []
    model.index(42, 0).data()
    assert fetched == ["/a/42.txt"]


def test_quotes_model(qtmodeltester, ui_index):
    c = _controller(ui_index)
    model = QuotesModel()
    model.set_rows(c.quotes())
    assert model.rowCount() > 10
    qtmodeltester.check(model)
    proxy = QuotesProxy()
    proxy.setSourceModel(model)
    proxy.sort(QuotesModel.COL_SPEAKER)
    qtmodeltester.check(proxy)


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
