"""Postings read a block at a time (``reader.search.postings``) give exactly what Whoosh's own
matchers give: every term's ids and weights, every value's positions, and a phrase's documents
and counts equal to Whoosh's ``Phrase`` query, on real BBC articles, with deleted articles and
with more than one segment. Skipped when the shared corpora are absent."""
from __future__ import annotations

import shutil

import pytest
from whoosh import query as wq
from whoosh.formats import Positions

from reader.bench.quick_records import quick_analyzer
from reader.search import postings
from reader.search.bounds import Budget
from reader.search.docsets import DocSet, live_docs, phrase_candidates, phrase_docs
from reader.search.indexer import remove_articles, update_index
from reader.search.query import find
from reader.search.store import open_index
from reader.search.view import IndexView
from test_search_counts import _bbc_folder

PHRASES = ['"prime minister"', '"the government"', '"chancellor gordon brown"', '"oil prices"', '"in the uk"',
           '"prime minister"~3', '"last year"~2', '"tony blair"', '"gordon brown"', '"interest rates"',
           '"world cup"', '"chancellor of the exchequer"', '"european union"', '"said he would"']


@pytest.fixture(scope="module")
def segmented_index(tmp_path_factory):
    """600 BBC articles added in two updates (two segments), then the 12 best ``"prime
    minister"`` articles and 12 others removed (deleted documents in both segments)."""
    folder = _bbc_folder()
    if folder is None or not folder.is_dir():
        pytest.skip("the BBC corpus (../shared/data/bbc-news-fulltext) is not here")
    files = sorted(folder.glob("*/*.txt"))[1::3][:600]
    first, second = tmp_path_factory.mktemp("bbc-a"), tmp_path_factory.mktemp("bbc-b")
    for n, path in enumerate(files):
        target = first if n < 450 else second
        (target / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    location = tmp_path_factory.mktemp("segments") / "index"
    no_outlets = lambda r, s: (None, "unknown", [])  # noqa: E731
    update_index(location, [first], analyzer=quick_analyzer, resolver=no_outlets)
    update_index(location, [first, second], analyzer=quick_analyzer, resolver=no_outlets)
    view = IndexView(open_index(location))
    searcher = view.searcher()
    hits = searcher.search(wq.Phrase("body", ["prime", "minist"]), limit=None)
    removed = [h["path"] for h in list(hits)[:12]] + [view.path(d) for d in range(5, 600, 50)]
    view.close()
    assert remove_articles(location, removed) == len(set(removed))
    return location


@pytest.fixture(scope="module")
def view(segmented_index):
    view = IndexView(open_index(segmented_index))
    yield view
    view.close()


def test_the_index_has_segments_and_deletions(view):
    assert len(view.searcher().leaf_searchers()) > 1
    assert view.searcher().reader().has_deletions()


def _whoosh_docs(view, q: wq.Query) -> DocSet:
    return DocSet.from_ids(sorted(view.searcher().search(q, limit=None).docs()))


def _phrases(view):
    parser = view.parser()
    for text in PHRASES:
        q = parser.parse(text)
        found = [sub for sub in q.leaves() if isinstance(sub, wq.Phrase)] if not isinstance(q, wq.Phrase) else [q]
        if found:  # a stop word leaves one word: a term, not a phrase
            yield text, found


def test_phrase_documents_are_whooshs_phrase_documents(view):
    checked = 0
    for text, phrases in _phrases(view):
        for q in phrases:
            words = list(q.words)
            candidates = phrase_candidates(view, q.fieldname, words)
            ours = phrase_docs(view, q.fieldname, words, candidates, Budget(60), q.slop)
            theirs = _whoosh_docs(view, q)
            assert ours == theirs, (text, q.fieldname, len(ours), len(theirs))
            assert not ours - live_docs(view)
            checked += bool(theirs)
    assert checked >= 10  # most phrases match something: the comparison is not of empty sets


def test_phrase_counts_equal_whooshs_unlimited_search(view):
    for text in PHRASES:
        q = view.parser().parse(text)
        assert find(view, text).total == len(view.searcher().search(q, limit=None)), text


def test_every_terms_ids_and_weights_are_whooshs(view):
    searcher = view.searcher()
    for fieldname, text in [("body", "said"), ("body", "govern"), ("body", "minist"), ("title", "govern"),
                            ("body", "zimbabw"), ("kind", "news")]:
        btext = searcher.schema[fieldname].to_bytes(text)
        segments = list(postings.leaf_matchers(searcher, fieldname, btext))
        assert segments, (fieldname, text)
        for matcher, offset in segments:
            ids, weights = postings.ids_and_weights(matcher)
            sub = next(s for s, o in searcher.leaf_searchers() if o == offset)
            again = sub.reader()._terms.matcher(fieldname, btext, searcher.schema[fieldname].format)
            pairs = []
            while again.is_active():
                pairs.append((again.id(), again.weight()))
                again.next()
            assert list(zip(ids.tolist(), weights.tolist())) == pairs
            again = sub.reader()._terms.matcher(fieldname, btext, searcher.schema[fieldname].format)
            assert postings.ids(again).tolist() == [i for i, _w in pairs]


def test_positions_decode_as_whoosh_decodes_them():
    fmt = Positions()
    lists = [[0], [3, 4, 900], list(range(0, 9000, 3)), [70000, 70001, 2**31 - 5], [5] * 1 + [255, 256, 65535, 65536]]
    values = [fmt.encode(p) for p in lists]
    values[1] = values[1].rstrip(b".")  # a value stored without its stop mark
    counts, flat = postings.decode_positions(values, fmt)
    assert counts.tolist() == [len(p) for p in lists]
    assert flat.tolist() == [x for p in lists for x in p]
    assert [fmt.decode_positions(v) for v in values] == lists


def test_a_phrase_cut_short_by_its_budget_is_not_kept(segmented_index):
    view = IndexView(open_index(segmented_index))  # nothing kept from the other tests
    words = ["prime", "minist"]
    candidates = phrase_candidates(view, "body", words)
    spent = Budget(60)
    spent.cancel()
    assert candidates
    assert phrase_docs(view, "body", words, candidates, spent) == DocSet()
    assert spent.ran_out
    full = phrase_docs(view, "body", words, candidates, Budget(60))
    assert full and full == _whoosh_docs(view, wq.Phrase("body", words))
    view.close()


def test_a_copy_of_the_index_gives_the_same_phrases(tmp_path, segmented_index, view):
    """The same phrases over one merged segment (an optimised copy) find the same articles."""
    location = tmp_path / "copy"
    shutil.copytree(segmented_index, location)
    ix = open_index(location)
    ix.optimize()
    merged = IndexView(open_index(location))
    try:
        assert len(merged.searcher().leaf_searchers()) == 1
        for text in PHRASES:
            paths = {merged.path(d) for d in find(merged, text).all_docnums()}
            assert paths == {view.path(d) for d in find(view, text).all_docnums()}, text
    finally:
        merged.close()
