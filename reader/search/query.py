"""Searching the index: one path for the CLI and the window.

A query is bounded (``reader.search.bounds``), parsed with Whoosh's query
language, or taken as a pasted passage (``reader.search.passage``), planned
(``reader.search.plan``: which documents match, as a bit mask, and what
scores them), restricted by the filters (``reader.search.filters``), and
only then ranked, for the page shown: the total is the members' count, never
the ranking's. Search returns plain values, never Whoosh objects, so
callers (the CLI, the Qt models) do not hold a searcher. A query Whoosh
cannot make sense of never raises: it falls back to its plain words and
says so in the outcome's one-line ``message``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from whoosh import query as wq
from whoosh.collectors import FilterCollector, TopCollector
from whoosh.idsets import DocIdSet
from whoosh.index import Index

from reader.search import fields as F
from reader.search.bounds import TERM_LIMIT, Budget, OutOfTime, prepare, shorten
from reader.search.docsets import DocSet, live_docs
from reader.search.filters import Filters, as_filters, filter_docs
from reader.search.hits import MARK_END, MARK_START, Hit, Matches  # noqa: F401 - re-exported
from reader.search.hits import render_marks  # noqa: F401 - re-exported for the CLI
from reader.search.hit_snippets import HitSnippets
from reader.search.suggest import FEW, suggest
from reader.search.passage import looks_like_passage, passage_plan
from reader.search.scoring import Scorer
from reader.search.plan import Plan, Planner, docs_of, highlight_terms, rank_query, simplify
from reader.search.snippets import Snippets, candidate_passages  # noqa: F401 - re-exported
from reader.search.view import IndexView, as_view

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
PAGE = 100  # the window ranks this many matches at first, more as the user scrolls
SHOWN_QUERY = 240  # characters of the query as run that are reported back


@dataclass
class SearchOutcome:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    message: str = ""  # non-empty when the query was not used as written, or was cut
    query: str = ""  # the query actually run, in Whoosh's syntax (shortened)
    nothing_searchable: bool = False  # the query had no words to search for
    stopped: bool = False  # the time budget ran out: the hits and total are what was found
    suggestion: str = ""  # the query with misspelt words corrected, when it found (almost) nothing


def make_parser(ix_schema):
    """Whoosh's query parser over title and body, with field:>N comparisons."""
    from whoosh import qparser

    parser = qparser.MultifieldParser(list(F.DEFAULT_FIELDS), ix_schema)
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


def syntax_problem(text: str) -> str:
    """A sentence on what is wrong with the query's syntax, or ""."""
    if text.count('"') % 2:
        return "A quotation mark is not closed."
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return "A closing parenthesis has no opening one."
    if depth:
        return "A parenthesis is not closed."
    words = text.split()
    if words and (words[-1] in _OPERATORS or words[0] in {"AND", "OR", "ANDNOT", "ANDMAYBE"}):
        return f"“{words[-1] if words[-1] in _OPERATORS else words[0]}” needs a term on both sides."
    if re.search(r"(^|\s)\w+:(\s|$)", text):
        return "A field name is followed by nothing (write field:value)."
    return ""


def plain_words(text: str) -> str:
    words = [w for w in re.findall(r"\w+", text) if w not in _OPERATORS]
    return " ".join(words[:TERM_LIMIT])


def _parse(view: IndexView, text: str) -> tuple[wq.Query, str]:
    parser = view.parser()
    problem = syntax_problem(text)
    if not problem:
        try:
            parsed = parser.parse(text)
        except Exception as exc:  # Whoosh's parser has a few raising corners
            problem = f"The query could not be read ({shorten(str(exc), 60)})."
        else:
            if parsed is not wq.NullQuery:
                return parsed, ""
            problem = "The query has no searchable words."
    fallback = plain_words(text)
    if not fallback:
        return wq.NullQuery, problem
    parsed = parser.parse(fallback)
    return parsed, f"{problem} Searched for the plain words instead: {shorten(fallback)}"


def entity_filter(view: IndexView, keys: Sequence[str]) -> wq.Query | None:
    """All of the given entities (AND), each expanded by the name table; None for no filter
    (for callers outside search: the window's filters are document sets, ``filters.entity_docs``)."""
    from reader.names.query import entity_filter as names_filter

    return names_filter(view, keys)


def _names(view: IndexView, parsed: wq.Query, message: str) -> tuple[wq.Query, str]:
    """Bias values in any spelling, names through the library's name table (reader/names)."""
    from reader.names.query import rewrite

    done = rewrite(parsed, view)
    return done.query, " ".join(filter(None, [message, *done.notes]))


