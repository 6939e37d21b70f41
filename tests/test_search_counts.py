"""Counts are right everywhere, on real articles: the CLI, its JSON, the bench and the window
all give the number an unlimited search gives. The ranking is Whoosh's BM25F.

The BBC texts are indexed with the regex stand-in for analysis (these tests
are about search, not analysis); skipped when the shared corpora are absent.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from reader.bench.corpus import shared_data_dir
from reader.bench.quick_records import quick_analyzer
from reader.bench.search_bench import QUERY_MIX, measure_counts, top_person, unlimited_count
from reader.search.indexer import update_index
from reader.search.query import PAGE, find, search
from reader.search.results import compute_matches
from reader.search.store import open_index
from reader.search.view import IndexView

BBC_ARTICLES = 400
QUERIES = [text for _label, text in QUERY_MIX if text] + [
    "said", "minist*", "government NOT election", "(oil OR gas) AND price*", '"the government"',
    "title:government", "kind:news", "*", "tax~"]


def _bbc_folder():
    data = shared_data_dir()
    return data / "bbc-news-fulltext" if data is not None else None


@pytest.fixture(scope="module")
def bbc_index(tmp_path_factory):
    folder = _bbc_folder()
    if folder is None or not folder.is_dir():
        pytest.skip("the BBC corpus (../shared/data/bbc-news-fulltext) is not here")
    corpus = tmp_path_factory.mktemp("bbc")
    files = sorted(folder.glob("*/*.txt"))[::3][:BBC_ARTICLES]  # every section, spread out
    for path in files:
        (corpus / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    location = tmp_path_factory.mktemp("bbc-index")
    update_index(location, [corpus], analyzer=quick_analyzer, resolver=lambda r, s: (None, "unknown", []))
    return location


@pytest.fixture(scope="module")
def view(bbc_index):
    return IndexView(open_index(bbc_index))


@pytest.mark.parametrize("text", QUERIES)
def test_totals_equal_an_unlimited_search(view, text):
    expected = unlimited_count(view, text)
    assert search(view, text, limit=10).total == expected
    assert find(view, text).total == expected
    assert compute_matches(view, text, ()).total == expected


def test_a_common_word_counts_every_match_not_the_top_scorers(view):
    expected = unlimited_count(view, "government")
    assert expected > 100  # enough matches that a top-N collector would have dropped some
    assert search(view, "government", limit=10).total == expected


def test_entity_filters_count_right(view):
    key = top_person(view)
    expected = unlimited_count(view, "", (key,))
    assert search(view, "", entity_keys=[key], limit=5).total == expected
    assert search(view, "said", entity_keys=[key], limit=5).total == unlimited_count(view, "said", (key,))


def test_the_cli_and_its_json_give_the_same_total(bbc_index, view):
    for text in ("government", '"prime minister"'):
        out = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(bbc_index), "--json",
                              "--limit", "3", text], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        assert json.loads(out.stdout)["total"] == unlimited_count(view, text)
        plain = subprocess.run([sys.executable, "-m", "reader", "search", "--index", str(bbc_index), text],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert plain.stdout.startswith(f"{unlimited_count(view, text)} articles match")


def test_the_bench_reports_right_counts(view):
    result = measure_counts(view)
    assert result["counts_right"], result["counts"]


@pytest.mark.parametrize("text", ["government", "oil prices", "khan OR putin OR blair", "(tax OR economy) minister",
                                  '"prime minister"', "title:election"])
def test_the_ranking_is_whooshs_own(view, text):
    from whoosh import qparser

    parser = qparser.MultifieldParser(["title", "body"], view.searcher().schema)
    theirs = [(h.docnum, h.score) for h in view.searcher().search(parser.parse(text), limit=15)]
    ours = search(view, text, limit=15, snippets=False).hits
    assert [view.docnum(h.path) for h in ours] == [d for d, _s in theirs]
    assert all(abs(h.score - s) < 1e-6 for h, (_d, s) in zip(ours, theirs))


def test_find_without_a_page_ranks_every_match(view):
    """What an export takes (``reader.export`` runs searches through ``find``): every match,
    each once, best first, the total right."""
    matches = find(view, "said", snippet_limit=0)
    assert matches.total > PAGE and matches.complete and len(matches.docnums) == matches.total
    assert sorted(matches.docnums) == matches.all_docnums()
    assert matches.docnums[:PAGE] == find(view, "said", page=PAGE).docnums
    assert matches.total == unlimited_count(view, "said")


def test_only_the_page_shown_is_ranked_and_more_follows(view):
    matches = find(view, "said", page=PAGE)
    assert matches.total > PAGE and len(matches.docnums) == PAGE and not matches.complete
    more = matches.rank_more(PAGE + 50)
    assert more[:PAGE] == matches.docnums and len(more) == PAGE + 50
    everything = matches.rank_more(matches.total)
    assert sorted(everything) == matches.all_docnums()  # every match, each once


def test_a_filter_only_view_lists_in_index_order_unscored(view):
    key = top_person(view)
    for matches in (find(view, "", entity_keys=[key]), find(view, "kind:news"), find(view, "*")):
        assert matches.ranker is None and matches.complete
        assert matches.docnums == sorted(matches.docnums)


def test_the_window_counts_every_match_and_ranks_more_as_it_scrolls(qtbot, bbc_index, view):
    from PySide6.QtCore import Qt

    from reader.ui.app import create_window
    from ui_helpers import wait_open

    window = create_window(index_dir=bbc_index)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    wait_open(qtbot, window)
    window.set_query("said")
    qtbot.waitUntil(lambda: window.controller.result.query == "said" and not window.controller.search_pending(),
                    timeout=30000)
    expected = unlimited_count(view, "said")
    assert window.library_model.total() == expected and f"{expected} of" in window.result_label.text()
    assert window.library_model.rowCount() == PAGE < expected
    results = next(c.selection for c in window.exports._scopes(window.controller.view)
                   if c.scope.name == "RESULTS")
    assert len(results) == expected  # File ▸ Export takes every match, not the rows ranked so far
    window.library_view.scrollToBottom()  # the view asks the model for more
    qtbot.waitUntil(lambda: window.library_model.rowCount() > PAGE, timeout=30000)
    assert window.library_model.rowCount() <= expected
    window.library_view.sortByColumn(window.library_model.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert window.library_model.rowCount() == expected  # a column sort lists every match
    titles = [window.library_model.hit(r).title.casefold() for r in range(expected)]
    assert titles == sorted(titles)
    window.close()


def test_whooshs_collector_ranks_the_same_where_the_fast_scorer_does_not_apply(view, monkeypatch):
    import reader.search.query as query_module

    fast = [(view.docnum(h.path), round(h.score, 6)) for h in search(view, "oil prices", limit=12).hits]
    monkeypatch.setattr(query_module.Scorer, "rank", lambda self, q, members, upto: None)
    slow = search(view, "oil prices", limit=12)
    assert [(view.docnum(h.path), round(h.score, 6)) for h in slow.hits] == fast
    assert slow.total == unlimited_count(view, "oil prices")


def test_deleted_articles_never_rank_and_the_rest_rank_as_whoosh_ranks(tmp_path, bbc_index):
    """A word's postings are decoded once for its documents and its scores, deleted documents
    included (they are masked by the live set): the best matches, once removed, are gone from
    the list and the count, and the others keep Whoosh's own order and scores."""
    import shutil

    from whoosh import qparser

    from reader.search.indexer import remove_articles

    location = tmp_path / "index"
    shutil.copytree(bbc_index, location)
    before = IndexView(open_index(location))
    best = [h.path for h in search(before, "government", limit=3, snippets=False).hits]
    total = search(before, "government", limit=3).total
    before.close()
    assert remove_articles(location, best) == 3
    view = IndexView(open_index(location))
    try:
        assert view.searcher().reader().has_deletions()
        for text in ("government", "oil prices", '"prime minister"'):
            parser = qparser.MultifieldParser(["title", "body"], view.searcher().schema)
            theirs = [(h.docnum, h.score) for h in view.searcher().search(parser.parse(text), limit=15)]
            ours = search(view, text, limit=15, snippets=False)
            assert [view.docnum(h.path) for h in ours.hits] == [d for d, _s in theirs]
            assert all(abs(h.score - s) < 1e-6 for h, (_d, s) in zip(ours.hits, theirs))
            assert ours.total == unlimited_count(view, text)
            assert not set(best) & {view.path(d) for d in find(view, text).all_docnums()}
        assert search(view, "government", limit=3).total == total - 3
    finally:
        view.close()
