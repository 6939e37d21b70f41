"""``story:ID`` in a query: only the articles of that story.

The one search path (``reader.search.query``) hands its query text here
first: the ``story:`` terms are taken out and come back as a filter on the
articles' paths, so they combine with words, fields and entity filters like
any other term. An id that names no story matches nothing and says so.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reader.search import fields as F

if TYPE_CHECKING:
    from whoosh.query import Query

    from reader.search.view import IndexView

STORY_TERM = re.compile(r'(?<![^\s(])story:"?([\w-]+)"?(?=$|[\s)])', re.IGNORECASE)
_members_cache: dict[Path, tuple[tuple, dict[str, list[str]]]] = {}


def split_story_terms(text: str) -> tuple[str, list[str]]:
    """(the query without its ``story:`` terms, the story ids they name)."""
    ids = [m.group(1).lower() for m in STORY_TERM.finditer(text)]
    if not ids:
        return text, ids
    return _tidy(STORY_TERM.sub(" ", text)), ids


def _tidy(text: str) -> str:
    """The query once its story terms are gone: no empty parentheses, no AND/OR left
    dangling at either end or doubled ("story:a OR story:b" leaves nothing)."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\(\s*\)", " ", text)
    out: list[str] = []
    for token in text.split():
        if token in ("AND", "OR") and (not out or out[-1] in ("AND", "OR")):
            continue
        out.append(token)
    while out and out[-1] in ("AND", "OR", "NOT"):  # story: is a filter; it has no negation
        out.pop()
    return " ".join(out)


def _location(view: IndexView) -> Path | None:
    folder = getattr(getattr(view.ix, "storage", None), "folder", None)
    return Path(folder).parent if folder else None


def story_members(location: Path) -> dict[str, list[str]]:
    """Story id -> member paths from the saved table (re-read only when the file changed)."""
    from reader.stories.table import read_table, table_path

    path = table_path(location)
    try:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        return {}
    cached = _members_cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    table = read_table(location)
    members: dict[str, list[str]] = {}
    if table is not None:
        for story_path, story in zip(table.paths, table.stories):
            members.setdefault(story, []).append(story_path)
    _members_cache[path] = (stamp, members)
    return members


def story_filter(view: IndexView, text: str) -> tuple[str, Query | None, str]:
    """(query text left to parse, a filter for its ``story:`` terms or None, a message).

    Several ``story:`` terms mean any of those stories; words and fields around them
    are searched within it (an AND or OR left next to a story term is dropped).
    """
    rest, ids = split_story_terms(text)
    if not ids:
        return text, None, ""
    from whoosh import query as wq

    location = _location(view)
    members = story_members(location) if location is not None else {}
    paths = sorted({p for story in ids for p in members.get(story, ())})
    unknown = [story for story in ids if story not in members]
    message = ""
    if unknown:
        message = (f"No story {unknown[0]} in this library"
                   + (" (run `parallax stories` to group it)." if not members else "."))
    if not paths:
        return rest, wq.Term(F.PATH, "\x00no such story"), message
    return rest, wq.Or([wq.Term(F.PATH, p) for p in paths]), message
