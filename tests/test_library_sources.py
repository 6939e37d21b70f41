"""The library remembers its sources: rebuilds and rescans work on them and never forget
an article whose file is still there; what the user set survives both."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_inputs import write_good_articles
from real_corpora import metadata_analyzer

from conftest import ROOT, SEEDS
from reader.library_sources import SOURCES_FILE, load_sources
from reader.outlet_overrides import default_registry
from reader.search.articles import load_article
from reader.search.indexer import indexed_paths, remove_articles, update_index
from reader.search.maintenance import rebuild, rescan
from reader.search.store import open_index

STAND_IN = {"analyzer": metadata_analyzer}


@pytest.fixture(autouse=True)
def _fresh_registry():
    default_registry.cache_clear()  # each test's PARALLAX_HOME has its own overrides file
    yield
    default_registry.cache_clear()


@pytest.fixture()
def library(tmp_path):
    """Seeds, a folder of three articles and one file on its own."""
    location = tmp_path / "library"
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    mine = tmp_path / "mine"
    write_good_articles(mine, 3, prefix="mine")
    single = write_good_articles(tmp_path / "elsewhere", 1, prefix="single")[0]
    update_index(location, [seeds], **STAND_IN)
    update_index(location, [mine, single], **STAND_IN)
    return location, seeds, mine, single


def paths(location: Path) -> set[str]:
    return set(indexed_paths(location))


def test_a_rebuild_keeps_every_article_that_was_added(library):
    location, seeds, mine, single = library
    before = paths(location)
    assert len(before) == 9
    sources = load_sources(location)
    assert sources.added == [str(seeds.resolve()), str(mine.resolve()), str(single.resolve())]
    report = rebuild(location, **STAND_IN)
    assert paths(location) == before and len(report.added) == 9
    assert not report.dropped and not report.skipped


def test_a_file_deleted_from_disk_is_dropped_by_the_rebuild_and_named(library):
    location, _seeds, mine, _single = library
    before = paths(location)
    gone = mine / "mine-01.txt"
    gone.unlink()
    report = rebuild(location, **STAND_IN)
    assert paths(location) == before - {str(gone.resolve())}
    assert [(p, "gone" in why) for p, why in report.dropped] == [(gone.resolve(), True)]
    assert report.summary().endswith("dropped 1")


def test_the_cli_rebuild_says_which_article_it_dropped(library):
    location, _seeds, mine, _single = library
    gone = mine / "mine-02.txt"
    gone.unlink()
    out = subprocess.run([sys.executable, "-m", "reader", "index", "--rebuild", "--index", str(location)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    dropped = [line for line in out.stdout.splitlines() if line.startswith("dropped ")]
    assert dropped == [f"dropped {gone.resolve()}: the file is gone (moved or deleted); dropped from the library"]
    assert out.stdout.splitlines()[-1] == "added 8, updated 0, skipped 0, dropped 1"
    assert len(paths(location)) == 8


def test_an_article_that_cannot_be_read_now_is_kept_as_stored(library):
    location, _seeds, mine, _single = library
    victim = mine / "mine-00.txt"
    body = load_article(open_index(location), str(victim.resolve())).body
    victim.unlink()
    os.mkfifo(victim)  # still there, but no longer something Parallax reads
    report = rebuild(location, **STAND_IN)
    assert str(victim.resolve()) in paths(location)
    assert load_article(open_index(location), str(victim.resolve())).body == body
    assert [p for p, _why in report.kept] == [victim.resolve()] and not report.dropped


def test_removed_articles_stay_removed_until_added_again(library):
    location, _seeds, mine, _single = library
    victim = str((mine / "mine-00.txt").resolve())
    assert remove_articles(location, [victim]) == 1
    assert victim in load_sources(location).removed
    rebuild(location, **STAND_IN)
    assert victim not in paths(location)
    rescan(location, **STAND_IN)
    assert victim not in paths(location)
    update_index(location, [Path(victim)], **STAND_IN)
    assert victim in paths(location) and victim not in load_sources(location).removed


def test_the_seeds_are_in_a_library_only_while_they_are_part_of_it(tmp_path):
    location = tmp_path / "library"
    mine = tmp_path / "mine"
    write_good_articles(mine, 2)
    update_index(location, [mine], **STAND_IN)
    rebuild(location, **STAND_IN)
    assert {Path(p).parent for p in paths(location)} == {mine.resolve()}


def test_a_library_from_before_sources_were_remembered_keeps_everything(library):
    location, *_ = library
    before = paths(location)
    (location / SOURCES_FILE).unlink()
    rebuild(location, **STAND_IN)
    assert paths(location) == before


def test_a_damaged_sources_file_is_set_aside_and_nothing_is_lost(library):
    location, *_ = library
    before = paths(location)
    (location / SOURCES_FILE).write_text("{not json", encoding="utf-8")
    rebuild(location, **STAND_IN)
    assert paths(location) == before
    assert list(location.glob(SOURCES_FILE + ".corrupt-*"))


def test_rescan_adds_new_files_of_remembered_folders_and_updates_changed_ones(library):
    location, _seeds, mine, _single = library
    new = write_good_articles(mine, 1, prefix="later")[0]
    changed = mine / "mine-00.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    report = rescan(location, **STAND_IN)
    assert [p.name for p in report.added] == [new.name]
    assert [p.name for p in report.updated] == [changed.name]
    assert len(report.unchanged) == 8


def test_what_the_user_set_survives_rebuilds_and_edits_of_the_file(library):
    location, _seeds, mine, _single = library
    folder = str(mine.resolve())
    report = update_index(location, [mine], outlet="BBC News", kind="opinion", **STAND_IN)
    assert len(report.updated) == 3  # relabelled without re-analysis
    edited = mine / "mine-01.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUpdated later.\n", encoding="utf-8")
    rescan(location, **STAND_IN)
    rebuild(location, **STAND_IN)
    ix = open_index(location)
    for path in (p for p in paths(location) if p.startswith(folder)):
        art = load_article(ix, path)
        assert (art.outlet, art.bias, art.kind) == ("BBC News", "center", "opinion"), path
        assert art.record.meta_sources["outlet"] == art.record.meta_sources["kind"] == "user"
    others = [load_article(ix, p) for p in paths(location) if not p.startswith(folder)]
    assert all(a.outlet != "BBC News" for a in others)


def test_an_undone_removal_is_the_librarys_again_through_rebuilds(library):
    """The window's removal (kept for Undo) is remembered like any other; Undo takes that back."""
    from reader.search.trash import remove_keeping, restore

    location, _seeds, mine, _single = library
    victim = str((mine / "mine-01.txt").resolve())
    removed = remove_keeping(location, [victim])
    assert int(removed) == 1 and victim in load_sources(location).removed
    rebuild(location, **STAND_IN)
    assert victim not in paths(location)
    assert restore(location, removed) == [victim]
    assert victim not in load_sources(location).removed
    rebuild(location, **STAND_IN)
    assert victim in paths(location)
