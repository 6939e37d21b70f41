"""Searching while another process writes the index is safe: every search
answers from a consistent state (the old one or the new one)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SEEDS
from reader.search.indexer import update_index
from reader.search.query import search
from reader.search.store import open_index


def test_search_during_a_real_indexing_process(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, src in enumerate(sorted(SEEDS.glob("*.txt")) * 2):
        (corpus / f"{n:02d}_{src.name}").write_text(
            src.read_text(encoding="utf-8") + f"\nReprint {n} about zeppelins.\n", encoding="utf-8")
    location = tmp_path / "index"
    update_index(location, [SEEDS])
    proc = subprocess.Popen([sys.executable, "-m", "reader", "index", "--index", str(location), str(corpus)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = set()
    searches = 0
    while proc.poll() is None or searches == 0:
        ix = open_index(location)
        seen.add((search(ix, "", limit=None, snippets=False).total, search(ix, "zeppelins").total))
        searches += 1
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    ix = open_index(location)
    seen.add((search(ix, "", limit=None, snippets=False).total, search(ix, "zeppelins").total))
    # each search answers from the old or the new state, never a half-written one
    # (two searches in a row may straddle the commit, so they are checked apart)
    assert {everything for everything, _ in seen} <= {5, 15}, seen
    assert {zeppelins for _, zeppelins in seen} <= {0, 10}, seen
    assert (15, 10) in seen and searches > 1


def test_an_open_raced_by_a_commit_opens_the_new_generation(tmp_path, monkeypatch):
    """The race made deterministic: another writer commits while this open reads the
    generation it listed, whose files the commit removes. That is not damage."""
    import reader.search.store as store
    from reader.search.articles import article_count
    from reader.search.problems import IndexDamaged

    location = tmp_path / "index"
    update_index(location, [SEEDS])
    extra = tmp_path / "late.txt"
    extra.write_text(sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8") + "\nA late reprint.\n",
                     encoding="utf-8")
    real = store._open_generation
    calls = []

    def raced(where):
        calls.append(where)
        if len(calls) == 1:
            monkeypatch.setattr(store, "_open_generation", real)
            update_index(location, [extra])  # the other writer's commit, mid-open
            monkeypatch.setattr(store, "_open_generation", raced)
            raise IndexDamaged("FileNotFoundError: a segment of the old generation")
        return real(where)

    monkeypatch.setattr(store, "_open_generation", raced)
    assert article_count(open_index(location)) == 6
    assert len(calls) == 2


def test_damage_without_a_commit_is_said_at_once(tmp_path, monkeypatch):
    import pytest

    import reader.search.store as store
    from reader.search.problems import IndexDamaged

    location = tmp_path / "index"
    update_index(location, [SEEDS])
    calls = []

    def damaged(where):
        calls.append(where)
        raise IndexDamaged("a segment is missing")

    monkeypatch.setattr(store, "_open_generation", damaged)
    with pytest.raises(IndexDamaged):
        open_index(location)
    assert len(calls) == 1, "no retry when no other process committed"
