"""The panels' arrays (reader/search/panel_table.py) answer exactly as reading each
match's columns did: counts, order, spelling and outlets, for many result sets."""
from __future__ import annotations

from collections import Counter

import pytest

from reader.bench.corpus import build_corpus
from reader.bench.quick_records import quick_analyzer
from reader.search import fields as F
from reader.search.articles import EntityCount, entity_counts
from reader.search.documents import entity_key
from reader.search.indexer import update_index
from reader.search.results import compute_matches, fill_panels
from reader.search.store import open_index
from reader.search.view import IndexView


def per_document(view: IndexView, docnums) -> list[EntityCount]:
    """The panel's counts as they were computed before the arrays: one match at a time."""
    columns = view.columns()
    lines: Counter[bytes] = Counter()
    for docnum in docnums:
        lines.update((columns.get(F.ENTITY_LIST, docnum) or b"").split(b"\n"))
    counts: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for line, n in lines.items():
        etype, _, name = line.decode("utf-8").partition(":")
        if name:
            key = entity_key(etype, name)
            counts[key] += n
            names.setdefault(key, (etype, name))
    return [EntityCount(key, names[key][1], names[key][0], n)
            for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]][1].lower()))]


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    root = tmp_path_factory.mktemp("panel-table")
    build_corpus(160, root / "files")  # real texts (../shared/data when present, else the seeds)
    update_index(root / "index", [root / "files"], analyzer=quick_analyzer)
    v = IndexView(open_index(root / "index"))
    yield v
    v.close()


@pytest.mark.parametrize("query", ["", "government", "said", '"prime minister"', "title:election OR kind:opinion",
                                   "oil prices", "zzzzunfound"])
def test_entity_counts_and_outlets_equal_the_per_document_answer(view, query):
    result = compute_matches(view, query, [])
    docnums = result.docnums
    assert entity_counts(view, docnums) == per_document(view, docnums)
    columns = view.columns()
    fill_panels(result)
    assert result.panels.outlets == [(columns.get(F.OUTLET_NAME, n) or "",
                                      (columns.get(F.BIAS, n) or "unknown").lower()) for n in docnums]


def test_any_order_and_subset_of_matches(view):
    every = view.all_docnums()
    assert every and entity_counts(view) == per_document(view, every)
    reordered = every[::-3] + every[1::3]  # the spelling met first follows the result's order
    assert entity_counts(view, reordered) == per_document(view, reordered)
    assert entity_counts(view, []) == []
    person = next(e for e in entity_counts(view) if e.type == "person")
    filtered = compute_matches(view, "", [person.key]).docnums
    assert filtered and entity_counts(view, filtered) == per_document(view, filtered)
