"""Where a span of an article's body shows up once the article is rendered.

Statements carry anchors in the rendered article (``q{n}``), entity mentions
do not. A mention is found again as the *n*-th occurrence of its words in
the rendered body text, which is the body without its hidden lines and
without the title line the header shows instead (``reader.render.article_html``
does both). ``occurrence`` counts those occurrences here, without Qt; the
view then looks for that occurrence below the header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reader.compare.inputs import CompareArticle

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Occurrence:
    text: str  # the words as written (whitespace collapsed)
    nth: int  # how many earlier occurrences the rendered body shows (0: the first)


def _title_block_end(art: CompareArticle) -> int:
    """Where the first visible block ends when the header shows it as the title, else 0."""
    start = 0
    for m in [*_BLOCK_BREAK.finditer(art.body), None]:
        end = m.start() if m is not None else len(art.body)
        block = art.body[start:end]
        visible = block.strip() and not any(a <= start and end <= b for a, b in art.hidden)
        if visible:
            return end if block.strip().lstrip("# ") == (art.title or "").strip() else 0
        if m is None:
            break
        start = m.end()
    return 0


def occurrence(art: CompareArticle, start: int, end: int) -> Occurrence:
    """The rendered occurrence of ``body[start:end]`` (see the module docstring)."""
    text = " ".join(art.body[start:end].split())
    if not text:
        return Occurrence("", 0)
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in text.split()) + r"(?!\w)")
    skip = _title_block_end(art)
    nth = 0
    for m in pattern.finditer(art.body, skip, start):
        if m.start() >= start:
            break
        if not any(a <= m.start() < b for a, b in art.hidden):
            nth += 1
    return Occurrence(text, nth)
