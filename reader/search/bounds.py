"""The limits every query obeys, so that no search can freeze the window.

Search runs on every keystroke and accepts pasted text; its worst case is
what a user meets when they paste a page, a list of links or garbage. Every
query is therefore bounded before it is parsed (``prepare``: length, word
length, nesting, number of terms), while it is planned (wildcard, prefix,
fuzzy and range terms expand to a fixed number of index terms) and while it
runs (``Budget``: about a second, after which what was found is returned
with a one-line notice). The limits are documented in the F1 help and the
README; every cut is said in one short sentence that never quotes the input
back in full (``shorten``).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

QUERY_CHAR_LIMIT = 4000  # characters of a query that are read (a long pasted passage fits)
TOKEN_CHAR_LIMIT = 64  # characters of one word; longer ones are cut
TERM_LIMIT = 32  # words of a structured query (a pasted passage is searched by its key terms)
NESTING_LIMIT = 8  # parenthesis depth
EXPANSION_LIMIT = 100  # index terms (per field) one wildcard, prefix, fuzzy or range term may stand for
EXPANDING_TERM_LIMIT = 4  # wildcard, prefix, fuzzy or range terms expanded per query
TIME_BUDGET_S = 1.0  # a search stops after this and shows what it found
SHOWN_CHARS = 80  # at most this much of a query is quoted back

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LONG_WORD = re.compile(r"\S{%d,}" % (TOKEN_CHAR_LIMIT + 1))
_CURLY_PHRASE = re.compile(r"[“”„«»]([^“”„«»\"]*)[“”„«»]")
_WORD = re.compile(r"[^\s()\"]+")
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


class OutOfTime(Exception):
    """The query's time budget ran out (caught by the search, which returns what it has)."""


class Budget:
    """A deadline shared by every step of one search."""

    def __init__(self, seconds: float = TIME_BUDGET_S) -> None:
        self.seconds = seconds
        self.deadline = time.perf_counter() + seconds
        self.ran_out = False

    def cancel(self) -> None:
        """Stop the search at its next check (a newer search superseded it)."""
        self.deadline = float("-inf")

    def expired(self) -> bool:
        if not self.ran_out and time.perf_counter() > self.deadline:
            self.ran_out = True
        return self.ran_out

    def check(self) -> None:
        """Raise ``OutOfTime`` once the deadline has passed."""
        if self.expired():
            raise OutOfTime()

    def notice(self) -> str:
        return f"Stopped after {self.seconds:g} s — refine the search (the matches found so far are shown)."


def unlimited() -> Budget:
    """A budget that never runs out (reference counts in tests and the bench)."""
    return Budget(seconds=1e9)


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


@dataclass
class Prepared:
    """A query made safe to parse, and what was changed on the way."""

    text: str
    notices: list[str] = field(default_factory=list)
    original_chars: int = 0


def _cut_words(text: str, limit: int) -> tuple[str, int]:
    """``text`` up to its ``limit``-th word (operators do not count); and how many words it had."""
    count, cut_at = 0, None
    for m in _WORD.finditer(text):
        if m.group() in OPERATORS:
            continue
        count += 1
        if count == limit + 1 and cut_at is None:
            cut_at = m.start()
    return (text if cut_at is None else text[:cut_at].rstrip()), count


def prepare(text: str, term_limit: int | None = TERM_LIMIT) -> Prepared:
    """Cut and clean a query before parsing; ``term_limit=None`` keeps every word (passages)."""
    out = Prepared(text="", original_chars=len(text))
    text = _CONTROL.sub(" ", text)
    if len(text) > QUERY_CHAR_LIMIT:
        cut = text.rfind(" ", 0, QUERY_CHAR_LIMIT + 1)
        text = text[:cut if cut > QUERY_CHAR_LIMIT // 2 else QUERY_CHAR_LIMIT]
        out.notices.append(f"Only the first {QUERY_CHAR_LIMIT:,} of {out.original_chars:,} characters "
                           f"were searched.")
    longest = max((len(m.group()) for m in _LONG_WORD.finditer(text)), default=0)
    if longest:
        text = _LONG_WORD.sub(lambda m: m.group()[:TOKEN_CHAR_LIMIT], text)
        out.notices.append(f"Words longer than {TOKEN_CHAR_LIMIT} characters were cut to their first "
                           f"{TOKEN_CHAR_LIMIT}.")
    text = _CURLY_PHRASE.sub(lambda m: f'"{m.group(1)}"', text)  # a pasted “quote” is a phrase
    depth = deepest = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        deepest = max(deepest, depth)
    if deepest > NESTING_LIMIT:
        text = text.replace("(", " ").replace(")", " ")
        out.notices.append(f"Parentheses nested deeper than {NESTING_LIMIT} levels were ignored.")
    if term_limit is not None:
        text, words = _cut_words(text, term_limit)
        if words > term_limit:
            out.notices.append(f"Only the first {term_limit} of {words:,} words were searched.")
    out.text = " ".join(text.split()) if "\n" in text or "\t" in text else text.strip()
    return out
