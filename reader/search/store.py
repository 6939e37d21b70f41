"""Where the Whoosh index lives on disk, and opening it safely.

An index location is a folder (``index/`` in a checkout, the data directory
otherwise, or ``--index DIR``). Whoosh's files sit in its ``whoosh/``
subfolder with a small JSON stamp naming the format version. A full rebuild
writes a sibling ``whoosh.tmp-*`` folder and swaps it in by rename (as
MoinMoin does), so a crash leaves the old index or the new one, never half
of each. Problems come out as ``IndexProblem`` with a sentence for the user.

Opening checks the files against the manifest of their commit
(``reader.search.integrity``) and hands out a ``CheckedIndex``
(``reader.search.guarded``), whose reads say "the library index is damaged"
instead of failing somewhere deep in Whoosh. A folder that cannot be written
(a full disk, a read-only one, no permission) is ``IndexUnwritable``.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from reader import __version__
from reader.atomic import write_text_atomic
from reader.failures import describe
from reader.search import build_lock, integrity
from reader.search.fields import FORMAT_VERSION
from reader.search.guarded import CheckedIndex
from reader.search.layout import INDEX_NAME, STAMP, WHOOSH_DIR, latest_generation  # noqa: F401 - re-exported
from reader.search.layout import whoosh_dir
from reader.search.problems import (IndexBusy, IndexCorrupt, IndexDamaged,  # noqa: F401 - re-exported
                                     IndexMissing, IndexProblem, IndexUnwritable,
                                     IndexVersionMismatch)
from reader.search.schema import build_schema

WRITER_TIMEOUT = 10.0  # seconds to wait for another writer before giving up
OPEN_RETRIES = 5  # opens raced by another process's commit before the index is called damaged


def open_writer(ix: Index):
    """The index's one writer, waiting a while for another to finish.

    Segments are written as separate files, not Whoosh's default compound
    file: a reader of a compound segment copies each part it opens into memory
    (on 10k articles, 300 MB and 90 ms per searcher), while separate files are
    read in place.
    """
    from whoosh.writing import LockError

    folder = Path(ix.storage.folder)
    problem = integrity.check(folder, deep=True)  # each file read once per process (integrity._verified)
    if problem:  # never write on top of damage: a commit merges old segments into new ones
        raise IndexDamaged(problem)
    try:
        with writing(folder):
            return ix.writer(timeout=WRITER_TIMEOUT, compound=False)
    except LockError:
        raise IndexBusy("Another Parallax is writing to this index; try again when it has finished.") from None


@contextmanager
def writing(folder: Path, doing: str = "") -> Iterator[None]:
    """OSErrors of writing the index (disk full, read-only, no permission) as ``IndexUnwritable``."""
    try:
        yield
    except OSError as exc:
        raise IndexUnwritable(describe(exc, doing)) from exc


def _write_stamp(folder: Path) -> None:  # inside ``writing``
    stamp = {"format": FORMAT_VERSION, "app_version": __version__, "created": time.time()}
    write_text_atomic(folder / STAMP, json.dumps(stamp))


def _read_stamp(folder: Path) -> dict:
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except FileNotFoundError:
        if latest_generation(folder.parent) is not None:  # Whoosh's files are ours, the stamp went
            raise IndexDamaged(f"{STAMP} is missing") from None
        raise IndexCorrupt(f"{folder} is not a Parallax index (no {STAMP}).") from None
    except (OSError, ValueError) as exc:
        raise IndexDamaged(f"the stamp is unreadable ({exc})") from None
    if not isinstance(stamp, dict):
        raise IndexDamaged("the stamp is not a JSON object")
    return stamp


def recover_interrupted_swap(location: Path) -> None:
    """Finish or undo a rebuild swap that a crash interrupted."""
    live = whoosh_dir(location)
    old = live.with_name(WHOOSH_DIR + ".old")
    if not live.exists() and old.exists():
        old.rename(live)  # crashed between the two renames: put the old index back
    elif live.exists() and old.exists():
        shutil.rmtree(old, ignore_errors=True)
    build_lock.clear_abandoned(Path(location), WHOOSH_DIR + ".tmp-*")  # unfinished, not running


def open_index(location: Path) -> Index:
    """Open an existing index, checking its stamp and version.

    Another process may commit while this one opens: Whoosh then deletes the
    files of the generation being opened, and the open fails as if the index
    were damaged. When the newest generation moved meanwhile, that was the
    race, not damage: open the new one (a few tries) instead of saying so.
    """
    location = Path(location)
    if location.exists() and not location.is_dir():
        raise IndexCorrupt(f"{location} is a file, not an index folder.")
    recover_interrupted_swap(location) if location.is_dir() else None
    for attempt in range(OPEN_RETRIES):
        generation = latest_generation(location)
        try:
            return _open_generation(location)
        except IndexDamaged:
            if attempt == OPEN_RETRIES - 1 or latest_generation(location) == generation:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _open_generation(location: Path) -> Index:
    folder = whoosh_dir(location)
    if not folder.is_dir():
        raise IndexMissing(f"No index at {location} yet.")
    stamp = _read_stamp(folder)
    if stamp.get("format") != FORMAT_VERSION:
        raise IndexVersionMismatch(
            f"The index at {location} has format {stamp.get('format')!r}; this Parallax needs "
            f"format {FORMAT_VERSION}. It must be rebuilt from the source files.")
    problem = integrity.check(folder)
    if problem:
        raise IndexDamaged(problem)
    try:
        ix = CheckedIndex(FileStorage(str(folder)), indexname=INDEX_NAME)
        with ix.searcher() as s:
            s.doc_count()
            if problem is integrity.UNVERIFIED:
                _sanity_check(s)
    except IndexProblem:
        raise
    except Exception as exc:  # Whoosh raises many kinds on damaged files
        raise IndexDamaged(f"{type(exc).__name__}: {exc}") from None
    if problem is integrity.UNVERIFIED:
        _remember_files(ix)
    return ix


def _sanity_check(searcher) -> None:
    """An index with no manifest (written before there were manifests, or its commit's
    manifest was lost): read each column and the stored fields at both ends of each segment."""
    from reader.search.fields import COLUMN_FIELDS

    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        count = reader.doc_count_all()
        if not count:
            continue
        for name in COLUMN_FIELDS:
            column = reader.column_reader(name)
            column[0], column[count - 1]  # noqa: B018 - reading is the check
        reader.stored_fields(0), reader.stored_fields(count - 1)


def _remember_files(ix: Index) -> None:
    """Record an unverified index's files once it has read well, so later damage is seen."""
    try:
        toc = ix._read_toc()
        integrity.write_manifest(Path(ix.storage.folder), toc.generation,
                                 [s.segment_id() for s in toc.segments])
    except OSError:
        pass  # a read-only index is opened as it is, unverified


