"""Who said each quote: cue verbs and their subjects in the spaCy parse.

For each quoted span the words around it in its sentence (the frame) are
searched for a reporting cue (said, told, according to, ...). The cue's
grammatical subject is the speaker; pronouns are resolved to the most recent
earlier person (or organisation for "it"); quotes without a cue of their own
inherit from the quote they continue or from the sentence that introduces them.
Short quoted terms with no speaker are scare quotes.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from reader.analysis.cues import (DOCUMENT_NOUNS, FEMALE_HONORIFICS, FEMALE_PRONOUNS, FIRST_PERSON,
                                  MALE_HONORIFICS, MALE_PRONOUNS, NAMING_VERBS, SPEECH_VERBS,
                                  SUBJECT_PRONOUNS, TERM_PREPOSITIONS)
from reader.analysis.entities import NameResolver, strip_titles
from reader.analysis.quote_spans import QuoteSpan

_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s|$)")
_SUBJ_DEPS = ("nsubj", "nsubjpass")
_NP_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "case", "quantmod", "advmod"}
_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}


@dataclass
class Attribution:
    kind: str = "scare"
    speaker: str | None = None
    speaker_type: str | None = None
    cue: str | None = None
    confidence: float = 0.5
    how: str = "none"  # explicit | pronoun | context | none
    surface: tuple[int, int] | None = None  # where the speaker is written, for entities


@dataclass
class _Ctx:
    text: str
    doc: Any
    spans: list[QuoteSpan]
    resolver: NameResolver
    starts: list[int] = field(default_factory=list)
    inside: list[tuple[int, int]] = field(default_factory=list)  # top-level quoted regions, marks included
    title_end: int = 0


def _outer(q: QuoteSpan, text: str) -> tuple[int, int]:
    a = q.open_mark if q.open_mark >= 0 else q.start
    b = q.close_mark + 1 if q.close_mark >= 0 else q.end
    return a, b


def _in_quote(ctx: _Ctx, pos: int) -> bool:
    i = bisect_right(ctx.inside, (pos, 10**12)) - 1
    return i >= 0 and ctx.inside[i][0] <= pos < ctx.inside[i][1]


def _tokens(ctx: _Ctx, a: int, b: int) -> list[Any]:
    """Tokens starting in [a, b) and not inside a quotation."""
    i, j = bisect_left(ctx.starts, a), bisect_left(ctx.starts, b)
    return [t for t in ctx.doc[i:j] if not _in_quote(ctx, t.idx) and not t.is_space]


def _quote_tokens(ctx: _Ctx, q: QuoteSpan) -> list[Any]:
    i, j = bisect_left(ctx.starts, q.start), bisect_left(ctx.starts, q.end)
    return list(ctx.doc[i:j])


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b == -1 else b


def _frame(ctx: _Ctx, q: QuoteSpan) -> tuple[int, int, int, int]:
    """(left start, open mark, after close mark, right end) of the quote's sentence."""
    text = ctx.text
    oa, ob = _outer(q, text)
    pa, pb = _paragraph(text, oa)
    left = pa
    for m in _SENT_END.finditer(text, pa, oa):
        if not _in_quote(ctx, m.start()) or (m.end() <= oa and _in_quote(ctx, m.start()) and
                                               text[m.end() - 1] in "\"”’'"):
            left = m.end()
    # a previous quote that closes a sentence also starts a new one
    right = pb
    inner_end = text[q.start:q.end].rstrip()
    closes_sentence = inner_end[-1:] in ".!?…" if inner_end else False
    seg_end = pb
    for m in _SENT_END.finditer(text, ob, pb):
        if not _in_quote(ctx, m.start()):
            seg_end = m.end()
            break
    nxt = next((s for s in ctx.inside if s[0] >= ob and s[0] < pb), None)
    if nxt is not None and nxt[0] < seg_end:
        seg_end = nxt[0]
    right = seg_end
    if closes_sentence:
        after = text[ob:right].strip()
        words = after.split()
        # "...end.” Khan said." is still an attribution; "...end.” Then he left." is not
        if not after or after[0].islower() or (len(words) <= 7 and any(w.lower().strip(".,") in SPEECH_VERBS for w in words)):
            pass
        else:
            right = ob
    return left, oa, ob, right


def _subject(tok: Any, depth: int = 0) -> Any | None:
    for child in tok.children:
        if child.dep_ in _SUBJ_DEPS:
            return child
    if depth < 3 and tok.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl") and tok.head is not tok:
        if tok.dep_ == "relcl":
            return tok.head
        return _subject(tok.head, depth + 1)
    return None


def _np_span(tok: Any) -> tuple[int, int]:
    """Character span of a noun phrase headed by tok (its left modifiers and compounds)."""
    left = tok
    for child in tok.lefts:
        if child.dep_ in _NP_DEPS:
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = tok
    for child in tok.rights:
        if child.dep_ == "compound" or (child.dep_ == "flat"):
            right = max(right, child, key=lambda t: t.i)
    return left.idx, right.idx + len(right)


