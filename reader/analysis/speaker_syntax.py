"""The parse around a quotation: its sentence frame, cue verbs and the speaker phrase.

Helpers shared by the attribution rules: which tokens frame a quote (its
sentence outside the marks), which of them is a reporting cue, whose subject
that cue has, and who that subject is (a pronoun resolved, a role looked up, a
phrase described by ``speaker_phrases``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from reader.analysis.coref import Memory
from reader.analysis.cues import (DOCUMENT_NOUNS, FIRST_PERSON, NAMING_VERBS, PERSON_NOUNS,
                                  SPEECH_VERBS, SUBJECT_PRONOUNS, TERM_PREPOSITIONS, is_cue_token)
from reader.analysis.entities import NameResolver
from reader.analysis.quote_spans import QuoteSpan
# _ORG_LABELS, _clean_np and _np_span are also read from here by the statements code
from reader.analysis.speaker_phrases import _ORG_LABELS, _clean_np, _describe, _np_span  # noqa: F401

_SENT_END_RAW = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s|$)")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Col|Gen|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Prof|Jan|Feb|Mar|Apr|"
                     r"Aug|Sept?|Oct|Nov|Dec|No|Vol|Inc|Co|Corp|Ltd|vs|Mt|Ft|Ave|Blvd)|\b(?:[A-Za-z]\.){1,3}[A-Za-z])$")


_LOWER_NEXT = re.compile(r"[ \t\u00a0]*[a-z]")


class _SentEnds:
    """Sentence ends that are not abbreviations ("Dec. 2", "Col. Warren", "U.S. officials")."""

    @staticmethod
    def finditer(text: str, a: int, b: int):
        for m in _SENT_END_RAW.finditer(text, a, b):
            if text[m.start()] == "." and m.end() - m.start() == 1 and _ABBREV.search(text, max(a, m.start() - 8), m.start()):
                continue
            if text[m.end() - 1] in ")]" and _LOWER_NEXT.match(text, m.end()):
                continue  # "Sen. Claire McCaskill (D-Mo.) said": the parenthesis ends, the sentence goes on
            yield m


_SENT_END = _SentEnds


_SUBJ_DEPS = ("nsubj", "nsubjpass")



@dataclass
class Attribution:
    kind: str = "scare"
    speaker: str | None = None
    speaker_type: str | None = None
    cue: str | None = None
    confidence: float = 0.5
    how: str = "none"  # explicit | pronoun | context | none
    surface: tuple[int, int] | None = None  # where the speaker is written, for entities
    named: bool = False  # a proper name, not a description such as "one official"
    integrated: bool = False  # inside the writer's own clause (a partial quote or a term)
    cue_token: int | None = None  # index of the cue word in the Doc, when there is one
    source_token: int | None = None  # index of the word naming the speaker (a pronoun too)

    def at(self, tok: Any | None, source: Any | None = None) -> "Attribution":
        """This attribution with its cue word (and the speaker's word) noted."""
        self.cue_token = tok.i if tok is not None else None
        self.source_token = source.i if source is not None else None
        return self


@dataclass
class _Ctx:
    text: str
    doc: Any
    spans: list[QuoteSpan]
    resolver: NameResolver
    starts: list[int] = field(default_factory=list)
    inside: list[tuple[int, int]] = field(default_factory=list)  # top-level quoted regions, marks included
    title_end: int = 0
    roles: Any = None  # roles.RoleBook: who "the mayor" is


def _outer(q: QuoteSpan, text: str) -> tuple[int, int]:
    a = q.open_mark if q.open_mark >= 0 else q.start
    b = q.close_mark + (2 if text[q.close_mark:q.close_mark + 2] == "''" else 1) if q.close_mark >= 0 else q.end
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


PARAGRAPH_REACH = 3000  # attribution never looks further than this from a quote


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    """The paragraph around pos, clipped: a huge one-line text must not make
    every quote scan the whole text (quadratic)."""
    a = text.rfind("\n", max(0, pos - PARAGRAPH_REACH), pos) + 1 or max(0, pos - PARAGRAPH_REACH)
    b = text.find("\n", pos, pos + PARAGRAPH_REACH)
    return a, min(len(text), pos + PARAGRAPH_REACH) if b == -1 else b


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
    k = bisect_left(ctx.inside, (ob, -1))
    nxt = ctx.inside[k] if k < len(ctx.inside) and ctx.inside[k][0] < pb else None
    if nxt is not None and nxt[0] < seg_end:
        seg_end = nxt[0]
    right = seg_end
    if closes_sentence:
        after = text[ob:right].strip()
        words = after.split()
        # "...end.” Khan said." is still an attribution; "...end.” Then he left." is not
        opens_next = nxt is not None and right == nxt[0] and after[-1:] not in (",", ":")
        if opens_next and not after[:1].islower():
            right = ob  # "…neighborhood.” Russia insisted that Pyongyang “stop …”": the next quote's cue
        elif not after or after[0].islower() or (len(words) <= 7 and any(w.lower().strip(".,") in SPEECH_VERBS for w in words)):
            pass
        else:
            right = ob
    return left, oa, ob, right


def _subject(tok: Any, depth: int = 0) -> Any | None:
    for child in tok.children:
        if child.dep_ in _SUBJ_DEPS:
            return child
    if depth < 3 and tok.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl") and tok.head.i != tok.i:
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and (tok.head.lower_ in DOCUMENT_NOUNS | PERSON_NOUNS
                                                          or tok.head.ent_type_ == "PERSON")):
            return tok.head  # "officials who said", "a statement saying", "footage of Clinton asking"
        return _subject(tok.head, depth + 1)
    if depth < 3 and tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
        return _subject(tok.head.head, depth + 1)  # "sings to Clinton before asking her, “…”"
    return None


