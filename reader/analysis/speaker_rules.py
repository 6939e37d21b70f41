"""Attribution rules for one quotation, from the most to the least explicit evidence.

A cue in the quote's own sentence (said, told, according to), a name signed
after a dash, a clause ending in a colon, a naming verb, a nested quote's
reporting verb, and finally the sentence or paragraph that introduces it.
Quotes inside the writer's own clause are "fragment"; terms are "scare".
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from reader.analysis.coref import Memory
from reader.analysis.cues import DOCUMENT_NOUNS, NAMING_VERBS, SPEECH_VERBS, _inflect, is_cue_token
from reader.analysis.quote_spans import QuoteSpan
from reader.analysis.speaker_syntax import (_SENT_END, _SUBJ_DEPS, Attribution, _Ctx, _cue_text, _find_cue, _frame,
                                            _governs, _is_named, _paragraph, _quote_tokens, _speaker,
                                            _speaker_of_cue, _subject, _tokens)


def _intro_left(ltoks: list[Any], cue: Any | None) -> bool:
    """The words before the quote introduce it: 'X said:', 'X told Y that', or nothing."""
    if not ltoks:
        return True
    last = ltoks[-1]
    if last.text in (":", ",", "—", "–", "-"):
        return True
    if cue is not None and (last.i == cue.i or (last.lower_ == "that" and last.i - cue.i <= 4 and last.i > cue.i)):
        return True
    return cue is not None and cue.i < last.i and all(t.head.i == cue.i or t.head.head.i == cue.i for t in ltoks if t.i > cue.i)


def _top_level(ctx: _Ctx, q: QuoteSpan, memory: Memory) -> Attribution:
    att = _top_level_inner(ctx, q, memory)
    left, oa, _, _ = _frame(ctx, q)
    before = ctx.text[left:oa].rstrip()
    att.integrated = bool(before) and before[-1] not in ":,;—–-([" + "\"”’'"
    return att


def _top_level_inner(ctx: _Ctx, q: QuoteSpan, memory: Memory) -> Attribution:
    text = ctx.text
    left, oa, ob, right = _frame(ctx, q)
    ltoks, rtoks = _tokens(ctx, left, oa), _tokens(ctx, ob, right)
    ltoks = [t for t in ltoks if not t.is_punct or t.text in ":,—–-"]
    qtoks = _quote_tokens(ctx, q)
    inner = text[q.start:q.end]
    words = len(inner.split())
    ends_comma = inner.rstrip()[-1:] in ",?!" or text[ob:ob + 2].lstrip()[:1] == ","
    rc = _find_cue(ctx, rtoks, True, qtoks)
    lc = _find_cue(ctx, ltoks, False, qtoks)
    cue = None
    if rc is not None and (ends_comma or not ltoks or lc is None):
        cue = rc
    elif lc is not None:
        cue = lc
    elif rc is not None:
        cue = rc
    embedded = not _intro_left(ltoks, cue[0] if cue else None)
    before = text[left:oa].rstrip()
    integrated = bool(before) and before[-1] not in ":,;—–-([" + "\"”’'"
    if cue is None and not integrated:
        dash = _dash_signature(ctx, ob, right, memory)
        if dash is not None:
            return dash
    if cue is None:
        if integrated:
            named_label = (_naming_subject(ctx, qtoks, memory) or _as_put_it(ctx, ltoks, memory)
                           or (_judging_subject(ctx, qtoks, memory) if words < 8 else None))
            if named_label is not None:
                return named_label
            if words >= 8:
                gov = _governing_subject(ctx, qtoks, memory) or _document_before(ctx, q, memory)
                if gov is not None:
                    gov.kind = "fragment"
                    return gov
            return Attribution("scare", confidence=0.5)
        if before.endswith(","):
            as_clause = _as_put_it(ctx, ltoks, memory)  # "as The Daily Beast called them, “...”"
            if as_clause is not None:
                as_clause.kind = "fragment" if words <= 4 else "direct"  # 'As Lee said, “We will win.”'
                return as_clause
        if before.endswith(":"):
            colon = _colon_intro(ctx, ltoks, memory)
            if colon is not None:
                return colon
        if words >= 3 and not embedded and not [t for t in rtoks if not t.is_punct]:
            return Attribution("direct", confidence=0.3, how="context")
        if words >= 8:
            return _governing_subject(ctx, qtoks, memory) or Attribution("direct", confidence=0.2, how="context")
        return Attribution("scare", confidence=0.6)
    tok, text_cue = cue
    governed, termish = _governs(tok, qtoks) if qtoks else (False, False)
    if integrated and not governed and words < 8:  # "X called the plan “nonsense”, and officials said …":
        own = _naming_subject(ctx, qtoks, memory) or _judging_subject(ctx, qtoks, memory)  # not that cue's
        if own is not None:
            return own
    if embedded and words <= 2 and (not governed or termish):
        return Attribution("scare", confidence=0.5)
    if embedded and termish:
        return Attribution("scare", confidence=0.4)
    subj, _ = _speaker_of_cue(ctx, tok, "explicit", ltoks + rtoks, qtoks[-1].i if qtoks else -1)
    name, stype, how, surface = _speaker(ctx, subj, memory)
    if subj is not None and subj.idx >= q.start and subj.idx < q.end:
        name, stype = None, None
    conf = 0.9 if how == "explicit" else 0.75
    if name is None:
        conf = 0.4
    named = name is not None and subj is not None and (how == "pronoun" or _is_named(subj))
    if integrated:
        if name is None:
            return Attribution("scare", confidence=0.4)
        return Attribution("fragment", name, stype, _cue_text(tok, ctx.text), conf * 0.9, how, surface, named).at(tok, subj)
    return Attribution("direct", name, stype, _cue_text(tok, ctx.text), conf, how, surface, named).at(tok, subj)


_DASH_RE = re.compile(r"\s*[—―–-]{1,2}\s*")


def _dash_signature(ctx: _Ctx, ob: int, right: int, memory: Memory) -> Attribution | None:
    """'“...” ― Jane Doe, a teacher': a name signed after a dash."""
    m = _DASH_RE.match(ctx.text, ob)
    right = _paragraph(ctx.text, ob)[1]
    if not m or m.end() >= right or "\n" in ctx.text[ob:m.end()]:
        return None
    toks = _tokens(ctx, m.end(), right)
    if not toks or not (toks[0].ent_type_ == "PERSON" or toks[0].pos_ == "PROPN"):
        return None
    head = toks[0]
    while head.head.i != head.i and head.head.i in {t.i for t in toks} and head.dep_ in ("compound", "flat"):
        head = head.head
    name, stype, how, surface = _speaker(ctx, head, memory)
    if not name:
        return None
    return Attribution("direct", name, stype, "—", 0.6, "explicit", surface, True)


def _naming_subject(ctx: _Ctx, qtoks: list[Any], memory: Memory) -> Attribution | None:
    """'Trump called the plan “a disaster”': a named subject's own label for something."""
    if not qtoks:
        return None
    node = qtoks[0]
    while node.head.i != node.i and qtoks[0].i <= node.head.i <= qtoks[-1].i:
        node = node.head
    verb = node.head
    if verb.lower_ in ("as", "to") and node.dep_ in ("pobj", "pcomp") and verb.head.lower_ in _CHARACTERISING:
        node, verb = verb, verb.head  # "likened the rules to “...”", "dismissed Estonia as “...”"
        if node.dep_ != "prep":
            return None
    elif verb.i == node.i or verb.lower_ not in NAMING_VERBS or verb.lower_ in ("known", "named", "titled", "so-called"):
        return None
    elif node.dep_ not in ("oprd", "dobj", "attr", "xcomp", "ccomp", "npadvmod", "dep", "advcl", "acomp"):
        return None
    if verb.dep_ == "acl" and (verb.head.ent_type_ == "PERSON" or _named_in_apposition(verb.head)) \
            and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
            and not any(c.dep_ in _SUBJ_DEPS for c in verb.children):
        # "which Apple's chief executive, Tim Cook, called “…”": the parse made the verb describe the name
        name, stype, how, surface = _speaker(ctx, verb.head, memory)
        return Attribution("fragment", name, stype, verb.text, 0.5, how, surface, True).at(verb, verb.head) if name else None
    return _named_subject_of(ctx, verb, ("nsubj",), memory)


