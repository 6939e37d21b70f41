"""From scored candidates and quoted spans to statements: direct, mixed and indirect.

Each cue word keeps its best candidate content when the learned model
accepts the word as a cue. Overlapping winners are resolved by score, except
that a clause may hold another cue's clause ("X said that Y believes Z" is
two statements, PARC style). Then the clauses meet the quotation marks:

- a clause that is one quotation (``He said: “...”``) is that direct quote,
  which gains the clause's cue and source if it had none;
- a clause holding quoted words and more (``he said the plan was “a disaster”``,
  ``told DW that “...”``) is one mixed statement: the quoted words are part of it,
  not records of their own (scare quotes inside stay scare quotes);
- a clause without quotation marks is an indirect statement;
- a clause inside a quotation, or cutting across a direct quote with a cue of
  its own, is dropped: the quote already says who speaks.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from typing import Any, Callable

from reader.analysis.quote_spans import QuoteSpan, find_quote_spans
from reader.analysis.candidates import find_candidates
from reader.analysis.reported import MAX_CHARS, Candidate
from reader.analysis.coref import Memory
from reader.analysis.record import Quote
from reader.analysis.cues import FIRST_PERSON, PLURAL_PRONOUNS, SUBJECT_PRONOUNS
from reader.analysis.speaker_syntax import _ORG_LABELS, Attribution, _clean_np, _Ctx, _np_span, _outer, _speaker
from reader.analysis.direct_quotes import whole_quote_segments
from reader.analysis.statement_model import StatementModel


def quoted_regions(text: str, spans: list[QuoteSpan] | None = None) -> list[tuple[int, int]]:
    """Sorted (start, end) of top-level quotations, marks included."""
    spans = find_quote_spans(text) if spans is None else spans
    return sorted(_outer(q, text) for q in spans if q.nested_in is None)


def select(cands: list[Candidate], model: StatementModel) -> list[Candidate]:
    """Each cue word's best-ranked content, when the cue scorer accepts the pair; the more
    probable first where two cues claim the same words."""
    groups: dict[int, list[Candidate]] = {}
    for cand in cands:
        groups.setdefault(cand.cue, []).append(cand)
    chosen = []
    for group in groups.values():
        best = max(group, key=lambda c: model.content.probability(c.features))
        p_cue = model.accept_probability(best.cue_features, best.features)
        if p_cue < model.threshold:
            continue
        best.score = p_cue
        chosen.append(best)
    chosen.sort(key=lambda c: -c.score)
    kept: list[tuple[int, int, Candidate]] = []  # sorted by start: only neighbours can clash
    for cand in chosen:
        lo = bisect_left(kept, (cand.start - _REACH,))
        hi = bisect_left(kept, (cand.end,))
        if any(_clash(cand, k) for _, _, k in kept[lo:hi]):
            continue
        insort(kept, (cand.start, id(cand), cand))
    return [c for _, _, c in kept]


_REACH = MAX_CHARS  # no content is longer, so no clash starts further back


def _clash(a: Candidate, b: Candidate) -> bool:
    """Two statements claim the same words without one holding the other."""
    ov = min(a.end, b.end) - max(a.start, b.start)
    if ov <= 0:
        return False
    inside = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    if inside:  # nested is fine unless they are the same span
        return ov >= 0.9 * max(a.end - a.start, b.end - b.start)
    return True


def find_statements(text: str, doc: Any, spans: list[QuoteSpan], model: StatementModel) -> list[Candidate]:
    """The reported clauses of the parse, selected."""
    return select(find_candidates(doc, text, quoted_regions(text, spans), model.lexicon, model.any_verb,
                                  model.nouns, model.colons, model.open_cues), model)


@dataclass
class Merged:
    """What the clauses did to the quoted spans, for ``refine`` to write records from."""

    clauses: list[tuple[Candidate, str]]  # (clause, "mixed" or "indirect"), in text order
    absorbed: set[int]  # indices of quoted spans that are now part of a mixed clause
    cue_of: dict[int, Candidate]  # a direct quote's clause, when the clause is the quote
    held: dict[int, frozenset[int]] = field(default_factory=dict)  # id(mixed clause) -> the quoted spans it holds


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    marks = "\"'“”‘’«»„‟‹›` \t\r\n\u00a0.,;:!?…—–-"
    while a < b and text[a] in marks:
        a += 1
    while b > a and text[b - 1] in marks:
        b -= 1
    return a, b


def _cover_marks(cand: Candidate, quotes: list[tuple[int, int]]) -> None:
    """Stretch the clause's last segment over the closing marks of the quotations it holds."""
    if not quotes:
        return
    end = max(b for _, b in quotes)
    a, b = cand.segments[-1]
    if b < end and end - b <= 3:
        cand.segments[-1] = (a, end)


