"""Relabelling outlets from stored records, and rescanning changed files."""
from __future__ import annotations

import shutil

from conftest import SEEDS
from reader.outlet_overrides import OutletRegistry, default_registry
from reader.outlets import builtin_path
from reader.paths import user_config_dir
from reader.search.articles import load_article
from reader.search.indexer import update_index
from reader.search.maintenance import relabel_articles, rescan
from reader.search.query import search
from reader.search.store import open_index


def test_user_label_reaches_the_index_without_reanalysis(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    location = tmp_path / "ix"
    update_index(location, [corpus])
    ix = open_index(location)
    assert search(ix, "bias:right", limit=None).total == 0
    default_registry.cache_clear()
    registry = OutletRegistry(builtin_path(), user_config_dir() / "outlets.json")
    registry.set_label("Bol News", "right", note="my own reading")
    default_registry.cache_clear()

    def no_analysis(items):
        raise AssertionError("relabelling must not re-run analysis")

    monkeypatch.setattr("reader.search.indexer.default_analyzer", no_analysis)
    assert relabel_articles(location) == 1
    hits = search(open_index(location), "bias:right", limit=None).hits
    assert [h.path.rsplit("/", 1)[1][:3] for h in hits] == ["002"]
    art = load_article(open_index(location), hits[0].path)
    assert art.record.quotes and art.body.startswith("Tue, 21-Oct-2025")
    default_registry.cache_clear()


def test_rescan_updates_changed_files_and_keeps_vanished_ones(tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    location = tmp_path / "ix"
    update_index(location, [corpus])
    changed = corpus / "003_e9b7486474eea1a3.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPostscript on lighthouses.\n",
                       encoding="utf-8")
    gone = corpus / "004_dfdd85f97e42158a.txt"
    gone.unlink()
    report = rescan(location)
    assert [p.name for p in report.updated] == [changed.name]
    assert [(p.name, "gone" in r) for p, r in report.skipped] == [(gone.name, True)]
    ix = open_index(location)
    assert search(ix, "lighthouses").total == 1
    assert load_article(ix, str(gone.resolve())) is not None  # nothing of the user's is lost
