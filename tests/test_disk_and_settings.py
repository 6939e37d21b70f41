"""Full disks, read-only folders and bad settings: one sentence each, nothing lost (issue 24, item 7).

The attack run: on a full disk the user saw two chained tracebacks, orphan
segment files kept the disk at 0 bytes free, and the window then said another
window held the library; a read-only index folder gave a PermissionError
traceback; ``searchDelayMs=99999999999`` stopped the app from starting; a
settings file linked to /dev/zero gave MemoryError; a deeply nested
``outlets.json`` raised RecursionError at every lookup and was never reset.
Where this process may mount a tmpfs (root on Linux) the disk is really full;
elsewhere ENOSPC is simulated at Whoosh's file writes.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_inputs import (fill, full_disk, nested_outlets, outlets_link_to_dev_zero, settings_fifo,
                            settings_huge, settings_link_to_dev_zero, settings_out_of_range,
                            simulated_full_disk)
from ui_helpers import SEEDS, build_gold_index, gold_analyzer, no_dangling_workers  # noqa: F401
from ui_helpers import simple_resolver, wait_open

from reader.paths import user_config_dir
from reader.search.articles import article_count
from reader.search.indexer import update_index
from reader.search.layout import whoosh_dir
from reader.search.problems import IndexUnwritable
from reader.search.query import search
from reader.search.store import open_index

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = {"analyzer": gold_analyzer, "resolver": simple_resolver}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("disk") / "index"
    return build_gold_index(location)


def _files(location: Path) -> set[str]:
    return {p.name for p in whoosh_dir(location).iterdir()} | {p.name for p in location.iterdir()}


def _new_article(tmp_path: Path) -> Path:
    folder = tmp_path / "new"
    folder.mkdir(exist_ok=True)
    path = folder / "new.txt"
    path.write_text("A new article\n\n" + "The pipeline talks went on. " * 400 + "\n", encoding="utf-8")
    return path


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PARALLAX_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def _assert_one_sentence(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in words), lines


# -- a full disk ---------------------------------------------------------------------------

def test_adding_on_a_full_disk_says_so_and_leaves_no_orphans(library, tmp_path):
    with full_disk(size_kb=4096) as mount:
        if mount is None:
            pytest.skip("no tmpfs can be mounted here (the simulated test covers this)")
        location = mount / "index"
        shutil.copytree(library, location)
        home = mount / "home"
        home.mkdir()
        before, count = _files(location), article_count(open_index(location))
        fill(mount, leave=8192)
        free = shutil.disk_usage(mount).free
        done = _cli("add", "--index", str(location), str(_new_article(tmp_path)), home=home)
        _assert_one_sentence(done, "disk is full", "library is as it was")
        assert _files(location) == before  # the unfinished segment went with the failed write
        assert shutil.disk_usage(mount).free >= free - 4096  # nothing left behind on the disk
        assert article_count(open_index(location)) == count
        (mount / "filler.bin").unlink()
        assert _cli("add", "--index", str(location), str(_new_article(tmp_path)), home=home).returncode == 0
        assert article_count(open_index(location)) == count + 1


def test_a_simulated_full_disk_is_one_sentence_and_no_orphans(library, tmp_path):
    location = tmp_path / "index"
    shutil.copytree(library, location)
    before = _files(location)
    expected = search(open_index(location), "pipeline", limit=None).total
    with simulated_full_disk(budget=2048), pytest.raises(IndexUnwritable) as caught:
        update_index(location, [_new_article(tmp_path)], **OPTIONS)
    assert "disk is full" in str(caught.value) and "\n" not in str(caught.value)
    assert _files(location) == before
    assert search(open_index(location), "pipeline", limit=None).total == expected


def test_a_lock_that_cannot_be_written_does_not_blame_another_window(qtbot, library, tmp_path, monkeypatch):
    from PySide6.QtCore import QLockFile

    from reader.ui.app import create_window

    monkeypatch.setattr(QLockFile, "tryLock", lambda self, timeout=0: False)
    monkeypatch.setattr(QLockFile, "error", lambda self: QLockFile.LockError.UnknownError)
    window = create_window(index_dir=library, index_options=OPTIONS)
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    window.show()
    wait_open(qtbot, window)
    banner = window.read_only_banner.text()
    assert window.controller.read_only and "lock file" in banner and "read-only" in banner
    assert "Another Parallax window" not in banner and "Another Parallax window" not in \
        window.statusBar().currentMessage()


def test_a_lock_on_a_full_disk_says_the_disk_is_full(qtbot, library, tmp_path, monkeypatch):
    from reader.ui.app import create_window

    with full_disk(size_kb=512) as mount:
        if mount is None:
            pytest.skip("no tmpfs can be mounted here")
        monkeypatch.setenv("PARALLAX_HOME", str(mount / "home"))
        fill(mount)
        window = create_window(index_dir=library, index_options=OPTIONS)
        window.dialogs_enabled = False
        qtbot.addWidget(window)
        window.show()
        wait_open(qtbot, window)
        assert window.controller.read_only
        assert "disk is full" in window.read_only_banner.text() or "lock file" in window.read_only_banner.text()
        assert "Another Parallax window" not in window.read_only_banner.text()
        window.close()


# -- read-only and forbidden folders -----------------------------------------------------------

@pytest.fixture()
def read_only_library(library, tmp_path):
    """A copy of the library its user may not write: a read-only mount (root) or mode 0555."""
    if os.geteuid() != 0:
        location = tmp_path / "index"
        shutil.copytree(library, location)
        for folder in (location, whoosh_dir(location)):
            folder.chmod(0o555)
        yield location
        for folder in (location, whoosh_dir(location)):
            folder.chmod(0o755)
        return
    with full_disk(size_kb=8192) as mount:
        if mount is None:
            pytest.skip("root ignores file modes and no read-only mount is possible")
        location = mount / "index"
        shutil.copytree(library, location)
        if subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only")
        yield location
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], capture_output=True)


def test_a_read_only_index_folder_is_read_and_not_written(read_only_library, tmp_path):
    home = tmp_path / "home"
    done = _cli("add", "--index", str(read_only_library), str(_new_article(tmp_path)), home=home)
    _assert_one_sentence(done)
    assert any(w in done.stderr for w in ("read-only", "permission denied", "not allowed"))
    found = _cli("search", "--index", str(read_only_library), "pipeline", home=home)
    assert found.returncode == 0 and "articles match" in found.stdout, found.stderr


# -- settings ----------------------------------------------------------------------------------

def _open_window(qtbot, library):
    from reader.ui.app import create_window

    window = create_window(index_dir=library, index_options=OPTIONS)
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    window.show()
    wait_open(qtbot, window)
    return window


def test_an_out_of_range_delay_is_reset_with_a_message(qtbot, library):
    path = settings_out_of_range(user_config_dir())
    window = _open_window(qtbot, library)  # stopped the app: QTimer takes an int
    assert window.library_pane._search_timer.interval() == 250
    assert "searchDelayMs=99999999999" in window.statusBar().currentMessage()
    window.close()
    assert "99999999999" not in path.read_text(encoding="utf-8")  # reset, not asked about every start


@pytest.mark.parametrize("make", [settings_link_to_dev_zero, settings_fifo, settings_huge],
                         ids=["link-to-dev-zero", "fifo", "40-mb"])
def test_a_settings_file_that_cannot_be_settings_is_set_aside(qtbot, library, make):
    path = make(user_config_dir())
    kind = "link" if path.is_symlink() else "fifo" if not path.is_file() else "file"
    window = _open_window(qtbot, library)  # no MemoryError, no wait on the FIFO
    assert "settings file was damaged" in window.statusBar().currentMessage()
    backups = list(path.parent.glob("parallax.ini.corrupt-*"))
    assert len(backups) == 1  # set aside, not deleted
    assert (backups[0].is_symlink() if kind == "link" else True)
    window.close()
    assert path.is_file() and not path.is_symlink() and path.stat().st_size < 100_000


@pytest.mark.parametrize("make", [nested_outlets, outlets_link_to_dev_zero], ids=["nested", "link-to-dev-zero"])
def test_a_damaged_outlets_file_is_set_aside_once(qtbot, library, make):
    from reader.outlet_overrides import default_registry

    default_registry.cache_clear()
    path = make(user_config_dir())
    try:
        window = _open_window(qtbot, library)
        qtbot.waitUntil(lambda: "outlet labels" in window.statusBar().currentMessage(), timeout=5000)
        assert len(list(path.parent.glob("outlets.json.corrupt-*"))) == 1
        registry = default_registry()
        assert registry.resolve(name="DW") is not None  # the registry works, again and again
        assert registry.resolve(name="Bol News") is not None
        registry.set_label("Example Outlet", "center")  # and saves a fresh file
        assert path.is_file() and not path.is_symlink()
        window.close()
    finally:
        default_registry.cache_clear()


def test_a_read_only_library_opens_read_only_and_says_why(qtbot, read_only_library):
    window = _open_window(qtbot, read_only_library)
    banner = window.read_only_banner.text()
    assert window.controller.read_only and "cannot be written" in banner
    assert "Another Parallax window" not in banner
    assert window.library_model.rowCount() == 5  # everything is there to read
    window.close()
