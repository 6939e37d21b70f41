"""Aligning two statements word by word, and the rule for "the same words".

Statements are compared as folded token sequences (``reader.compare.text``)
with ``difflib.SequenceMatcher`` (no junk heuristic: a sentence is short and
every word counts). *Meaningful* words are content words (not function
words) that are not part of a name, so that "the Prime Minister of Pakistan"
in two unrelated sentences is no evidence. Two statements of different
articles *share words* when one of these holds:

1. a common run of at least ``RUN_WORDS`` (5) words with at least two
   meaningful words;
2. the shorter statement, at least three words long and with a meaningful
   word, is wholly contained in the longer one as one run ("So much
   excitement" inside "What a time I have come, so much excitement");
3. words in common runs of two or more make up 60% of the shorter statement
   (five words or more), with a run of three and two meaningful words among
   them: one or two words changed in an otherwise identical quote.

Two function words in common ("of the", "that it was") never qualify, nor
does a name alone. A reported (indirect) statement and a quoted one by the
same speaker are also compared as a *paraphrase*: they qualify when they
share three content-word stems making up half of the reported statement's
content words.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.compare.text import Tokens, is_content, stem

RUN_WORDS = 5
CONTAINED_WORDS = 3
ALTERED_SHARE = 0.6
ALTERED_MIN_WORDS = 5
PARAPHRASE_STEMS = 3
PARAPHRASE_SHARE = 0.5


@dataclass(frozen=True)
class Alignment:
    """How statement ``a`` and statement ``b`` line up (token indexes)."""

    blocks: tuple[tuple[int, int, int], ...]  # (a start, b start, size) of runs of 2+ words
    longest: int  # the longest common run
    matched: int  # words in common runs of 2+
    meaningful: int  # meaningful words among them
    contained: bool  # the shorter one is one run inside the longer


def align(a: Tokens, b: Tokens) -> Alignment:
    sm = SequenceMatcher(None, a.words, b.words, autojunk=False)
    blocks = tuple((i, j, n) for i, j, n in sm.get_matching_blocks() if n >= 2)
    longest = max((n for _, _, n in blocks), default=0)
    matched = sum(n for _, _, n in blocks)
    meaningful = sum(a.meaningful(i, i + n) for i, _, n in blocks)
    return Alignment(blocks, longest, matched, meaningful, longest == min(len(a), len(b)) > 0)


def shares_words(a: Tokens, b: Tokens, al: Alignment | None = None) -> bool:
    """Whether two statements carry the same words (the rule in the module docstring)."""
    short = min(len(a), len(b))
    if short < CONTAINED_WORDS:
        return False
    al = al or align(a, b)
    if any(n >= RUN_WORDS and a.meaningful(i, i + n) >= 2 for i, _j, n in al.blocks):
        return True
    if al.contained:
        return (a if len(a) == short else b).meaningful() >= 1
    return (short >= ALTERED_MIN_WORDS and al.matched >= ALTERED_SHARE * short
            and al.longest >= 3 and al.meaningful >= 2)


def content_stems(t: Tokens) -> set[str]:
    return {stem(w) for w in t.words if is_content(w)}


def paraphrases(reported: Tokens, quoted: Tokens) -> bool:
    """Whether a reported statement carries the content of a quoted one (same speaker)."""
    mine = content_stems(reported)
    shared = mine & content_stems(quoted)
    return len(shared) >= PARAPHRASE_STEMS and len(shared) >= PARAPHRASE_SHARE * len(mine)
