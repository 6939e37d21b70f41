"""The Whoosh index: first build, incremental updates, rebuild by swap, problems."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
from reader.search import fields as F
from reader.search.articles import article_count, entity_counts, load_article
from reader.search.indexer import indexed_paths, remove_articles, update_index
from reader.search.store import (STAMP, IndexCorrupt, IndexMissing, IndexVersionMismatch,
                                 open_index, whoosh_dir)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture()
def index(tmp_path, corpus) -> Path:
    location = tmp_path / "index"
    update_index(location, [corpus])
    return location


def test_seed_index_stores_analysis_and_catalog_metadata(seed_index):
    ix = open_index(seed_index)
    assert article_count(ix) == 5
    art = load_article(ix, str((SEEDS / "001_5c3c0d10727961d8.txt").resolve()))
    assert art is not None
    assert art.outlet == "RFE/RL" or "Radio Free Europe" in art.outlet
    assert art.author == "Abubakar Siddique"
    assert art.body == (SEEDS / "001_5c3c0d10727961d8.txt").read_text(encoding="utf-8")
    assert art.record.quotes, "analysis record was stored"
    for q in art.record.quotes:
        assert art.body[q.start:q.end] == q.text
    names = {e.name for e in entity_counts(ix)}
    assert "Imran Khan" in names


def test_unchanged_files_are_not_reanalysed(index, corpus):
    calls = []

    def counting_analyzer(items):
        from reader.analysis.pipeline import analyze_many

        for record in analyze_many(items):
            calls.append(record.file)
            yield record

    report = update_index(index, [corpus], analyzer=counting_analyzer)
    assert calls == [] and len(report.unchanged) == 5 and not report.added


def test_changed_file_is_updated_in_place(index, corpus):
    target = corpus / "004_dfdd85f97e42158a.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing line about zeppelins.\n",
                      encoding="utf-8")
    report = update_index(index, [corpus])
    assert [p.name for p in report.updated] == [target.name]
    assert len(report.unchanged) == 4
    ix = open_index(index)
    assert article_count(ix) == 5
    from reader.search.query import search

    assert [Path(h.path).name for h in search(ix, "zeppelins").hits] == [target.name]


def test_duplicate_content_is_skipped(index, corpus, tmp_path):
    twin = tmp_path / "elsewhere" / "copy.txt"
    twin.parent.mkdir()
    shutil.copy(corpus / "000_3337df370002df35.txt", twin)
    report = update_index(index, [twin])
    assert not report.added and len(report.skipped) == 1
    assert "same content" in report.skipped[0][1]


def test_remove_keeps_the_file(index, corpus):
    path = str((corpus / "002_2458af4d1454103a.txt").resolve())
    assert remove_articles(index, [path]) == 1
    assert path not in indexed_paths(index)
    assert Path(path).exists()


def test_full_rebuild_swaps_in_a_new_folder(index, corpus):
    before = sorted(p.name for p in whoosh_dir(index).iterdir())
    report = update_index(index, [corpus], full=True)
    assert len(report.added) == 5
    assert not list(index.glob("whoosh.tmp-*")) and not (index / "whoosh.old").exists()
    assert article_count(open_index(index)) == 5
    assert before  # the old index existed and was replaced


def test_missing_corrupt_and_foreign_indexes_are_reported(tmp_path, index):
    with pytest.raises(IndexMissing):
        open_index(tmp_path / "nothing-here")
    foreign = tmp_path / "foreign"
    (foreign / "whoosh").mkdir(parents=True)
    (foreign / "whoosh" / "notes.txt").write_text("hello")
    with pytest.raises(IndexCorrupt, match="not a Parallax index"):
        open_index(foreign)
    stamp = whoosh_dir(index) / STAMP
    data = json.loads(stamp.read_text())
    stamp.write_text(json.dumps({**data, "format": 999}))
    with pytest.raises(IndexVersionMismatch, match="rebuilt"):
        open_index(index)
    stamp.write_text(json.dumps(data))
    for toc in whoosh_dir(index).glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(IndexCorrupt, match="damaged"):
        open_index(index)


def test_interrupted_swap_is_recovered(index):
    live = whoosh_dir(index)
    live.rename(live.with_name("whoosh.old"))  # as if killed between the two renames
    assert article_count(open_index(index)) == 5


def test_schema_fields_are_constants():
    from reader.search.schema import build_schema

    schema = build_schema()
    constants = {value for name, value in vars(F).items() if name.isupper() and isinstance(value, str)}
    assert constants == set(schema.names())  # every field named once, in fields.py
    for name in F.COLUMN_FIELDS + F.QUERY_FIELDS + F.DEFAULT_FIELDS:
        assert name in constants
    assert all(schema[name].column_type is not None for name in F.COLUMN_FIELDS)


def test_segments_are_separate_files_read_in_place(index):
    # a compound segment is copied into memory by every searcher that opens it
    folder = whoosh_dir(index)
    assert not list(folder.glob("*.seg"))
    assert list(folder.glob("*.pst")) and list(folder.glob("*.trm"))
