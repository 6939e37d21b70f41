"""A new list is painted before the article it keeps or selects is rendered, and that
article is rendered once per change, never again for the same article, terms and quote."""
from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import DW_FILE
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture

from reader.ui.library.model import LibraryModel


@pytest.fixture()
def renders(main_window, monkeypatch):
    """The paths the reading view was asked to render, in order."""
    view, calls = main_window.reading_view, []
    show, later = view.show_article, view.show_later

    def show_article(article, *args, **kwargs):
        calls.append(article.path)
        return show(article, *args, **kwargs)

    def show_later(load, *args, **kwargs):
        calls.append("(long)")
        return later(load, *args, **kwargs)

    monkeypatch.setattr(view, "show_article", show_article)
    monkeypatch.setattr(view, "show_later", show_later)
    return calls


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)


def current_path(window) -> str:
    return window.library_view.currentIndex().data(LibraryModel.PathRole)


def paths(window) -> list[str]:
    proxy = window.library_proxy
    return [proxy.index(r, 0).data(LibraryModel.PathRole) for r in range(proxy.rowCount())]


def test_a_kept_article_is_rendered_once_after_the_list_is_shown(qtbot, main_window, renders):
    w = main_window
    shown = w.reading_view.article.path
    at_list: list[list[str]] = []
    w.controller.results_changed.connect(lambda: at_list.append(list(renders)))
    w.set_query("Khan")  # every seed names him: the article being read stays
    settle(qtbot, w)
    assert shown in paths(w) and len(paths(w)) == 5
    assert at_list == [[]]  # nothing was rendered when the list was handed to the window
    assert renders == [shown]  # ...and the article once after it, with the new terms
    assert w.reading_view.terms and current_path(w) == shown
    w.set_query("Khan")  # the same list, terms and article: nothing to render again
    settle(qtbot, w)
    assert renders == [shown]


def test_the_best_match_replaces_a_filtered_out_article_once(qtbot, main_window, renders):
    w = main_window
    w.set_query("pipeline")
    settle(qtbot, w)
    listed = paths(w)
    assert 0 < len(listed) < 5
    w.set_query("Ned Price")  # the DW article alone
    settle(qtbot, w)
    listed = paths(w)
    assert len(listed) == 1 and Path(listed[0]).name == DW_FILE
    assert renders.count(listed[0]) == 1 and w.reading_view.article.path == listed[0]
    assert current_path(w) == listed[0]


def test_a_click_before_the_deferred_render_wins(qtbot, main_window, renders):
    """The user picks another article before the list was painted: their choice stays."""
    w = main_window
    kept = w.reading_view.article.path
    picked: list[str] = []

    def click_another() -> None:  # right after the window took the list, before any paint
        if not picked:
            picked.append(next(p for p in paths(w) if p != kept))
            w.library_view.selectRow(paths(w).index(picked[0]))

    w.controller.results_changed.connect(click_another)
    w.set_query("Khan")
    settle(qtbot, w)
    assert renders == picked  # the kept article's deferred render gave way
    assert w.reading_view.article.path == picked[0] and current_path(w) == picked[0]