def _entity_at(tok: Any) -> Any | None:
    return tok.doc[tok.i].ent_type_ and next((e for e in [tok.doc[tok.i:tok.i + 1].ents[0]] if e), None) \
        if tok.ent_iob_ else None


def _ent_of(tok: Any) -> Any | None:
    if not tok.ent_type_:
        return None
    doc = tok.doc
    a = tok.i
    while a > 0 and doc[a].ent_iob_ == "I":
        a -= 1
    b = tok.i + 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    return doc[a:b]


def _describe(ctx: _Ctx, tok: Any) -> tuple[str, str, tuple[int, int]] | None:
    """(name or description, speaker type, surface span) for the speaker headed by tok."""
    text = ctx.text
    low = tok.lower_
    if low in DOCUMENT_NOUNS:
        for child in tok.children:  # "statement by X", "statement issued by X"
            cands = [child] if child.dep_ == "prep" and child.lower_ in ("by", "from") else []
            if child.dep_ == "acl":
                cands += [g for g in child.children if g.dep_ in ("agent", "prep") and g.lower_ in ("by", "from")]
            for prep in cands:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    a, b = _np_span(obj)
                    return _clean_np(text[a:b]), "document", (a, b)
        a, b = _np_span(tok)
        return _clean_np(text[a:b]), "document", (a, b)
    ent = _ent_of(tok)
    if ent is not None and ent.label_ == "PERSON":
        name = strip_titles(text[ent.start_char:ent.end_char].strip(" ’'s"))
        name = re.sub(r"[’']s$", "", name).strip()
        return ctx.resolver.canonical(name, tok.idx), "person", (ent.start_char, ent.end_char)
    if ent is not None and ent.label_ in _ORG_LABELS and tok.pos_ == "PROPN":
        a, b = ent.start_char, ent.end_char
        return _clean_np(text[a:b]), "organisation", (a, b)
    a, b = _np_span(tok)
    phrase = _clean_np(text[a:b])
    if tok.pos_ == "PROPN":
        return ctx.resolver.canonical(phrase, tok.idx), "person", (a, b)
    if tok.pos_ in ("NOUN", "PROPN"):
        return phrase, ("organisation" if low in _ORG_NOUNS else "person"), (a, b)
    return None


_ORG_NOUNS = frozenset("""government ministry office kremlin administration police army military
company firm party department agency council committee court parliament embassy commission
union bank campaign media newspaper website network group organisation organization""".split())


def _clean_np(s: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", s.strip(), flags=re.I)
    return s.strip(" ,;:")


def _find_cue(ctx: _Ctx, toks: list[Any], prefer_right: bool, q_tokens: list[Any]) -> tuple[Any, str] | None:
    """The reporting cue among frame tokens: (token, cue text)."""
    cands = []
    for t in toks:
        low = t.lower_
        if low in SPEECH_VERBS and t.pos_ in ("VERB", "AUX") or (low in SPEECH_VERBS and t.tag_.startswith("VB")):
            cands.append((t, low))
        elif low == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            cands.append((t, "according to"))
    if not cands:
        return None
    q_first = q_tokens[0].i if q_tokens else 0
    return min(cands, key=lambda c: abs(c[0].i - q_first))


def _speaker_of_cue(ctx: _Ctx, cue: Any, how: str, right_toks: list[Any]) -> tuple[Any | None, str]:
    """The head token of the speaker of a cue."""
    if cue.lower_ == "according":
        to = cue.doc[cue.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None and cue.i + 2 < len(cue.doc):
            obj = cue.doc[cue.i + 2]
            while obj.i + 1 < len(cue.doc) and obj.dep_ in ("compound", "amod", "det") and obj.head.i > obj.i:
                obj = obj.head
        return obj, "explicit"
    subj = _subject(cue)
    if subj is not None and subj.lower_ in ("that", "who", "which") and subj.head is not None:
        subj = subj.head.head if subj.head.dep_ == "relcl" else subj
    if subj is None:
        for t in right_toks:
            if t.i > cue.i and (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"):
                return t, "explicit"
    return subj, "explicit"


def _governs(cue: Any, q_tokens: list[Any]) -> tuple[bool, bool]:
    """(cue is an ancestor of the quote's root, path passes a preposition/naming verb)."""
    roots = [t for t in q_tokens if t.head.i < q_tokens[0].i or t.head.i > q_tokens[-1].i or t.head is t]
    for r in roots:
        path_term = False
        node = r
        for _ in range(12):
            if node.dep_ == "pobj" and node.head.lower_ in TERM_PREPOSITIONS:
                path_term = True
            if node.head is node:
                break
            node = node.head
            if node.i == cue.i or (cue.lower_ == "according" and node.i == cue.head.i):
                return True, path_term
            if node.lower_ in NAMING_VERBS:
                path_term = True
    return False, False
