"""Which articles, and which of their statements, an export covers.

The command line and the window export what they search: ``search_selection``
runs the one search path (``reader.search.query.find``, what ``parallax search``
and the library list use) over an open index view. The window passes what it
already lists (``Selection(docnums)``) or what is selected in a table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from reader.search.view import IndexView


@dataclass(frozen=True)
class Selection:
    """Documents of one index view, in export order; ``quotes`` narrows a quotes
    export to chosen statements, as (path, quote index) pairs (None: all of them)."""

    docnums: tuple[int, ...]
    quotes: frozenset[tuple[str, int]] | None = None
    description: str = ""  # what was selected, in words (a REFI-QDA project's description)

    def quote_indexes(self, path: str) -> set[int] | None:
        """The chosen statements of one article (None: all of them)."""
        if self.quotes is None:
            return None
        return {i for p, i in self.quotes if p == path}

    def __len__(self) -> int:
        return len(self.docnums)


def describe(query: str, entity_keys: Sequence[str] = ()) -> str:
    parts = [f"query “{query.strip()}”" if query.strip() else "every article"]
    parts += [f"mentioning {key}" for key in entity_keys]
    return ", ".join(parts)


def search_selection(view: IndexView, query: str, entity_keys: Sequence[str] = ()) -> tuple[Selection, str]:
    """The result set of a search, best match first (the library's order for no query),
    and the search's message ("" unless the query was not used as written).

    ``story:ID`` in the query keeps one story's articles, as everywhere in the search path.
    """
    from reader.search.query import find

    matches = find(view, query, entity_keys, snippet_limit=0)
    if matches.nothing_searchable:
        raise ValueError(matches.message or "the query has no searchable words")
    return Selection(tuple(matches.docnums), description=describe(query, entity_keys)), matches.message


def paths_selection(view: IndexView, paths: Iterable[str], description: str = "") -> Selection:
    """The given articles, in that order (paths no longer in the index are left out)."""
    docnums = [view.docnum(p) for p in dict.fromkeys(paths)]
    found = tuple(n for n in docnums if n is not None)
    return Selection(found, description=description or f"{len(found)} selected articles")


def quotes_selection(view: IndexView, refs: Iterable[tuple[str, int]], description: str = "") -> Selection:
    """The given statements, as (article path, quote index); their articles in first-seen order."""
    refs = list(dict.fromkeys((str(p), int(i)) for p, i in refs))
    articles = paths_selection(view, (p for p, _ in refs))
    return Selection(articles.docnums, frozenset(refs),
                     description=description or f"{len(refs)} selected statements")
