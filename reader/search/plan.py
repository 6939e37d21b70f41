"""From a parsed Whoosh query to a plan: which documents match, and what ranks them.

Whoosh's parser reads the query language; running its query objects as they
come is what made a few keystrokes cost seconds (``*`` read every posting
list, ``*a*`` expanded to thousands of terms, a phrase on a keyword field
raised, phrase spans were matched in pure Python, ``And([Every(), ...])``
walked the library). A plan answers the same query in two parts:

* ``docs``: the matching documents as a bit mask (``reader.search.docsets``),
  from term sets kept per generation. Wildcard, prefix, fuzzy and range terms
  stand for at most ``EXPANSION_LIMIT`` index terms each; a phrase is its
  words' intersection, checked by position; dates are column ranges.
* ``rank``: a Whoosh query over the words that score (text fields only;
  filters, exclusions and expanded terms score nothing), run for the page
  shown only, restricted to ``docs``.

Every field rule lives here: a phrase or any other query on a keyword or ID
field is searched as one term (``bias:"lean left"``, ``kind:"news
analysis"``), ``published:2022`` and ``published:[2022-01 TO 2022-03]`` are
date prefixes and ranges, ``*`` is the whole library.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable

from whoosh import query as wq

from reader.search import fields as F
from reader.search.bounds import EXPANDING_TERM_LIMIT, EXPANSION_LIMIT, Budget, shorten
from reader.search.docsets import DocSet, live_docs, phrase_candidates, phrase_docs, rarest_first, term_docs
from reader.search.filters import DATE_HELP, keyword_value, partial_date, published_docs

RANKING_WORDS = 6  # a long phrase is ranked by its rarest words (its matches are exact already)
EVERYWHERE = (F.TITLE, F.BODY)  # every article has these: ``field:*`` on them is the library


@dataclass
class Node:
    """One part of a plan: ``op`` is leaf, all, any, exclude (first minus the rest) or maybe."""

    op: str
    children: list["Node"] = field(default_factory=list)
    docs: Callable[[], DocSet] | None = None  # leaves: their documents
    rank: wq.Query | None = None  # leaves: what scores them (None: a filter, scores nothing)
    terms: tuple[tuple[str, str], ...] = ()  # leaves: indexed (field, text) terms, for highlighting
    everything: bool = False


@dataclass
class Plan:
    root: Node
    notices: list[str] = field(default_factory=list)

    @property
    def everything(self) -> bool:
        return self.root.everything


class Planner:
    """Builds the plan of one query on one view, with one budget."""

    def __init__(self, view, budget: Budget) -> None:
        self.view = view
        self.searcher = view.searcher()
        self.schema = self.searcher.schema
        self.budget = budget
        self.notices: list[str] = []
        self._expanded: set[tuple[str, str]] = set()  # user terms expanded so far (type, text)
        self._dropped = False

    def plan(self, q: wq.Query) -> Plan:
        return Plan(self.node(q), self.notices)

    # -- leaves -------------------------------------------------------------------
    def _is_text(self, fieldname: str) -> bool:
        return fieldname in self.schema and self.schema[fieldname].format.supports("positions")

    def _leaf(self, docs: Callable[[], DocSet], rank: wq.Query | None = None,
              terms: tuple[tuple[str, str], ...] = ()) -> Node:
        return Node("leaf", docs=docs, rank=rank, terms=terms)

    def everything(self) -> Node:
        return Node("leaf", docs=lambda: live_docs(self.view), everything=True)

    def nothing(self) -> Node:
        return Node("leaf", docs=DocSet)

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> Node:
        if fieldname not in self.schema:
            return self.nothing()
        if fieldname == F.PUBLISHED:
            return self.date_term(text)
        if not self._is_text(fieldname):  # a keyword or ID field: a filter
            value = keyword_value(fieldname, text)
            return self._leaf(lambda: term_docs(self.view, fieldname, value))
        return self._leaf(lambda: term_docs(self.view, fieldname, text), wq.Term(fieldname, text, boost=boost),
                          ((fieldname, text),))

    def date_term(self, text: str) -> Node:
        if ".." in text:  # published:2021..2022-02, a range written without brackets
            start, _, end = text.partition("..")
            return self.date_range(start or None, end or None, False, False)
        prefix = partial_date(text)
        if prefix is None:
            self.notices.append(f"“{shorten(text, 30)}” is not a date: write {DATE_HELP}.")
            return self._leaf(lambda: term_docs(self.view, F.PUBLISHED, text))
        return self._leaf(lambda: published_docs(self.view, prefix, prefix))

    def date_range(self, start: str | None, end: str | None, start_excl: bool, end_excl: bool) -> Node:
        bounds = []
        for value in (start, end):
            if value is None or not str(value).strip():
                bounds.append(None)
                continue
            iso = partial_date(str(value))
            if iso is None:
                self.notices.append(f"“{shorten(str(value), 30)}” is not a date: write {DATE_HELP}.")
                return self.nothing()
            bounds.append(iso)
        low, high = bounds
        return self._leaf(lambda: published_docs(self.view, low, high, start_excl, end_excl))

    def phrase(self, q: wq.Phrase) -> Node:
        words = [w for w in q.words if w]
        if not words:
            return self.nothing()
        if not self._is_text(q.fieldname):  # bias:"lean left", kind:"news analysis": one term
            return self.term(q.fieldname, " ".join(words))
        if len(words) == 1:
            return self.term(q.fieldname, words[0], q.boost)
        fieldname = q.fieldname

        def docs() -> DocSet:
            candidates = phrase_candidates(self.view, fieldname, words)
            if not candidates:
                return candidates
            return phrase_docs(self.view, fieldname, words, candidates, self.budget, q.slop)

        scoring = rarest_first(self.view, fieldname, words)[:RANKING_WORDS]
        rank = wq.And([wq.Term(fieldname, w) for w in scoring], boost=q.boost)
        return self._leaf(docs, rank, tuple((fieldname, w) for w in words))

    def expansion(self, q: wq.Query, kind: str) -> Node:
        """A wildcard, prefix, fuzzy or range term: the documents of its first index terms."""
        fieldname, text = q.field(), str(getattr(q, "text", "") or q)
        if fieldname not in self.schema:
            return self.nothing()
        key = (kind, text)
        if key not in self._expanded:
            if len(self._expanded) >= EXPANDING_TERM_LIMIT:
                if not self._dropped:
                    self._dropped = True
                    self.notices.append(f"Only the first {EXPANDING_TERM_LIMIT} wildcard, fuzzy or range "
                                        f"terms were used.")
                return self.nothing()
            self._expanded.add(key)
        btexts = self._expand(q, kind)
        if len(btexts) > EXPANSION_LIMIT:
            btexts = btexts[:EXPANSION_LIMIT]
            note = (f"“{shorten(text, 30)}” matches more than {EXPANSION_LIMIT} words; only the first "
                    f"{EXPANSION_LIMIT} were searched.")
            if note not in self.notices:
                self.notices.append(note)
        fieldobj = self.schema[fieldname]
        terms = tuple((fieldname, fieldobj.from_bytes(b)) for b in btexts)

        def docs() -> DocSet:
            out = DocSet()
            for n, btext in enumerate(btexts):
                if n % 16 == 15:
                    self.budget.check()
                out = out | term_docs(self.view, fieldname, btext)
            return out

        return self._leaf(docs, None, terms if self._is_text(fieldname) else ())

    def _expand(self, q: wq.Query, kind: str) -> list[bytes]:
        """Up to ``EXPANSION_LIMIT + 1`` index terms of an expanding query, in index order."""
        reader = self.searcher.reader()
        fieldname = q.field()
        if kind == "wildcard" and not re.match(r"[^*?\[]", q.text):  # no literal prefix: scan the lexicon
            return self._scan_lexicon(fieldname, q.text)
        out: list[bytes] = []
        for n, btext in enumerate(islice(q._btexts(reader), EXPANSION_LIMIT + 1)):
            if n % 64 == 63:
                self.budget.check()
            out.append(btext)
        return out

    def _scan_lexicon(self, fieldname: str, pattern: str) -> list[bytes]:
        """Terms matching a leading-wildcard pattern, found in the field's vocabulary by one regex."""
        lexicon = self.view.memo(("lexicon", fieldname), lambda: vocabulary(self.searcher, fieldname))
        regex = "".join("[^\n]*" if ch == "*" else "[^\n]" if ch == "?" else re.escape(ch) for ch in pattern)
        found = re.finditer(f"^{regex}$", lexicon, re.M)
        return [m.group().encode("utf-8") for m in islice(found, EXPANSION_LIMIT + 1)]

    # -- the tree -----------------------------------------------------------------
    def node(self, q: wq.Query) -> Node:  # noqa: C901 - one case per Whoosh query type
        self.budget.check()
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return self.nothing()
        if isinstance(q, wq.Every):
            if q.fieldname in (None, "*", *EVERYWHERE):
                return self.everything()
            return self.expansion(wq.Prefix(q.fieldname, ""), "prefix")
        if isinstance(q, wq.Phrase):
            return self.phrase(q)
        if isinstance(q, wq.Wildcard):
            if set(q.text) <= {"*"}:
                return self.everything() if q.fieldname in EVERYWHERE else self.node(wq.Every(q.fieldname))
            if q.fieldname == F.PUBLISHED and q.text.endswith("*") and "?" not in q.text.rstrip("*"):
                return self.date_term(q.text.rstrip("*"))
            return self.expansion(q, "wildcard")
        if isinstance(q, wq.Prefix):
            if q.fieldname == F.PUBLISHED:
                return self.date_term(q.text)
            return self.expansion(q, "prefix")
        if isinstance(q, wq.TermRange):
            if q.fieldname == F.PUBLISHED:
                return self.date_range(q.start, q.end, q.startexcl, q.endexcl)
            return self.expansion(q, "range")
        if isinstance(q, (wq.FuzzyTerm, wq.Regex, wq.Variations)):
            return self.expansion(q, type(q).__name__.lower())
        if isinstance(q, wq.Term):
            return self.term(q.fieldname, q.text, q.boost)
        if isinstance(q, wq.Not):
            return Node("exclude", [self.everything(), self.node(q.query)])
        if isinstance(q, wq.AndNot):
            return Node("exclude", [self.node(q.a), self.node(q.b)])
        if isinstance(q, wq.AndMaybe):
            return Node("maybe", [self.node(q.a), self.node(q.b)])
        if isinstance(q, wq.Require):
            required = self.node(q.b)
            return Node("all", [self.node(q.a), _unranked(required)])
        if isinstance(q, wq.Sequence):  # positional: Whoosh's own matching, scored as it scores
            return self._generic(q, rank=q)
        if isinstance(q, wq.And):
            return Node("all", [self.node(sub) for sub in q.subqueries])
        if isinstance(q, (wq.Or, wq.DisjunctionMax, wq.Otherwise)):
            subs = q.subqueries if hasattr(q, "subqueries") else [q.a, q.b]
            return Node("any", [self.node(sub) for sub in subs])
        if isinstance(q, wq.WrappingQuery):
            return self.node(q.child)
        return self._generic(q)

    def _generic(self, q: wq.Query, rank: wq.Query | None = None) -> Node:
        """Any other query (numeric ranges): its documents as Whoosh finds them."""
        def docs() -> DocSet:
            found = []
            for n, docnum in enumerate(self.searcher.docs_for_query(q)):
                if n % 256 == 255:
                    self.budget.check()
                found.append(docnum)
            return DocSet.from_ids(found)

        return self._leaf(docs, rank)


