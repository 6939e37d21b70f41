"""Analysis records without spaCy, for timing what sits above the analysis.

Compare, the panels and the stories read analysis records from the index;
timing them on 2,000 real articles should not wait an hour for spaCy. This
analyzer (the ``update_index`` signature) finds the quoted spans with the real
scanner (``reader.analysis.quote_spans``), takes metadata from the real
detector, and fills in what spaCy would give with patterns: the capitalised
name next to a speech verb as the speaker, "X said that …" clauses as indirect
statements, capitalised word runs as entities. The records are plausible in
shape and size, not accurate; nothing the user sees is built this way.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from reader.analysis.boilerplate import find_boilerplate
from reader.analysis.metadata import apply_hints, detect_metadata
from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.record import ArticleRecord, Entity, Quote

_NAME = r"[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))*(?: [A-Z][a-z]+)?"
_VERB = r"(?:said|says|told|added|warned|argued|insisted|claimed|stressed)"
_AFTER = re.compile(rf"^[,\s]*(?:{_VERB}(?:\s+[a-z]+){{0,3}}\s+({_NAME})|({_NAME})\s+{_VERB}|(he|she|they)\s+{_VERB})")
_BEFORE = re.compile(rf"({_NAME})\s+{_VERB}[^.\"“”]{{0,40}}$")
_INDIRECT = re.compile(rf"\b({_NAME})\s+{_VERB}\s+(that\s+[^.\"“”\n]{{20,240}})[.]")
_ENTITY = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}\b")
_PRONOUNS = frozenset("He She They It We I".split())
_COMMON = frozenset("The A An In On At It He She They We But And This That Mr Mrs Ms Dr If When".split())


def _speaker(text: str, start: int, end: int, previous: str | None) -> str | None:
    after = _AFTER.match(text[end + 1:end + 80])
    name = (after.group(1) or after.group(2)) if after else None
    if after and not name:
        return previous  # "he said"
    if name is None:
        before = _BEFORE.search(text[max(0, start - 80):max(0, start - 1)])
        name = before.group(1) if before else None
    return previous if name in _PRONOUNS else name


def quick_record(key: str, text: str, hints: dict | None = None) -> ArticleRecord:
    """A record for ``text`` made without spaCy (see the module docstring)."""
    hidden = find_boilerplate(text)
    meta = detect_metadata(text, hidden)
    rec = apply_hints(ArticleRecord(file=key, title=meta.title or "", outlet=meta.outlet,
                                    author=meta.author, published=meta.published,
                                    kind=meta.kind or "news"), hints)
    rec.boilerplate = list(hidden)
    previous = None
    for span in find_quote_spans(text):
        speaker = _speaker(text, span.start, span.end, previous)
        previous = speaker or previous
        words = len(text[span.start:span.end].split())
        kind = "direct" if speaker and words > 3 else "scare"
        rec.quotes.append(Quote(start=span.start, end=span.end, text=text[span.start:span.end],
                                kind=kind, speaker=speaker if kind != "scare" else None,
                                speaker_type="person" if kind != "scare" else None,
                                cue="said" if kind != "scare" else None, confidence=0.5))
    for m in _INDIRECT.finditer(text):
        rec.quotes.append(Quote(start=m.start(2), end=m.end(2), text=m.group(2), kind="indirect",
                                speaker=m.group(1), speaker_type="person", cue="said",
                                confidence=0.4, source_start=m.start(1), source_end=m.end(1)))
    rec.quotes.sort(key=lambda q: q.start)
    mentions: dict[str, list[tuple[int, int]]] = {}
    for m in _ENTITY.finditer(text):
        if m.group().split()[0] not in _COMMON:
            mentions.setdefault(m.group(), []).append((m.start(), m.end()))
    for name, spans in sorted(mentions.items(), key=lambda kv: -len(kv[1]))[:25]:
        rec.entities.append(Entity(name=name, type="person" if " " in name else "place",
                                   aliases=[name], mentions=spans))
    return rec


def quick_analyzer(items: Iterable[tuple[str, str, dict | None]]) -> Iterator[ArticleRecord]:
    """``update_index(analyzer=quick_analyzer)``: records without spaCy."""
    for key, text, hints in items:
        yield quick_record(key, text, hints)