def create_empty(folder: Path) -> Index:
    with writing(folder, "creating the index"):
        folder.mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(folder))
        ix = CheckedIndex.create(storage, build_schema(), indexname=INDEX_NAME)
        _write_stamp(folder)
        integrity.write_manifest(folder, ix.latest_generation(), [])
    return ix


def open_or_create(location: Path) -> Index:
    """Open the index, creating an empty one where there is none yet."""
    try:
        return open_index(location)
    except IndexMissing:
        tmp = new_build_dir(location)
        try:
            create_empty(tmp)
            swap_in(location, tmp)
        finally:
            build_lock.give_up(tmp)  # gone already, unless creating it failed
        return open_index(location)


def new_build_dir(location: Path) -> Path:
    with writing(Path(location), "creating the index"):
        Path(location).mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=WHOOSH_DIR + ".tmp-", dir=location))
        build_lock.hold(folder)  # until swapped in or given up: others opening the library leave it
        return folder


def swap_in(location: Path, built: Path) -> None:
    """Replace the live index with a freshly built folder by two renames."""
    live = whoosh_dir(location)
    old = live.with_name(WHOOSH_DIR + ".old")
    with writing(Path(location), "replacing the index"):
        if old.exists():
            shutil.rmtree(old)
        if live.exists():
            live.rename(old)
        built.rename(live)
    build_lock.release(built)
    shutil.rmtree(old, ignore_errors=True)


def discard(location: Path) -> None:
    """Remove a damaged index so it can be rebuilt (source files are untouched)."""
    folder = whoosh_dir(location)
    if folder.exists():
        shutil.rmtree(folder)
