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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from reader.analysis.cues import DOCUMENT_NOUNS, PERSON_NOUNS, SUBJECT_PRONOUNS

# how the content hangs on the cue
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "oprd", "nsubjpass", "csubj", "acomp", "attr",
                          "dative", "npadvmod", "acl", "relcl", "appos", "conj", "parataxis", "pcomp", "pobj"})
INVERSE_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj", "relcl", "dep", "acl", "xcomp", "prep"})
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_PUNCT_EDGE = set(",;:—–-(")
_QUOTE_CHARS = set("\"“”‘’'«»")
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


class _Doc:
    """Arrays over one parse, built once: what every candidate asks for."""

    def __init__(self, doc: Any, text: str, quoted: list[tuple[int, int]]) -> None:
        self.doc, self.text = doc, text
        self.idx = [t.idx for t in doc]
        # per token, for the content features of every candidate: verbs before it, where its
        # sentence ends, and the next token that is not punctuation or space
        self.verbs_before, self.sent_end, self.next_word = [0], [0] * len(doc), [len(doc)] * (len(doc) + 1)
        for t in doc:
            self.verbs_before.append(self.verbs_before[-1] + (t.pos_ == "VERB"))
        for sent in doc.sents:
            self.sent_end[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)
        for t in reversed(doc):
            self.next_word[t.i] = self.next_word[t.i + 1] if t.is_punct or t.is_space else t.i
        self.quoted = quoted  # sorted (start, end) of top-level quotations, marks included
        self.quoted_starts = [a for a, _ in quoted]

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def quote_at(self, a: int, b: int) -> bool:
        """Some quotation mark lies in [a, b)."""
        i = bisect_left(self.quoted_starts, a)
        if i < len(self.quoted) and self.quoted[i][0] < b:
            return True
        return i > 0 and self.quoted[i - 1][1] > a


def _segments(tokens: list[Any], text: str) -> list[tuple[int, int]]:
    """Contiguous character runs of tokens (given in order), trimmed of edge punctuation."""
    runs: list[list[Any]] = []
    doc = tokens[0].doc if tokens else None
    for t in tokens:
        # a run goes on across whitespace tokens (a double space, a non-breaking space)
        if runs and (t.i == runs[-1][-1].i + 1 or all(g.is_space and "\n" not in g.text
                                                         for g in doc[runs[-1][-1].i + 1:t.i])):
            runs[-1].append(t)
        else:
            runs.append([t])
    out = []
    for run in runs:
        while run and (run[0].is_space or (run[0].is_punct and run[0].text in _PUNCT_EDGE)):
            run = run[1:]
        while run and (run[-1].is_space or (run[-1].is_punct and run[-1].text not in _QUOTE_CHARS
                                            and run[-1].text not in "?!)")):
            run = run[:-1]
        if run and any(not t.is_punct for t in run):
            a, b = run[0].idx, run[-1].idx + len(run[-1])
            out.append((a, b))
    # a stray one- or two-token piece beside a real segment is usually a parse seam
    if len(out) > 1:
        out = [s for s in out if len(text[s[0]:s[1]].split()) > 1 or s == max(out, key=lambda s: s[1] - s[0])]
    return out


def _subtree(tok: Any, exclude: set[int] = frozenset()) -> list[Any]:
    out = []
    for t in tok.subtree:
        if t.i in exclude:
            continue
        out.append(t)
    return out


