"""One search's answer for the window, computed in two pure steps.

Qt-free so both steps can run on a worker thread. ``listed`` is the answer
before the index is open: the whole library from its listing snapshot (see
``reader.search.listing``), with no panels until a view replaces the
listing as the result's source. ``compute_matches`` is what
the library list needs (document numbers in rank order and snippets for the
best hits) and is quick even on 10k articles; ``fill_panels`` adds what the
side panels need (entities over every match through the name table, the
quotes of every match in the list's order, read lazily, each match's lean and
ownership for the coverage bar), which takes longer and follows it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from typing import Sequence

from reader.search.articles import EntityCount
from reader.search.filters import Filters
from reader.search.hits import Hit
from reader.search.hits import Matches
from reader.search.listing import Listing
from reader.search.quotes import QuoteSource
from reader.search.view import IndexView

SNIPPET_LIMIT = 12  # snippets made with the list: a first screenful; the rows shown later ask (snippet_loader)


@dataclass
class Panels:
    entities: Sequence[EntityCount] = field(default_factory=list)  # of every match, through the name table
    quotes: QuoteSource | None = None  # every match's statements, in the list's order, read lazily
    outlets: list[tuple[str, str]] = field(default_factory=list)  # (outlet, bias) per match
    folder: str = ""  # the folder the whole library shares ("" when none)
    # articles per bias token and per ownership token: what each coverage segment filters
    coverage: dict[str, Counter] = field(default_factory=lambda: {"bias": Counter(), "ownership": Counter()})


@dataclass(eq=False)
class ResultSet:
    source: IndexView | Listing  # where rows are read; panels need the view
    query: str
    entity_keys: tuple[str, ...]
    matches: Matches = field(default_factory=Matches)
    panels: Panels | None = None  # None until fill_panels has run
    filters: Filters = field(default_factory=Filters)  # the date range and other filters (with entity_keys)
    _members: list[int] | None = field(default=None, repr=False)

    @property
    def docnums(self) -> list[int]:
        """The matches ranked so far, best first (the list's rows until it scrolls further)."""
        return self.matches.docnums

    @property
    def total(self) -> int:
        """Every match, ranked or not."""
        return self.matches.total

    def members(self) -> list[int]:
        """Every match in index order: what the panels count and column sorts order."""
        if self._members is None:
            self._members = self.matches.all_docnums()
        return self._members

    def rank_more(self, upto: int) -> list[int]:
        """The best ``upto`` matches, ranked on the calling thread (the shown rows keep their places)."""
        return self.matches.rank_more(upto)

    @property
    def message(self) -> str:
        return self.matches.message

    @property
    def view(self) -> IndexView | None:
        """The open index generation behind the rows (None while listed from a snapshot)."""
        return self.source if isinstance(self.source, IndexView) else None

    def hit(self, docnum: int) -> Hit:
        """A listed article's row, read from the source's columns when first painted."""
        return self.source.hit(docnum, snippet=self.matches.snippets.get(docnum, ""))

    def value(self, field: str, docnum: int):
        """One column value of a listed article (sorting reads just this)."""
        return self.source.value(field, docnum)

    def list_order(self) -> list[int]:
        """Every match in the list's order: the ranked ones, then the rest in index order
        (what Compare and an export of the results take, however far the list has scrolled)."""
        return _list_order(self)

    def paths(self) -> list[str]:
        """Every match's path in the list's order (the ranked ones first)."""
        return [self.source.path(n) for n in _list_order(self)]


def listed(listing: Listing) -> ResultSet:
    """The whole library as its snapshot lists it: no query, no filters, no panels yet."""
    return ResultSet(source=listing, query="", entity_keys=(), matches=Matches(docnums=listing.all_docnums()))


def compute_matches(view: IndexView, query: str, entity_keys: Sequence[str],
                    filters: Filters | None = None, budget=None) -> ResultSet:
    """Every match, the best page ranked and its best hits' snippets: what the library list shows."""
    from reader.search.query import PAGE, find  # Whoosh's query layer loads with the first search

    keys = tuple(entity_keys)
    matches = find(view, query, keys, snippet_limit=SNIPPET_LIMIT, filters=filters, page=PAGE,
                   budget=budget, suggest=False)  # the suggestion comes with the panels
    return ResultSet(source=view, query=query, entity_keys=keys, matches=matches,
                     filters=filters or Filters())


def fill_panels(result: ResultSet) -> ResultSet:
    """Entities, quotes and coverage of the result set, the library's folder, and the
    spelling suggestion when it found (almost) nothing (the slower part: its first call on a
    generation reads the columns it counts into a ``PanelTable``)."""
    from reader.names.query import speaker_match
    from reader.search.panel_table import as_docs, panel_table
    from reader.search.query import suggestion

    view = result.view
    if view is None:
        raise ValueError("panels need the open index, not a listing snapshot")
    table = panel_table(view)
    docs = as_docs(result.members(), view)
    quotes = QuoteSource(view, _list_order(result), speaker_match(view, result.query), counts=table.quote_counts)
    quotes.count_kinds(per_article=lambda docnums: table.quote_kinds(view, docnums))  # not on the GUI thread
    result.panels = Panels(entities=table.entity_counts(docs), quotes=quotes, outlets=table.outlets(docs),
                           folder=view.shared_folder(), coverage=table.coverage(docs))
    if not result.matches.nothing_searchable:
        result.matches.suggestion = suggestion(view, result.query, result.total)
    return result


def _list_order(result: ResultSet) -> list[int]:
    """The matches in the list's order: the ranked ones, then the rest in index order."""
    ranked = result.docnums
    if len(ranked) >= result.total:
        return list(ranked)
    seen = set(ranked)
    return ranked + [d for d in result.members() if d not in seen]
