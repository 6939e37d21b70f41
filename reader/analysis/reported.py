"""Reported speech in the parse: cue words and the clauses they report.

A statement is a cue (said, told, warned, believes, according to, ...), its
content (the reported clause, PolNeAR/PARC style: "that" included, the
source and the cue left out) and its source (the cue's subject, the agent of
a passive, the object of "according to"). This module reads one cue's candidate
contents from the dependency parse (``candidates`` walks the document and adds
noun and colon cues); ``statement_model`` scores them with weights
learned from PolNeAR train, and ``statements`` turns the winners into records.

Every candidate carries string features describing the construction (the
cue's form, how the content hangs on it, what the subject is), never words
of a particular article, so the same weights hold on outlets never seen.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import filterfalse
from operator import attrgetter
from typing import Any, Sequence

from reader.analysis.cues import DOCUMENT_NOUNS, PERSON_NOUNS, SUBJECT_PRONOUNS
from reader.analysis.doc_arrays import QUOTE_CHARS as _QUOTE_CHARS
from reader.analysis.doc_arrays import DocArrays as _Doc  # the name candidates and content_variants import

# how the content hangs on the cue
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "oprd", "nsubjpass", "csubj", "acomp", "attr",
                          "dative", "npadvmod", "acl", "relcl", "appos", "conj", "parataxis", "pcomp", "pobj"})
INVERSE_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj", "relcl", "dep", "acl", "xcomp", "prep"})
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_index = attrgetter("i")  # a token's index, read in C over a whole content's tokens
_MAX_TOKENS = 160  # a content longer than this is a parse gone wrong, not a clause
MAX_CHARS = 4000  # nor one longer than this


@dataclass
class Candidate:
    """One possible statement: a cue, its content segments and its source."""

    cue: int  # token index of the cue's head word
    cue_span: tuple[int, int]  # characters, e.g. "according to", "called for"
    segments: list[tuple[int, int]]  # content characters (several when the cue interrupts it)
    relation: str  # how the content hangs on the cue: ccomp, dobj, according, inverse:parataxis, ...
    source: int | None = None  # token index of the source's head word
    features: list[str] = field(default_factory=list)  # of the content, given the cue
    cue_features: list[str] = field(default_factory=list)  # of the cue word alone (shared by its candidates)
    score: float = 0.0

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


@lru_cache(maxsize=4096)  # a pure function of the word, asked for every candidate of a cue
def crude_stem(word: str) -> str:
    """said/saying/says -> say-ish: enough to pool a verb's forms without the lemmatizer."""
    w = word.lower()
    for irregular, base in (("said", "say"), ("told", "tell"), ("thought", "think"), ("wrote", "write"),
                            ("written", "write"), ("knew", "know"), ("known", "know"), ("saw", "see"),
                            ("seen", "see"), ("felt", "feel"), ("gave", "give"), ("made", "make"),
                            ("took", "take"), ("taken", "take"), ("spoke", "speak"), ("spoken", "speak"),
                            ("found", "find"), ("heard", "hear"), ("meant", "mean"), ("held", "hold")):
        if w == irregular:
            return base
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w.rstrip("e")


def _subtree(tok: Any, exclude: set[int] = frozenset(), d: _Doc | None = None) -> list[Any]:
    """``tok.subtree`` without the ``exclude`` indices (read from ``d``'s memo when given)."""
    return [t for t in (d.subtree(tok.i) if d is not None else tok.subtree) if t.i not in exclude]


def _excluded(d: _Doc, tok: Any) -> set[int]:
    return set(map(_index, d.subtree(tok.i)))


def subject_of(tok: Any, depth: int = 0) -> Any | None:
    """The cue's source: its subject, a passive's agent, or a chain's subject (he stood and said)."""
    for child in tok.children:
        if child.dep_ in SUBJ_DEPS:
            if child.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                return tok.head
            return _adjacent_appos(child, tok) or child
    for child in tok.children:
        if child.dep_ == "agent":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if tok.dep_ == "xcomp" and tok.head.i != tok.i:  # "forced Stumpf to admit", "left many nations feeling":
        obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)  # the object does it
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return obj
    if depth < 3 and tok.head.i != tok.i and tok.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl", "pcomp"):
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")):
            return tok.head  # "officials who said", "a statement saying"
        if tok.dep_ == "pcomp":
            return subject_of(tok.head.head, depth + 1) if tok.head.head.i != tok.head.i else None
        return subject_of(tok.head, depth + 1)
    return None


