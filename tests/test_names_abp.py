"""The name table on real articles from the Article-Bias-Prediction sample, analysed by the
real pipeline (skipped when ``../shared/data`` is absent).

Twenty-odd articles keep the test affordable: chosen by what they say (some name
"Donald Trump", some only "Trump"; some write "U.S.", some "US"), so the merges
the table must make are there to be made. ``tools/names_report.py`` runs the same
code on 500 articles and prints the counts and the largest merges for the notes.
"""
from __future__ import annotations

import re

import pytest

from reader.bench.corpus import real_articles, shared_data_dir
from reader.search.articles import entity_counts
from reader.search.query import find
from reader.search.store import open_index
from reader.search.view import IndexView

pytestmark = pytest.mark.skipif(
    shared_data_dir() is None
    or not (shared_data_dir() / "article-bias-prediction-sample" / "abp_sample.jsonl").is_file(),
    reason="../shared/data/article-bias-prediction-sample is not here")

WANTED = {  # what an article must say -> how many such articles
    "full": (lambda t: "Donald Trump" in t, 4),
    "surname": (lambda t: re.search(r"\bTrump\b", t) and "Donald" not in t, 5),
    "dotted": (lambda t: "U.S." in t and not re.search(r"\bUS\b", t), 4),
    "plain": (lambda t: re.search(r"\bUS\b", t) and "U.S." not in t, 4),
}


@pytest.fixture(scope="module")
def abp_library(tmp_path_factory):
    from reader.search.indexer import update_index

    folder = tmp_path_factory.mktemp("abp-files")
    taken: dict[str, int] = dict.fromkeys(WANTED, 0)
    for name, text in real_articles():
        if not name.startswith("abp-"):
            continue
        body = text.split("---", 2)[-1]
        for kind, (test, count) in WANTED.items():
            if taken[kind] < count and test(body):
                (folder / name).write_text(text, encoding="utf-8")
                taken[kind] += 1
                break
        if all(taken[k] >= WANTED[k][1] for k in WANTED):
            break
    location = tmp_path_factory.mktemp("abp-index")
    report = update_index(location, [folder])
    assert len(report.added) >= 15, report.skipped
    return location


def test_trump_and_donald_trump_are_one_and_so_are_us_and_dotted_us(abp_library):
    view = IndexView(open_index(abp_library))
    table = view.names().table
    assert table.canonical("person:trump") == table.canonical("person:donald trump")
    assert table.canonical("place:us") == table.canonical("place:u.s.")
    assert table.entity("person:trump").name == "Donald Trump"
    assert table.entity("place:us").name == "United States"


def test_fewer_people_after_the_merges_and_every_count_is_what_its_filter_finds(abp_library):
    view = IndexView(open_index(abp_library))
    table = view.names().table
    rows = entity_counts(view)
    people_keys = {k for k in library_keys(view) if k.startswith("person:")}
    people = {table.canonical(k) for k in people_keys}
    assert 0 < len(people) < len(people_keys)
    for row in [r for r in rows if table.entity(r.key) is not None][:12]:  # the merged ones
        assert find(view, "", [row.key]).total == row.count, row


def library_keys(view: IndexView) -> set[str]:
    """Every per-article key of the library (the entities before the table joins them)."""
    from reader.search import fields as F

    with view.ix.searcher() as s:
        return {t.decode() if isinstance(t, bytes) else t for t in s.reader().lexicon(F.ENTITY_KEY)}


def test_the_stored_table_equals_one_built_from_scratch(abp_library):
    from reader.names.aliases import default_curated
    from reader.names.build import table_from_articles
    from reader.names.contribution import ArticleNames
    from reader.search import fields as F

    ix = open_index(abp_library)
    view = IndexView(ix)
    with ix.searcher() as s:
        column = s.reader().column_reader(F.NAMES)
        names = [ArticleNames.from_json(column[n].decode()) for n in s.reader().all_doc_ids()]
    fresh = table_from_articles(names, default_curated())
    assert {frozenset(e.keys) for e in view.names().table.entities.values()} == \
        {frozenset(e.keys) for e in fresh.entities.values()}
