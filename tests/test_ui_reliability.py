"""Reliability: one writing window per library, the error dialog, corrupt settings, links."""
from __future__ import annotations

import os
from collections import Counter
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtCore import QUrl
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtGui import QTextDocument
from ui_helpers import main_window  # noqa: F401 - fixture
from ui_helpers import no_dangling_workers  # noqa: F401 - autouse fixture
from ui_helpers import ui_index  # noqa: F401 - fixture
from ui_helpers import wait_open

from reader.analysis.record import ArticleRecord
from reader.logs import log_path
from reader.paths import user_config_dir
from reader.search.articles import StoredArticle
from reader.search.indexer import remove_articles
from reader.ui import errors
from reader.ui import links
from reader.ui.app import create_window
from reader.ui.instance_lock import LibraryLock
from reader.ui.instance_lock import lock_path
from reader.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


# -- single instance -------------------------------------------------------------------

def test_second_window_on_the_same_library_is_read_only(qtbot, main_window, ui_index, tmp_path):
    assert not main_window.controller.read_only and not main_window.read_only_banner.isVisible()
    second = create_window(index_dir=ui_index)
    qtbot.addWidget(second)
    second.show()
    wait_open(qtbot, second)
    assert second.controller.read_only
    assert second.read_only_banner.isVisible()
    assert "this one is read-only" in second.read_only_banner.text()
    assert "read-only" in second.statusBar().currentMessage()
    assert not any(a.isEnabled() for a in second.actions.writing())
    assert second.controller.jobs.add_paths([tmp_path]) is None and second.controller.jobs.rebuild() is None
    assert not second.editing.add([tmp_path])
    assert not second.acceptDrops()
    assert second.library_proxy.rowCount() == 5  # reading still works
    main_window.close()  # the first window lets go; a third one may write
    third = create_window(index_dir=ui_index)
    qtbot.addWidget(third)
    assert not third.controller.read_only and third.actions.add_files.isEnabled()
    third.close()
    second.close()


def _window_on_a_copy(qtbot, ui_index, tmp_path):
    """A window on a copy of the seed library, which the test may change behind its back."""
    location = tmp_path / "library"
    shutil.copytree(ui_index, location)
    window = create_window(index_dir=location)
    qtbot.addWidget(window)
    window.show()
    wait_open(qtbot, window)
    return window, location


def test_a_search_shows_what_another_process_committed(qtbot, ui_index, tmp_path):
    window, location = _window_on_a_copy(qtbot, ui_index, tmp_path)
    assert window.library_proxy.rowCount() == 5
    gone = window.controller.result_paths()[-1]
    assert remove_articles(location, [gone]) == 1  # as another Parallax would
    window.set_query("")
    qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
    assert window.library_proxy.rowCount() == 4 and window.controller.article_count() == 4
    assert gone not in window.controller.result_paths()
    assert "4" in window.result_label.text()
    window.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through /proc")
def test_replaced_index_views_let_go_of_their_files(qtbot, ui_index, tmp_path):
    import gc

    window, location = _window_on_a_copy(qtbot, ui_index, tmp_path)

    def library_handles() -> Counter:
        """How many handles each of the library's files has open (a searcher holds one each)."""
        gc.collect()
        held: Counter = Counter()
        for fd in Path("/proc/self/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:  # closed meanwhile
                continue
            if target.startswith(str(location)):
                held[target] += 1
        return held

    for query in ("putin", "khan", "moscow", "pipeline"):  # each search sees a new generation
        paths = window.controller.result_paths()
        remove_articles(location, paths[-1:])
        window.set_query(query)
        qtbot.waitUntil(lambda: not window.controller.search_pending(), timeout=10000)
        held = library_handles()
        # how many pool threads read the current view varies from run to run; a file held
        # more often than the view has searchers, or a removed file, is a replaced view's
        readers = window.controller.view.open_searchers()
        assert held and max(held.values()) <= readers, (readers, held.most_common(3))
        assert not [f for f in held if f.endswith("(deleted)")], held
    assert window.controller.article_count() == 1
    window.close()


def test_read_only_window_never_builds_a_missing_library(qtbot, tmp_path):
    from reader.search.store import IndexBusy

    location = tmp_path / "not-built"
    holder = LibraryLock(location)  # as if another window were building it now
    window = create_window(index_dir=location, open_now=False)
    window.dialogs_enabled = False
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.controller.problem, timeout=10000) as blocker:
        window.controller.open()
    assert isinstance(blocker.args[0], IndexBusy) and not blocker.args[0].rebuildable
    assert window.controller.read_only and not window.controller.busy()
    assert not location.exists() or not any(location.iterdir())
    window.close()
    holder.release()


def test_two_lock_holders_and_a_stale_lock(tmp_path):
    index = tmp_path / "lib"
    first, second = LibraryLock(index), LibraryLock(index)
    assert first.acquired and not second.acquired
    assert str(os.getpid()) in second.holder()
    first.release()
    # a lock left by a crashed process (its pid is gone) is taken over
    lock_path(index).write_text(f"999999999\nparallax\n{socket.gethostname()}\n")
    taken = LibraryLock(index)
    assert taken.acquired
    taken.release()


def test_a_real_second_process_sees_the_lock(tmp_path):
    index = tmp_path / "lib"
    mine = LibraryLock(index)
    assert mine.acquired
    code = ("from pathlib import Path; from reader.ui.instance_lock import LibraryLock; "
            f"print(LibraryLock(Path({str(index)!r})).acquired)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ),
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
    mine.release()
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ),
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True", out.stderr