def _excluded(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


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
    deps = sorted({c.dep_ for c in cue.children if c.dep_ in CONTENT_DEPS or c.dep_ in ("prep", "agent", "aux",
                                                                                       "auxpass", "neg", "mark")})
    doc = cue.doc
    prev = doc[cue.i - 1] if cue.i > 0 else None
    nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    feats = ["bias", f"w={cue_form}", f"stem={stem}", f"tag={cue.tag_}", f"dep={cue.dep_}", f"src={src}",
             f"stem|src={stem}|{src}", f"stem|tag={stem}|{cue.tag_}", f"stem|dep={stem}|{cue.dep_}",
             f"cue_in_quote={int(d.in_quote(cue.idx))}", f"head={crude_stem(cue.head.lower_)}",
             f"prev={prev.lower_ if prev is not None and (prev.is_stop or prev.is_punct) else prev.pos_ if prev is not None else '^'}",
             f"next={nxt.lower_ if nxt is not None and (nxt.is_stop or nxt.is_punct) else nxt.pos_ if nxt is not None else '$'}"]
    feats += [f"child={dep}" for dep in deps] + [f"stem|child={stem}|{dep}" for dep in deps]
    if source is not None and source.i > cue.i:
        feats.append("inverted")
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        feats.append("to_infinitive")
    if any(c.dep_ == "neg" for c in cue.children):
        feats.append("negated")
    return feats


def content_features(d: _Doc, cue: Any, rel: str, head: Any, segments: list[tuple[int, int]],
                     cue_form: str, cut: str = "none") -> list[str]:
    """Is this the clause the cue reports (of all the cue's candidates)?"""
    text = d.text
    a, b = segments[0][0], segments[-1][1]
    n_words = len(text[a:b].split())
    stem = crude_stem(cue_form.split()[0])
    first = d.doc[bisect_left(d.idx, a)] if a < len(text) else head
    first_w = first.lower_ if first.is_stop or first.is_punct else first.pos_
    quoted = d.quote_at(a, b)
    whole_quote = quoted and text[a:a + 1] in _QUOTE_CHARS and text[b - 1:b] in _QUOTE_CHARS
    after = "after" if a > cue.idx else "before"
    length = _bucket(n_words)
    doc = d.doc
    i_last = bisect_left(d.idx, b) - 1
    last = doc[i_last] if 0 <= i_last < len(doc) else head
    nxt = doc[i_last + 1] if i_last + 1 < len(doc) else None
    last_w = last.lower_ if last.is_stop or last.is_punct else last.pos_
    next_w = "$" if nxt is None else nxt.lower_ if nxt.is_stop or nxt.is_punct else nxt.pos_
    verbs = d.verbs_before[i_last + 1] - d.verbs_before[bisect_left(d.idx, a)] if i_last >= 0 else 0
    # where the content stops against its sentence, and whether it cuts a quotation in half
    sent_end = int(nxt is None or d.next_word[nxt.i] >= d.sent_end[last.i])
    split = f"{int(d.in_quote(a) and text[a:a + 1] not in _QUOTE_CHARS)}{int(d.in_quote(b - 1) and text[b - 1:b] not in _QUOTE_CHARS)}"
    extra = [f"sent_end={sent_end}", f"rel|sent_end={rel}|{sent_end}", f"split_quote={split}"]
    return extra + ["bias", f"rel={rel}", f"hpos={head.pos_}", f"htag={head.tag_}", f"len={length}", f"pos={after}",
            f"first={first_w}", f"stem|rel={stem}|{rel}", f"rel|htag={rel}|{head.tag_}", f"rel|first={rel}|{first_w}",
            f"rel|len={rel}|{length}", f"rel|pos={rel}|{after}", f"segs={min(len(segments), 3)}",
            f"quoted={int(quoted)}{int(whole_quote)}", f"stem|first={stem}|{first_w}", f"stem|len={stem}|{length}",
            f"cut={cut}", f"rel|cut={rel}|{cut}", f"cut|len={cut}|{length}", f"last={last_w}", f"next={next_w}",
            f"rel|next={rel}|{next_w}", f"cut|next={cut}|{next_w}", f"verbs={min(verbs, 4)}",
            f"rel|verbs={rel}|{min(verbs, 4)}", f"last|next={last_w}|{next_w}"]


def _cue_span(d: _Doc, cue: Any, extra: Any | None = None) -> tuple[int, int]:
    toks = [cue] + ([extra] if extra is not None else [])
    toks += [c for c in cue.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - cue.i) <= 3]
    a = min(t.idx for t in toks)
    b = max(t.idx + len(t) for t in toks)
    return a, b


def _candidate(d: _Doc, cue: Any, rel: str, head: Any, tokens: list[Any], source: Any | None,
               cue_form: str, cue_extra: Any | None = None, cue_feats: list[str] | None = None,
               cut: str = "none") -> Candidate | None:
    tokens = [t for t in tokens if not t.is_space]
    if not tokens or len(tokens) > _MAX_TOKENS:
        return None
    segs = _segments(tokens, d.text)
    if not segs or segs[-1][1] - segs[0][0] > MAX_CHARS:
        return None
    if source is not None:  # the source is never part of what it said
        segs = [s for s in segs if not (s[0] <= source.idx < s[1] and len(segs) > 1)] or segs
    feats = content_features(d, cue, rel, head, segs, cue_form, cut)
    return Candidate(cue.i, _cue_span(d, cue, cue_extra), segs, rel, source.i if source is not None else None, feats,
                     cue_feats if cue_feats is not None else cue_features(d, cue, source, cue_form))


def is_cue_shape(tok: Any) -> bool:
    """A word that can head a cue at all: a verb, or a noun/adjective the lexicon knows."""
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


_CUT_DEPS = frozenset({"appos", "relcl", "acl", "advcl", "conj", "cc", "prep", "npadvmod", "parataxis", "dep"})
_MAX_CUTS = 3


