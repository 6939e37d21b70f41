"""Run ``parallax`` but SIGKILL ourselves at the Nth file creation or rename,
or right after the Nth batch commit of an import (batches of 4 articles).

Used by test_index_crash.py to stop indexing at exact points inside Whoosh's
commit and the rebuild swap, which timing alone rarely hits, and by
test_hostile_imports.py to kill a long import part-way.
    python tests/kill_at.py create_file|rename|after_commit N parallax-args...
"""
import os
import signal
import sys
from pathlib import Path

from whoosh.filedb import filestore

what, target = sys.argv[1], int(sys.argv[2])
calls = [0]


def _tick() -> None:
    calls[0] += 1
    if calls[0] == target:
        os.kill(os.getpid(), signal.SIGKILL)


if what == "create_file":
    original = filestore.FileStorage.create_file

    def create_file(self, name, **kwargs):
        _tick()
        return original(self, name, **kwargs)

    filestore.FileStorage.create_file = create_file
elif what == "rename":
    original_rename = Path.rename

    def rename(self, target_path):
        _tick()
        return original_rename(self, target_path)

    Path.rename = rename
elif what == "after_commit":
    from reader.search import batches

    batches.BATCH_ARTICLES = 4
    original_commit = batches.BatchWriter.commit

    def commit(self):
        had = self.pending
        original_commit(self)
        if had:
            _tick()

    batches.BatchWriter.commit = commit
else:
    sys.exit(f"unknown kill point {what}")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reader.cli import main  # noqa: E402

code = main(sys.argv[3:])
print(f"calls={calls[0]}", file=sys.stderr)
sys.exit(code)
