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

MARK_START = "\x02"  # snippet text between these two characters matched the query
MARK_END = "\x03"
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


@dataclass
class Hit:
    path: str
    title: str
    outlet: str
    author: str
    published: str
    kind: str
    bias: str
    quote_count: int
    score: float
    snippet: str = ""  # plain text with MARK_START/MARK_END around matches


@dataclass
class SearchOutcome:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    message: str = ""  # non-empty when the query was not used as written
    query: str = ""  # the query actually run, in Whoosh's syntax


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


def _parse(schema, text: str) -> tuple[wq.Query, str]:
    text = text.strip()
    if not text:
        return wq.Every(), ""
    parser = make_parser(schema)
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


def entity_filter(keys: Sequence[str]) -> wq.Query | None:
    """All of the given entity keys (AND), or None for no filter."""
    if not keys:
        return None
    return wq.And([wq.Term(F.ENTITY_KEY, k.lower()) for k in keys])


class Columns:
    """Per-document column values of one searcher: cheap metadata by docnum."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self._cols = {name: reader.column_reader(name) for name in F.COLUMN_FIELDS}

    def get(self, name: str, docnum: int):
        return self._cols[name][docnum]

    def hit(self, docnum: int, score: float, snippet: str = "") -> Hit:
        c = self._cols
        return Hit(path=c[F.PATH][docnum], title=c[F.TITLE][docnum], outlet=c[F.OUTLET_NAME][docnum],
                   author=c[F.AUTHOR][docnum], published=c[F.PUBLISHED][docnum],
                   kind=(c[F.KIND][docnum] or "").lower(), bias=(c[F.BIAS][docnum] or "unknown").lower(),
                   quote_count=int(c[F.QUOTE_COUNT][docnum] or 0), score=score, snippet=snippet)


def _lead(body: str, limit: int = 200) -> str:
    """The article's opening words, for hits whose body did not match."""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    text = " ".join(lines[1:4] if len(lines) > 1 else lines)
    return text[:limit].rsplit(" ", 1)[0] + "…" if len(text) > limit else text


def search(ix: Index, text: str, entity_keys: Sequence[str] = (), limit: int | None = 50,
           snippets: bool = True, snippet_limit: int = 30) -> SearchOutcome:
    """Run a query; an empty query with no filter lists every article.

    Hits are built from column values; only the best ``snippet_limit`` hits
    read their stored text for a snippet (the costly part of a search).
    """
    parsed, message = _parse(ix.schema, text)
    outcome = SearchOutcome(message=message, query=str(parsed))
    if parsed is wq.NullQuery:
        return outcome
    flt = entity_filter(entity_keys)
    q = wq.And([parsed, flt]) if flt is not None else parsed
    with ix.searcher() as searcher:
        results = searcher.search(q, limit=limit, terms=snippets)
        outcome.total = len(results)
        cols = Columns(searcher)
        if snippets and text.strip():
            results.formatter, results.fragmenter = _mark_formatter()
        for rank, hit in enumerate(results):
            snippet = ""
            if snippets and rank < snippet_limit:
                if text.strip():
                    snippet = hit.highlights(F.BODY, top=2) or ""
                if not snippet:
                    snippet = _lead(hit.get(F.BODY, ""))
            outcome.hits.append(cols.hit(hit.docnum, float(hit.score or 0.0), snippet))
    return outcome


def render_marks(snippet: str, start: str, end: str) -> str:
    """Replace the match markers (CLI: ANSI or brackets; UI: HTML after escaping)."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)
