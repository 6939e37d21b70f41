"""Index views: one generation read by every thread, and the quotes column."""
from __future__ import annotations

import shutil
import threading

import pytest

from reader.search.articles import load_article
from reader.search.articles import quote_rows
from reader.search.indexer import remove_articles
from reader.search.query import find
from reader.search.query import search
from reader.search.store import open_index
from reader.search.view import IndexView
from reader.search.view import StaleView


def _in_thread(fn):
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except Exception as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return out


def test_document_numbers_from_a_worker_name_the_same_articles(seed_index):
    view = IndexView(open_index(seed_index))
    found = _in_thread(lambda: find(view, "pipeline"))["value"]
    here = search(view, "pipeline", limit=None, snippets=False)
    assert len(found.docnums) == here.total == 2
    assert [view.path(n) for n in found.docnums] == [h.path for h in here.hits]
    assert set(found.snippets) == set(found.docnums)
    assert all("\x02" in s for s in found.snippets.values())  # the matches are marked


def test_a_view_keeps_its_generation_and_says_when_it_is_stale(seed_index, tmp_path):
    location = tmp_path / "index"
    shutil.copytree(seed_index, location)
    view = IndexView(open_index(location))
    assert view.is_current() and view.doc_count() == 5
    gone = view.path(view.all_docnums()[0])
    assert remove_articles(location, [gone]) == 1  # another writer commits
    assert not view.is_current()
    assert view.doc_count() == 5 and view.docnum(gone) is not None  # still the old generation
    other = _in_thread(view.doc_count)  # a new thread cannot join the old generation
    assert isinstance(other.get("error"), StaleView)
    fresh = IndexView(open_index(location))
    assert fresh.doc_count() == 4 and fresh.docnum(gone) is None


def test_the_quotes_column_lists_each_records_spoken_quotes(seed_index):
    view = IndexView(open_index(seed_index))
    total = 0
    for docnum in view.all_docnums():
        record = load_article(view, view.path(docnum)).record
        spoken = [(i, q.text, q.speaker or "unknown speaker")
                  for i, q in enumerate(record.quotes) if q.kind != "scare"]
        rows = quote_rows(view, [docnum])
        assert [(r.quote_index, r.text, r.written or "unknown speaker") for r in rows] == spoken
        assert all(r.speaker for r in rows)  # named by the library's table (one name per speaker)
        total += len(rows)
    assert total >= 40  # the seeds hold 45 spoken quotes


def test_a_closed_view_refuses_to_read(seed_index):
    view = IndexView(open_index(seed_index))
    view.close()
    with pytest.raises(StaleView):
        view.doc_count()
