"""Searching the index: Whoosh's query language, entity filters, snippets.

Search returns plain ``Hit`` values, never Whoosh objects, so callers (the
CLI, the Qt models) do not hold a searcher. A query Whoosh cannot make sense
of never raises: it falls back to its plain words and says so in
``SearchOutcome.message``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Sequence

from whoosh import query as wq
from whoosh.index import Index

from reader.search import fields as F
from reader.search.hits import MARK_END
from reader.search.hits import MARK_START
from reader.search.hits import Hit
from reader.search.hits import Matches
from reader.search.hits import render_marks  # noqa: F401 - re-exported for the CLI
from reader.search.view import IndexView
from reader.search.view import as_view

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


@dataclass
class SearchOutcome:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    message: str = ""  # non-empty when the query was not used as written
    query: str = ""  # the query actually run, in Whoosh's syntax
    nothing_searchable: bool = False  # the query had no words to search for


@lru_cache(maxsize=1)
def _mark_formatter_class():
    """Marks matches with control characters so each caller renders its own way.

    Built on first use: whoosh.highlight is only needed once a query has words.
    """
    from whoosh import highlight

    class MarkFormatter(highlight.Formatter):
        between = " … "

        def format_token(self, text, token, replace=False):
            return MARK_START + highlight.get_text(text, token, replace) + MARK_END

        def format_fragment(self, fragment, replace=False):
            text = fragment.text.replace(MARK_START, "").replace(MARK_END, "")
            out, index = [], fragment.startchar
            for t in fragment.matches:
                if t.startchar > index:
                    out.append(text[index:t.startchar])
                out.append(self.format_token(text, t, replace))
                index = t.endchar
            out.append(text[index:fragment.endchar])
            return " ".join("".join(out).split())

    return MarkFormatter


def _mark_formatter():
    from whoosh import highlight

    return _mark_formatter_class()(), highlight.ContextFragmenter(maxchars=240, surround=60)


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
    return " ".join(words)


def _parse(view: IndexView, text: str) -> tuple[wq.Query, str]:
    text = text.strip()
    if not text:
        return wq.Every(), ""
    parser = view.parser()
    problem = syntax_problem(text)
    if not problem:
        try:
            parsed = parser.parse(text)
        except Exception as exc:  # Whoosh's parser has a few raising corners
            problem = f"The query could not be read ({exc})."
        else:
            if parsed is not wq.NullQuery:
                return parsed, ""
            problem = "The query has no searchable words."
    fallback = plain_words(text)
    if not fallback:
        return wq.NullQuery, problem
    parsed = parser.parse(fallback)
    return parsed, f"{problem} Searched for the plain words instead: {fallback}"


def entity_filter(view: IndexView, keys: Sequence[str]) -> wq.Query | None:
    """All of the given entities (AND), each expanded by the name table; None for no filter."""
    from reader.names.query import entity_filter as names_filter

    return names_filter(view, keys)


def _lead(body: str, limit: int = 200) -> str:
    """The article's opening words, for hits whose body did not match."""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    text = " ".join(lines[1:4] if len(lines) > 1 else lines)
    return text[:limit].rsplit(" ", 1)[0] + "…" if len(text) > limit else text


def _query(view: IndexView, text: str, entity_keys: Sequence[str]) -> tuple[wq.Query, str]:
    from reader.stories.search_filter import story_filter  # story:ID (issue 19)

    text, in_story, story_message = story_filter(view, text)
    parsed, message = _parse(view, text)
    message = " ".join(m for m in (story_message, message) if m)
    if parsed is wq.NullQuery:
        return parsed, message
    parsed, message = _names(view, parsed, message)
    filters = [f for f in (entity_filter(view, entity_keys), in_story) if f is not None]
    return (wq.And([parsed, *filters]) if filters else parsed), message


def _names(view: IndexView, parsed: wq.Query, message: str) -> tuple[wq.Query, str]:
    """Bias values in any spelling, names through the library's name table (reader/names)."""
    from reader.names.query import rewrite

    done = rewrite(parsed, view)
    return done.query, " ".join(filter(None, [message, *done.notes]))


