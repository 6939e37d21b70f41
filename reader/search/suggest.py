"""“Did you mean …?”: a close term the index itself knows, for a query that found nothing.

Only a word the index does not know (or knows from an article or so, when a close
term is common and the query found almost nothing) is corrected. Candidates are the
field's terms that share the word's first two letters, which Whoosh reads in order
from its term list, at most ``SCAN_LIMIT`` of them, of a length within the allowed
distance, then compared by Damerau-Levenshtein distance: never the whole vocabulary
of a 100k-article library. The closest wins, then the one in most articles. A
stemmed field's term ("pipelin") is shown as the word the articles write
("pipeline"), read from one article that holds it.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass

from reader.search import fields as F
from reader.search.view import IndexView

PREFIX = 2  # a misspelling rarely starts wrong; scanning "pi…" is cheap, "p…" is not
SCAN_LIMIT = 20000  # terms compared per word at most
TIME_LIMIT = 0.15  # seconds for the whole suggestion
FEW = 3  # a query finding fewer articles than this may be a misspelling of a common word
COMMON = 20  # ...when the close term is in this many times more articles, and at least 10
MIN_LENGTH = 4  # shorter words are left alone (too many close terms)
# fields whose words may be corrected (a field a query names), and the field whose
# vocabulary corrects a word of the default fields (title and body: the body holds most)
CORRECTED_FIELDS = {F.TITLE: F.TITLE, F.BODY: F.BODY, F.QUOTE: F.QUOTE, F.SPEAKER: F.SPEAKER,
                    F.ENTITY: F.ENTITY, F.AUTHOR: F.AUTHOR, F.OUTLET: F.OUTLET}
_WORD = re.compile(r"(?<![\w:*?\"])(?:(?P<field>[A-Za-z_]+):)?(?P<word>[^\W\d_]{%d,})(?![\w*?:])" % MIN_LENGTH)
STEMMED_FIELDS = {F.TITLE, F.BODY, F.QUOTE}
# endings a stemmed term's words commonly have (Porter: government -> govern, election -> elect)
ENDINGS = ("", "e", "s", "es", "ed", "ing", "ion", "ions", "ment", "ments", "al", "ly", "er", "ers",
           "y", "ies", "ation", "ations", "ity", "ive", "ness", "ent", "ents", "ence", "ance")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


@dataclass(frozen=True)
class Correction:
    start: int  # where the word is in the query text
    end: int
    word: str  # what replaces it


def suggest(view: IndexView, text: str, total: int) -> str:
    """The query with its misspelt words corrected, or "" (nothing to correct, or the
    query found enough)."""
    if not text.strip() or len(text) > 400:  # a pasted passage is not corrected
        return ""
    deadline = time.perf_counter() + TIME_LIMIT
    reader = view.searcher().reader()
    schema = view.searcher().schema
    corrections: list[Correction] = []
    for m in _WORD.finditer(text):
        field, word = (m.group("field") or "").lower(), m.group("word")
        if word in _OPERATORS or time.perf_counter() > deadline:
            continue
        name = CORRECTED_FIELDS.get(field) if field else F.BODY
        if name is None:
            continue
        terms = [t.text for t in schema[name].analyzer(word)]
        if len(terms) != 1:  # a stop word, or a word the analyzer splits
            continue
        term = terms[0]
        known = reader.doc_frequency(name, term) + (reader.doc_frequency(F.TITLE, term) if not field else 0)
        if known and total >= FEW:
            continue
        stem = schema[name].analyzer if name in STEMMED_FIELDS else None
        found = _closest(reader, name, word.lower(), term, known, deadline, stem)
        if found is None:
            continue
        shown = _written(view, name, found, schema[name].analyzer, word.lower()) or found
        if shown.lower() != word.lower():
            corrections.append(Correction(m.start("word"), m.end("word"), _same_case(word, shown)))
    if not corrections:
        return ""
    out, at = [], 0
    for c in corrections:
        out += [text[at:c.start], c.word]
        at = c.end
    out.append(text[at:])
    return "".join(out)


def _closest(reader, name: str, word: str, term: str, known: int, deadline: float,
             stem=None) -> str | None:
    """The field's closest term to ``word`` (indexed as ``term``): distance 1 for short words,
    2 from seven letters; for a known word, only a far more common term one edit away.
    In a stemmed field a term ("govern") is compared as the words it stands for
    ("government", "governed"…: the term and a common ending whose stem it is)."""
    limit = 1 if len(word) < 7 or known else 2
    best: tuple[int, int, str] | None = None  # (distance, -articles, term)
    typed = set(word) | set(term)
    scanned = 0
    for raw in reader.expand_prefix(name, term[:PREFIX]):
        scanned += 1
        if scanned > SCAN_LIMIT or (scanned % 512 == 0 and time.perf_counter() > deadline):
            break
        candidate = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        if candidate == term or not (-limit if stem is None else -6) <= len(candidate) - len(term) <= limit:
            continue
        letters = set(candidate)
        if len(letters - typed) > 2 * limit or (stem is None and len(typed - letters) > 2 * limit):
            continue  # each edit adds or drops at most two letters: cheaper than the distance
        d = damerau_levenshtein(term, candidate, limit)
        if stem is not None and d > 0:  # "presid" is one edit from "presidnt" as "president"
            d = min(d, _as_written(word, candidate, min(d, limit + 1) - 1, stem))
        if d > limit:
            continue
        articles = reader.doc_frequency(name, candidate)
        if best is None or (d, -articles) < best[:2]:
            best = (d, -articles, candidate)
    if best is None:
        return None
    if known and (-best[1] < max(10, COMMON * known)):
        return None
    return best[2]


def _as_written(word: str, candidate: str, limit: int, stem) -> int:
    """The distance from ``word`` to the closest word a stemmed ``candidate`` stands for."""
    if damerau_levenshtein(word[:len(candidate)], candidate, limit) > limit:
        return limit + 1
    best = limit + 1
    for ending in ENDINGS:
        written = candidate + ending
        if abs(len(written) - len(word)) > limit:
            continue
        d = damerau_levenshtein(word, written, limit)
        if d < best and [t.text for t in stem(written)] == [candidate]:
            best = d
    return best


def _written(view: IndexView, name: str, term: str, analyzer, typed: str) -> str:
    """The word articles write for an indexed (stemmed) term, from one article that holds it:
    of its words with that stem, the closest to the typed word, then the most frequent."""
    if name not in STEMMED_FIELDS:  # unstemmed fields index the words as written
        return term
    searcher = view.searcher()
    try:
        postings = searcher.postings(name, term)
        docnum = postings.id() if postings.is_active() else None
    except Exception:  # noqa: BLE001 - a term that vanished: show it as indexed
        return term
    if docnum is None:
        return term
    stored = searcher.stored_fields(docnum)
    text = stored.get(F.BODY if name != F.TITLE else F.TITLE, "") or ""
    head = re.escape(term[:max(1, len(term) - 1)])
    words = Counter(w.lower() for w in re.findall(r"\b%s\w*" % head, text[:200000], re.IGNORECASE))
    written = [(damerau_levenshtein(typed, w, len(typed) + len(w)), -n, w) for w, n in words.items()
               if [t.text for t in analyzer(w)] == [term]]
    return min(written)[2] if written else term


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """The optimal-string-alignment distance of ``a`` and ``b`` when at most ``limit``, else
    ``limit + 1``: the common head and tail are dropped first and only a band of ``limit``
    either side of the diagonal is computed (Whoosh's full table took most of a suggestion)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    j = 0
    while j < len(a) and j < len(b) and a[-1 - j] == b[-1 - j]:
        j += 1
    if j:
        a, b = a[:-j], b[:-j]
    la, lb, big = len(a), len(b), limit + 1
    if not la or not lb:
        return max(la, lb) if max(la, lb) <= limit else big
    before, prev = None, list(range(lb + 1))
    for x in range(1, la + 1):
        cur = [x] + [big] * lb
        ca = a[x - 1]
        lowest = x
        for y in range(max(1, x - limit), min(lb, x + limit) + 1):
            cb = b[y - 1]
            v = prev[y - 1] + (ca != cb)
            if prev[y] + 1 < v:
                v = prev[y] + 1
            if cur[y - 1] + 1 < v:
                v = cur[y - 1] + 1
            if x > 1 and y > 1 and ca == b[y - 2] and a[x - 2] == cb and before[y - 2] + 1 < v:
                v = before[y - 2] + 1
            cur[y] = v
            if v < lowest:
                lowest = v
        if lowest > limit:
            return big
        before, prev = prev, cur
    return prev[lb] if prev[lb] <= limit else big


def _same_case(typed: str, word: str) -> str:
    """The correction in the case the word was typed in (Pipelne → Pipeline)."""
    if typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def corrected(typed: str, query: str, suggestion: str) -> str:
    """``typed`` (the search field's text) with the corrections ``suggestion`` made to
    ``query`` (what was searched: the typed text, perhaps with a story scope added)."""
    pairs = {a: b for a, b in zip(re.findall(r"\w+", query), re.findall(r"\w+", suggestion)) if a != b}
    if not pairs:
        return typed
    return re.sub(r"\w+", lambda m: pairs.get(m.group(), m.group()), typed)
