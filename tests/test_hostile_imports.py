"""Hostile files and long imports: one bad file never takes a batch (or the library) down.

Every case starts from a library that already holds articles and checks,
besides what the user is told, that those articles are all still there.
The inputs are real files written by ``hostile_inputs.py``.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hostile_inputs import (BAD_FRONT_MATTER, remove_deep, write_front_matter_cases, write_good_articles,
                            write_hostile_folder)
from real_corpora import metadata_analyzer

from conftest import ROOT
from reader.search.articles import load_article
from reader.search.indexer import UpdateReport, indexed_paths, update_index
from reader.search.query import search
from reader.search.store import open_index, whoosh_dir

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and SIGKILL are POSIX")


@pytest.fixture()
def library(tmp_path) -> tuple[Path, set[str]]:
    """A library with three articles in it already (what must never be lost)."""
    location = tmp_path / "library"
    before = write_good_articles(tmp_path / "before", 3, prefix="kept")
    report = update_index(location, before, analyzer=metadata_analyzer)
    assert len(report.added) == 3
    return location, {str(p.resolve()) for p in before}


def still_there(location: Path, paths: set[str]) -> None:
    assert paths <= set(indexed_paths(location)), "an article already in the library was lost"
    ix = open_index(location)
    for path in paths:
        assert load_article(ix, path).body


def in_time(fn, seconds: float = 120):
    """Run ``fn`` on a thread and fail (not hang) when it does not return in time."""
    out: dict = {}
    thread = threading.Thread(target=lambda: out.update(value=fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: it hangs"
    return out["value"]


def test_bad_front_matter_values_drop_the_field_never_the_file_or_the_batch(library, tmp_path):
    location, before = library
    folder = tmp_path / "batch"
    cases = write_front_matter_cases(folder)
    good = write_good_articles(folder, 9)
    report = in_time(lambda: update_index(location, [folder], analyzer=metadata_analyzer))
    added = {p.name for p in report.added}
    assert {p.name for p in good} <= added  # all 9 good files
    assert {p.name for p in cases.values()} <= added  # and every damaged one, without its bad value
    assert not report.skipped
    warnings = {}
    for path, warning in report.warnings:
        warnings.setdefault(path.name, []).append(warning)
    ix = open_index(location)
    for name, (_line, field, why) in BAD_FRONT_MATTER.items():
        art = load_article(ix, str(cases[name].resolve()))
        assert any(why in w for w in warnings[cases[name].name]), warnings.get(cases[name].name)
        assert field not in art.record.meta_sources or art.record.meta_sources[field] != "front-matter"
        if field != "outlet":
            assert art.record.outlet == "Riverside Gazette"
        if field != "published":
            assert art.published == "2022-02-24"
    bomb = load_article(ix, str(cases["billion-laughs"].resolve()))
    assert len(bomb.title) < 200 and "lol" not in bomb.title
    size = sum(f.stat().st_size for f in whoosh_dir(location).iterdir())
    assert size < 5 * 1024 * 1024, size  # the bomb would have made hundreds of MB
    assert search(ix, "pipeline", limit=None).total == len(good) + len(cases) + 3
    still_there(location, before)


@posix_only
def test_a_folder_of_fifos_devices_links_and_deep_nesting_is_read_with_every_skip_said(
        library, tmp_path, monkeypatch):
    location, before = library
    folder = tmp_path / "hostile"
    made = write_hostile_folder(folder, depth=990)
    real_scandir = os.scandir
    if os.geteuid() == 0:  # root reads a chmod 000 folder anyway: make it refuse, as for a user
        def scandir(path="."):
            if Path(path) == made["locked"]:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr("reader.sources.os.scandir", scandir)
    else:
        made["locked"].chmod(0)
    try:
        report = in_time(lambda: update_index(location, [folder], analyzer=metadata_analyzer))
    finally:
        made["locked"].chmod(0o755)
        remove_deep(made["deep"])
    skipped = {p: reason for p, reason in report.skipped}
    assert "FIFO" in skipped[made["fifo"]]
    assert "device" in skipped[made["zero"]] and "device" in skipped[made["null"]]
    assert "does not exist" in skipped[made["dangling"]]
    assert "already being read" in skipped[made["loop"]]
    assert "permission denied" in skipped[made["locked"]]
    assert any("nested more than" in r for p, r in report.skipped if str(p).startswith(str(made["deep"])))
    added = {p.name for p in report.added}
    assert {"good-00.txt", "good-01.txt", "inner.txt"} == added
    still_there(location, before)


@posix_only
@pytest.mark.parametrize("swap", ["fifo", "zero"])
def test_a_file_swapped_mid_import_is_skipped_not_waited_for(library, tmp_path, swap):
    location, before = library
    folder = tmp_path / "swapping"
    files = write_good_articles(folder, 4)
    victim = files[2]

    def progress(done: int, total: int, name: str) -> None:
        if name == str(victim.resolve()) and victim.is_file():  # listed as a file, replaced before it is read
            victim.unlink()
            if swap == "fifo":
                os.mkfifo(victim)
            else:
                victim.symlink_to("/dev/zero")

    report = in_time(lambda: update_index(location, [folder], analyzer=metadata_analyzer, progress=progress))
    assert [(p.name, "no longer a regular file" in r) for p, r in report.skipped] == [(victim.name, True)]
    assert {p.name for p in report.added} == {p.name for p in files} - {victim.name}
    still_there(location, before)


def test_a_late_failure_keeps_the_committed_batches_and_a_rerun_goes_on(library, tmp_path):
    location, before = library
    folder = tmp_path / "many"
    files = write_good_articles(folder, 10)

    def fails_at_the_eighth(items):
        for n, record in enumerate(metadata_analyzer(items)):
            if n == 7:
                raise OSError(28, "No space left on device")
            yield record

    report = UpdateReport()
    with pytest.raises(OSError):
        update_index(location, [folder], analyzer=fails_at_the_eighth, batch_size=3, report=report)
    assert report.committed == 6
    have = set(indexed_paths(location))
    assert len(have & {str(p.resolve()) for p in files}) == 6
    still_there(location, before)
    again = update_index(location, [folder], analyzer=metadata_analyzer)
    assert (len(again.unchanged), len(again.added)) == (6, 4)
    still_there(location, before | {str(p.resolve()) for p in files})


@posix_only
def test_a_killed_import_keeps_its_batches_and_the_same_command_continues(library, tmp_path):
    location, before = library
    folder = tmp_path / "long"
    files = write_good_articles(folder, 11)  # in-process analysis (a pool starts at 12)
    args = ["add", "--index", str(location), str(folder)]
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "kill_at.py"), "after_commit", "2", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == -9, proc.stderr
    assert len(set(indexed_paths(location)) - before) == 8  # two batches of four
    still_there(location, before)
    again = subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT, capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-2:] == ["unchanged 8 (already in the library)",
                                              "added 3, updated 0, skipped 0"]
    still_there(location, before | {str(p.resolve()) for p in files})
