"""An empty library is a valid library everywhere (issue 24, item 5).

After a first import that added nothing, every search raised Whoosh's
``NotImplementedError`` (an index with no segment has no column readers) and
the window could not open the library.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui_helpers import SEEDS, gold_analyzer, no_dangling_workers, simple_resolver  # noqa: F401
from ui_helpers import wait_open

from reader.search.articles import article_count, entity_counts, quote_rows
from reader.search.indexer import indexed_paths, update_index
from reader.search.listing import load_listing, save_listing
from reader.search.maintenance import relabel_articles, rescan
from reader.search.query import find, search
from reader.search.results import compute_matches, fill_panels
from reader.search.store import open_index
from reader.search.view import IndexView

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = {"analyzer": gold_analyzer, "resolver": simple_resolver}


@pytest.fixture()
def empty_library(tmp_path) -> Path:
    """What a first import of a folder with nothing Parallax can read leaves behind."""
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    location = tmp_path / "index"
    report = update_index(location, [folder], **OPTIONS)
    assert not report.added
    return location


def test_every_core_read_of_an_empty_library_answers_empty(empty_library):
    ix = open_index(empty_library)
    view = IndexView(ix)
    assert article_count(ix) == 0 and view.all_docnums() == [] and view.shared_folder() == ""
    assert view.docnum("/nowhere.txt") is None
    assert search(ix, "pipeline").total == 0 and search(ix, "").total == 0
    assert find(view, "pipeline").docnums == [] and find(view, "").docnums == []
    result = fill_panels(compute_matches(view, "", []))
    assert result.docnums == [] and result.panels.entities == [] and len(result.panels.quotes) == 0
    assert entity_counts(view) == [] and quote_rows(view, []) == []
    assert save_listing(empty_library, view) and load_listing(empty_library).doc_count() == 0
    assert indexed_paths(empty_library) == {} and relabel_articles(empty_library) == 0
    assert rescan(empty_library).processed == 0
    from reader.stories.library import open_stories

    assert open_stories(empty_library, view).stories == []  # grouped: no story, no error


def test_an_empty_library_takes_its_first_article(empty_library):
    update_index(empty_library, [SEEDS / "000_3337df370002df35.txt"], **OPTIONS)
    assert article_count(open_index(empty_library)) == 1


def test_the_command_line_searches_and_groups_an_empty_library(empty_library, tmp_path):
    env = dict(os.environ, PARALLAX_HOME=str(tmp_path / "home"))
    for args, expected in ((["search", "--index", str(empty_library), "pipeline"], "0 articles match"),
                           (["search", "--index", str(empty_library), "--json", "pipeline"], '"total": 0'),
                           (["stories", "--index", str(empty_library)], "0 stories"),
                           (["stories", "--index", str(empty_library), "--json"], '"stories": []')):
        done = subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and expected in done.stdout, done
        assert "Traceback" not in done.stderr


def test_the_window_opens_an_empty_library_and_adds_to_it(qtbot, empty_library):
    from reader.ui.app import create_window

    window = create_window(index_dir=empty_library, index_options=OPTIONS)
    problems: list = []
    window.controller.problem.connect(problems.append)
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    window.show()
    wait_open(qtbot, window)
    assert not problems
    assert window.library_model.rowCount() == 0 and window.controller.article_count() == 0
    assert window.windowTitle() == "Parallax — My library"
    assert "0 articles in" in window.status.corpus_label.text()
    window.set_query("pipeline")  # searching, the panels, the coverage bar: all empty, no error
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    assert window.entities_panel.model.rowCount() == 0 and window.quotes_model.rowCount() == 0
    window.set_query("")
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    with qtbot.waitSignal(window.controller.job_done, timeout=120000):
        assert window.editing.add([SEEDS / "000_3337df370002df35.txt"])
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 1, timeout=10000)
    assert not problems
