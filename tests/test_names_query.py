"""Queries through the name table, and bias values in any spelling, in the CLI and the window:
``bias:"lean left"`` and ``kind:"news analysis"`` give results or one line, never a traceback;
typing a name finds what clicking it finds; ``speaker:`` restricts the quotes panel."""
from __future__ import annotations

import subprocess
import sys

import pytest
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture

from conftest import ROOT
from reader.search import fields as F
from reader.search.articles import entity_counts
from reader.search.query import find
from reader.search.store import open_index
from reader.search.view import IndexView
from reader.ui.library.model import LibraryModel

ODD_QUERIES = ['bias:"lean left"', 'bias:Lean-Left', 'kind:"news analysis"', "bias:far-left",
               'ownership:"state funded"', 'entity:"U.S."', 'speaker:"Prime Minister’s Office"']


def _lean_left(view: IndexView) -> set[int]:
    return {n for n in view.all_docnums() if view.value(F.BIAS, n) == "lean-left"}


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_the_cli_answers_in_results_or_one_line(ui_index, query):
    out = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(ui_index), query],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr and "Error" not in out.stderr, out.stderr
    assert out.returncode in (0, 2) and len(out.stderr.strip().splitlines()) <= 1, out.stderr
    assert out.stdout.strip().splitlines()[0].split()[0].isdigit() or out.returncode == 2


def test_a_lean_in_any_spelling_finds_that_lean(ui_index):
    view = IndexView(open_index(ui_index))
    wanted = _lean_left(view)
    for query in ('bias:"lean left"', "bias:lean-left", "bias:Lean-Left", 'bias:"left-center"'):
        assert set(find(view, query).docnums) == wanted, query
    assert find(view, "bias:far-left").docnums == [] and "not a bias class" in find(view, "bias:far-left").message


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_the_window_answers_in_results_or_one_line(qtbot, main_window, query):
    main_window.set_query(query)
    qtbot.waitUntil(lambda: not main_window.controller.search_pending(), timeout=20000)
    message = main_window.controller.message
    assert "Traceback" not in message and "QueryError" not in message and "\n" not in message
    assert not message.startswith("The search failed"), message


def test_the_window_lists_exactly_the_lean_typed(qtbot, main_window):
    main_window.set_query('bias:"lean left"')
    qtbot.waitUntil(lambda: not main_window.controller.search_pending(), timeout=20000)
    rows = main_window.library_proxy.rowCount()
    assert rows == len(_lean_left(main_window.controller.view))
    assert all(main_window.library_proxy.index(r, 0).data(LibraryModel.BiasRole) == "lean-left" for r in range(rows))


def test_typing_a_name_finds_what_clicking_it_finds(ui_index):
    view = IndexView(open_index(ui_index))
    for ent in entity_counts(view)[:25]:
        typed = find(view, f'entity:"{ent.name}"')
        clicked = find(view, "", [ent.key])
        assert set(typed.docnums) == set(clicked.docnums), ent
        assert clicked.total == ent.count, ent  # the panel's count is what the click shows


def test_speaker_queries_restrict_the_quotes_panel(qtbot, main_window):
    c = main_window.controller
    speakers = {}
    for docnum in c.view.all_docnums():
        for row in c.panels().quotes.article_rows(docnum) if c.panels().quotes else ():
            if row.speaker_id:
                speakers.setdefault(row.speaker, set()).add(row.path)
    name = max(speakers, key=lambda s: len(speakers[s]))  # the speaker of the most articles
    main_window.set_query(f'speaker:"{name}"')
    qtbot.waitUntil(lambda: not c.search_pending(), timeout=20000)
    model = main_window.quotes_model
    assert model.rowCount() > 0
    assert {model.row(r).speaker for r in range(model.rowCount())} == {name}
    assert {model.row(r).path for r in range(model.rowCount())} == speakers[name] == set(c.result_paths())
    assert f"{model.rowCount()}" in main_window.quotes_dock.windowTitle()
    main_window.set_query("")
    qtbot.waitUntil(lambda: not c.search_pending(), timeout=20000)
    assert len({model.row(r).speaker for r in range(model.rowCount())}) > 1  # everyone again