_RECORD = struct.Struct("!ii")  # Whoosh's hash file: key length, value length


def vocabulary(searcher, fieldname: str) -> str:
    """Every indexed term of a field, one a line, sorted: what a leading wildcard is matched against.

    Whoosh's lexicon iterator reads a term at a time (about a second for the
    60k terms of 10k articles' bodies); the field's terms are one contiguous,
    ordered run of records in each segment's term file, read here in one go.
    """
    words: set[bytes] = set()
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        try:
            terms = reader._terms
            table, number = terms._tindex, terms._fieldmap[fieldname]
            start = table.closest_key_pos(struct.pack("!H", number))
            end = table.closest_key_pos(struct.pack("!H", number + 1))
            end = table.endofdata if end is None else end
            data = table.dbfile.get(start, end - start) if start is not None else b""
            pos, unpack = 0, _RECORD.unpack_from
            while pos < len(data):
                keylen, datalen = unpack(data, pos)
                words.add(data[pos + 10:pos + 8 + keylen])  # after the two-byte field number
                pos += 8 + keylen + datalen
        except (AttributeError, KeyError, struct.error):  # another codec: Whoosh's own iterator
            words.update(reader.lexicon(fieldname))
    return "\n".join(sorted(w.decode("utf-8", "replace") for w in words))


