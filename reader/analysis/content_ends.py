"""Where a candidate content ends: what its last trailing modifier is, and what a cut left out.

PolNeAR's contents often stop before a trailing piece the parse hangs inside the clause
(", telling reporters …", "and called on X to …", ", who …", ", a charge …") and as often keep
one (", but you're not running", "because …"). The cut versions of ``reported._cuts`` offer
both ends; these features tell the ranker what lies at the seam, so it can learn which
pieces PolNeAR keeps: the piece's relation, its head's tag, whether it has a subject of its
own, the word that opens it (and, but, because, who, which ...), a comma before it, and for a
verb whether it shares the cue's tense ("said X and called …": the cue's own next verb the
parse hung on the content). Only parse labels and function words, never an article's words.
"""
from __future__ import annotations

from typing import Any

from reader.analysis.cues import SPEECH_VERBS

_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_TAIL_DEPS = frozenset({"appos", "relcl", "acl", "advcl", "conj", "prep", "npadvmod", "parataxis", "dep"})
_OPENERS = ("mark", "cc", "preconj")


def _opener(tok: Any) -> str:
    """The function word that opens a piece: its mark, the conjunction before a conjunct,
    the wh-word of a relative clause, or the preposition itself."""
    if tok.dep_ == "prep":
        return tok.lower_
    for c in tok.lefts:
        if c.dep_ in _OPENERS or c.tag_ in ("WDT", "WP", "WP$", "WRB"):
            return c.lower_
    if tok.dep_ == "conj":
        cc = [c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i]
        if cc:
            return cc[-1].lower_
    return "-"


def _comma(tok: Any) -> int:
    """A mark right before the piece, or before the conjunction that opens it."""
    i = tok.left_edge.i - 1
    doc = tok.doc
    if tok.dep_ == "conj" and i >= 0 and doc[i].dep_ == "cc":
        i -= 1
    return int(i >= 0 and doc[i].is_punct)


def _piece(tok: Any, cue: Any) -> str:
    comma = _comma(tok)
    subj = int(any(c.dep_ in _SUBJ for c in tok.children))
    head = tok
    if tok.dep_ == "prep":  # a preposition says little; its object's kind says more
        obj = next((c for c in tok.children if c.dep_ in ("pobj", "pcomp")), None)
        head = obj if obj is not None else tok
    kind = head.ent_type_ or head.tag_
    agree = int(tok.tag_.startswith("VB") and tok.tag_ == cue.tag_)
    speech = int(tok.lower_ in SPEECH_VERBS)  # ", telling reporters …", "and warned …": a second cue
    return f"{tok.dep_}|{kind}|s{subj}|{_opener(tok)}|c{comma}|a{agree}|v{speech}"


def _tail(head: Any, ids: set[int]) -> Any | None:
    """The last trailing modifier on the right spine of the kept tokens."""
    node, last = head, None
    for _ in range(8):
        rights = [c for c in node.rights if c.i in ids and not c.is_punct]
        if not rights:
            break
        child = rights[-1]
        if child.dep_ in _TAIL_DEPS and not (child.dep_ == "prep" and child.i == node.i + 1):
            last = child
        node = child
    return last


def _dropped_head(full: list[Any], kept_ids: set[int], end: int) -> Any | None:
    """The head of what a cut left out: the first left-out word hung outside the left-out run."""
    dropped = [t for t in full if t.i > end and t.i not in kept_ids]
    ids = {t.i for t in dropped}
    for t in dropped:
        if t.is_punct or t.dep_ in _OPENERS or t.head.i in ids:
            continue
        return t
    return None


def end_features(cue: Any, head: Any, full: list[Any], kept: list[Any]) -> list[str]:
    """Features of one version's end: its own last trailing piece, and the piece it cut off."""
    ids = {t.i for t in kept}
    out = []
    tail = _tail(head, ids)
    out.append("tail=" + (_piece(tail, cue) if tail is not None else "none"))
    if tail is not None:
        out.append(f"tail_dep={tail.dep_}|c{_comma(tail)}|v{int(tail.lower_ in SPEECH_VERBS)}")
    if kept and full and kept[-1].i < full[-1].i:
        dropped = _dropped_head(full, ids, kept[-1].i)
        if dropped is not None:
            piece = _piece(dropped, cue)
            dep, _, _, _, comma, _, speech = piece.split("|")
            out += ["drop=" + piece, f"drop_dep={dep}|{comma}|{speech}",
                    f"drop_len={_size(sum(1 for t in full if t.i > kept[-1].i))}"]
    return out


def _size(n: int) -> str:
    return "1" if n <= 1 else "3" if n <= 3 else "8" if n <= 8 else "20" if n <= 20 else "many"