def _judging_subject(ctx: _Ctx, qtoks: list[Any], memory: Memory) -> Attribution | None:
    """'Reid has been pounding Trump as a “con artist”', 'accused Kim of “fanatic recklessness”':
    the quoted words are the verdict of the named subject of the judging verb they hang under.

    The walk goes up to the first verb with a subject outside the quote (a verb whose subject
    is inside it is the quote's own, or a dash the parser took for a verb) and stops there."""
    if not qtoks:
        return None
    inside = range(qtoks[0].i, qtoks[-1].i + 1)
    node = qtoks[0]
    while node.head.i != node.i and node.head.i in inside:
        node = node.head
    for steps, verb in enumerate(node.ancestors):
        if steps > 5 or verb.dep_ in ("relcl", "acl") and verb.i not in inside:
            return None
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i in inside:
            continue
        if subj.dep_ != "nsubj" or verb.lower_ not in _JUDGING:
            return None
        return _named_subject_of(ctx, verb, ("nsubj",), memory)
    return None


# verbs whose object is judged with the quoted words: praise, blame, ridicule
_JUDGING = frozenset(f for lemma in """accuse blast slam pound criticize criticise condemn denounce dismiss deride mock ridicule
praise laud hail applaud commend tout brand label dub describe characterize characterise portray paint cast liken
compare decry attack lambaste chide rebuke scold thank credit blame fault castigate excoriate berate""".split()
                     for f in _inflect(lemma)) | {"cast", "painted", "paints", "painting"}