def _cuts(head: Any, tokens: list[Any]) -> list[tuple[str, list[Any]]]:
    """Shorter versions of a content: cut before a trailing modifier on its right edge
    (", a flaw that ...", "and said ...", "after prosecutors ..."), nearest the head first."""
    ids = {t.i for t in tokens}
    out: list[tuple[str, list[Any]]] = []
    node = head
    for _ in range(8):
        rights = [c for c in node.rights if c.i in ids]
        for child in rights:
            if child.dep_ not in _CUT_DEPS or (child.dep_ == "prep" and child.i == node.i + 1):
                continue
            cut = child.left_edge.i
            if cut <= head.left_edge.i:
                continue
            prev = head.doc[cut - 1]
            label = child.dep_ + ("," if prev.is_punct else "")
            kept = [t for t in tokens if t.i < cut]
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


def _extension(cue: Any, tokens: list[Any]) -> tuple[str, list[Any]] | None:
    """A longer version of a content after its cue: on to the sentence's end (", but ...",
    "..., cementing ...": PolNeAR's contents often run past the clause the parse gives)."""
    if not tokens or tokens[0].i <= cue.i:
        return None
    last = tokens[-1].i
    end = cue.sent.end
    doc = cue.doc
    for c in cue.rights:  # "urged X to act but has said ...": the cue's own next verb is not its content
        if c.dep_ == "conj" and c.i > last and not any(g.dep_ in SUBJ_DEPS for g in c.children):
            end = min(end, c.left_edge.i)
    if last + 1 >= end:
        return None
    rest = [t for t in doc[last + 1:end] if not t.is_space]
    if not rest or all(t.is_punct for t in rest):
        return None
    nxt = doc[last + 1]
    clause = int(any(t.dep_ in SUBJ_DEPS for t in rest))
    label = f"ext:{_word_class(nxt)}|{_word_class(doc[last + 2] if last + 2 < end else None)}|{clause}"
    return label, tokens + rest


def add_versions(out: list[Candidate], d: _Doc, cue: Any, rel: str, head: Any, toks: list[Any],
                 source: Any | None, form: str, extra: Any | None, cue_feats: list[str], base: str = "none") -> None:
    """A content as the parse gives it (``base`` says how it was read), its shorter cuts and
    its run to the sentence's end."""
    ext = _extension(cue, toks)
    for cut, kept in [(base, toks)] + _cuts(head, toks) + ([ext] if ext else []):
        cand = _candidate(d, cue, rel, head, kept, source, form, extra, cue_feats, cut)
        if cand is not None and not any(c.segments == cand.segments for c in out):
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
        add_versions(out, d, cue, "according", head, _subtree(head, _excluded(cue)), obj, "according to", to, feats)
        return out
    source = subject_of(cue)
    cue_feats = cue_features(d, cue, source, low)
    src_excl = _excluded(source) if source is not None and source.head.i == cue.i else set()

    def add(rel: str, head: Any, toks: list[Any], form: str = low, extra: Any | None = None) -> None:
        add_versions(out, d, cue, rel, head, toks, source, form, extra, cue_feats)

    for child in cue.children:
        dep = child.dep_
        if dep in SUBJ_DEPS and dep != "nsubjpass":
            continue
        if dep == "prep":
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.i > child.i:
                add(f"prep:{child.lower_}", obj, _subtree(obj), f"{low} {child.lower_}", child)
            continue
        if dep not in CONTENT_DEPS or child.is_punct:
            continue
        add(dep, child, _subtree(child, src_excl))
    # everything right of the cue up to the clause end: "called Fields “delusional” for it"
    rights = [c for c in cue.rights if c.dep_ in ("dobj", "oprd", "xcomp", "prep", "ccomp", "dative", "advmod",
                                                  "npadvmod", "acomp")]
    if len(rights) >= 2:
        toks = sorted((t for c in rights for t in c.subtree), key=lambda t: t.i)
        add("rights", rights[0], toks)
    # the cue interrupts or follows its content: "The plan, he said, would fail."
    head = cue.head
    if head.i != cue.i and cue.dep_ in INVERSE_DEPS:
        excl = _excluded(cue)
        toks = _subtree(head, excl)
        add(f"inverse:{cue.dep_}", head, toks)
        # "A, but B, another source said.": the parse hangs the cue on B; the content is all before it
        start, stop = cue.sent.start, cue.left_edge.i
        if toks and start < toks[0].i and toks[-1].i < stop:
            left = [t for t in cue.doc[start:stop] if t.i not in excl]
            clause = int(sum(1 for t in left if t.dep_ in SUBJ_DEPS) > 1)
            add_versions(out, d, cue, f"inverse:{cue.dep_}", head, left, source, low, None, cue_feats,
                         f"left:{_word_class(left[0])}|{clause}")
    return out