def _unranked(node: Node) -> Node:
    if node.op == "leaf":
        return Node("leaf", docs=node.docs, everything=node.everything)
    return Node(node.op, [_unranked(c) for c in node.children])


def simplify(node: Node) -> Node:
    """Drop what cannot change the answer: the whole library inside ``all``, anything beside it in ``any``."""
    if node.op == "leaf":
        return node
    children = [simplify(c) for c in node.children]
    if node.op == "all":
        kept = [c for c in children if not c.everything]
        if not kept:
            return children[0]
        return kept[0] if len(kept) == 1 else Node("all", kept)
    if node.op == "any":
        if any(c.everything for c in children):
            return next(c for c in children if c.everything)
        return children[0] if len(children) == 1 else Node("any", children)
    if node.op == "maybe" and children[0].everything and children[1].op == "leaf" and children[1].rank is None:
        return children[0]
    return Node(node.op, children)


def docs_of(node: Node, view, budget: Budget) -> DocSet:
    """The documents a plan (node) matches."""
    budget.check()
    if node.op == "leaf":
        return node.docs()
    if node.op == "all":
        out = None
        # filters and rare terms first: the rest may not need reading at all
        for child in node.children:
            docs = docs_of(child, view, budget)
            out = docs if out is None else out & docs
            if not out:
                break
        return out if out is not None else DocSet()
    if node.op == "any":
        out = DocSet()
        for child in node.children:
            out = out | docs_of(child, view, budget)
        return out
    if node.op == "exclude":
        out = docs_of(node.children[0], view, budget)
        for child in node.children[1:]:
            if out:
                out = out - docs_of(child, view, budget)
        return out
    if node.op == "maybe":
        return docs_of(node.children[0], view, budget)
    raise ValueError(node.op)


def rank_query(node: Node) -> wq.Query | None:
    """The Whoosh query that scores a plan's matches (None: nothing scores; list in index order)."""
    if node.op == "leaf":
        return node.rank
    if node.op == "exclude":
        return rank_query(node.children[0])
    parts = [q for q in (rank_query(c) for c in node.children) if q is not None]
    if not parts:
        return None
    if node.op == "maybe":
        return parts[0] if len(parts) == 1 else wq.AndMaybe(parts[0], parts[1])
    if len(parts) == 1:
        return parts[0]
    return wq.And(parts) if node.op == "all" else wq.Or(parts)


def highlight_terms(node: Node, fieldname: str) -> list[str]:
    """The indexed terms of ``fieldname`` a plan looks for (not those it excludes)."""
    if node.op == "leaf":
        return [text for f, text in node.terms if f == fieldname]
    children = node.children[:1] if node.op == "exclude" else node.children
    out: list[str] = []
    for child in children:
        out.extend(t for t in highlight_terms(child, fieldname) if t not in out)
    return out