def body_stems(q: wq.Query) -> list[str]:
    """The query's terms in the body field, as indexed (lower-case stems or prefixes)."""
    stems = set()
    for fieldname, term in q.iter_all_terms():
        if fieldname == F.BODY:
            stems.add(term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term))
    return sorted(stems)


def candidate_passages(body: str, stems: Sequence[str], limit: int = 3, reach: int = 160) -> str:
    """Short passages of the body that may hold a match, for the highlighter to read.

    Whoosh's highlighter re-analyses all the text it is given, token by token
    (most of a search's time). Text that does not contain a term's stem, less
    its last letter (Porter turns "cry" into "cri"), holds no match, so only
    ``reach`` characters either side of the first such spot in each of the first
    ``limit`` paragraphs are passed on. The highlighter still decides what matched.
    """
    probes = [stem[:-1] if len(stem) > 2 else stem for stem in stems if stem]
    if not probes:
        return ""
    found = []
    for paragraph in body.split("\n"):
        lowered = paragraph.lower()
        spots = [i for i in (lowered.find(probe) for probe in probes) if i >= 0]
        if not spots:
            continue
        start, end = max(0, min(spots) - reach), min(len(paragraph), min(spots) + reach)
        if start > 0:  # whole words only
            start = paragraph.find(" ", start) + 1 or start
        if end < len(paragraph):
            end = paragraph.rfind(" ", start, end) if paragraph.rfind(" ", start, end) > min(spots) else end
        found.append(paragraph[start:end])
        if len(found) >= limit:
            break
    return "\n".join(found)


def _snippet(hit, stems: Sequence[str]) -> str:
    """Highlighted passages of the body, or the article's lead when the body did not match."""
    body = hit.get(F.BODY, "")
    passages = candidate_passages(body, stems)
    snippet = (hit.highlights(F.BODY, text=passages, top=2) or "") if passages else ""
    return snippet or _lead(body)


def search(source: Index | IndexView, text: str, entity_keys: Sequence[str] = (),
           limit: int | None = 50, snippets: bool = True, snippet_limit: int = 30) -> SearchOutcome:
    """Run a query; an empty query with no filter lists every article.

    Hits are built from column values; only the best ``snippet_limit`` hits
    read their stored text for a snippet (the costly part of a search).
    """
    view = as_view(source)
    q, message = _query(view, text, entity_keys)
    outcome = SearchOutcome(message=message, query=str(q), nothing_searchable=q is wq.NullQuery)
    if q is wq.NullQuery:
        return outcome
    # optimize=False: the collector counts every match as it goes; the block-skipping
    # default would run the whole query a second time for len(results)
    results = view.searcher().search(q, limit=limit, optimize=False)
    outcome.total = len(results)
    stems = body_stems(q) if snippets and text.strip() else []
    if stems:
        results.formatter, results.fragmenter = _mark_formatter()
    for rank, hit in enumerate(results):
        snippet = _snippet(hit, stems) if snippets and rank < snippet_limit else ""
        outcome.hits.append(view.hit(hit.docnum, float(hit.score or 0.0), snippet))
    return outcome


def find(view: IndexView, text: str, entity_keys: Sequence[str] = (),
         snippet_limit: int = 30) -> Matches:
    """Every match as document numbers, best first, with snippets for the best few."""
    q, message = _query(view, text, entity_keys)
    matches = Matches(message=message, query=str(q), nothing_searchable=q is wq.NullQuery)
    if q is wq.NullQuery:
        return matches
    if isinstance(q, wq.Every) and not text.strip():
        matches.docnums = view.all_docnums()  # the unranked listing: index order
        return matches
    results = view.searcher().search(q, limit=None)
    matches.docnums = [docnum for docnum, _score in results.items()]
    if text.strip() and matches.docnums:
        stems = body_stems(q)
        results.formatter, results.fragmenter = _mark_formatter()
        for hit in results[:snippet_limit]:
            matches.snippets[hit.docnum] = _snippet(hit, stems)
    return matches
