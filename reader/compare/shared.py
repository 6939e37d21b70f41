"""Shared words: the same statement as each outlet carries it, and how each cut it.

Statements of different articles that share words (the rule is in
``reader.compare.align``) are grouped around their longest quoted version,
the *reference*. Each other member is related to it:

* ``verbatim``: the same words (marks, case and punctuation aside);
* ``trimmed``: one contiguous part of the reference;
* ``altered``: words inserted, removed or replaced (shown word by word);
* ``paraphrased``: a reported (indirect) statement whose content overlaps a
  quoted statement of the same speaker.

Candidates are found through shared word triples, so a 2,000-article
selection is not compared pair by pair: a triple that occurs in more than
``COMMON_TRIPLE`` statements ("the prime minister") suggests no pair by
itself, and a pair is aligned only when its triples make a match possible.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Sequence

from reader.compare.align import PARAPHRASE_STEMS, align, content_stems, paraphrases, shares_words
from reader.compare.diff import Piece, member_pieces, paraphrase_pieces, reference_pieces
from reader.compare.inputs import Statement
from reader.compare.text import Tokens, is_content, tokens

RELATIONS = ("longest", "verbatim", "trimmed", "altered", "paraphrased")
COMMON_TRIPLE = 60  # a triple in more wordings than this suggests no pair alone...
RAREST_TRIPLES = 2  # ...except among a wording's rarest two
MAX_POSTING = 2000
MIN_TRIPLE_SHARE = 0.25


@dataclass
class Member:
    statement: Statement
    relation: str  # one of RELATIONS
    pieces: list[Piece] = field(default_factory=list)  # this member against the reference
    covers: tuple[int, int] = (0, 0)  # the reference's words this member spans (token range)
    speaker_differs: bool = False  # another speaker than the reference's


@dataclass
class Group:
    id: int
    reference: Statement
    members: list[Member]  # the reference first

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(m.statement.outlet for m in self.members))

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.statement.path for m in self.members))

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(m.statement.speaker for m in self.members))


def _triples(t: Tokens) -> set[tuple[str, str, str]]:
    w = t.words
    return {(w[i], w[i + 1], w[i + 2]) for i in range(len(w) - 2)
            if is_content(w[i]) or is_content(w[i + 1]) or is_content(w[i + 2])}


def alignment_tokens(st: Statement) -> Tokens:
    """The words a statement is aligned on: a mixed clause's quoted fragments, else all its words."""
    t = tokens(st.text)
    if st.kind != "mixed" or not st.fragments:
        return t
    keep = [i for i, (a, b) in enumerate(t.spans) if any(fa <= a and b <= fb for fa, fb in st.fragments)]
    return Tokens(tuple(t.words[i] for i in keep), tuple(t.spans[i] for i in keep),
                  tuple(t.names[i] for i in keep)) if keep else t


@dataclass
class _Form:
    """One wording (folded tokens) and every statement that has it."""

    tokens: Tokens
    statements: list[int]
    quoted: bool
    triples: set[tuple[str, str, str]] = field(default_factory=set)


def _forms(statements: Sequence[Statement], toks: Sequence[Tokens]) -> list[_Form]:
    by_words: dict[tuple[str, ...], _Form] = {}
    for st, t in zip(statements, toks):
        form = by_words.get(t.words)
        if form is None:
            form = by_words[t.words] = _Form(t, [], False, _triples(t))
        form.statements.append(st.id)
        form.quoted = form.quoted or st.quoted
    return list(by_words.values())


