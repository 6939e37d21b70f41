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
from typing import Any

from reader.analysis.coref import Memory
from reader.analysis.cues import FEMALE_HONORIFICS, MALE_HONORIFICS, SUBJECT_PRONOUNS, is_cue_token, speech_verb_tokens
from reader.analysis.doc_arrays import token_starts
from reader.analysis.entities import NameResolver, strip_titles, without_headline_verb
from reader.analysis.quote_spans import QuoteSpan
from reader.analysis.roles import build_roles
from reader.analysis.speaker_rules import (_adjacent_paragraph, _introducing_sentence, _nested, _recent_subject,
                                           _top_level)
from reader.analysis.speaker_phrases import _clean_name, _describe
from reader.analysis.speaker_syntax import _SUBJ_DEPS, Attribution, _Ctx, _in_quote, _outer, _paragraph, _subject

__all__ = ["Attribution", "attribute"]


def _memory(ctx: _Ctx) -> Memory:
    """People and organisations named outside quotes, and the subjects of reporting verbs."""
    memory = Memory()
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON" or _in_quote(ctx, ent.start_char):
            continue
        name = without_headline_verb(re.sub(r"[’']s$", "", strip_titles(ent.text.strip())).strip())
        if not name or not name[0].isupper() or "\n" in name:
            continue
        canon = ctx.resolver.canonical(name, ent.start_char)
        subj = ent.root.dep_ in _SUBJ_DEPS or (ent.root.dep_ == "appos" and ent.root.head.dep_ in _SUBJ_DEPS)
        subj = subj and ent.start_char >= ctx.title_end  # a headline's subject is weak evidence
        prev = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        gender = "m" if prev in MALE_HONORIFICS else "f" if prev in FEMALE_HONORIFICS else None
        memory.add_person(ent.start_char, canon, subj, gender)
    for tok in speech_verb_tokens(ctx.doc):  # the only words is_cue_token can accept
        if not is_cue_token(tok) or _in_quote(ctx, tok.idx):
            continue
        subj = _subject(tok)
        if subj is None or subj.lower_ in SUBJECT_PRONOUNS or _in_quote(ctx, subj.idx):
            continue
        desc = _describe(ctx, subj)
        if desc is None:
            continue
        if desc[1] == "person" and subj.pos_ == "PROPN":
            memory.add_person(desc[2][0], desc[0], True)
        elif desc[1] in ("document", "organisation"):
            memory.add_org(desc[2][0], desc[0], desc[1])
    return memory


def attribute(text: str, doc: Any, spans: list[QuoteSpan], resolver: NameResolver,
              title_end: int = 0) -> tuple[list[Attribution], _Ctx, Memory]:
    """One Attribution per span (same order): kind, speaker, cue and confidence; plus the
    parse context and the memory of people, which reported speech resolves its sources with."""
    ctx = _Ctx(text, doc, spans, resolver, token_starts(doc),
               sorted(_outer(q, text) for q in spans if q.nested_in is None), title_end)
    ctx.roles = build_roles(doc, resolver.canonical, _clean_name, title_end)
    memory = _memory(ctx)
    out: list[Attribution] = [Attribution() for _ in spans]
    by_start = {q.start: i for i, q in enumerate(spans)}
    last_in_para: dict[int, int] = {}
    prev_quote: int | None = None
    for i, q in enumerate(spans):
        try:
            if q.nested_in is not None:
                out[i] = _nested(ctx, q, spans[by_start[q.nested_in]] if q.nested_in in by_start else None, memory)
                continue
            att = _top_level(ctx, q, memory)
            para = _paragraph(text, q.start)
            if att.speaker is None and att.kind == "direct":
                src = None
                if q.continuation_of is not None and q.continuation_of in by_start:
                    src = out[by_start[q.continuation_of]]
                elif para[0] in last_in_para:
                    src = out[last_in_para[para[0]]]
                elif prev_quote is not None and _adjacent_paragraph(text, spans[prev_quote], q):
                    src = out[prev_quote]
                if src is not None and src.speaker and src.kind in ("direct", "fragment"):
                    att = Attribution("direct", src.speaker, src.speaker_type, None, 0.6, "context", None, src.named)
                else:
                    intro = _introducing_sentence(ctx, q, memory)
                    if intro is None and att.how == "context" and len(text[q.start:q.end].split()) >= 4:
                        intro = _recent_subject(text, q, memory)
                    if intro is not None:
                        att = intro
            if att.speaker and att.surface:
                if att.speaker_type == "person":
                    memory.add_person(att.surface[0], att.speaker, True)
                else:
                    memory.add_org(att.surface[0], att.speaker, att.speaker_type or "unknown")
            out[i] = att
            if att.kind in ("direct", "fragment"):
                last_in_para[para[0]] = i
                prev_quote = i
        except Exception:  # a parse we cannot read: leave this quote unattributed
            out[i] = Attribution("direct" if len(text[q.start:q.end].split()) > 3 else "scare", confidence=0.1)
    return out, ctx, memory
