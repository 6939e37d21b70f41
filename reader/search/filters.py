"""Filters: which articles a view is restricted to, as document sets kept per generation.

Entity, lean, kind, outlet and date restrictions never walk every document
and never score: each is the set of documents of one or a few indexed terms
(or of a date range, read from the ``published`` column), computed once per
index generation and combined bitwise (``reader.search.docsets``).

The hooks at the top are where vocabulary rules plug in: how a typed value
of a keyword field becomes its indexed token (``bias:"lean left"`` is the
token ``lean-left``), and which indexed entity keys a filter on one entity
stands for (a canonical entity and its merged variants: ``entity_docs``, through the name table). Both are called
from the query layer for typed queries and for the window's filters alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from reader.search import fields as F
from reader.search.docsets import DocSet, live_docs, term_docs


# -- vocabulary hooks ----------------------------------------------------------
def normalise_bias(value: str) -> str:
    """A typed lean (``Lean Left``, ``lean left``, ``lean-left``) as its indexed token."""
    return "-".join(value.lower().replace("_", " ").split())


def keyword_value(fieldname: str, value: str) -> str:
    """How a value typed for a keyword or ID field is looked up in the index."""
    if fieldname == F.BIAS:
        return normalise_bias(value)
    if fieldname in (F.KIND, F.ENTITY_KEY):
        return " ".join(value.lower().split())
    return value.strip()




# -- dates -----------------------------------------------------------------------
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
DATE_HELP = "a year (2022), a month (2022-02) or a day (2022-02-24)"


def partial_date(text: str) -> str | None:
    """``2022``, ``2022-2`` or ``2022/02/24`` as an ISO prefix (``2022``, ``2022-02``,
    ``2022-02-24``); None when it is not a date."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    year, month, day = m.groups()
    if month is not None and not 1 <= int(month) <= 12 or day is not None and not 1 <= int(day) <= 31:
        return None
    return "-".join(p for p in (year, month and f"{int(month):02d}", day and f"{int(day):02d}") if p)


def published_docs(view, start: str | None, end: str | None, start_excl: bool = False,
                   end_excl: bool = False) -> DocSet:
    """Articles dated within [start, end]; each end is an ISO prefix (a year, month or day).

    An end that names a month includes every day of it (``2022-02`` to
    ``2022-02`` is February); an excluded end excludes all of it. Undated
    articles are never in a range.
    """
    low = (start + "\uffff") if start and start_excl else (start or "")
    high = end if end is None or end_excl else end + "\uffff"

    def compute() -> DocSet:
        column = view.memo(("column", F.PUBLISHED), lambda: _column(view, F.PUBLISHED))
        found = []
        for docnum in live_docs(view).docnums():
            value = column[docnum]
            if value and value >= low and (high is None or (value < high if end_excl else value <= high)):
                found.append(docnum)
        return DocSet.from_ids(found)

    return view.memo(("published", low, high, end_excl), compute)


def _column(view, name: str) -> list:
    return list(view.searcher().reader().column_reader(name))


# -- the window's filters ----------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """What the window's list is restricted to, besides the typed query.

    ``entities``: entity keys, all required; ``published_from``/``published_to``:
    ISO prefixes ("" for open); ``terms``: (field, value) pairs on keyword
    fields, all required (lean, kind, outlet name, a story's id).
    """

    entities: tuple[str, ...] = ()
    published_from: str = ""
    published_to: str = ""
    terms: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entities or self.published_from or self.published_to or self.terms)


def as_filters(entity_keys: Sequence[str] = (), filters: Filters | None = None) -> Filters:
    """One ``Filters`` from the older entity-keys argument and a ``Filters``."""
    base = filters or Filters()
    if not entity_keys:
        return base
    return Filters(entities=tuple(dict.fromkeys((*base.entities, *entity_keys))),
                   published_from=base.published_from, published_to=base.published_to, terms=base.terms)


def entity_docs(view, key: str) -> DocSet:
    """The articles of one entity filter: any key its canonical entity unites (the name
    table, ``reader.names``), within the outlets the table ties a key to. Not memoised
    itself: a user's merge changes the table, not the index generation."""
    flt = view.names().table.filter(key.strip().lower())
    out = DocSet()
    for k in flt.keys:
        docs = term_docs(view, F.ENTITY_KEY, k)
        for excluded, outlet in flt.exclude:
            if excluded == k:
                docs = docs - term_docs(view, F.OUTLET_NAME, outlet)
        out = out | docs
    for k, outlet in flt.include:
        out = out | (term_docs(view, F.ENTITY_KEY, k) & term_docs(view, F.OUTLET_NAME, outlet))
    return out


def filter_docs(view, filters: Filters) -> DocSet | None:
    """The documents ``filters`` allow, or None when nothing is filtered."""
    if not filters:
        return None
    allowed = live_docs(view)
    for key in filters.entities:
        allowed = allowed & entity_docs(view, key)
    for fieldname, value in filters.terms:
        allowed = allowed & term_docs(view, fieldname, keyword_value(fieldname, value))
    if filters.published_from or filters.published_to:
        start, end = partial_date(filters.published_from), partial_date(filters.published_to)
        allowed = allowed & published_docs(view, start, end)
    return allowed
