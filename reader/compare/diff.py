"""A member of a shared-words group against the longest version, word by word.

Each member becomes a list of pieces, each with the words as that outlet
wrote them and one of these operations:

* ``same``: words it shares with the longest version;
* ``cut``: words of the longest version before or after its part, which this
  outlet left out at the ends (a trimmed quote is ``cut`` + ``same``);
* ``removed``: words of the longest version missing inside its part;
* ``added``: words it has and the longest version lacks (a replaced word is
  ``removed`` + ``added``);
* ``own``: on the longest version, words no other member carries; on a
  paraphrase, its own words (the ones not in the quote).
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from reader.compare.align import content_stems
from reader.compare.text import Tokens, stem

OPS = ("same", "cut", "removed", "added", "own")


@dataclass(frozen=True)
class Piece:
    op: str  # one of OPS
    text: str


def _surface(text: str, t: Tokens, a: int, b: int) -> str:
    return t.surface(text, a, b)


def _push(out: list[Piece], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1].op == op:
        out[-1] = Piece(op, f"{out[-1].text} {text}")
    else:
        out.append(Piece(op, text))


def member_pieces(text: str, ref_text: str, m: Tokens, r: Tokens) -> tuple[list[Piece], tuple[int, int], bool]:
    """(pieces, the reference's token range it covers, whether words were added or removed)."""
    ops = SequenceMatcher(None, r.words, m.words, autojunk=False).get_opcodes()
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        pieces = [Piece("added", text)] if text else []
        return pieces, (0, 0), True
    first, last = equal[0], equal[-1]
    out: list[Piece] = []
    changed = False
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        outside = k < first or k > last
        if op == "equal":
            _push(out, "same", _surface(text, m, j1, j2))
            continue
        if i2 > i1:
            _push(out, "cut" if outside else "removed", _surface(ref_text, r, i1, i2))
            changed = changed or not outside
        if j2 > j1:
            _push(out, "added", _surface(text, m, j1, j2))
            changed = True
    covers = (ops[first][1], ops[last][2])
    return out, covers, changed


def reference_pieces(text: str, r: Tokens, others: Sequence[Tokens]) -> list[Piece]:
    """The longest version with the words some other member carries marked ``same``."""
    covered = [False] * len(r)
    for o in others:
        for i, _j, n in SequenceMatcher(None, r.words, o.words, autojunk=False).get_matching_blocks():
            if n >= 2 or (n == 1 and len(o) == 1):
                covered[i:i + n] = [True] * n
    return _runs(text, r, covered, "same", "own")


def paraphrase_pieces(text: str, m: Tokens, r: Tokens) -> list[Piece]:
    """A reported statement with the words whose stems the quote has marked ``same``."""
    stems = content_stems(r)
    return _runs(text, m, [stem(w) in stems for w in m.words], "same", "own")


def _runs(text: str, t: Tokens, marks: Sequence[bool], yes: str, no: str) -> list[Piece]:
    out: list[Piece] = []
    start = 0
    for i in range(1, len(t) + 1):
        if i == len(t) or marks[i] != marks[start]:
            _push(out, yes if marks[start] else no, _surface(text, t, start, i))
            start = i
    return out


def as_text(pieces: Sequence[Piece]) -> str:
    """A plain-text rendering for the terminal: [-removed-] {+added+} and … for cuts."""
    parts = []
    for p in pieces:
        if p.op == "cut":
            parts.append("…")
        elif p.op == "removed":
            parts.append(f"[-{p.text}-]")
        elif p.op == "added":
            parts.append(f"{{+{p.text}+}}")
        else:
            parts.append(p.text)
    return " ".join(parts)