def _adjacent_appos(subj: Any, cue: Any) -> Any | None:
    """'To understand the real Dred Scott, Chief Justice Roberts said, …': the parse hangs the
    name right before the cue on the noun before the comma; the name is the one speaking."""
    for c in subj.children:
        if c.dep_ == "appos" and c.right_edge.i + 1 == cue.i and c.left_edge.i > subj.i and \
                cue.i > subj.i and c.ent_type_ == "PERSON" and cue.doc[c.left_edge.i - 1].text == ",":
            return c
    return None


def _source_kind(tok: Any | None) -> str:
    if tok is None:
        return "none"
    low = tok.lower_
    if low in SUBJECT_PRONOUNS or low in ("i", "we", "you", "they"):
        return "pron:" + low if low in ("it", "i", "we", "you", "they") else "pron:3sg"
    if tok.ent_type_:
        return "ent:" + tok.ent_type_
    if low in DOCUMENT_NOUNS:
        return "doc"
    if low in PERSON_NOUNS:
        return "person_noun"
    if tok.pos_ == "PROPN":
        return "propn"
    return "pos:" + tok.pos_


def _bucket(n: int) -> str:
    for limit in (1, 2, 3, 5, 8, 13, 21, 34, 60):
        if n <= limit:
            return str(limit)
    return "many"


def cue_features(d: _Doc, cue: Any, source: Any | None, cue_form: str) -> list[str]:
    """Is this word reporting someone's words or thoughts at all?"""
    stem = crude_stem(cue_form.split()[0])
    src = _source_kind(source)
    i, kids, dep, tag = cue.i, d.children(cue.i), d.dep, d.tag[cue.i]
    deps = sorted({dep[c] for c in kids if dep[c] in CONTENT_DEPS or dep[c] in ("prep", "agent", "aux",
                                                                               "auxpass", "neg", "mark")})
    feats = ["bias", f"w={cue_form}", f"stem={stem}", f"tag={tag}", f"dep={dep[i]}", f"src={src}",
             f"stem|src={stem}|{src}", f"stem|tag={stem}|{tag}", f"stem|dep={stem}|{dep[i]}",
             f"cue_in_quote={int(d.in_quote(d.idx[i]))}", f"head={crude_stem(cue.head.lower_)}",
             f"prev={d.word_class[i - 1] if i > 0 else '^'}",
             f"next={d.word_class[i + 1] if i + 1 < len(d.idx) else '$'}"]
    feats += [f"child={dep}" for dep in deps] + [f"stem|child={stem}|{dep}" for dep in deps]
    if source is not None and source.i > i:
        feats.append("inverted")
    if any(dep[c] == "aux" and d.doc[c].lower_ == "to" for c in kids):
        feats.append("to_infinitive")
    if any(dep[c] == "neg" for c in kids):
        feats.append("negated")
    return feats


def _attachment(d: _Doc, cue: int, rel: str, first: int, last: int, nxt: int | None) -> list[str]:
    """How the content's edges sit in the parse: how many of the cue's own dependents it holds (a
    run to the sentence's end swallows "in a statement", which PolNeAR leaves to the cue), and
    what the next word hangs on (the cue, the content, elsewhere)."""
    kids = [c for c in d.children(cue) if first <= c <= last and not d.is_punct[c]]
    n = min(len(kids), 3)
    out = [f"kids={n}", f"rel|kids={rel}|{n}"]
    if n >= 2:
        out.append(f"kid_last={d.dep[kids[-1]]}")
    word = d.next_word[nxt] if nxt is not None else len(d.idx)
    if word >= len(d.idx) or word >= d.sent_end[last]:
        return out + ["natt=$"]
    h = d.head[word]
    att = "cue" if h == cue else "in" if first <= h <= last else "out"
    return out + [f"natt={att}|{d.dep[word]}", f"rel|natt={rel}|{att}"]