def body_stems(q: wq.Query) -> list[str]:
    """The query's terms in the body field, as indexed (lower-case stems or prefixes)."""
    return _terms_of(q, F.BODY)


def _terms_of(q: wq.Query, fieldname: str) -> list[str]:
    stems = set()
    for name, term in q.iter_all_terms():
        if name == fieldname:
            stems.add(term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term))
    return sorted(stems)


# -- planning ------------------------------------------------------------------------
@dataclass
class Planned:
    """A query ready to rank: its members, what scores them, what to highlight."""

    members: DocSet = field(default_factory=DocSet)
    rank: wq.Query | None = None  # None: listed in index order, unscored
    stems: list[str] = field(default_factory=list)
    field_terms: dict[str, list[str]] = field(default_factory=dict)  # quote/speaker/entity terms: their snippets
    notices: list[str] = field(default_factory=list)
    query: str = ""
    nothing_searchable: bool = False
    stopped: bool = False

    @property
    def message(self) -> str:
        return " ".join(dict.fromkeys(n for n in self.notices if n))


def plan_query(view: IndexView, text: str, filters: Filters, budget: Budget) -> Planned:
    """Bound, parse and plan ``text``; the members are every match allowed by ``filters``."""
    passage = looks_like_passage(text)
    prepared = prepare(text, term_limit=None if passage else TERM_LIMIT)
    out = Planned(notices=list(prepared.notices))
    allowed = filter_docs(view, filters)
    story = _story_docs(view, prepared, out, budget)
    if story is not None:
        allowed = story if allowed is None else allowed & story
    if not prepared.text:
        out.members = allowed if allowed is not None else live_docs(view)
        out.query = "*"
        return out
    try:
        if passage and looks_like_passage(prepared.text):
            plan = passage_plan(view, prepared.text, budget)
            out.query = f"passage: {shorten(prepared.text, 60)}"
        else:
            q, message = _parse(view, prepared.text)
            if q is not wq.NullQuery:
                q, message = _names(view, q, message)
            out.notices.append(message)
            if q is wq.NullQuery:
                out.nothing_searchable = True
                out.notices = [n for n in out.notices if n] or ["The query has no searchable words."]
                return out
            out.query = shorten(str(q), SHOWN_QUERY)
            out.field_terms.update({name: _terms_of(q, name) for name in (F.ENTITY_KEY, F.SPEAKER_KEY)})
            plan = Planner(view, budget).plan(q)
            plan = Plan(simplify(plan.root), plan.notices)
        out.notices.extend(plan.notices)
        members = docs_of(plan.root, view, budget)
    except OutOfTime:
        out.stopped = True
        out.notices.append(budget.notice())
        return out
    out.members = members & allowed if allowed is not None else members
    out.rank = None if plan.everything else rank_query(plan.root)
    out.stems = highlight_terms(plan.root, F.BODY)
    out.field_terms.update({name: highlight_terms(plan.root, name) for name in (F.QUOTE, F.SPEAKER, F.ENTITY)})
    if budget.ran_out:  # a phrase or an expansion stopped early: what it found is shown
        out.stopped = True
        out.notices.append(budget.notice())
    return out


def _story_docs(view: IndexView, prepared, out: Planned, budget: Budget) -> DocSet | None:
    """The articles of the query's ``story:ID`` terms (taken out of the text), or None."""
    from reader.stories.search_filter import story_filter  # story:ID (issue 19)

    prepared.text, in_story, message = story_filter(view, prepared.text)
    out.notices.append(message)
    if in_story is None:
        return None
    return docs_of(Planner(view, budget).plan(in_story).root, view, budget)


# -- ranking ---------------------------------------------------------------------------
class _Allowed(DocIdSet):
    """A DocSet as Whoosh's collectors test membership."""

    def __init__(self, docs: DocSet) -> None:
        self._docs = docs

    def __contains__(self, docnum) -> bool:
        return docnum in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def __iter__(self):
        return iter(self._docs)


class _BudgetedTop(TopCollector):
    """Whoosh's top-N collector, stopping when the search's time budget runs out."""

    def __init__(self, limit: int, budget: Budget) -> None:
        super().__init__(limit=limit)
        self._budget = budget

    def matches(self):
        budget = self._budget
        for n, docnum in enumerate(super().matches()):
            if n % 128 == 127 and budget.expired():
                raise OutOfTime()
            yield docnum


