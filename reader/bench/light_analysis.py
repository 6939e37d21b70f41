"""A cheap stand-in for analysis, for indexes whose subject is search, not analysis.

Building a 60k-article index through spaCy takes hours on two cores; a
search benchmark or a counts test needs real texts with realistic metadata,
entities and quotes, not spaCy's exact output. This analyzer reads the
metadata the source gave (front matter, catalog), takes capitalised word runs
as people and all-capital words as organisations, and quoted passages next
to "said"/"says" as quotes. It is ``update_index``'s ``analyzer=`` (and only
that: the app never uses it).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from reader.analysis.record import ArticleRecord, Entity, Quote

_NAME = re.compile(r"(?<![.!?]\s)\b([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b", re.M)
_ACRONYM = re.compile(r"\b([A-Z]{2,5})\b")
_QUOTE = re.compile(r"[\"“]([^\"“”\n]{12,400})[\"”]\s*,?\s*(said|says|told)\b\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ENTITIES = 12  # per article, the most mentioned


def light_record(key: str, text: str, hints: dict | None) -> ArticleRecord:
    """One article's record from its text and hints, by regular expressions."""
    hints = hints or {}
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    published = hints.get("published") or None
    rec = ArticleRecord(file=key, title=hints.get("title") or first[:200], outlet=hints.get("outlet"),
                        author=hints.get("author"), kind=hints.get("kind") or "news",
                        url=hints.get("url"),
                        published=published if published and _ISO.match(published) else None)
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for m in _NAME.finditer(text):
        spans.setdefault(("person", m.group(1)), []).append(m.span(1))
    for m in _ACRONYM.finditer(text):
        spans.setdefault(("organisation", m.group(1)), []).append(m.span(1))
    counts = Counter({k: len(v) for k, v in spans.items()})
    for (etype, name), _n in counts.most_common(MAX_ENTITIES):
        rec.entities.append(Entity(name=name, type=etype, aliases=[name], mentions=spans[(etype, name)]))
    for m in _QUOTE.finditer(text):
        rec.quotes.append(Quote(start=m.start(1), end=m.end(1), text=m.group(1), kind="direct",
                                speaker=m.group(3), speaker_type="person" if m.group(3) else "unknown",
                                cue=m.group(2), confidence=0.5))
    return rec


def light_analyzer(items: Iterable[tuple[str, str, dict | None]]) -> Iterator[ArticleRecord]:
    """``update_index(..., analyzer=light_analyzer)``: records without spaCy."""
    for key, text, hints in items:
        yield light_record(key, text, hints)
