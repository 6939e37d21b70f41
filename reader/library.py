"""The library as the CLI and the app see it: an index location that is
built from the bundled seed corpus the first time it is used, and rebuilt
from the sources it remembers (``reader.library_sources``)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.paths import default_index_dir, seeds_dir

if TYPE_CHECKING:  # Whoosh loads when an index is opened; the indexer only when one is written
    from whoosh.index import Index

    from reader.search.indexer import Progress, UpdateReport


def index_location(option: str | Path | None) -> Path:
    """``--index DIR`` if given, else the default for this installation."""
    return Path(option).expanduser() if option else default_index_dir()


def open_library(location: Path, progress: Progress | None = None) -> tuple[Index, UpdateReport | None]:
    """Open the index, first building it from the seed corpus if there is none.

    Other problems (damaged, wrong version, busy) propagate as IndexProblem
    so the caller can say so and offer a rebuild.
    """
    from reader.search.problems import IndexMissing
    from reader.search.store import open_index

    try:
        return open_index(location), None
    except IndexMissing:
        from reader.search.indexer import update_index

        report = update_index(location, [seeds_dir()], progress=progress)
        return open_index(location), report


def rebuild_library(location: Path, extra: list[Path] | None = None,
                    progress: Progress | None = None, **options) -> UpdateReport:
    """Re-analyse everything the library is made of (and ``extra`` paths, which join it) into
    a new index swapped in by rename. An article whose file is gone is dropped, and named."""
    from reader.search.maintenance import rebuild

    return rebuild(location, extra or [], progress=progress, **options)
