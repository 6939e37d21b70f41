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
from reader.analysis.doc_arrays import token_starts
from reader.analysis.direct_quotes import demote_title_lines, promote_complement_fragments, promote_split_fragments
from reader.analysis.entities import NameResolver
from reader.analysis.quote_spans import QuoteSpan
from reader.analysis.record import Quote
from reader.analysis.speaker_syntax import _is_named, _np_span, _speaker
from reader.analysis.speakers import Attribution, attribute
from reader.analysis.statement_model import StatementModel
from reader.analysis.statements import find_statements, merge, statement_speaker
from reader.analysis.transcript import transcript_turns


_NON_WORDS = re.compile(r"\W+")


def _norm(s: str) -> str:
    return _NON_WORDS.sub(" ", s.replace("’", "'").lower()).strip()


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


def _span(tok: Any) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok)


def _cue_span(doc: Any, i: int | None) -> tuple[int, int] | None:
    if i is None:
        return None
    tok = doc[i]
    if tok.lower_ == "according" and i + 1 < len(doc):
        return tok.idx, doc[i + 1].idx + len(doc[i + 1])
    return _span(tok)


def _source_span(text: str, doc: Any, i: int | None, surface: tuple[int, int] | None) -> tuple[int, int] | None:
    if surface is not None:
        return surface
    return None if i is None else _np_span(doc[i], text)


def _retitle(text: str, spans: list[QuoteSpan], atts: list[Attribution],
             title_span: tuple[int, int] | None) -> None:
    """Headline and caption quotes take the speaker of the body quote they repeat."""
    named = [(i, _norm(text[q.start:q.end])) for i, (q, a) in enumerate(zip(spans, atts))
             if a.kind in ("direct", "fragment") and a.speaker and a.named]
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
                    atts[i] = Attribution("fragment" if a.integrated else "direct", src.speaker, src.speaker_type, a.cue, 0.5, "context", None, src.named)
                break
    if title_span:
        for i, (q, a) in enumerate(zip(spans, atts)):
            if title_span[0] <= q.start < title_span[1] and a.kind == "direct" and q.nested_in is None:
                before = text[title_span[0]:max(title_span[0], q.open_mark)].strip()
                if before and not before.endswith(":"):  # a headline fragment, not "Name: ‘...’"
                    a.kind = "fragment" if a.speaker else "scare"


def _same_cue(att: Attribution, cand: Any) -> bool:
    return att.cue_token is None or att.cue_token == cand.cue


def finish_quotes(text: str, doc: Any, spans: list[QuoteSpan], resolver: NameResolver,
                  title_span: tuple[int, int] | None = None,
                  model: StatementModel | None = None) -> tuple[list[Quote], list[tuple[str, str, int, int]]]:
    """Statements and quoted spans for the record, plus (speaker, type, start, end) of each written speaker.

    Without a statements ``model`` only quoted words are found (no indirect statements)."""
    starts = token_starts(doc) if any(q.opening_missing for q in spans) else []
    for q in spans:
        if q.opening_missing:
            _fix_missing_opening(text, doc, q, starts)
    atts, ctx, memory = attribute(text, doc, spans, resolver, title_span[1] if title_span else 0)
    _retitle(text, spans, atts, title_span)
    demote_title_lines(text, spans, atts)
    promote_split_fragments(text, doc, spans, atts)
    promote_complement_fragments(text, doc, spans, atts, lambda pos: _is_heading_line(text, pos, title_span))
    clauses = find_statements(text, doc, spans, model) if model is not None else []
    merged = merge(text, spans, atts, clauses, _same_cue)
    quotes: list[Quote] = []
    speakers: list[tuple[str, str, int, int]] = []

    def written(speaker: str | None, stype: str | None, surface: tuple[int, int] | None, statement: bool = False) -> None:
        if speaker and surface and stype in ("person", "organisation", "document") and any(c.isupper() for c in speaker):
            if statement and re.search(r"[’']s\b", speaker):
                return  # "Pakistan’s Foreign Office": a description, not an entity's name
            if statement and stype != "person":  # the entity is the name as written in the source phrase
                at = text.find(speaker, surface[0], surface[1])
                if at == -1:
                    return
                surface = (at, at + len(speaker))
            elif statement and not set(text[surface[0]:surface[1]].lower().split()) & set(speaker.lower().split()):
                return  # "he", "the mayor": the speaker's mention, not their name (no entity mention)
            speakers.append((speaker, stype, surface[0], surface[1]))

    clause_speakers = []
    terms_taken: set[int] = set()  # scare quotes inside an attributed mixed clause: the clause's speaker's words
    for cand, kind in merged.clauses:
        src = doc[cand.source] if cand.source is not None else None
        speaker, stype, surface = statement_speaker(ctx, memory, src)
        if kind == "mixed" and (speaker is None or not _is_named(src)):
            # the quoted words inside may know their speaker by name ("an analyst told DW that
            # ‘...’" where the quote's own rules found the analyst's name)
            inner = [atts[i] for i in merged.absorbed if cand.start <= spans[i].start < cand.end
                     and atts[i].speaker and atts[i].named]
            if inner:
                speaker, stype = inner[0].speaker, inner[0].speaker_type
        if kind == "mixed" and speaker:
            terms_taken.update(i for i in merged.held.get(id(cand), ()) if atts[i].kind == "scare")
        clause_speakers.append((speaker, stype, surface))
    for i, (q, a) in enumerate(zip(spans, atts)):
        if i in merged.absorbed or i in terms_taken:
            continue
        kind = {"direct": "direct", "fragment": "mixed"}.get(a.kind, "scare")
        speaker = a.speaker if kind != "scare" else None
        stype = a.speaker_type if speaker else None
        cue_span = _cue_span(doc, a.cue_token) if kind != "scare" else None
        source = _source_span(text, doc, a.source_token, a.surface) if kind != "scare" else None
        clause = merged.cue_of.get(i)
        if clause is not None and kind == "direct":
            cue_span = cue_span or clause.cue_span
            if speaker is None and clause.source is not None:
                speaker, stype, _, surface = _speaker(ctx, doc[clause.source], memory)
                source = _source_span(text, doc, clause.source, surface)
        quotes.append(Quote(q.start, q.end, text[q.start:q.end], kind, speaker, stype,
                            a.cue if kind != "scare" else None,
                            round(a.confidence * (0.7 if q.unclosed or q.opening_missing else 1.0), 2),
                            *(cue_span or (None, None)), *(source or (None, None))))
        written(speaker, stype, a.surface)
    for (cand, kind), (speaker, stype, surface) in zip(merged.clauses, clause_speakers):
        source = _source_span(text, doc, cand.source, surface)
        cue = text[cand.cue_span[0]:cand.cue_span[1]]
        for a, b in cand.segments:
            quotes.append(Quote(a, b, text[a:b], kind, speaker, stype if speaker else None, cue,
                                round(cand.score * (0.9 if speaker else 0.6), 2),
                                cand.cue_span[0], cand.cue_span[1], *(source or (None, None))))
        written(speaker, stype, surface, statement=True)
    quotes = transcript_turns(text, quotes, resolver)
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes, speakers


__all__ = ["finish_quotes"]
