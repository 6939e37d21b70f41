"""From quoted spans and their attributions to the record's Quote list.

Two repairs need the parse and the whole article: a closing mark with no
opening mark gets its start from the clause it closes, and a quote in a
headline or caption that repeats words quoted in the body takes the speaker
of the body quote.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from reader.analysis.cues import SPEECH_VERBS
from reader.analysis.entities import NameResolver
from reader.analysis.quote_spans import QuoteSpan
from reader.analysis.record import Quote
from reader.analysis.speakers import Attribution, attribute


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.replace("’", "'").lower()).strip()


def _fix_missing_opening(text: str, doc: Any, q: QuoteSpan, starts: list[int]) -> None:
    """Start an unopened quote at the clause the closing mark ends: the verb's complement."""
    j = bisect_left(starts, q.end) - 1
    if j < 0:
        return
    node = doc[j]
    chain = [node]
    while node.head.i != node.i and node.head.idx >= q.start:
        node = node.head
        chain.append(node)
    # the clause just below the reporting verb (or the sentence's main verb)
    pick = None
    for below, above in zip(chain, chain[1:]):
        if above.lower_ in SPEECH_VERBS and below.i > above.i:
            pick = below
            break
    if pick is None and len(chain) >= 2 and chain[-1].head.i == chain[-1].i:
        below = chain[-2]
        pick = below if below.i > chain[-1].i else None
    if pick is not None:
        start = pick.left_edge.idx
        if q.start < start < q.end:
            q.start = start


def _line_of(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b == -1 else b


def _is_heading_line(text: str, pos: int, title_span: tuple[int, int] | None) -> bool:
    """Headline, caption or subheading: the title, or a line without a final full stop."""
    a, b = _line_of(text, pos)
    if title_span and title_span[0] <= pos < title_span[1]:
        return True
    line = text[a:b].strip().rstrip("\"”’' ")
    return bool(line) and line[-1] not in ".!?:;,…" and len(line) < 300


def finish_quotes(text: str, doc: Any, spans: list[QuoteSpan], resolver: NameResolver,
                  title_span: tuple[int, int] | None = None) -> tuple[list[Quote], list[tuple[str, str, int, int]]]:
    """Quotes for the record, plus (speaker, type, start, end) of each written speaker."""
    starts = [t.idx for t in doc] if any(q.opening_missing for q in spans) else []
    for q in spans:
        if q.opening_missing:
            _fix_missing_opening(text, doc, q, starts)
    atts = attribute(text, doc, spans, resolver, title_span[1] if title_span else 0)
    named = [(i, _norm(text[q.start:q.end])) for i, (q, a) in enumerate(zip(spans, atts))
             if a.kind in ("direct", "partial") and a.speaker and a.named]
    for i, (q, a) in enumerate(zip(spans, atts)):
        if not _is_heading_line(text, q.start, title_span):
            continue
        words = _norm(text[q.start:q.end])
        if not words:
            continue
        for j, body in named:
            if j != i and re.search(rf"\b{re.escape(words)}\b", body) and not _is_heading_line(text, spans[j].start, title_span):
                src = atts[j]
                if a.speaker is None or not a.named:
                    atts[i] = Attribution("partial" if a.integrated else "direct", src.speaker, src.speaker_type, a.cue, 0.5, "context", None, src.named)
                break
    if title_span:
        for i, (q, a) in enumerate(zip(spans, atts)):
            if title_span[0] <= q.start < title_span[1] and a.kind == "direct" and q.nested_in is None:
                before = text[title_span[0]:max(title_span[0], q.open_mark)].strip()
                if before and not before.endswith(":"):  # a headline fragment, not "Name: ‘...’"
                    a.kind = "partial" if a.speaker else "scare"
    quotes: list[Quote] = []
    speakers: list[tuple[str, str, int, int]] = []
    for q, a in zip(spans, atts):
        kind = a.kind if a.kind in ("direct", "partial") else "scare"
        speaker = a.speaker if kind != "scare" else None
        quotes.append(Quote(q.start, q.end, text[q.start:q.end], kind, speaker,
                            a.speaker_type if speaker else None, a.cue if kind != "scare" else None,
                            round(a.confidence * (0.7 if q.unclosed or q.opening_missing else 1.0), 2)))
        if speaker and a.surface and a.speaker_type in ("person", "organisation", "document"):
            if any(c.isupper() for c in speaker):
                speakers.append((speaker, a.speaker_type, a.surface[0], a.surface[1]))
    return quotes, speakers


__all__ = ["finish_quotes"]
