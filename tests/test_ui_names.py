"""The panels that follow the query: the quotes of every match (lazily, 2,000 articles), the
entities panel's alias filter and its corrections menu."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import wait_open

from reader.analysis.record import ArticleRecord, Entity, Quote
from reader.names.corrections import default_corrections
from reader.search.articles import EntityCount
from reader.search.documents import article_to_document
from reader.search.store import create_empty, open_writer, swap_in, new_build_dir
from reader.sources import SourceDocument
from reader.ui.app import create_window
from reader.ui.entities.panel import EntitiesModel
from reader.ui.quotes.model import SYNC_ROWS, QuotesModel, QuotesProxy

SPEAKERS = ["Nancy Pelosi", "Pelosi", "Mitch McConnell", "McConnell", "Ned Price", "a spokesperson"]
OUTLETS = ["Daily Example", "Weekly Example", "Evening Example"]
ARTICLES = 2000
QUOTES_EACH = 3
PELOSI = sum(SPEAKERS[(n + q) % len(SPEAKERS)] in ("Nancy Pelosi", "Pelosi")
             for n in range(ARTICLES) for q in range(QUOTES_EACH))  # her statements, both spellings


@pytest.fixture(scope="module")
def big_library(tmp_path_factory) -> Path:
    """2,000 stored articles with three statements each (written straight to Whoosh: the
    panel's reading is what is tested here, not analysis)."""
    from reader.names.store import refresh

    location = tmp_path_factory.mktemp("big-library")
    target = new_build_dir(location)
    ix = create_empty(target)
    writer = open_writer(ix)
    for n in range(ARTICLES):
        text = f"Headline {n}\n\n" + " ".join(f"“Statement {n}.{q} on the budget,” said X." for q in range(QUOTES_EACH))
        quotes, entities = [], []
        for q in range(QUOTES_EACH):
            speaker = SPEAKERS[(n + q) % len(SPEAKERS)]
            start = text.index(f"Statement {n}.{q}")
            quotes.append(Quote(start, start + 10, f"Statement {n}.{q} on the budget", "direct", speaker,
                                "person", "said", 0.9))
            if speaker[0].isupper():
                entities.append(Entity(speaker, "person", [speaker], [(0, 1)]))
        record = ArticleRecord(file=f"/library/a{n:05d}.txt", title=f"Headline {n}", outlet=OUTLETS[n % 3],
                               quotes=quotes, entities=entities)
        source = SourceDocument(Path(record.file), text, f"{n:064x}", "text")
        writer.add_document(**article_to_document(source, record, record.outlet, "center", ownership="private"))
    writer.commit()
    refresh(ix)
    swap_in(location, target)
    return location


def _window(qtbot, location: Path):
    window = create_window(index_dir=location)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    wait_open(qtbot, window, timeout=120000)
    return window


def test_the_quotes_of_2000_articles_are_listed_lazily_in_the_list_order(qtbot, qtmodeltester, big_library):
    window = _window(qtbot, big_library)
    model, source = window.quotes_model, window.controller.panels().quotes
    assert model.rowCount() == ARTICLES * QUOTES_EACH  # no cap
    assert len(source._cache) < 200  # only what was painted was read
    first = [model.row(r).path for r in range(0, 30, QUOTES_EACH)]
    listed = [window.library_proxy.index(r, 0).data(window.library_model.PathRole) for r in range(10)]
    assert first == listed  # in the list's order
    assert {model.row(r).speaker for r in range(60)} >= {"Nancy Pelosi", "Mitch McConnell"}
    assert "Pelosi" not in {model.row(r).speaker for r in range(60)}  # named by the table
    assert "6,000 from 2,000 articles" in window.quotes_dock.windowTitle()
    qtmodeltester.check(model)


def test_sorting_and_filtering_2000_articles_quotes_on_a_worker(qtbot, qtmodeltester, big_library):
    window = _window(qtbot, big_library)
    model = window.quotes_model
    assert model.rowCount() > SYNC_ROWS
    window.quotes_view.sortByColumn(QuotesModel.COL_OUTLET, Qt.SortOrder.DescendingOrder)
    assert model.busy  # arranged off the GUI thread
    qtbot.waitUntil(lambda: not model.busy, timeout=60000)
    outlets = [model.row(r).outlet for r in range(model.rowCount())]
    assert outlets == sorted(outlets, key=str.casefold, reverse=True) and len(outlets) == ARTICLES * QUOTES_EACH
    panel = window.quotes_panel
    panel.field_box.setCurrentIndex(panel.field_box.findData("speaker"))
    panel.filter_edit.setText("pelosi")
    qtbot.waitUntil(lambda: not model.busy, timeout=60000)
    assert model.rowCount() == PELOSI
    assert {model.row(r).speaker for r in range(model.rowCount())} == {"Nancy Pelosi"}
    proxy = QuotesProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_speaker_query_over_2000_articles(qtbot, big_library):
    window = _window(qtbot, big_library)
    window.set_query("speaker:pelosi")
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=60000)
    model = window.quotes_model
    assert model.rowCount() == PELOSI
    assert {model.row(r).speaker for r in range(model.rowCount())} == {"Nancy Pelosi"}
    assert {model.row(r).written for r in range(model.rowCount())} == {"Nancy Pelosi", "Pelosi"}


