"""Snippets: the passages of an article that matched, with the matches marked.

Marks are control characters (``MARK_START``/``MARK_END``) so each caller
renders its own way. Only short candidate passages are handed to Whoosh's
highlighter, which re-analyses every character it is given.
"""
from __future__ import annotations

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


class Snippets:
    """Highlights one field's matches for the given indexed terms."""

    def __init__(self, analyzer, stems: Sequence[str], probe_limit: int = 40) -> None:
        from whoosh import highlight

        self._highlight = highlight.highlight
        self._analyzer = analyzer
        self._terms = frozenset(stems)
        self._probes = list(stems)[:probe_limit]  # a passage's dozens of terms: the first few find spots
        self._fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        self._formatter = _formatter_class()()

    def __call__(self, body: str) -> str:
        passages = candidate_passages(body, self._probes) if self._terms else ""
        snippet = ""
        if passages:
            snippet = self._highlight(passages, self._terms, self._analyzer, self._fragmenter,
                                      self._formatter, top=2, mode="index") or ""
        return snippet or lead(body)
