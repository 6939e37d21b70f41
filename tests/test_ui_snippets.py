"""Issue 21 items 3 and 5 in the real window: snippets for every row shown, made on a worker
as the list shows them; field queries' snippets; rows without snippets; "Did you mean";
the reader's occurrence count; the F1 help."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtCore import Qt
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import wait_open

from conftest import SEEDS
from reader.bench.corpus import shared_data_dir
from reader.bench.quick_records import quick_analyzer
from reader.search import fields as F
from reader.search import results as results_module
from reader.search.hits import MARK_END, MARK_START
from reader.search.indexer import update_index
from reader.search.query import find
from reader.ui.app import create_window
from reader.ui.library.model import LibraryModel

MARKED = re.compile(re.escape(MARK_START) + "(.*?)" + re.escape(MARK_END))


def _window(qtbot, location: Path, size=(1400, 900)):
    win = create_window(index_dir=location)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    wait_open(qtbot, win)
    return win


@pytest.fixture()
def seeds_copy(seed_index, tmp_path) -> Path:
    location = tmp_path / "index"
    shutil.copytree(seed_index, location)
    return location


def _search(qtbot, win, text: str) -> None:
    win.set_query(text)
    qtbot.waitUntil(lambda: win.controller.result is not None and win.controller.result.query == text
                    and not win.controller.search_pending(), timeout=20000)


def _shown_snippets(win) -> list[str]:
    proxy = win.library_proxy
    return [proxy.index(r, 0).data(LibraryModel.SnippetRole) or "" for r in range(proxy.rowCount())]


def _all_shown_have_snippets(win) -> bool:
    return not win.snippets.missing() and win.snippets.running is None


def test_every_row_gets_its_snippet_from_a_worker(qtbot, seeds_copy, monkeypatch, qtmodeltester):
    monkeypatch.setattr(results_module, "SNIPPET_LIMIT", 0)  # the search makes none: the rows ask
    from reader.search.hit_snippets import HitSnippets

    win = _window(qtbot, seeds_copy)
    on_gui_thread = []
    real = HitSnippets.__call__

    def spying(self, docnum):
        on_gui_thread.append(QThread.currentThread() is win.thread())
        return real(self, docnum)

    monkeypatch.setattr(HitSnippets, "__call__", spying)
    _search(qtbot, win, "pipeline")
    result = win.controller.result
    assert result.matches.has_snippets
    qtbot.waitUntil(lambda: _all_shown_have_snippets(win), timeout=20000)
    snippets = _shown_snippets(win)
    assert snippets and all(any(m.lower().startswith("pipeline") for m in MARKED.findall(s)) for s in snippets)
    assert on_gui_thread and not any(on_gui_thread)  # made on a worker, never on the GUI thread
    qtmodeltester.check(win.library_model)
    qtmodeltester.check(win.library_proxy)
    win.close()


def test_a_late_answer_for_an_old_result_is_dropped(qtbot, seeds_copy, monkeypatch):
    import threading

    from reader.search.hit_snippets import HitSnippets

    monkeypatch.setattr(results_module, "SNIPPET_LIMIT", 0)
    win = _window(qtbot, seeds_copy)
    gate = threading.Event()
    real = HitSnippets.__call__
    monkeypatch.setattr(HitSnippets, "__call__", lambda self, d: gate.wait(20) and real(self, d))
    _search(qtbot, win, "pipeline")
    old = win.controller.result
    qtbot.waitUntil(lambda: win.snippets.running is not None, timeout=20000)
    assert win.snippets.running.result is old  # its worker waits at the gate
    _search(qtbot, win, "entity:putin")  # a new result is shown before the old answer arrives
    new = win.controller.result
    gate.set()
    with qtbot.waitSignal(win.snippets.arrived, timeout=20000, check_params_cb=lambda r: r.result is new):
        pass
    qtbot.waitUntil(lambda: _all_shown_have_snippets(win), timeout=20000)
    assert old.matches.snippets == {}  # the old answer was dropped, not stored
    for snippet in _shown_snippets(win):  # the rows show the new query's snippets only
        assert any("putin" in m.lower() for m in MARKED.findall(snippet)), snippet
    win.close()


def test_field_queries_show_the_matching_quote_and_statement(qtbot, seeds_copy):
    win = _window(qtbot, seeds_copy)
    _search(qtbot, win, "quote:sanctions")
    qtbot.waitUntil(lambda: _all_shown_have_snippets(win), timeout=20000)
    shown = _shown_snippets(win)
    assert all([m.lower() for m in MARKED.findall(s)] == ["sanctions"] for s in shown)
    assert not any("google ads" in s.lower() for s in shown)
    assert any("“" in s for s in shown)  # a quotation's snippet keeps its marks (statements match too)
    _search(qtbot, win, "speaker:kugelman")
    qtbot.waitUntil(lambda: _all_shown_have_snippets(win), timeout=20000)
    snippet = _shown_snippets(win)[0]
    assert "kugelman" in MARKED.findall(snippet)[0].lower()
    lede = win.controller.view.stored(win.library_model.docnum_at(0))[F.BODY].strip()[:60]
    assert lede[:40] not in snippet
    win.close()


def test_rows_reserve_a_snippet_line_only_when_the_hits_have_snippets(qtbot, seeds_copy):
    win = _window(qtbot, seeds_copy)
    header = win.library_view.verticalHeader()
    listed = header.defaultSectionSize()  # the library, no query
    _search(qtbot, win, "quote:sanctions")
    with_snippets = header.defaultSectionSize()
    _search(qtbot, win, "outlet:dw")
    assert not win.controller.result.matches.has_snippets
    assert header.defaultSectionSize() == listed < with_snippets
    assert _shown_snippets(win) == [""]
    win.close()


def test_a_row_whose_snippet_is_empty_keeps_no_snippet_line(qtbot, seeds_copy, monkeypatch):
    from reader.search.hit_snippets import HitSnippets

    monkeypatch.setattr(results_module, "SNIPPET_LIMIT", 0)
    empty = str(next(p for p in SEEDS.iterdir() if p.name.startswith("003_")))  # one article's snippet is ""
    real = HitSnippets.__call__
    monkeypatch.setattr(HitSnippets, "__call__",
                        lambda self, d: "" if self.view.path(d) == empty else real(self, d))
    win = _window(qtbot, seeds_copy)
    _search(qtbot, win, "putin")
    qtbot.waitUntil(lambda: _all_shown_have_snippets(win), timeout=20000)
    header, proxy = win.library_view.verticalHeader(), win.library_proxy

    def heights() -> dict[str, int]:
        return {proxy.index(r, 0).data(LibraryModel.PathRole): header.sectionSize(r) for r in range(proxy.rowCount())}

    tall = header.defaultSectionSize()
    assert len(heights()) == 5 and heights()[empty] < tall
    assert all(h == tall for p, h in heights().items() if p != empty)
    win.library_view.sortByColumn(LibraryModel.COL_OUTLET, Qt.SortOrder.DescendingOrder)  # the rows move
    qtbot.waitUntil(lambda: heights()[empty] < tall, timeout=5000)
    assert all(h == tall for p, h in heights().items() if p != empty)
    win.close()


def test_did_you_mean_is_a_link_that_runs_the_corrected_query(qtbot, seeds_copy):
    win = _window(qtbot, seeds_copy)
    _search(qtbot, win, "pipelne")
    assert win.library_model.rowCount() == 0
    label = win.suggestion.label
    assert label.isVisible() and "pipeline" in label.text() and "<a " in label.text()
    assert label.accessibleName()
    label.linkActivated.emit("suggestion")  # what a click on the link sends
    qtbot.waitUntil(lambda: win.controller.result.query == "pipeline" and not win.controller.search_pending(),
                    timeout=20000)
    assert win.search_edit.text() == "pipeline" and win.library_model.rowCount() >= 1
    assert not label.isVisible()
    win.close()


def test_the_reader_counts_a_phrase_once_per_occurrence(qtbot, seeds_copy):
    win = _window(qtbot, seeds_copy)
    _search(qtbot, win, '"gas pipeline"')
    path = str(next(p for p in SEEDS.iterdir() if p.name.startswith("001_")))
    body = Path(path).read_text(encoding="utf-8")
    truth = len(re.findall(r"\bgas\s+pipeline", body, re.IGNORECASE))
    row = win.library_model.row_of(win.controller.hit(path).path)
    win.library_view.selectRow(win.library_proxy.mapFromSource(win.library_model.index(row, 0)).row())
    qtbot.waitUntil(lambda: win.reading_view.article is not None and win.reading_view.article.path == path
                    and win.reading_view.hit_count() > 0, timeout=20000)
    assert win.reading_view.hit_count() == truth == 2
    win.close()


def test_the_help_shows_every_field_with_an_example_that_finds_articles(qtbot, seeds_copy):
    from reader.ui.dialogs import DATE_FORMS, EXAMPLES, FIELD_HELP, search_help_dialog, search_help_html

    win = _window(qtbot, seeds_copy, size=(1280, 800))
    text = search_help_html()
    view = win.controller.view
    for name in F.QUERY_FIELDS:
        _what, example = FIELD_HELP[name]
        assert f"{name}:" in text and example in text
        if name != F.PUBLISHED:  # the seeds state no date (the help says so)
            assert find(view, example).total >= 1, example
    for example, _what in EXAMPLES:
        assert find(view, example).total >= 1, example
    for example, _what in DATE_FORMS:
        assert find(view, example).message == "", example  # each date form reads as written
    assert "[2022-01 TO 2022-03]" in text and "2022..2023" in text and "no date" in text
    dialog = search_help_dialog(win)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.findChild(type(dialog.layout().itemAt(0).widget()))
    doc_height = browser.document().size().height()
    assert browser.viewport().height() <= doc_height + 2 * browser.document().documentMargin() + 4  # no dead space
    assert dialog.height() <= win.screen().availableGeometry().height()
    dialog.close()
    win.close()


# -- a real corpus ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def bbc_library(tmp_path_factory) -> Path:
    data = shared_data_dir()
    folder = data / "bbc-news-fulltext" if data is not None else None
    if folder is None or not folder.is_dir():
        pytest.skip("the BBC corpus (../shared/data/bbc-news-fulltext) is not here")
    corpus = tmp_path_factory.mktemp("bbc-window")
    for path in sorted(folder.glob("*/*.txt"))[::4][:300]:
        (corpus / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    location = tmp_path_factory.mktemp("bbc-window-index")
    update_index(location, [corpus], analyzer=quick_analyzer, resolver=lambda r, s: (None, "unknown", []))
    return location


def test_real_corpus_rows_scrolled_to_get_their_snippets(qtbot, bbc_library, tmp_path, qtmodeltester):
    location = tmp_path / "index"
    shutil.copytree(bbc_library, location)
    win = _window(qtbot, location, size=(1280, 800))
    _search(qtbot, win, "said")
    assert win.library_model.rowCount() > 60  # more rows than the search made snippets for
    bar = win.library_view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(lambda: _all_shown_have_snippets(win), timeout=30000)
    top = win.library_view.rowAt(0)
    assert top > results_module.SNIPPET_LIMIT
    shown = [win.library_proxy.index(r, 0).data(LibraryModel.SnippetRole) for r in range(top, top + 5)]
    assert all(s and any(m.lower() == "said" for m in MARKED.findall(s)) for s in shown), shown
    qtmodeltester.check(win.library_model)
    _search(qtbot, win, "governmnet")
    assert win.suggestion.label.isVisible() and "government" in win.suggestion.query
    win.close()
