"""Mentions by outlet: a keyword-in-context concordance of one entity (AntConc style).

Each mention the analysis recorded becomes one line: the words to its left
and right, aligned on the mention, grouped by outlet. Sorting by the left
context reads the words leftwards from the mention (the nearest word first),
as a concordancer does, so "President Putin" and "Mr Putin" line up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from reader.compare.inputs import CompareArticle, Mentioned
from reader.compare.text import fold

CONTEXT_CHARS = 80
_SPACE = re.compile(r"\s+")
_KEY_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class KwicLine:
    path: str
    outlet: str
    title: str
    start: int  # the mention's span in the article body
    end: int
    left: str
    mention: str
    right: str
    quote_index: int | None  # the statement the mention is in, if any

    def left_key(self) -> tuple[str, ...]:
        """The left context's words, nearest first (sorting by left context)."""
        return tuple(reversed([fold(w) for w in _KEY_WORD.findall(self.left)]))

    def right_key(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in _KEY_WORD.findall(self.right))


def entity_matches(entity: Mentioned, wanted: str) -> bool:
    """Whether an entity is the one asked for: its ``type:name`` key, its name, an alias,
    or (for a bare word such as "Putin") one of its name's words."""
    want = fold(wanted.strip())
    if not want:
        return False
    if ":" in want:
        etype, _, name = want.partition(":")
        return etype == entity.type and fold(entity.name) == name.strip()
    names = [fold(entity.name), *(fold(a) for a in entity.aliases)]
    if want in names:
        return True
    words = want.split()
    return all(w in fold(entity.name).split() for w in words)


def _left(body: str, start: int, limit: int) -> str:
    text = _SPACE.sub(" ", body[max(0, start - limit * 2):start])
    if len(text) > limit:
        text = text[-limit:]
        text = text[text.find(" ") + 1:] if " " in text else text
    return text


def _right(body: str, end: int, limit: int) -> str:
    text = _SPACE.sub(" ", body[end:end + limit * 2])
    if len(text) > limit:
        text = text[:limit]
        text = text[:text.rfind(" ")] if " " in text else text
    return text


def _hidden(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def kwic(articles: Sequence[CompareArticle], wanted: str, width: int = CONTEXT_CHARS) -> list[KwicLine]:
    """Every mention of the entity ``wanted`` in the selection, grouped by outlet."""
    lines: list[KwicLine] = []
    for art in articles:
        statements = sorted(art.statements, key=lambda s: s.start)
        for ent in art.entities:
            if not entity_matches(ent, wanted):
                continue
            for start, end in sorted(set(ent.mentions)):
                if not 0 <= start < end <= len(art.body) or _hidden(art.hidden, start):
                    continue
                inside = next((s.quote_index for s in statements if s.start <= start < s.end), None)
                lines.append(KwicLine(art.path, art.outlet, art.title, start, end,
                                      _left(art.body, start, width), _SPACE.sub(" ", art.body[start:end]),
                                      _right(art.body, end, width), inside))
    return sort_lines(lines, "position")


SORTS = ("position", "left", "right")


def sort_lines(lines: Sequence[KwicLine], by: str) -> list[KwicLine]:
    """Lines grouped by outlet, within each outlet by position, left or right context."""
    if by == "left":
        key = lambda ln: (ln.outlet.casefold(), ln.left_key(), ln.path, ln.start)  # noqa: E731
    elif by == "right":
        key = lambda ln: (ln.outlet.casefold(), ln.right_key(), ln.path, ln.start)  # noqa: E731
    else:
        key = lambda ln: (ln.outlet.casefold(), ln.path, ln.start)  # noqa: E731
    return sorted(lines, key=key)


def entity_names(articles: Sequence[CompareArticle]) -> list[tuple[str, str, int]]:
    """(name, type, mentions) of the selection's entities, most mentioned first (the KWIC picker)."""
    counts: dict[tuple[str, str], int] = {}
    for art in articles:
        for ent in art.entities:
            counts[(ent.name, ent.type)] = counts.get((ent.name, ent.type), 0) + len(ent.mentions)
    return sorted(((n, t, c) for (n, t), c in counts.items()), key=lambda x: (-x[2], x[0].casefold()))
