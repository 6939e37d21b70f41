"""The words of a query as the reader's find bar counts and highlights them.

A phrase is one occurrence wherever its words stand together: ``"gas pipeline"``
twice in an article is two matches, not four (each word counted apart). Field
names other than text fields (``outlet:dw``, ``kind:opinion``) mark nothing in
the body.
"""
from __future__ import annotations

import re
from typing import Sequence

OPERATORS = {"and", "or", "not", "andnot", "andmaybe", "to"}
TEXT_FIELDS = {"title", "body", "quote", "speaker", "entity"}
_TOKEN = re.compile(r"(?:\w+:)?\"[^\"]*\"|(?:\w+:)?[\w*?]+")


def hit_terms(query: str) -> list[str]:
    """Words and phrases (space-separated words) of a query worth marking in the body."""
    terms: list[str] = []
    for token in _TOKEN.findall(query or ""):
        fname, sep, value = token.partition(":")
        if not sep:
            fname, value = "", token
        if fname and fname.lower() not in TEXT_FIELDS:
            continue
        words = [w.lower().rstrip("*?") for w in re.findall(r"[\w*?]+", value)]
        words = [w.replace("?", "") for w in words if w and "*" not in w]
        if value.startswith('"') and len(words) > 1:  # a phrase: its words together
            candidates = [" ".join(words)]
        else:
            candidates = [w for w in words if w not in OPERATORS]
        terms.extend(t for t in candidates if t and t not in terms)
    return terms


def stem(word: str) -> str:
    """A light suffix strip, so "pipelines" finds "pipeline" and "pipelined"."""
    for suffix in ("ings", "ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def hit_pattern(terms: Sequence[str]) -> str | None:
    """A case-insensitive regex (Python and QRegularExpression) with one match per
    occurrence of each term; a phrase's words may be inflected and apart by any
    spaces or punctuation."""
    alternatives = {r"\w*\W+".join(re.escape(stem(w)) for w in t.split()) for t in terms if t.strip()}
    ordered = sorted(alternatives, key=len, reverse=True)  # a phrase before its own first word
    return r"\b(?:" + "|".join(ordered) + r")\w*" if ordered else None


def count_occurrences(query: str, text: str) -> int:
    """How many times the query's words and phrases occur in ``text``."""
    pattern = hit_pattern(hit_terms(query))
    return sum(1 for _ in re.finditer(pattern, text, re.IGNORECASE)) if pattern else 0