class _Links:
    """Which wordings share words, each pair aligned once."""

    def __init__(self, statements: Sequence[Statement], forms: Sequence[_Form],
                 cancelled: Callable[[], bool]) -> None:
        self.statements, self.forms = statements, forms
        self.edges: dict[int, set[int]] = defaultdict(set)
        self._cancelled = cancelled

    def _paths(self, f: int) -> set[str]:
        return {self.statements[s].path for s in self.forms[f].statements}

    def build(self) -> None:
        # arrays, not lists: 100k lists would each be walked by every garbage collection meanwhile
        postings: dict[tuple[str, str, str], array] = defaultdict(lambda: array("I"))
        for fid, form in enumerate(self.forms):
            for g in form.triples:
                postings[g].append(fid)
        for fid, form in enumerate(self.forms):
            if fid % 500 == 0 and self._cancelled():
                return
            # every triple shared by few wordings, and the rarest two whatever their count,
            # so a quote repeated in hundreds of articles is still found
            ranked = sorted(form.triples, key=lambda g: len(postings[g]))
            shared: dict[int, int] = defaultdict(int)
            forced: set[int] = set()
            for k, g in enumerate(ranked):
                ids = postings[g]
                common = len(ids) > COMMON_TRIPLE
                if common and k >= RAREST_TRIPLES:
                    break
                for other in ids[:MAX_POSTING]:
                    if other > fid:
                        shared[other] += 1
                        if common:
                            forced.add(other)
            mine = self._paths(fid)
            for other, n in shared.items():
                if len(mine) == 1 and mine == self._paths(other):
                    continue  # two wordings of one article
                fewest = max(1, min(len(form.triples), len(self.forms[other].triples)))
                if n >= 3 or n >= MIN_TRIPLE_SHARE * fewest or other in forced:
                    a, b = form.tokens, self.forms[other].tokens
                    if shares_words(a, b, align(a, b)):
                        self._link(fid, other)
        self._paraphrases()

    def _paraphrases(self) -> None:
        by_speaker: dict[str, list[int]] = defaultdict(list)
        for fid, form in enumerate(self.forms):
            for key in {self.statements[s].key for s in form.statements if not self.statements[s].vague}:
                by_speaker[key].append(fid)
        for fids in by_speaker.values():
            reported = [f for f in fids if not self.forms[f].quoted]
            quoted = [f for f in fids if self.forms[f].quoted]
            for r in reported:
                stems = content_stems(self.forms[r].tokens)
                for q in quoted:
                    if (q not in self.edges[r] and self._paths(q) != self._paths(r)
                            and len(stems & content_stems(self.forms[q].tokens)) >= PARAPHRASE_STEMS
                            and paraphrases(self.forms[r].tokens, self.forms[q].tokens)):
                        self._link(r, q)

    def _link(self, a: int, b: int) -> None:
        self.edges[a].add(b)
        self.edges[b].add(a)


def _relation(member: Statement, ref: Statement, m: Tokens, r: Tokens) -> tuple[str, list[Piece], tuple[int, int]]:
    if member.kind == "indirect" and ref.quoted and member.key == ref.key:
        return "paraphrased", paraphrase_pieces(member.text, m, r), (0, len(r))
    pieces, covers, changed = member_pieces(member.text, ref.text, m, r)
    if not changed:
        return ("verbatim" if covers == (0, len(r)) and len(m) == len(r) else "trimmed"), pieces, covers
    return "altered", pieces, covers


def shared_words(statements: Sequence[Statement], cancelled: Callable[[], bool] = lambda: False) -> list[Group]:
    """Groups of statements carrying the same words across articles, most outlets first.

    ``statements`` must be indexed by their ``id`` (``inputs.all_statements``).
    """
    toks = [alignment_tokens(st) for st in statements]
    forms = _forms(statements, toks)
    links = _Links(statements, forms, cancelled)
    links.build()
    candidates = [f for f, form in enumerate(forms) if f in links.edges or len(links._paths(f)) > 1]
    assigned: set[int] = set()
    groups: list[Group] = []
    for fid in sorted(candidates, key=lambda f: (not forms[f].quoted, -len(forms[f].tokens), f)):
        if fid in assigned:
            continue
        linked = [fid, *sorted(o for o in links.edges.get(fid, ()) if o not in assigned)]
        ids = [s for f in linked for s in forms[f].statements]
        if len({statements[s].path for s in ids}) < 2:
            continue
        ref = next((statements[s] for s in forms[fid].statements if statements[s].quoted),
                   statements[forms[fid].statements[0]])
        others = sorted((s for s in ids if s != ref.id),
                        key=lambda s: (statements[s].outlet.casefold(), s))
        members = [Member(ref, "longest", reference_pieces(ref.text, toks[ref.id], [toks[o] for o in others]),
                          (0, len(toks[ref.id])))]
        for o in others:
            relation, pieces, covers = _relation(statements[o], ref, toks[o], toks[ref.id])
            members.append(Member(statements[o], relation, pieces, covers,
                                  speaker_differs=statements[o].key != ref.key))
        assigned.update(linked)
        groups.append(Group(0, ref, members))
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.members), -len(toks[g.reference.id]), g.reference.id))
    for n, group in enumerate(groups, 1):
        group.id = n
    return groups
