"""``parallax add``: one line per skipped file with its reason, a summary line,
exit 0 when anything was processed and 2 when nothing could be."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from reader.search.indexer import update_index
from reader.textio import UnreadableFile, read_bytes


def run_add(index: Path, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", "add", "--index", str(index),
                           *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_add_reports_each_skip_and_a_summary(tmp_path):
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    (folder / "story.md").write_text("---\ntitle: Dam talks\noutlet: Riverside Gazette\n---\n"
                                     "“Not an inch,” said Maria Lopez.\n", encoding="utf-8")
    (folder / "sub" / "note.txt").write_text("Council vote\n\nThe council voted 5-2.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "copy.txt").write_bytes((SEEDS / "000_3337df370002df35.txt").read_bytes())
    dup = tmp_path / "dup.txt"
    dup.write_bytes((SEEDS / "000_3337df370002df35.txt").read_bytes())
    index = tmp_path / "index"
    out = run_add(index, folder, dup)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[-1] == "added 3, updated 0, skipped 3"
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert any("empty.txt: empty file" in line for line in skipped)
    assert any("photo.txt: binary file" in line for line in skipped)
    assert any("dup.txt: same content as" in line for line in skipped)
    again = run_add(index, folder)
    assert again.returncode == 0 and again.stdout.strip().splitlines()[-1] == "added 0, updated 0, skipped 2"


def test_add_exits_2_when_nothing_could_be_processed(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = run_add(tmp_path / "index", bad, tmp_path / "missing.txt")
    assert out.returncode == 2
    assert "skipped" in out.stdout and "no such file" in out.stdout
    assert "Traceback" not in out.stderr


def test_unreadable_file_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha\n\nFirst text.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Beta\n\nSecond text.\n", encoding="utf-8")
    real = os.open

    def locked(path, *args, **kwargs):
        if Path(path).name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr("reader.textio.os.open", locked)  # root reads anything, so simulate it
    with pytest.raises(UnreadableFile, match="permission denied"):
        read_bytes(folder / "a.txt")
    report = update_index(tmp_path / "index", [folder])
    assert [p.name for p in report.added] == ["b.txt"]
    assert [(p.name, r) for p, r in report.skipped] == [("a.txt", "permission denied")]


def test_progress_says_count_rate_and_time_left():
    from reader.cli.progress import progress_text

    assert progress_text(0, 50000, 0.0) == "0 of 50,000 files"
    assert progress_text(1234, 50000, 100.0) == "1,234 of 50,000 files · 12.3 files/s · about 1 h 05 min left"
    assert progress_text(10, 10, 2.0) == "10 of 10 files · 5.0 files/s"


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_progress_on_a_terminal_and_one_summary_line_otherwise(tmp_path):
    import pty

    folder = tmp_path / "few"
    folder.mkdir()
    for i in range(3):
        (folder / f"n{i}.txt").write_text(f"Note {i}\n\nThe council met on day {i}.\n", encoding="utf-8")
    piped = run_add(tmp_path / "index-a", folder)
    assert piped.returncode == 0
    assert piped.stdout.splitlines() == ["added 3, updated 0, skipped 0"]
    assert "\r" not in piped.stdout + piped.stderr and "files/s" not in piped.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "reader", "add", "--index", str(tmp_path / "index-b"),
                             str(folder)], cwd=ROOT, stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    out, _ = proc.communicate(timeout=300)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    assert proc.returncode == 0 and out.splitlines()[-1] == "added 3, updated 0, skipped 0"
    assert b"of 3 files" in terminal and b"\r" in terminal


def test_a_broken_format_library_is_one_line_per_file_and_a_nonzero_exit(tmp_path):
    """As in a fresh install where justext cannot import lxml.html.clean."""
    broken = tmp_path / "site" / "trafilatura"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text(
        "raise ImportError('lxml.html.clean module is now a separate project lxml_html_clean')\n",
        encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>Dam talks stalled on Tuesday, officials said.</p>"
                    "</article></body></html>", encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("Council vote\n\nThe council voted 5-2.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}

    def add(*paths):
        return subprocess.run([sys.executable, "-m", "reader", "add", "--index", str(tmp_path / "index"),
                               *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)

    both = add(page, note)
    assert both.returncode == 1 and "Traceback" not in both.stderr
    assert f"skipped {page}: cannot read HTML: ImportError: lxml.html.clean" in both.stdout
    assert both.stdout.splitlines()[-1] == "added 1, updated 0, skipped 1"
    alone = add(page)
    assert alone.returncode == 2 and "Traceback" not in alone.stderr and "cannot read HTML" in alone.stdout


def test_options_before_the_command_get_a_clear_message_and_touch_nothing(tmp_path):
    """'parallax --index DIR add PATH' names the window's --index: the command is not run
    (it would add to another library) and the message shows the order that works."""
    story = tmp_path / "story.txt"
    story.write_text("Council vote\n\nThe council voted 5-2.\n", encoding="utf-8")
    index = tmp_path / "index"
    proc = subprocess.run([sys.executable, "-m", "reader", "--index", str(index), "add", str(story)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and not index.exists()
    assert f"parallax add --index {index} {story}" in proc.stderr


def test_a_window_option_whose_value_is_a_command_name_is_not_a_command():
    """'parallax --query index' searches for the word in the window; it names no command."""
    from reader.cli import _command_after_window_options

    assert _command_after_window_options(["--query", "index"]) is None
    assert _command_after_window_options(["--index", "/tmp/x", "--query", "stories"]) is None
    assert _command_after_window_options(["--index", "/tmp/x", "add", "story.txt"]) == "add"
    assert _command_after_window_options(["add", "story.txt"]) is None