def _find_cue(ctx: _Ctx, toks: list[Any], prefer_right: bool, q_tokens: list[Any]) -> tuple[Any, str] | None:
    """The reporting cue among frame tokens: (token, cue text)."""
    cands = []
    for t in toks:
        low = t.lower_
        if is_cue_token(t):
            cands.append((t, low))
        elif low == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            cands.append((t, "according to"))
    if not cands:
        return None
    q_first = q_tokens[0].i if q_tokens else 0
    return min(cands, key=lambda c: abs(c[0].i - q_first))


def _speaker_of_cue(ctx: _Ctx, cue: Any, how: str, frame: list[Any],
                    quote_i: int = -1) -> tuple[Any | None, str]:
    """The head token of the speaker of a cue, found among the frame's tokens."""
    in_frame = {t.i for t in frame}
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
    if subj is not None and subj.i in in_frame:
        return subj, "explicit"
    # the parse put the subject inside the quotation or missed it: take the nearest
    # name or pronoun next to the cue ("Trump said", "said Trump")
    def candidate(t: Any) -> bool:
        return (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN" or t.lower_ in SUBJECT_PRONOUNS
                or t.lower_ in PERSON_NOUNS) and t.i in in_frame

    before = [t for t in frame if t.i < cue.i and cue.i - t.i <= 12]
    # after the cue only when the cue follows the quote ("...,” said Trump"), never its content
    after = [t for t in frame if cue.i < t.i <= cue.i + 6] if cue.i > quote_i else []
    for t in reversed(before):
        if t.is_punct and t.text in ".;:?!":
            break
        if candidate(t):
            while t.head.i != t.i and t.dep_ in ("compound", "flat") and t.head.i in in_frame and t.head.i < cue.i:
                t = t.head
            return t, "explicit"
    for t in after:
        if candidate(t):
            while t.head.i != t.i and t.dep_ in ("compound", "flat") and t.head.i in in_frame:
                t = t.head
            return t, "explicit"
    return None, "explicit"


def _governs(cue: Any, q_tokens: list[Any]) -> tuple[bool, bool]:
    """(cue is an ancestor of the quote's root, path passes a preposition/naming verb)."""
    roots = [t for t in q_tokens if t.head.i < q_tokens[0].i or t.head.i > q_tokens[-1].i or t.head.i == t.i]
    for r in roots:
        path_term = False
        node = r
        for _ in range(12):
            if node.dep_ == "pobj" and node.head.lower_ in TERM_PREPOSITIONS:
                path_term = True
            if node.head.i == node.i:
                break
            node = node.head
            if node.i == cue.i or (cue.lower_ == "according" and node.i == cue.head.i):
                return True, path_term
            if node.lower_ in NAMING_VERBS:
                path_term = True
    return False, False


def _cue_text(cue: Any, text: str) -> str:
    if cue.lower_ == "according":
        return "according to"
    obj = next((c for c in cue.children if c.dep_ in ("dative", "dobj") and c.i > cue.i
                and (c.pos_ == "PROPN" or c.ent_type_)), None)
    if cue.lower_ in ("told", "tells", "tell", "telling") and obj is not None:
        a, b = _np_span(obj, text)
        return f"{cue.text} {text[a:b]}"
    return cue.text


_POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}


def _speaker(ctx: _Ctx, tok: Any | None, memory: Memory) -> tuple[str | None, str | None, str, tuple[int, int] | None]:
    """(speaker, type, how, surface) for a subject token, resolving pronouns."""
    if tok is None:
        return None, None, "none", None
    low = tok.lower_
    if tok.dep_ == "poss" and low in _POSSESSIVES:  # "his support of", "its view of": a noun cue's owner
        low = _POSSESSIVES[low]
    if low in SUBJECT_PRONOUNS or low in FIRST_PERSON:
        res = memory.resolve(low, tok.idx)
        if res is None:
            return None, None, "pronoun", None
        return res[0], res[1], "pronoun", None
    if ctx.roles is not None and tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_ == "PERSON" and \
            not any(c.dep_ == "appos" for c in tok.children):  # "the minister, Ann Lee,": the name is here
        role = ctx.roles.resolve(tok, tok.idx, memory.orgs)  # "the mayor" -> the mayor the article named
        if role is not None:
            return role[0], role[1], "role", None
    desc = _describe(ctx, tok)
    if desc is None:
        return None, None, "none", None
    return desc[0], desc[1], "explicit", desc[2]


def _is_named(tok: Any) -> bool:
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
        return True
    return any(t.pos_ == "PROPN" for t in tok.subtree if t.dep_ in ("pobj", "compound", "poss")) \
        and tok.lower_ in DOCUMENT_NOUNS
