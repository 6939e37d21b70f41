"""One parse's token attributes as plain lists, built once per document.

spaCy makes a new Python ``Token`` for every ``doc[i]``, ``tok.head`` or child it hands out,
and looks every string attribute (``pos_``, ``dep_``, ``lower_``) up in the string store. The
candidate walk of ``reported`` asks the same few questions of the same tokens for each of
the thousands of candidate contents in an article; reading them from lists instead is most
of what that walk costs less. Every value here is the one the ``Token`` attribute gives.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Any

# spaCy is imported where a parse is read, not with this module: importing the analysis stays cheap

_PUNCT_EDGE = set(",;:—–-(")
QUOTE_CHARS = set("\"“”‘’'«»")


def _strings(vocab: Any, keys: list[int]) -> list[str]:
    """String-store keys as their strings (``tag_``, ``dep_``), each distinct key looked up once."""
    names = {k: vocab[k] for k in set(keys)}
    return list(map(names.__getitem__, keys))


def token_starts(doc: Any) -> list[int]:
    """``[t.idx for t in doc]``, without making a Token of each."""
    from spacy.attrs import IDX

    return doc.to_array(IDX).tolist() if len(doc) else []


def token_pos(doc: Any) -> list[str]:
    """``[t.pos_ for t in doc]``, from one to_array column."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import NAMES as POS_NAMES

    return [POS_NAMES[p] for p in doc.to_array(POS).tolist()] if len(doc) else []


