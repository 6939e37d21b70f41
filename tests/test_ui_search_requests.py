"""The window never waits on a stale search, pages its list, and filters by date."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import Qt

from reader.search.hits import Hit
from reader.ui.library.model import LibraryModel
from ui_helpers import main_window, ui_index, wait_open  # noqa: F401 - fixtures


def test_a_new_keystroke_supersedes_the_running_search(qtbot, main_window, monkeypatch):
    import reader.ui.search_requests as requests_module

    real = requests_module.compute_matches
    started, release = threading.Event(), threading.Event()
    budgets = []

    def slow_for_khan(view, query, keys, filters=None, budget=None):
        if query == "khan":  # the first keystroke's search is still running...
            budgets.append(budget)
            started.set()
            release.wait(20)
        return real(view, query, keys, filters, budget=budget)

    monkeypatch.setattr(requests_module, "compute_matches", slow_for_khan)
    c = main_window.controller
    main_window.set_query("khan")
    assert started.wait(20)
    main_window.set_query("pipeline")  # ...when the next one arrives
    assert budgets[0].expired()  # the running one was told to stop
    qtbot.waitUntil(lambda: c.result is not None and c.result.query == "pipeline", timeout=20000)
    shown = main_window.library_model.rowCount()
    release.set()
    assert QThreadPool.globalInstance().waitForDone(20000)
    qtbot.wait(50)  # the stale answer, if delivered, would arrive now
    assert c.result.query == "pipeline" and main_window.library_model.rowCount() == shown
    qtbot.waitUntil(lambda: not c.search_pending(), timeout=20000)
    assert c.result.panels is not None  # the newest request got its panels too


def _hits(n: int) -> dict[int, Hit]:
    return {d: Hit(path=f"/a/{d}.txt", title=f"Title {n - d:03d}", outlet="O", author="", published="",
                   kind="news", bias="unknown", quote_count=d % 3) for d in range(n)}


def test_the_library_model_lists_the_ranked_page_and_asks_for_more(qtmodeltester):
    hits = _hits(500)
    asked: list[int] = []
    model = LibraryModel()
    model.set_rows([0, 1, 2], hits.get, lambda p: int(Path(p).stem), total=500,
                   members=lambda: list(range(500)), more=lambda n: asked.append(n) or True)
    assert model.rowCount() == 3 and model.total() == 500 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked == [3 + LibraryModel.MORE_ROWS] and not model.canFetchMore(QModelIndex())  # one at a time
    model.extend_rank(list(range(203)))
    assert model.rowCount() == 203 and model.canFetchMore(QModelIndex())
    model.sort(LibraryModel.COL_TITLE, Qt.SortOrder.AscendingOrder)  # every match, by title
    assert model.rowCount() == 500 and not model.canFetchMore(QModelIndex())
    titles = [model.hit(r).title for r in range(500)]
    assert titles == sorted(titles)
    model.sort(-1)  # back to rank order: the ranked rows first, then the rest
    assert [model.hit(r).path for r in range(3)] == ["/a/0.txt", "/a/1.txt", "/a/2.txt"]
    qtmodeltester.check(model)


def test_the_date_range_filter_in_the_window(qtbot, tmp_path):
    from reader.bench.quick_records import quick_analyzer
    from reader.search.indexer import update_index
    from reader.ui.app import create_window

    for name, date in (("a", "2021-06-01"), ("b", "2022-02-24"), ("c", "2022-03-02"), ("d", "")):
        front = f'---\ntitle: "Story {name}"\ndate: "{date}"\n---\n\n' if date else ""
        (tmp_path / f"{name}.md").write_text(f"{front}Story {name}\n\nSanctions were discussed.\n", encoding="utf-8")
    location = tmp_path / "index"
    options = {"analyzer": quick_analyzer}
    update_index(location, [tmp_path], **options)
    window = create_window(index_dir=location, index_options=options)
    qtbot.addWidget(window)
    window.show()
    wait_open(qtbot, window)
    c = window.controller

    def listed() -> str:
        return "".join(sorted(Path(window.library_model.hit(r).path).stem
                              for r in range(window.library_model.rowCount())))

    window.date_filter.set_range("2022", "")
    qtbot.waitUntil(lambda: c.asked.date_range == ("2022", "") and not c.search_pending(), timeout=20000)
    assert listed() == "bc" and "2 of 4" in window.result_label.text()
    window.date_filter.set_range("2022-02", "2022-02")
    qtbot.waitUntil(lambda: listed() == "b", timeout=20000)
    window.set_query("sanctions")
    qtbot.waitUntil(lambda: c.result.query == "sanctions" and not c.search_pending(), timeout=20000)
    assert listed() == "b"
    window.date_filter.start_edit.setText("Feb")  # not a date: marked, the range stays as it was
    window.date_filter.apply()
    assert c.asked.date_range == ("2022-02", "2022-02") and "not a date" in window.date_filter.start_edit.toolTip().lower()
    window.date_filter.clear()
    qtbot.waitUntil(lambda: listed() == "abcd", timeout=20000)
    window.close()


@pytest.mark.parametrize("query", ['bias:"lean left"', 'kind:"news analysis"'])
def test_keyword_phrases_in_the_window_give_results_or_one_line(qtbot, main_window, query):
    c = main_window.controller
    main_window.set_query(query)
    qtbot.waitUntil(lambda: c.result.query == query and not c.search_pending(), timeout=20000)
    assert "could not be read" not in c.message and "\n" not in c.message
    assert "Traceback" not in main_window.query_message.text()
