"""Snippets: the passages of an article that matched, with the matches marked.

Marks are control characters (``MARK_START``/``MARK_END``) so each caller
renders its own way. Only short candidate passages are handed to Whoosh's
highlighter, which re-analyses every character it is given.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from reader.search.hits import MARK_END, MARK_START

SNIPPET_CHARS = 240
LEAD_CHARS = 200


@lru_cache(maxsize=1)
def _formatter_class():
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


def lead(body: str, limit: int = LEAD_CHARS) -> str:
    """The article's opening words, for hits whose body did not match."""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    text = " ".join(lines[1:4] if len(lines) > 1 else lines)
    return text[:limit].rsplit(" ", 1)[0] + "…" if len(text) > limit else text


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


def _fast_parts(analyzer):
    """(token pattern, lower-case, stem function) of a plain Whoosh tokenizer-and-filters
    analyzer, or None for any other shape (then Whoosh's highlighter is used)."""
    items = getattr(analyzer, "items", None)
    if not items or type(items[0]).__name__ != "RegexTokenizer" or getattr(items[0], "gaps", True):
        return None
    stem = lambda word: word  # noqa: E731 - no stemming filter: words match as written
    for item in items[1:]:
        name = type(item).__name__
        if name == "StemFilter":
            stem = getattr(item, "_stem", None) or item.stemfn
        elif name not in ("LowercaseFilter", "StopFilter"):
            return None
    return items[0].expression, stem


class Snippets:
    """Marks one field's matches for the given indexed terms.

    The body's analyzer is a tokenizer, lower-casing, stop words and Porter
    stemming. Running it over every token of a passage (Whoosh's highlighter)
    was most of a search's time; here only the tokens that start like a term
    are stemmed and compared, and the passage around the first matches is cut
    as Whoosh's context fragmenter cuts it: up to ``SNIPPET_CHARS`` with 60
    characters either side, the two fragments with most matches, in text order.
    """

    def __init__(self, analyzer, stems: Sequence[str], probe_limit: int = 40) -> None:
        self._analyzer = analyzer
        self._terms = frozenset(stems)
        self._probes = list(stems)[:probe_limit]  # a passage's dozens of terms: the first few find spots
        self._fast = _fast_parts(analyzer)
        # the tokens that may match start like a term (less its last letter: Porter's "cry" is "cri")
        heads = sorted({re.escape(t[:-1] if len(t) > 2 else t) for t in self._terms if t}, key=len, reverse=True)
        self._candidates = re.compile(r"(?<![\w*])(?:%s)[\w*]*(?:\.[\w*]+)*" % "|".join(heads),
                                      re.IGNORECASE) if heads else None

    def __call__(self, body: str) -> str:
        return self.passage(body) or lead(body)

    def passage(self, text: str) -> str:
        """The marked passage of ``text`` around its matches, or "" when nothing matches."""
        passages = candidate_passages(text, self._probes) if self._terms else ""
        if not passages:
            return ""
        return self._marked(passages) if self._fast is not None else self._whoosh(passages)

    def _matches(self, text: str) -> list[tuple[int, int]]:
        """Spans of the tokens of ``text`` whose indexed form is a term."""
        _pattern, stem = self._fast
        terms = self._terms
        found = []
        for m in self._candidates.finditer(text) if self._candidates is not None else ():
            word = m.group().lower()
            if word in terms or stem(word) in terms:
                found.append(m.span())
        return found

    def _marked(self, text: str, surround: int = 60) -> str:
        matches = self._matches(text)
        fragments = []
        i = 0
        while i < len(matches):
            start = max(0, matches[i][0] - surround)
            j = i
            while j + 1 < len(matches) and matches[j + 1][1] + surround - start <= SNIPPET_CHARS:
                j += 1
            end = min(len(text), matches[j][1] + surround)
            fragments.append((j - i + 1, start, end, matches[i:j + 1]))
            i = j + 1
        best = sorted(sorted(fragments, key=lambda f: -f[0])[:2], key=lambda f: f[1])
        return " … ".join(mark_spans(text, start, end, spans) for _n, start, end, spans in best)

    def _whoosh(self, passages: str) -> str:
        from whoosh import highlight

        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        return highlight.highlight(passages, self._terms, self._analyzer, fragmenter,
                                   _formatter_class()(), top=2, mode="index") or ""


def mark_spans(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``text[start:end]`` on whole words, with the spans marked and white space collapsed."""
    if start > 0:
        space = text.find(" ", start, spans[0][0])
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", spans[-1][1], end)
        end = space if space >= 0 else end
    out, at = [], start
    for s, e in spans:
        out.append(text[at:s])
        out.append(MARK_START + text[s:e] + MARK_END)
        at = e
    out.append(text[at:end])
    return " ".join("".join(out).split())