class DocArrays:
    """Per-token lists over one parse (index = token index), and memos of tree walks."""

    def __init__(self, doc: Any, text: str, quoted: list[tuple[int, int]]) -> None:
        from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, IS_STOP, LENGTH, LOWER, ORTH, POS, TAG
        from spacy.parts_of_speech import NAMES as POS_NAMES

        self.doc, self.text = doc, text
        n = len(doc)
        attrs = [IDX, LENGTH, POS, TAG, DEP, LOWER, ORTH, IS_PUNCT, IS_SPACE, IS_STOP, HEAD]
        cols = doc.to_array(attrs).T.tolist() if n else [[] for _ in attrs]
        idx, self.length, pos, tag, dep, lower, orth, punct, space, stop, head = cols
        vocab = doc.vocab.strings
        # the head's index: HEAD is relative, and to_array's unsigned array wraps a head to the left
        self.head = [i + (h - (1 << 64) if h >= 1 << 63 else h) for i, h in enumerate(head)]
        self.idx, self.pos = idx, [POS_NAMES[p] for p in pos]
        self.tag, self.dep = _strings(vocab, tag), _strings(vocab, dep)
        self.is_punct, self.is_space = [p != 0 for p in punct], [p != 0 for p in space]
        # the text of punctuation and whitespace tokens ("" for the rest): what trimming a segment reads
        marks = {k: vocab[k] for k in {o for o, pu, sp in zip(orth, punct, space) if pu or sp}}
        self.marks = [marks[o] if pu or sp else "" for o, pu, sp in zip(orth, punct, space)]
        # how a word shows in a feature: stop words and punctuation as themselves (lower case), others by
        # part of speech
        low = {k: vocab[k] for k in {lo for lo, st, pu in zip(lower, stop, punct) if st or pu}}
        self.word_class = [low[lo] if st or pu else p for lo, p, st, pu in zip(lower, self.pos, stop, punct)]
        # per token, for the content features of every candidate: verbs before it, where its
        # sentence ends, and the next token that is not punctuation or space
        self.verbs_before = [0, *accumulate(int(p == "VERB") for p in self.pos)]
        self.sent_end = [0] * n
        for sent in doc.sents:
            self.sent_end[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)
        self.next_word = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            self.next_word[i] = self.next_word[i + 1] if self.is_punct[i] or self.is_space[i] else i
        self.quoted = quoted  # sorted (start, end) of top-level quotations, marks included
        self.quoted_starts = [a for a, _ in quoted]
        self._rights: dict[int, list[int]] = {}
        self._children: dict[int, list[int]] = {}
        self._left_edge: dict[int, int] = {}
        self._subtrees: dict[int, list[Any]] = {}
        self._cue_spans: dict[tuple[int, int | None], tuple[int, int]] = {}

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def quote_at(self, a: int, b: int) -> bool:
        """Some quotation mark lies in [a, b)."""
        i = bisect_left(self.quoted_starts, a)
        if i < len(self.quoted) and self.quoted[i][0] < b:
            return True
        return i > 0 and self.quoted[i - 1][1] > a

    def rights(self, i: int) -> list[int]:
        """``tok.rights``, as indices."""
        got = self._rights.get(i)
        if got is None:
            got = self._rights[i] = [t.i for t in self.doc[i].rights]
        return got

    def children(self, i: int) -> list[int]:
        """``tok.children``, as indices."""
        got = self._children.get(i)
        if got is None:
            got = self._children[i] = [t.i for t in self.doc[i].children]
        return got

    def subtree(self, i: int) -> list[Any]:
        """``list(tok.subtree)``, kept: a cue's head, its children and its source are each asked for
        by several candidates and cues."""
        got = self._subtrees.get(i)
        if got is None:
            got = self._subtrees[i] = list(self.doc[i].subtree)
        return got

    def left_edge(self, i: int) -> int:
        got = self._left_edge.get(i)
        if got is None:
            got = self._left_edge[i] = self.doc[i].left_edge.i
        return got

    def cue_span(self, cue: int, extra: int | None) -> tuple[int, int]:
        """Characters of a cue word with its auxiliaries, negation and particle nearby (and
        ``extra``, the preposition of "according to" or "called for"): the same for all its candidates."""
        key = (cue, extra)
        got = self._cue_spans.get(key)
        if got is None:
            toks = [cue] + ([extra] if extra is not None else [])
            toks += [c for c in self.children(cue)
                     if self.dep[c] in ("aux", "auxpass", "neg", "prt") and abs(c - cue) <= 3]
            got = self._cue_spans[key] = (min(self.idx[t] for t in toks),
                                          max(self.idx[t] + self.length[t] for t in toks))
        return got

    def segments(self, ids: list[int]) -> list[tuple[int, int]]:
        """Contiguous character runs of tokens (indices, in order), trimmed of edge punctuation."""
        space, punct, marks, idx = self.is_space, self.is_punct, self.marks, self.idx
        runs: list[list[int]] = []
        if ids and ids[-1] - ids[0] == len(ids) - 1 and ids == list(range(ids[0], ids[-1] + 1)):
            runs, ids = [ids], []  # one unbroken run, the usual content: no token-by-token walk
        for i in ids:
            # a run goes on across whitespace tokens (a double space, a non-breaking space)
            if runs and (i == runs[-1][-1] + 1 or all(space[g] and "\n" not in marks[g]
                                                      for g in range(runs[-1][-1] + 1, i))):
                runs[-1].append(i)
            else:
                runs.append([i])
        out = []
        for run in runs:
            while run and (space[run[0]] or (punct[run[0]] and marks[run[0]] in _PUNCT_EDGE)):
                run = run[1:]
            while run and (space[run[-1]] or (punct[run[-1]] and marks[run[-1]] not in QUOTE_CHARS
                                              and marks[run[-1]] not in "?!)")):
                run = run[:-1]
            if run and not all(map(punct.__getitem__, run)):  # some word, not only marks
                out.append((idx[run[0]], idx[run[-1]] + self.length[run[-1]]))
        # a stray one- or two-token piece beside a real segment is usually a parse seam
        if len(out) > 1:
            text = self.text
            out = [s for s in out if len(text[s[0]:s[1]].split()) > 1 or s == max(out, key=lambda s: s[1] - s[0])]
        return out
