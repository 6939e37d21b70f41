"""Finding an article or entity by the name a user typed (``--open``, ``--entity``)."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from reader.search.articles import EntityCount
from reader.search.view import IndexView


def find_path(view: IndexView, name: str) -> str | None:
    """The indexed path for a path or bare file name, or None."""
    wanted = str(Path(name).expanduser().resolve()) if Path(name).exists() else None
    for candidate in (name, wanted):
        if candidate and view.docnum(candidate) is not None:
            return candidate
    base = Path(name).name
    for docnum in view.all_docnums():
        path = view.path(docnum)
        if Path(path).name == base:
            return path
    return None


def find_entity(entities: Sequence[EntityCount], name: str) -> EntityCount | None:
    """An entity by ``type:name`` key first, then by display name (case-insensitive)."""
    lowered = name.strip().lower()
    for e in entities:
        if e.key == lowered:
            return e
    for e in entities:
        if e.name.lower() == lowered:
            return e
    return None
