"""The entities model reads its rows lazily (``EntityCounts``) and shows, sorts, filters
and selects exactly what the eager model showed from a list of ``EntityCount``.

The reference is the old model's own arrangement, kept here: every row asked
whether the filter accepts it, then the list sorted by the column's key (stable,
ties in the given order). Run on the seeds (spaCy) and on a BBC library (real
texts, the stand-in analysis; skipped without ../shared/data).
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from real_corpora import BBC, bbc_sample

from reader.bench.quick_records import quick_analyzer
from reader.names.normalise import fold
from reader.search.articles import EntityCount, entity_counts
from reader.search.entity_rows import EntityCounts
from reader.search.query import find
from reader.search.store import open_index
from reader.search.view import IndexView
from reader.ui.entities.panel import EntitiesModel, EntitiesPanel

FILTERS = [("", ""), ("", "person"), ("a", ""), ("us", "place"), ("new", ""), ("zz-none", "")]
SORTS = [(c, o) for c in range(3) for o in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)]


def eager(rows: list[EntityCount], column: int, order: Qt.SortOrder, text: str, etype: str) -> list[EntityCount]:
    """What the list-backed model showed: filtered (each row asked), then sorted by the column."""
    needle = fold(text)
    kept = [e for e in rows if (not etype or e.type == etype) and (not needle or any(
        f.startswith(needle) or f" {needle}" in f" {f}" for f in (fold(x) for x in (e.name, *e.aliases))))]
    key = (lambda e: e.name.casefold()) if column == 0 else (lambda e: e.type) if column == 1 else (lambda e: e.count)
    return sorted(kept, key=key, reverse=order == Qt.SortOrder.DescendingOrder) if column >= 0 else kept


@pytest.fixture(scope="module")
def bbc_view(tmp_path_factory):
    if not BBC.is_dir():
        pytest.skip("../shared/data (BBC News) is not here")
    folder = tmp_path_factory.mktemp("lazy-entities-files")
    bbc_sample(folder, 150)
    from reader.search.indexer import update_index

    location = tmp_path_factory.mktemp("lazy-entities-index")
    update_index(location, [folder], analyzer=quick_analyzer)
    view = IndexView(open_index(location))
    yield view
    view.close()


@pytest.fixture(params=["seeds", "bbc"])
def view(request, seed_index):
    if request.param == "seeds":
        view = IndexView(open_index(seed_index))
        yield view
        view.close()
    else:
        yield request.getfixturevalue("bbc_view")


def shown(model: EntitiesModel) -> list[EntityCount]:
    return [model.entity(r) for r in range(model.rowCount())]


def test_the_lazy_model_shows_sorts_and_filters_as_the_eager_one(qtmodeltester, view):
    result_sets = [None, find(view, "said").all_docnums()]
    top = entity_counts(view)
    result_sets.append(find(view, "", [top[0].key]).all_docnums())  # an entity filter's articles
    for docnums in result_sets:
        lazy = entity_counts(view, docnums)
        assert isinstance(lazy, EntityCounts)
        rows = list(lazy)
        model, listed = EntitiesModel(), EntitiesModel()
        model.set_entities(lazy)
        listed.set_entities(rows)  # a plain list is wrapped, and answers alike
        for text, etype in FILTERS:
            for m in (model, listed):
                m.set_filter(text, etype)
            for column, order in SORTS:
                for m in (model, listed):
                    m.sort(column, order)
                expected = eager(rows, column, order, text, etype)
                assert shown(model) == expected, (text, etype, column, order)
                assert shown(listed) == expected
        model.set_filter("", "")
        model.sort(EntitiesModel.COL_COUNT, Qt.SortOrder.DescendingOrder)
        assert shown(model) == rows  # the panel's own order: what the worker gave
        qtmodeltester.check(model)
    assert len(top) > 10


def test_the_panel_keeps_its_selection_and_makes_only_the_rows_it_paints(qtbot, qtmodeltester, view):
    panel = EntitiesPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 240)
    panel.show()
    rows = entity_counts(view)
    panel.set_entities(rows)
    qtbot.waitExposed(panel)
    panel.view.viewport().repaint()
    if len(rows) > 100:  # the view painted a screenful; the rest were never made
        assert len(rows._made) < len(rows) / 2
    assert panel.view.model().rowCount() == len(rows)
    chosen = {panel.model.entity(r).key for r in (0, 2, 3)}
    selection = panel.view.selectionModel()
    for r in (0, 2, 3):
        selection.select(panel.proxy.index(r, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    for column, order in SORTS:
        panel.view.sortByColumn(column, order)
        assert {e.key for e in panel.selected()} == chosen, (column, order)
    panel.type_box.setCurrentIndex(panel.type_box.findData("person"))
    panel.filter_edit.setText("a")
    expected = eager(list(rows), SORTS[-1][0], SORTS[-1][1], "a", "person")
    assert [panel.proxy.index(r, 0).data(EntitiesModel.KeyRole) for r in range(panel.proxy.rowCount())] == \
        [e.key for e in expected]
    qtmodeltester.check(panel.proxy)