def _named_subject_of(ctx: _Ctx, verb: Any, deps: tuple[str, ...], memory: Memory) -> Attribution | None:
    """The words belong to the verb's subject when it is a name, he/she or a description with a name beside it."""
    subj = next((c for c in verb.children if c.dep_ in deps), None)
    if subj is None or not (_is_named(subj) or subj.lower_ in ("he", "she") or _named_in_apposition(subj)):
        return None
    name, stype, how, surface = _speaker(ctx, subj, memory)
    if not name:
        return None
    return Attribution("fragment", name, stype, verb.text, 0.5, how, surface, True).at(verb, subj)


# verbs that characterise someone's object with quoted words: "likened the rules to “...”"
_CHARACTERISING = frozenset({"likened", "likens", "compared", "compares", "dismissed", "dismisses", "described",
                             "describes", "characterized", "characterised", "portrayed", "portrays", "denounced",
                             "denounces", "branded", "cast", "casts", "derided", "derides", "mocked", "mocks"})
# "as X put it", "as X called them": the writer hands the following words to X
_AS_VERBS = frozenset({"put", "puts", "called", "calls", "described", "describes", "said", "says", "wrote", "writes",
                       "noted", "notes", "phrased", "dubbed", "termed", "joked", "quipped"})


def _named_in_apposition(tok: Any) -> bool:
    """'Apple's chief executive, Tim Cook,': a description with the name beside it."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
                                      for c in tok.children)


def _as_put_it(ctx: _Ctx, ltoks: list[Any], memory: Memory) -> Attribution | None:
    """'..., as The New Yorker put it, “the operator.”': quoted words the writer credits with an as-clause."""
    for verb in reversed(ltoks):
        if verb.lower_ not in _AS_VERBS or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            continue
        return _named_subject_of(ctx, verb, _SUBJ_DEPS, memory)
    return None


def _document_before(ctx: _Ctx, q: QuoteSpan, memory: Memory) -> Attribution | None:
    """'A statement by X did not mention Y. The leaders “...”': words from the document just named."""
    left, oa, _, _ = _frame(ctx, q)
    pa, _ = _paragraph(ctx.text, oa)
    if left <= pa:
        return None
    toks = _tokens(ctx, max(pa, left - 400), left)
    for tok in reversed(toks):
        if tok.dep_ in _SUBJ_DEPS and tok.lower_ in DOCUMENT_NOUNS:
            name, stype, how, surface = _speaker(ctx, tok, memory)
            if name and stype == "document":
                return Attribution("fragment", name, stype, None, 0.35, "context", surface, _is_named(tok))
    return None


def _colon_intro(ctx: _Ctx, ltoks: list[Any], memory: Memory) -> Attribution | None:
    """'The board was conclusive in its findings: “...”': the introducing clause's subject."""
    if len(ltoks) >= 2 and ltoks[-1].text == ":" and ltoks[-2].ent_type_ == "PERSON":  # "- Carl Bialik: “...”"
        name, stype, how, surface = _speaker(ctx, ltoks[-2], memory)
        if name:
            return Attribution("direct", name, stype, ":", 0.6, how, surface, True)
    verbs = [t for t in ltoks if t.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJ_DEPS for c in t.children)]
    if not verbs:
        return None
    verb = min(verbs, key=lambda t: (len(list(t.ancestors)), -t.i))
    subj = _subject(verb)
    name, stype, how, surface = _speaker(ctx, subj, memory)
    if not name or subj is None or subj.lower_ in ("it", "this", "that", "there", "what"):
        return None
    named = how == "pronoun" or _is_named(subj)
    return Attribution("direct", name, stype, verb.text + ":", 0.6, how, surface, named).at(verb, subj)


