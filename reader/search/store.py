"""Where the Whoosh index lives on disk, and opening it safely.

An index location is a folder (``index/`` in a checkout, the data directory
otherwise, or ``--index DIR``). Whoosh's files sit in its ``whoosh/``
subfolder with a small JSON stamp naming the format version. A full rebuild
writes a sibling ``whoosh.tmp-*`` folder and swaps it in by rename (as
MoinMoin does), so a crash leaves the old index or the new one, never half
of each. Problems come out as ``IndexProblem`` with a sentence for the user.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from reader import __version__
from reader.atomic import write_text_atomic
from reader.search.fields import FORMAT_VERSION
from reader.search.layout import INDEX_NAME, STAMP, WHOOSH_DIR, whoosh_dir  # noqa: F401 - re-exported
from reader.search.problems import (IndexBusy, IndexCorrupt, IndexMissing,  # noqa: F401 - re-exported
                                     IndexProblem, IndexVersionMismatch)
from reader.search.schema import build_schema

WRITER_TIMEOUT = 10.0  # seconds to wait for another writer before giving up


def open_writer(ix: Index):
    """The index's one writer, waiting a while for another to finish.

    Segments are written as separate files, not Whoosh's default compound
    file: a reader of a compound segment copies each part it opens into memory
    (on 10k articles, 300 MB and 90 ms per searcher), while separate files are
    read in place.
    """
    from whoosh.writing import LockError

    try:
        return ix.writer(timeout=WRITER_TIMEOUT, compound=False)
    except LockError:
        raise IndexBusy("Another Parallax is writing to this index; try again when it has finished.") from None


def _write_stamp(folder: Path) -> None:
    stamp = {"format": FORMAT_VERSION, "app_version": __version__, "created": time.time()}
    write_text_atomic(folder / STAMP, json.dumps(stamp))


def _read_stamp(folder: Path) -> dict:
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorrupt(f"{folder} is not a Parallax index (no {STAMP}).") from None
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"The index stamp in {folder} is unreadable ({exc}).") from None


def recover_interrupted_swap(location: Path) -> None:
    """Finish or undo a rebuild swap that a crash interrupted."""
    live = whoosh_dir(location)
    old = live.with_name(WHOOSH_DIR + ".old")
    if not live.exists() and old.exists():
        old.rename(live)  # crashed between the two renames: put the old index back
    elif live.exists() and old.exists():
        shutil.rmtree(old, ignore_errors=True)
    for tmp in Path(location).glob(WHOOSH_DIR + ".tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)  # an unfinished rebuild


def open_index(location: Path) -> Index:
    """Open an existing index, checking its stamp and version."""
    location = Path(location)
    if location.exists() and not location.is_dir():
        raise IndexCorrupt(f"{location} is a file, not an index folder.")
    recover_interrupted_swap(location) if location.is_dir() else None
    folder = whoosh_dir(location)
    if not folder.is_dir():
        raise IndexMissing(f"No index at {location} yet.")
    stamp = _read_stamp(folder)
    if stamp.get("format") != FORMAT_VERSION:
        raise IndexVersionMismatch(
            f"The index at {location} has format {stamp.get('format')!r}; this Parallax needs "
            f"format {FORMAT_VERSION}. It must be rebuilt from the source files.")
    try:
        ix = whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
        with ix.searcher() as s:
            s.doc_count()
    except Exception as exc:  # Whoosh raises many kinds on damaged files
        raise IndexCorrupt(f"The index at {location} is damaged ({type(exc).__name__}: {exc}).") from None
    return ix


def create_empty(folder: Path) -> Index:
    folder.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)
    _write_stamp(folder)
    return ix


def open_or_create(location: Path) -> Index:
    """Open the index, creating an empty one where there is none yet."""
    try:
        return open_index(location)
    except IndexMissing:
        Path(location).mkdir(parents=True, exist_ok=True)
        tmp = new_build_dir(location)
        create_empty(tmp)
        swap_in(location, tmp)
        return open_index(location)


def new_build_dir(location: Path) -> Path:
    Path(location).mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=WHOOSH_DIR + ".tmp-", dir=location))


def swap_in(location: Path, built: Path) -> None:
    """Replace the live index with a freshly built folder by two renames."""
    live = whoosh_dir(location)
    old = live.with_name(WHOOSH_DIR + ".old")
    if old.exists():
        shutil.rmtree(old)
    if live.exists():
        live.rename(old)
    built.rename(live)
    shutil.rmtree(old, ignore_errors=True)


def discard(location: Path) -> None:
    """Remove a damaged index so it can be rebuilt (source files are untouched)."""
    folder = whoosh_dir(location)
    if folder.exists():
        shutil.rmtree(folder)