def test_the_entity_filter_matches_a_word_of_any_spelling(qtmodeltester):
    model = EntitiesModel()
    model.set_entities([EntityCount("place:united states", "United States", "place", 9, ("United States", "U.S.", "US")),
                        EntityCount("place:russia", "Russia", "place", 5, ("Russia",)),
                        EntityCount("person:donald trump", "Donald Trump", "person", 7, ("Donald Trump", "Trump"))])
    model.set_filter("us")
    assert [model.entity(r).name for r in range(model.rowCount())] == ["United States"]  # not Russia
    model.set_filter("trump")
    assert [model.entity(r).name for r in range(model.rowCount())] == ["Donald Trump"]
    model.set_filter("")
    qtmodeltester.check(model)


def test_a_wrong_merge_is_split_off_in_two_clicks_and_survives_a_restart(qtbot, ui_index, tmp_path):
    location = tmp_path / "library"
    shutil.copytree(ui_index, location)
    window = _window(qtbot, location)
    c = window.controller
    merged = next((e for e in c.panels().entities if len(window.names.spellings(e.key)) > 1), None)
    assert merged is not None, [e.name for e in c.panels().entities]
    label, keys = next((lab, ks) for lab, ks in window.names.spellings(merged.key) if merged.key not in ks)
    menu = window.names.menu([merged])
    split = next(a for a in menu.actions() if a.menu() is not None and "Split" in a.text())
    split.menu().actions()[[a.text() for a in split.menu().actions()].index(f"“{label}”")].trigger()
    qtbot.waitUntil(lambda: not window.names.pending and not c.search_pending(), timeout=20000)
    assert default_corrections().read().splits == keys
    assert c.view.names().table.canonical(keys[0]) != c.view.names().table.canonical(merged.key)
    assert any(e.key == c.view.names().table.canonical(keys[0]) for e in c.panels().entities)
    window.close()
    again = _window(qtbot, location)
    assert again.controller.view.names().table.canonical(keys[0]) != \
        again.controller.view.names().table.canonical(merged.key)
    table = again.controller.view.names().table
    split_off = next(e for e in again.controller.panels().entities if e.key == table.canonical(keys[0]))
    undo = next(a for a in again.names.menu([split_off]).actions() if a.text().startswith("Undo"))
    undo.trigger()
    qtbot.waitUntil(lambda: not again.names.pending and not again.controller.search_pending(), timeout=20000)
    assert again.controller.view.names().table.canonical(keys[0]) == \
        again.controller.view.names().table.canonical(merged.key)


def test_two_selected_entities_merge_from_the_menu(qtbot, main_window):
    c = main_window.controller
    panel = main_window.entities_panel
    a, b = panel.model.entity(0), panel.model.entity(1)
    menu = main_window.names.menu([a, b])
    merge = next(x for x in menu.actions() if x.text().startswith("Merge these 2"))
    merge.trigger()
    qtbot.waitUntil(lambda: not main_window.names.pending and not c.search_pending(), timeout=20000)
    table = c.view.names().table
    assert table.canonical(a.key) == table.canonical(b.key)
    assert any(e.key == table.canonical(a.key) for e in c.panels().entities)
    default_corrections().forget([a.key, b.key])