def content_features(d: _Doc, cue: Any, rel: str, head: Any, segments: list[tuple[int, int]],
                     cue_form: str, cut: str = "none") -> list[str]:
    """Is this the clause the cue reports (of all the cue's candidates)?"""
    text = d.text
    a, b = segments[0][0], segments[-1][1]
    n_words = len(text[a:b].split())
    stem = crude_stem(cue_form.split()[0])
    i_first = bisect_left(d.idx, a)
    first_w = d.word_class[i_first if a < len(text) else head.i]
    quoted = d.quote_at(a, b)
    whole_quote = quoted and text[a:a + 1] in _QUOTE_CHARS and text[b - 1:b] in _QUOTE_CHARS
    after = "after" if a > cue.idx else "before"
    length = _bucket(n_words)
    n = len(d.idx)
    i_last = bisect_left(d.idx, b) - 1
    last = i_last if 0 <= i_last < n else head.i
    nxt = i_last + 1 if i_last + 1 < n else None
    last_w = d.word_class[last]
    next_w = "$" if nxt is None else d.word_class[nxt]
    verbs = d.verbs_before[i_last + 1] - d.verbs_before[i_first] if i_last >= 0 else 0
    # where the content stops against its sentence, and whether it cuts a quotation in half
    sent_end = int(nxt is None or d.next_word[nxt] >= d.sent_end[last])
    hpos, htag = d.pos[head.i], d.tag[head.i]
    split = f"{int(d.in_quote(a) and text[a:a + 1] not in _QUOTE_CHARS)}{int(d.in_quote(b - 1) and text[b - 1:b] not in _QUOTE_CHARS)}"
    extra = [f"sent_end={sent_end}", f"rel|sent_end={rel}|{sent_end}", f"split_quote={split}",
             *_attachment(d, cue.i, rel, i_first, last, nxt)]
    return extra + ["bias", f"rel={rel}", f"hpos={hpos}", f"htag={htag}", f"len={length}", f"pos={after}",
            f"first={first_w}", f"stem|rel={stem}|{rel}", f"rel|htag={rel}|{htag}", f"rel|first={rel}|{first_w}",
            f"rel|len={rel}|{length}", f"rel|pos={rel}|{after}", f"segs={min(len(segments), 3)}",
            f"quoted={int(quoted)}{int(whole_quote)}", f"stem|first={stem}|{first_w}", f"stem|len={stem}|{length}",
            f"cut={cut}", f"rel|cut={rel}|{cut}", f"cut|len={cut}|{length}", f"last={last_w}", f"next={next_w}",
            f"rel|next={rel}|{next_w}", f"cut|next={cut}|{next_w}", f"verbs={min(verbs, 4)}",
            f"rel|verbs={rel}|{min(verbs, 4)}", f"last|next={last_w}|{next_w}"]


def _candidate(d: _Doc, cue: Any, rel: str, head: Any, order: list[int], source: Any | None,
               cue_form: str, cue_extra: Any | None = None, cue_feats: list[str] | None = None,
               cut: str = "none", taken: Sequence[Candidate] = ()) -> Candidate | None:
    """The candidate for the content tokens at ``order`` (indices). None for no content, one too
    long, or one whose segments a candidate in ``taken`` already has (found before its features
    are built: they are most of a candidate's cost)."""
    space = d.is_space
    ids = list(filterfalse(space.__getitem__, order))  # no whitespace tokens
    if not ids or len(ids) > _MAX_TOKENS:
        return None
    segs = d.segments(ids)
    if not segs or segs[-1][1] - segs[0][0] > MAX_CHARS:
        return None
    if source is not None:  # the source is never part of what it said
        segs = [s for s in segs if not (s[0] <= source.idx < s[1] and len(segs) > 1)] or segs
    if any(c.segments == segs for c in taken):
        return None
    feats = content_features(d, cue, rel, head, segs, cue_form, cut)
    return Candidate(cue.i, d.cue_span(cue.i, cue_extra.i if cue_extra is not None else None), segs, rel,
                     source.i if source is not None else None, feats,
                     cue_feats if cue_feats is not None else cue_features(d, cue, source, cue_form))


def is_cue_shape(tok: Any) -> bool:
    """A word that can head a cue at all: a verb, or a noun/adjective the lexicon knows."""
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


_CUT_DEPS = frozenset({"appos", "relcl", "acl", "advcl", "conj", "cc", "prep", "npadvmod", "parataxis", "dep"})
_MAX_CUTS = 3


def _cuts(d: _Doc, head: Any, order: list[int]) -> list[tuple[str, list[int]]]:
    """Shorter versions of a content (token indices): cut before a trailing modifier on its right
    edge (", a flaw that ...", "and said ...", "after prosecutors ..."), nearest the head first."""
    ids = set(order)
    out: list[tuple[str, list[int]]] = []
    node, head_edge = head.i, d.left_edge(head.i)
    for _ in range(8):
        rights = [c for c in d.rights(node) if c in ids]
        for child in rights:
            dep = d.dep[child]
            if dep not in _CUT_DEPS or (dep == "prep" and child == node + 1):
                continue
            cut = d.left_edge(child)
            if cut <= head_edge:
                continue
            label = dep + ("," if d.is_punct[cut - 1] else "")
            kept = [i for i in order if i < cut]
            if kept and (not out or len(kept) != len(out[-1][1])):
                out.append((label, kept))
        if not rights:
            break
        node = rights[-1]
    return out[:_MAX_CUTS]


