"""SIGKILL at any point of indexing leaves an index that opens (old or new
state), or one that is detected as damaged and rebuilt from the sources.

A helper script (tests/kill_at.py) kills a real ``parallax index`` process at
the Nth file Whoosh creates or the Nth rename of the rebuild swap, so the
kills land inside the commit and between the renames, not just anywhere.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from reader.search.articles import article_count
from reader.search.indexer import update_index
from reader.search.store import IndexProblem, open_index

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
NEW_FILES = 6


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("crash")
    corpus = root / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(NEW_FILES):
        src = seeds[n % len(seeds)]
        text = src.read_text(encoding="utf-8") + f"\nEdition note {n}: reprinted copy number {n}.\n"
        (corpus / f"{n:03d}_{src.name}").write_text(text, encoding="utf-8")
    location = root / "base-index"
    update_index(location, [SEEDS])
    return location, corpus


CASES = [("create_file", k, False) for k in (1, 4, 8, 11, 13)] + [
    ("create_file", 7, True), ("rename", 1, True), ("rename", 2, True)]


@pytest.mark.parametrize("point, nth, rebuild", CASES)
def test_sigkill_inside_indexing_never_loses_the_index(base, tmp_path, point, nth, rebuild):
    base_index, corpus = base
    location = tmp_path / "index"
    shutil.copytree(base_index, location)
    args = ["index", "--index", str(location), *(["--rebuild"] if rebuild else []), str(corpus)]
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "kill_at.py"), point, str(nth), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, -9), proc.stderr
    old, new = 5, 5 + NEW_FILES  # a rebuild keeps the library's articles and adds the new paths
    try:
        count = article_count(open_index(location))
    except IndexProblem:  # detected: rebuilt from the sources, as the app offers
        update_index(location, [SEEDS], full=True)
        count = article_count(open_index(location))
        assert count == old
        return
    assert count in {old, new}
    if proc.returncode == -9:
        assert count == old or (rebuild and point == "rename" and nth == 2)
    assert not list(location.glob("whoosh.tmp-*")), "opening cleans up an unfinished rebuild"
    report = update_index(location, [corpus])  # and the index keeps working afterwards
    assert report.processed == NEW_FILES


def test_kill_during_analysis_keeps_the_old_state(base, tmp_path):
    import time

    base_index, corpus = base
    location = tmp_path / "index"
    shutil.copytree(base_index, location)
    proc = subprocess.Popen([sys.executable, "-m", "reader", "index", "--index", str(location), str(corpus)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)
    proc.kill()
    proc.wait(timeout=30)
    assert article_count(open_index(location)) == 5