def merge(text: str, spans: list[QuoteSpan], atts: list[Attribution], clauses: list[Candidate],
          is_cue_of_quote: Callable[[Attribution, Candidate], bool]) -> Merged:
    """Decide, for each selected clause, whether it is a direct quote, a mixed or an indirect statement."""
    top_outer = {i: _outer(q, text) for i, q in enumerate(spans) if q.nested_in is None}
    top = sorted((r, i) for i, r in top_outer.items())
    starts = [r[0] for r, _ in top]
    out = Merged([], set(), {})
    holds: dict[int, frozenset[int]] = {}  # the quotations each mixed clause holds
    for cand in clauses:
        a, b = cand.start, cand.end
        k = bisect_right(starts, a)
        if k > 0 and top[k - 1][0][0] <= a and b <= top[k - 1][0][1]:
            continue  # words inside a quotation: the quote's speaker speaks
        held, crossing = [], []
        j = max(0, k - 1)
        while j < len(top) and top[j][0][0] < b:
            (qa, qb), i = top[j]
            if qb > a:
                wa, wb = _trim(text, spans[i].start, spans[i].end)  # the quoted words
                (held if qa >= a and wb <= b else crossing).append(i)
            j += 1
        _cover_marks(cand, [top_outer[i] for i in held])
        if any(atts[i].kind == "direct" and not is_cue_of_quote(atts[i], cand) for i in crossing):
            continue
        if not held:
            out.clauses.append((cand, "indirect"))
            continue
        ta, tb = _trim(text, a, b)
        if len(held) == 1:
            q = spans[held[0]]
            qa, qb = _trim(text, q.start, q.end)
            if atts[held[0]].kind == "direct" and (qb - qa) >= 0.8 * (tb - ta):
                if is_cue_of_quote(atts[held[0]], cand):
                    out.cue_of[held[0]] = cand
                continue
        whole = whole_quote_segments(text, cand.segments, cand.cue, held, spans, atts)
        if whole:  # “A,” she said, “B.”: the quotation's parts are direct quotes with this cue, and
            out.cue_of.update((i, cand) for i in whole.values())  # other quoted words keep their own records
            continue
        own = [i for i in held if atts[i].kind == "direct" and not is_cue_of_quote(atts[i], cand)]
        if own:  # the clause runs over a quote that has its own cue: a parse gone too far
            continue
        out.clauses.append((cand, "mixed"))
        out.absorbed.update(i for i in held if atts[i].kind in ("direct", "fragment"))
        holds[id(cand)] = frozenset(held)
    # a mixed clause holding another with the same quotations ("published an article saying that
    # X should “...”"): the quoted words are the inner cue's, not two speakers' words
    mixed = sorted((c.start, -c.end, id(c)) for c, k in out.clauses if k == "mixed")
    outer = {i for (_, e, i), (_, e2, j) in zip(mixed, mixed[1:]) if -e2 <= -e and holds[i] == holds[j]}
    out.clauses = [(c, k) for c, k in out.clauses if id(c) not in outer]
    out.held = {i: h for i, h in holds.items() if i not in outer}
    return out


def statement_speaker(ctx: _Ctx, memory: Memory, tok: Any | None) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(speaker, type, written span) for a statement's source word.

    The quote rules' description first (names, pronouns, documents, known nouns);
    then any other noun phrase as written ("the data", "Companies"): a source the
    reader should see even when it is not a name.
    """
    if tok is None:
        return None, None, None
    if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        tok = tok.head.head  # "officials who said"
    name, stype, _, surface = _speaker(ctx, tok, memory)
    if name:
        return name, stype, surface or (tok.idx, tok.idx + len(tok))
    low = tok.lower_
    if low in SUBJECT_PRONOUNS or low in FIRST_PERSON or low in PLURAL_PRONOUNS or tok.pos_ not in ("NOUN", "PROPN"):
        return None, None, None
    a, b = _np_span(tok, ctx.text)
    phrase = _clean_np(ctx.text[a:b])
    if not phrase:
        return None, None, None
    if tok.text[:1].isupper():
        canon = ctx.resolver.canonical(phrase, tok.idx)
        if tok.ent_type_ == "PERSON" or len(canon.split()) > len(phrase.split()):
            return canon, "person", (a, b)
        if tok.ent_type_ in _ORG_LABELS:
            return phrase, "organisation", (a, b)
    return phrase, "unknown", (a, b)


def quoted_words(quotes: list[Quote], text: str) -> list[Quote]:
    """The record's quoted words alone: direct and scare records as they are, and the quoted
    words inside each mixed statement as records of their own (with its speaker).

    This is the view a gold standard of quotation-marked spans is scored on, and what a
    reader highlights as quoted inside a reported clause.
    """
    spans = find_quote_spans(text)
    inner = {(s.start, s.end) for s in spans}
    out = [q for q in quotes if q.kind in ("direct", "scare") or (q.kind == "mixed" and (q.start, q.end) in inner)]
    have = {(q.start, q.end) for q in out}
    clauses = [q for q in quotes if q.kind == "mixed" and (q.start, q.end) not in inner]
    top = [s for s in spans if s.nested_in is None]
    ends = [s.end for s in top]
    for m in clauses:
        i = bisect_right(ends, m.start)
        while i < len(top) and top[i].start < m.end:
            s = top[i]
            a = m.start if s.opening_missing and s.start < m.start else s.start  # as refine repaired it
            if a >= m.start and s.end <= m.end + 1 and (a, s.end) not in have:
                have.add((a, s.end))
                out.append(Quote(a, s.end, text[a:s.end], "mixed", m.speaker, m.speaker_type, m.cue,
                                 m.confidence, m.cue_start, m.cue_end, m.source_start, m.source_end))
            i += 1
    return sorted(out, key=lambda q: (q.start, -q.end))
