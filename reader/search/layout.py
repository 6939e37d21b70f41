"""Where an index keeps its files: names shared by the store, which opens
Whoosh, and the listing snapshot, which is read before Whoosh is imported."""
from __future__ import annotations

import os
import re
from pathlib import Path

WHOOSH_DIR = "whoosh"  # Whoosh's files, with our stamp and listing beside them
STAMP = "parallax-index.json"
LISTING = "parallax-listing.bin"
INDEX_NAME = "articles"

_TOC = re.compile(r"^_%s_([0-9]+)\.toc$" % INDEX_NAME)  # Whoosh's table of contents, one per generation


def whoosh_dir(location: Path) -> Path:
    return Path(location) / WHOOSH_DIR


def toc_name(generation: int) -> str:
    return f"_{INDEX_NAME}_{generation}.toc"


def latest_generation(location: Path) -> int | None:
    """The newest committed generation, from Whoosh's file names (None: no index)."""
    try:
        names = os.listdir(whoosh_dir(location))
    except OSError:
        return None
    generations = [int(m.group(1)) for m in map(_TOC.match, names) if m]
    return max(generations) if generations else None


def toc_stamp(location: Path, generation: int) -> list | None:
    """Name, size and modification time of a generation's table of contents.

    Two states of an index with equal stamps are the same commit; a rebuild
    that happens to reuse a generation number has another file time.
    """
    name = toc_name(generation)
    try:
        st = os.stat(whoosh_dir(location) / name)
    except OSError:
        return None
    return [name, st.st_size, st.st_mtime_ns]


MANIFEST = "parallax-manifest.json"  # size, time and checksum of every file of the newest commit