def _word_class(tok: Any | None) -> str:
    if tok is None:
        return "$"
    return tok.lower_ if tok.is_stop or tok.is_punct else tok.pos_


def _extension(d: _Doc, cue: Any, order: list[int]) -> tuple[str, list[int]] | None:
    """A longer version of a content (token indices) after its cue: on to the sentence's end
    (", but ...", "..., cementing ...": PolNeAR's contents often run past the clause the parse gives)."""
    if not order or order[0] <= cue.i:
        return None
    last = order[-1]
    end = d.sent_end[cue.i]
    dep = d.dep
    for c in d.rights(cue.i):  # "urged X to act but has said ...": the cue's own next verb is not its content
        if dep[c] == "conj" and c > last and not any(dep[g] in SUBJ_DEPS for g in d.children(c)):
            end = min(end, d.left_edge(c))
    if last + 1 >= end:
        return None
    rest = list(filterfalse(d.is_space.__getitem__, range(last + 1, end)))
    if not rest or all(map(d.is_punct.__getitem__, rest)):
        return None
    clause = int(any(dep[i] in SUBJ_DEPS for i in rest))
    label = f"ext:{d.word_class[last + 1]}|{d.word_class[last + 2] if last + 2 < end else '$'}|{clause}"
    return label, order + rest


def add_versions(out: list[Candidate], d: _Doc, cue: Any, rel: str, head: Any, toks: list[Any],
                 source: Any | None, form: str, extra: Any | None, cue_feats: list[str], base: str = "none") -> None:
    """A content as the parse gives it (``base`` says how it was read), its shorter cuts and
    its run to the sentence's end."""
    order = list(map(_index, toks))
    ext = _extension(d, cue, order)
    for cut, kept in [(base, order)] + _cuts(d, head, order) + ([ext] if ext else []):
        cand = _candidate(d, cue, rel, head, kept, source, form, extra, cue_feats, cut, out)
        if cand is not None:
            out.append(cand)


def candidates_for(d: _Doc, cue: Any) -> list[Candidate]:
    """Every content the parse offers for one cue word."""
    out: list[Candidate] = []
    low = cue.lower_
    if low == "according":
        to = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
        if to is None or to.lower_ != "to":
            return out
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        head = cue.head
        if head.i == cue.i:
            return out
        feats = cue_features(d, cue, obj, "according to")
        add_versions(out, d, cue, "according", head, _subtree(head, _excluded(d, cue), d), obj, "according to", to,
                     feats)
        return out
    source = subject_of(cue)
    cue_feats = cue_features(d, cue, source, low)
    src_excl = _excluded(d, source) if source is not None and source.head.i == cue.i else set()

    def add(rel: str, head: Any, toks: list[Any], form: str = low, extra: Any | None = None) -> None:
        add_versions(out, d, cue, rel, head, toks, source, form, extra, cue_feats)

    for child in cue.children:
        dep = child.dep_
        if dep in SUBJ_DEPS and dep != "nsubjpass":
            continue
        if dep == "prep":
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.i > child.i:
                add(f"prep:{child.lower_}", obj, _subtree(obj, d=d), f"{low} {child.lower_}", child)
            continue
        if dep not in CONTENT_DEPS or child.is_punct:
            continue
        add(dep, child, _subtree(child, src_excl, d))
    # everything right of the cue up to the clause end: "called Fields “delusional” for it"
    rights = [c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp", "prep", "ccomp", "dative", "advmod",
                                                  "npadvmod", "acomp")]
    if len(rights) >= 2:
        toks = sorted((t for c in rights for t in d.subtree(c.i)), key=_index)
        add("rights", rights[0], toks)
    # the cue interrupts or follows its content: "The plan, he said, would fail."
    head = cue.head
    if head.i != cue.i and cue.dep_ in INVERSE_DEPS:
        excl = _excluded(d, cue)
        toks = _subtree(head, excl, d)
        add(f"inverse:{cue.dep_}", head, toks)
        # "A, but B, another source said.": the parse hangs the cue on B; the content is all before it
        start, stop = cue.sent.start, cue.left_edge.i
        if toks and start < toks[0].i and toks[-1].i < stop:
            left = [t for t in cue.doc[start:stop] if t.i not in excl]
            clause = int(sum(1 for t in left if t.dep_ in SUBJ_DEPS) > 1)
            add_versions(out, d, cue, f"inverse:{cue.dep_}", head, left, source, low, None, cue_feats,
                         f"left:{_word_class(left[0])}|{clause}")
    return out
