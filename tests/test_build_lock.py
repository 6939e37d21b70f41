"""Opening the library while a full rebuild runs leaves the rebuild alone; a rebuild
whose builder died is cleared (issue: a second process destroyed an hour-long rebuild)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT, SEEDS
from reader.search import build_lock
from reader.search.articles import article_count
from reader.search.indexer import update_index
from reader.search.store import new_build_dir, open_index, recover_interrupted_swap


def test_a_build_held_here_survives_opening(tmp_path):
    location = tmp_path / "index"
    update_index(location, [SEEDS])
    folder = new_build_dir(location)
    (folder / "segment").write_text("half-built", encoding="utf-8")
    assert article_count(open_index(location)) == 5
    assert (folder / "segment").exists(), "opening the library cleared a rebuild in progress"
    build_lock.give_up(folder)
    assert not folder.exists() and not list(location.glob("whoosh.tmp-*"))


def test_another_process_keeps_its_build_until_it_dies(tmp_path):
    location = tmp_path / "index"
    update_index(location, [SEEDS])
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from reader.search.store import new_build_dir
        folder = new_build_dir(Path({str(location)!r}))
        print(folder, flush=True)
        sys.stdin.read()  # hold it until the test closes our stdin
    """)
    builder = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        folder = Path(builder.stdout.readline().strip())
        assert folder.is_dir()
        recover_interrupted_swap(location)
        open_index(location).close()
        assert folder.is_dir(), "another process's rebuild was cleared while it ran"
    finally:
        builder.kill()
        builder.wait(timeout=30)
    recover_interrupted_swap(location)  # its builder is gone: a crash's leftover
    assert not folder.exists()
    assert not list(location.glob("whoosh.tmp-*")), "the stray lock file is cleared too"


def test_a_full_rebuild_swaps_in_and_lets_go(tmp_path):
    location = tmp_path / "index"
    update_index(location, [SEEDS])
    report = update_index(location, [SEEDS], full=True)
    assert len(report.added) == 5
    assert not list(location.glob("whoosh.tmp-*"))
    assert article_count(open_index(location)) == 5