def rank(view: IndexView, planned: Planned, upto: int, budget: Budget) -> list[tuple[int, float]]:
    """The best ``upto`` members with their scores; unscored members follow in index order."""
    members = planned.members
    if not members or upto <= 0:
        return []
    ranked: list[tuple[int, float]] = []
    fast = Scorer(view).rank(planned.rank, members, upto) if planned.rank is not None else None
    if fast is not None:
        ranked = fast
    elif planned.rank is not None:
        top = _BudgetedTop(upto, budget)
        try:
            view.searcher().search_with_collector(planned.rank, FilterCollector(top, allow=_Allowed(members)))
        except OutOfTime:
            if not planned.stopped:
                planned.stopped = True
                planned.notices.append(budget.notice())
        ranked = [(-docnum, score) for score, docnum in sorted(top.items, reverse=True)]
    if len(ranked) < upto:  # members the scoring words do not reach (an expanded term alone)
        seen = {d for d, _s in ranked}
        extra = members.first(upto + len(seen))
        ranked.extend((d, 0.0) for d in extra if d not in seen)
    return ranked[:upto]


class Ranker:
    """Ranks more of one result set (the window's list as it scrolls), on any thread."""

    def __init__(self, view: IndexView, planned: Planned) -> None:
        self.view, self.planned = view, planned

    def rank(self, upto: int) -> list[int]:
        return [d for d, _s in rank(self.view, self.planned, upto, Budget())]


# -- the two front doors -----------------------------------------------------------
def search(source: Index | IndexView, text: str, entity_keys: Sequence[str] = (),
           limit: int | None = 50, snippets: bool = True, snippet_limit: int = 30,
           filters: Filters | None = None, budget: Budget | None = None) -> SearchOutcome:
    """The best ``limit`` hits (None: all) with snippets; an empty query lists every article."""
    view = as_view(source)
    budget = budget or Budget()
    planned = plan_query(view, text, as_filters(entity_keys, filters), budget)
    outcome = SearchOutcome(total=len(planned.members), query=planned.query,
                            nothing_searchable=planned.nothing_searchable)
    if not planned.nothing_searchable:
        ranked = rank(view, planned, outcome.total if limit is None else limit, budget)
        make = _snippet_maker(view, planned, text) if snippets else None
        for n, (docnum, score) in enumerate(ranked):
            snippet = ""
            if make is not None and n < snippet_limit and not budget.expired():
                snippet = make(docnum)
            outcome.hits.append(view.hit(docnum, float(score or 0.0), snippet))
    outcome.message, outcome.stopped = planned.message, planned.stopped
    if not planned.nothing_searchable:
        outcome.suggestion = suggestion(view, text, outcome.total)
    return outcome


def find(view: IndexView, text: str, entity_keys: Sequence[str] = (), snippet_limit: int = 30,
         filters: Filters | None = None, page: int | None = None, budget: Budget | None = None,
         suggest: bool = True) -> Matches:
    """Every match as a set, the best ``page`` of them ranked (None: all of them, best first,
    as an export takes them), snippets for the best few and the maker of the rest, a ranker
    for more (the window asks for ``PAGE`` and ranks more as its list scrolls), and when it
    finds (almost) nothing a spelling suggestion (``suggest=False``: the caller asks later,
    as the window does with its panels, so that an empty list is shown at once)."""
    budget = budget or Budget()
    planned = plan_query(view, text, as_filters(entity_keys, filters), budget)
    matches = Matches(query=planned.query, nothing_searchable=planned.nothing_searchable)
    if planned.nothing_searchable:
        matches.message = planned.message
        return matches
    matches.members = planned.members
    matches.count = len(planned.members)
    if planned.rank is None:  # nothing scores: the library (or its filtered part) in index order
        matches.docnums = planned.members.docnums()
    else:
        upto = matches.count if page is None else page  # rank pads with unscored members
        matches.docnums = [d for d, _s in rank(view, planned, upto, budget)]
        matches.ranker = Ranker(view, planned)
    make = _snippet_maker(view, planned, text)
    matches.snippet_maker = make  # the window makes the rest for the rows it shows
    if make is not None:
        for docnum in matches.docnums[:snippet_limit]:
            if budget.expired():
                break
            matches.snippets[docnum] = make(docnum)
    matches.message = planned.message
    matches.stopped = planned.stopped
    if suggest:
        matches.suggestion = suggestion(view, text, matches.count)
    return matches


def suggestion(view: IndexView, text: str, total: int) -> str:
    """“Did you mean”: the query with misspelt words corrected, for a query of words that
    found fewer than ``FEW`` articles ("" otherwise); the CLI's and the window's."""
    if total >= FEW or not text.strip() or looks_like_passage(text):
        return ""
    return suggest(view, text, total)


def _snippet_maker(view: IndexView, planned: Planned, text: str) -> HitSnippets | None:
    """What makes each hit's snippet (None when no hit of this query has one)."""
    if not text.strip():
        return None
    maker = HitSnippets(view, text, planned.stems, planned.field_terms)
    return maker if maker.wanted else None
