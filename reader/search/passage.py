"""Pasted text as a search: "which articles contain this passage?"

A reader who saw a quote or a paragraph elsewhere pastes it to find which
outlets carried it. Such text is not query syntax: it is searched first as a
phrase over the body (the articles that contain it word for word, ranked by
its words), and when no article does, by its most distinctive words
(Whoosh's key-term expansion, Bo1 over the library's term statistics):
articles sharing at least a third of them, ranked by how well they match.
"""
from __future__ import annotations

import re

from whoosh import query as wq

from reader.search import fields as F
from reader.search.bounds import Budget
from reader.search.docsets import DocSet, live_docs, phrase_candidates, phrase_docs, rarest_first, term_docs
from reader.search.plan import RANKING_WORDS, Node, Plan

PASSAGE_WORDS = 12  # a query of this many words without query syntax is a passage
PHRASE_WORDS = 40  # the phrase tried is the passage's first this many indexed words
KEY_TERMS = 12
_SYNTAX = re.compile(r"(^|\s)(AND|OR|NOT|ANDNOT|ANDMAYBE)(\s|$)|(^|[\s(])[A-Za-z_]+:(?!//)\S|[*?~^\[\]{}]")


def looks_like_passage(text: str) -> bool:
    """A pasted sentence or more: many words and none of the query language's marks."""
    words = re.findall(r"\w+", text)
    if len(words) < PASSAGE_WORDS:
        return False
    return len(words) >= 4 * PASSAGE_WORDS or not _SYNTAX.search(text)


def passage_plan(view, text: str, budget: Budget) -> Plan:
    """The plan for a pasted passage: its phrase if some article has it, else its key terms."""
    schema = view.searcher().schema
    words = [t.text for t in schema[F.BODY].analyzer(text)]
    if not words:
        return Plan(Node("leaf", docs=DocSet), ["The pasted text has no searchable words."])
    phrase = words[:PHRASE_WORDS]
    candidates = phrase_candidates(view, F.BODY, phrase)
    found = phrase_docs(view, F.BODY, phrase, candidates, budget) if candidates and len(phrase) > 1 else candidates
    if found:
        rank = wq.And([wq.Term(F.BODY, w) for w in rarest_first(view, F.BODY, phrase)[:RANKING_WORDS]])
        node = Node("leaf", docs=lambda: found, rank=rank, terms=tuple((F.BODY, w) for w in dict.fromkeys(phrase)))
        noun = "article contains" if len(found) == 1 else "articles contain"
        return Plan(node, [f"Searched for the pasted passage: {len(found):,} {noun} it word for word."])
    return _key_term_plan(view, text, budget)


def _key_term_plan(view, text: str, budget: Budget) -> Plan:
    searcher = view.searcher()
    keys = searcher.key_terms_from_text(F.BODY, text, numterms=KEY_TERMS)
    budget.check()
    if not keys:
        return Plan(Node("leaf", docs=DocSet), ["The pasted text has no searchable words."])
    terms = [term for term, _weight in keys]
    need = max(2, len(terms) // 3) if len(terms) > 1 else 1
    sets = [term_docs(view, F.BODY, t) for t in terms]

    def docs() -> DocSet:
        # documents holding at least ``need`` of the key terms: count bit masks, no scoring
        layers = [DocSet()] * (need + 1)  # layers[k]: documents holding at least k terms so far
        layers[0] = live_docs(view)
        for docs_of_term in sets:
            for k in range(need, 0, -1):
                layers[k] = layers[k] | (layers[k - 1] & docs_of_term)
        return layers[need]

    rank = wq.Or([wq.Term(F.BODY, t, boost=max(w, 0.01)) for t, w in keys])
    node = Node("leaf", docs=docs, rank=rank, terms=tuple((F.BODY, t) for t in terms))
    shown = ", ".join(terms[:6])
    return Plan(node, [f"No article contains the pasted passage word for word; these share at least "
                       f"{need} of its {len(terms)} most distinctive words ({shown}…)."])