# -- unexpected exceptions -----------------------------------------------------------

def test_exception_in_a_slot_shows_the_error_dialog_and_logs(qtbot, monkeypatch):
    shown = []
    real = errors.handle_exception

    def hook(t, e, tb):
        shown.append(real(t, e, tb))

    monkeypatch.setattr(sys, "excepthook", hook)

    def broken_slot() -> None:
        raise ValueError("the slot broke")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    box = shown[0]
    assert box is not None and box.isVisible() and not box.isModal()
    assert "the slot broke" in box.text()
    assert str(log_path()) in box.informativeText()
    assert "Traceback" in box.detailedText() and "broken_slot" in box.detailedText()
    box.close()


def test_no_dialog_when_dialogs_are_off(qapp, capsys):
    try:
        raise RuntimeError("quiet")
    except RuntimeError as exc:
        assert errors.handle_exception(type(exc), exc, exc.__traceback__, lambda: False) is None
    assert "quiet" in capsys.readouterr().err


def test_install_excepthook_replaces_the_hook(qapp, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    errors.install_excepthook(lambda: False)
    assert sys.excepthook is not sys.__excepthook__


# -- settings --------------------------------------------------------------------------

def test_corrupt_settings_are_backed_up_and_reset(qtbot, ui_index):
    path = user_config_dir() / "parallax.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\xff\xfe[state\ngeom\x01etry=@ByteArray(\xde\xad\n")
    window = create_window(index_dir=ui_index)
    qtbot.addWidget(window)
    window.show()
    assert "damaged" in window.statusBar().currentMessage()
    backups = list(path.parent.glob("parallax.ini.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes().startswith(b"\x00\xff")
    wait_open(qtbot, window)
    window.close()  # saving works again
    again = Settings()
    assert not again.warning and again.window_geometry is not None


def test_corrupt_outlet_labels_are_reported_not_fatal(qtbot, ui_index):
    from reader.outlet_overrides import default_registry

    default_registry.cache_clear()
    path = user_config_dir() / "outlets.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{\x00 not json")
    try:
        window = create_window(index_dir=ui_index)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: "outlet labels" in window.statusBar().currentMessage(), timeout=5000)
        assert list(path.parent.glob("outlets.json.corrupt-*"))
        wait_open(qtbot, window)
        window.close()
    finally:
        default_registry.cache_clear()


def test_ini_check():
    from reader.ui.settings import ini_problem

    assert ini_problem(b"[state]\nlastQuery=a = b [c]\n; note\n\n") == ""
    assert ini_problem(b"\xef\xbb\xbf[state]\nx=1\n") == ""
    assert ini_problem(b"\xff\xfe") == "not UTF-8 text"
    assert ini_problem(b"[state]\nx=\x01\n") == "control characters"
    assert "line 2" in ini_problem(b"[state]\nrandom words\n")


def test_good_settings_are_left_alone():
    s = Settings()
    s.last_query = 'pipeline "gas" = [x]'
    s.sync()
    again = Settings()
    assert not again.warning and again.last_query == 'pipeline "gas" = [x]'


# -- links -----------------------------------------------------------------------------

@pytest.mark.parametrize("url, ok", [
    ("https://www.dw.com/en/a-123", True), ("http://example.org/x?y=1#z", True),
    (" https://example.org ", True), ("HTTPS://EXAMPLE.ORG/", True),
    ("file:///etc/passwd", False), ("javascript:alert(1)", False),
    ("data:text/html,<script>x</script>", False), ("/relative/path", False),
    ("example.org/x", False), ("//example.org/x", False), ("https://", False),
    ("http://exa mple.org", False), ("https://example.org/\nfile:///x", False), ("", False),
    ("ftp://example.org/file", False), ("mailto:a@b.c", False),
])
def test_link_policy(url, ok):
    assert links.is_openable_url(url) is ok


def _article(url: str) -> StoredArticle:
    return StoredArticle(path="/x/a.txt", title="Linked", outlet="", author="", published="",
                         kind="news", url=url, format="text", bias="unknown", body="Linked\n\nText.\n",
                         record=ArticleRecord(file="/x/a.txt", title="Linked"))


def test_open_original_opens_only_on_click_in_the_system_browser(qtbot, main_window, monkeypatch):
    opened = []
    monkeypatch.setattr(links.QDesktopServices, "openUrl", lambda u: opened.append(u.toString()) or True)
    reading = main_window.reading_view
    reading.show_article(_article("https://example.org/story"))
    browser = reading.browser
    assert opened == [] and browser.document().toPlainText().count("Open original") == 1
    cursor = browser.document().find("Open original", 0, QTextDocument.FindFlag.FindCaseSensitively)
    probe = QTextCursor(browser.document())
    probe.setPosition(cursor.selectionStart() + 3)
    rect = browser.cursorRect(probe)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["https://example.org/story"]
    assert reading.article.url == "https://example.org/story"  # the view did not navigate
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "relative/x.html"):
        reading.show_article(_article(bad))
        assert "Open original" not in browser.toPlainText()
        assert "href" not in browser.toHtml()
    browser.anchorClicked.emit(QUrl("file:///etc/passwd"))  # a forged click is refused too
    assert opened == ["https://example.org/story"]