def _governing_subject(ctx: _Ctx, qtoks: list[Any], memory: Memory) -> Attribution | None:
    """'X described the plan as “...”': the named subject of the verb the quote hangs on."""
    if not qtoks:
        return None
    node = qtoks[0]
    while node.head.i != node.i and qtoks[0].i <= node.head.i <= qtoks[-1].i:
        node = node.head
    for anc in node.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            subj = next((c for c in anc.children if c.dep_ in _SUBJ_DEPS), None)
            if subj is not None and _is_named(subj) and not subj.lower_ in DOCUMENT_NOUNS:
                name, stype, how, surface = _speaker(ctx, subj, memory)
                if name:
                    return Attribution("direct", name, stype, anc.text, 0.35, "explicit", surface, True).at(anc, subj)
            return None
    return None


def _nested(ctx: _Ctx, q: QuoteSpan, outer: QuoteSpan | None, memory: Memory) -> Attribution:
    """A quote inside a quote: words reported by someone the outer quote names."""
    qtoks = _quote_tokens(ctx, q)
    if not qtoks or outer is None:
        return Attribution("scare", confidence=0.4)
    doc = ctx.doc
    i0 = bisect_left(ctx.starts, outer.start)
    before = [t for t in doc[i0:qtoks[0].i] if t.sent == qtoks[0].sent]
    cues = [t for t in before if t.lower_ in SPEECH_VERBS and t.tag_.startswith("VB")]
    for cue in reversed(cues):
        governed, termish = _governs(cue, qtoks)
        if governed and not termish:
            subj = _subject(cue)
            name, stype, how, surface = _speaker(ctx, subj, memory)
            if name:
                return Attribution("fragment", name, stype, cue.text, 0.6, how, surface).at(cue, subj)
    root = next((t for t in qtoks if t.head.i < qtoks[0].i or t.head.i > qtoks[-1].i), None)
    if root is not None and root.pos_ == "VERB" and len(qtoks) <= 3:
        subj = next((c for c in root.children if c.dep_ in _SUBJ_DEPS), None)
        if subj is not None and subj.ent_type_ == "PERSON":
            name, stype, how, surface = _speaker(ctx, subj, memory)
            return Attribution("fragment", name, stype, None, 0.5, how, surface)
    return Attribution("scare", confidence=0.4)


def _introducing_sentence(ctx: _Ctx, q: QuoteSpan, memory: Memory) -> Attribution | None:
    """'X said that ... . “Quote.”': the sentence before a speakerless quote names the speaker."""
    text = ctx.text
    left, oa, _, _ = _frame(ctx, q)
    pa, _ = _paragraph(text, oa)
    if left > pa:
        lo = pa
        for m in _SENT_END.finditer(text, pa, max(pa, left - 1)):
            if m.end() < left - 1:
                lo = m.end()
        region = (lo, left)
    else:  # the quote opens its paragraph: a previous paragraph ending with a colon
        prev_end = pa - 1
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end <= 0 or text[prev_end - 1] != ":":
            return None
        ppa, _ = _paragraph(text, prev_end - 1)
        region = (ppa, prev_end)
    toks = _tokens(ctx, *region)
    cues = [t for t in toks if is_cue_token(t)]
    cues.sort(key=lambda t: (len(list(t.ancestors)), -t.i))
    for cue in cues:
        subj = _subject(cue)
        name, stype, how, surface = _speaker(ctx, subj, memory)
        if name:
            named = subj is not None and (how == "pronoun" or _is_named(subj))
            return Attribution("direct", name, stype, cue.text, 0.5, "context", surface, named).at(cue, subj)
    return None


def _recent_subject(text: str, q: QuoteSpan, memory: Memory) -> Attribution | None:
    """A free-standing quote with no cue continues the person the text was just about."""
    a = q.open_mark if q.open_mark >= 0 else q.start
    pa = text.rfind("\n", 0, a)
    window = text.rfind("\n", 0, max(0, pa - 1)) if pa > 0 else 0
    cands = [(p, n) for p, n, subj in memory.people if subj and window <= p < a]
    if not cands:
        return None
    return Attribution("direct", cands[-1][1], "person", None, 0.35, "context", None, True)


def _adjacent_paragraph(text: str, prev: QuoteSpan, q: QuoteSpan) -> bool:
    """The previous paragraph ends with prev's attribution and this one opens with q."""
    pa, _ = _paragraph(text, q.start)
    if q.open_mark != pa + (len(text[pa:q.open_mark]) - len(text[pa:q.open_mark].lstrip())):
        return False
    between = text[prev.end:pa]
    return between.count("\n\n") + between.count("\n") <= 3 and len(between) < 120
