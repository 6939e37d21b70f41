"""The files and folders a library was made from, stored with its index.

The library remembers what the user added (``parallax add``, Add Files/Folder,
a drop) and which articles they removed, in ``parallax-sources.json`` beside
the Whoosh folder (outside it: a rebuild swaps that folder, never this file).
Rebuild and Rescan work on this set: every remembered file and folder, and
every article the index holds, minus what the user removed. So a rebuild
never forgets an article that is still on disk, and the bundled seeds are in
a library only while they are part of it.

File format (version 1)::

    {"version": 1, "added": ["/abs/folder", "/abs/file.txt"], "removed": ["/abs/file.md"]}
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from reader.atomic import write_text_atomic
from reader.user_overrides import read_user_json

SOURCES_FILE = "parallax-sources.json"
FORMAT_VERSION = 1
MAX_BYTES = 16 * 1024 * 1024


@dataclass
class LibrarySources:
    added: list[str] = field(default_factory=list)  # absolute paths, in the order first added
    removed: list[str] = field(default_factory=list)  # articles the user took out of the library
    warning: str = ""  # set when the stored file was unreadable and was set aside


def sources_path(location: Path) -> Path:
    return Path(location) / SOURCES_FILE


def _absolute(path: str | Path) -> str:
    return str(Path(path).expanduser().resolve())


def _valid(data) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("added", []), list)
            and isinstance(data.get("removed", []), list)
            and all(isinstance(p, str) for p in data.get("added", []) + data.get("removed", [])))


def load_sources(location: Path) -> LibrarySources:
    """The remembered sources; an unreadable file is moved aside like the user's other files
    (nothing is lost: the index itself still lists every article, and rebuilds include them)."""
    data, warning = read_user_json(sources_path(location), _valid, "the library's list of sources",
                                   limit=MAX_BYTES)
    if data is None:
        return LibrarySources(warning=(f"{warning}. Rebuilds still keep every article in the library."
                                       if warning else ""))
    return LibrarySources(list(dict.fromkeys(data.get("added", []))), list(dict.fromkeys(data.get("removed", []))))


def save_sources(location: Path, sources: LibrarySources) -> None:
    data = {"version": FORMAT_VERSION, "added": sources.added, "removed": sources.removed}
    write_text_atomic(sources_path(location), json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/\\") + ("/" if "/" in folder else "\\"))


def remember_added(location: Path, paths: Iterable[str | Path]) -> LibrarySources:
    """Add paths to the library's sources; naming an article again takes back its removal."""
    sources = load_sources(location)
    new = [_absolute(p) for p in paths]
    before = (list(sources.added), list(sources.removed))
    for path in new:
        if path not in sources.added:
            sources.added.append(path)
    sources.removed = [r for r in sources.removed if not any(_under(r, p) for p in new)]
    if (sources.added, sources.removed) != before:
        save_sources(location, sources)
    return sources


def remember_removed(location: Path, paths: Iterable[str | Path]) -> LibrarySources:
    """Articles the user removed: Rebuild and Rescan leave them out from now on."""
    sources = load_sources(location)
    gone = [_absolute(p) for p in paths]
    sources.removed.extend(p for p in gone if p not in sources.removed)
    sources.added = [a for a in sources.added if a not in gone]  # an article added on its own
    save_sources(location, sources)
    return sources


def forget_removal(location: Path, paths: Iterable[str | Path]) -> LibrarySources:
    """Undo of a removal: the articles are the library's again (their sources stay as they were)."""
    sources = load_sources(location)
    back = {_absolute(p) for p in paths}
    if any(r in back for r in sources.removed):
        sources.removed = [r for r in sources.removed if r not in back]
        save_sources(location, sources)
    return sources


def library_paths(location: Path, indexed: Iterable[str]) -> tuple[list[Path], set[str]]:
    """What Rebuild and Rescan read: (files and folders, removed articles to leave out).

    Remembered sources first, then every indexed article no source covers
    (libraries made before sources were remembered, files added by an older
    Parallax). An empty, new library is made from the bundled seeds.
    """
    from reader.paths import seeds_dir

    sources = load_sources(location)
    removed = set(sources.removed)
    paths = list(dict.fromkeys(sources.added))
    folders = [p for p in paths if Path(p).is_dir()]
    for path in indexed:
        if path not in removed and path not in paths and not any(_under(path, f) for f in folders):
            paths.append(path)
    if not paths:
        paths = [_absolute(seeds_dir())]
    return [Path(p) for p in paths], removed
