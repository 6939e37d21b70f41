"""Words of a statement as Compare aligns them: marks, case and punctuation folded.

Two outlets quoting the same sentence differ in curly or straight marks,
accents, capitals ("The Prime Minister" / "The prime minister"), trailing
commas and ellipses. Tokens keep their character spans in the original text,
so a word-level difference can be shown on the words as the outlet wrote
them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# a word: letters or digits, with apostrophes inside ("anyone's", "don't")
_WORD = re.compile(r"[^\W_]+(?:['’ʼ`´][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})

# English function words: a run made only of these is no evidence of shared words
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most much my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves us may might must shall one said says
say told tell also would've it's that's there's we're they're i'm i've we've don't doesn't didn't
won't can't isn't aren't wasn't weren't has been being well yet still even ever very really
""".split())


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """One word with accents, case and apostrophe variants folded."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Tokens:
    """The folded words of a text and where each one is in it."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    names: tuple[bool, ...]  # capitalised inside a sentence: part of a name

    def meaningful(self, a: int = 0, b: int | None = None) -> int:
        """Content words among tokens ``a`` to ``b`` that are not part of a name."""
        b = len(self.words) if b is None else b
        return sum(1 for i in range(a, b) if not self.names[i] and is_content(self.words[i]))

    def __len__(self) -> int:
        return len(self.words)

    def surface(self, text: str, a: int, b: int) -> str:
        """The original text of tokens ``a`` to ``b`` (end exclusive), punctuation included."""
        if a >= b:
            return ""
        return text[self.spans[a][0]:self.spans[b - 1][1]]


_SENTENCE_MARKS = frozenset(".!?:;“\"‘([—–-")


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens the text or a sentence (its capital says nothing then)."""
    before = text[max(0, at - 4):at].rstrip()
    return not before or before[-1] in _SENTENCE_MARKS


def tokens(text: str) -> Tokens:
    matches = list(_WORD.finditer(text))
    names = tuple(m.group()[:1].isupper() and not _starts_sentence(text, m.start()) for m in matches)
    return Tokens(tuple(fold(m.group()) for m in matches), tuple((m.start(), m.end()) for m in matches),
                  names)


def is_content(word: str) -> bool:
    """A word that carries meaning: not a function word, not a lone letter."""
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def content_count(words: tuple[str, ...] | list[str]) -> int:
    return sum(1 for w in words if is_content(w))


def stem(word: str) -> str:
    """A light English stem, so "talks"/"talked"/"talking" meet in a paraphrase."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
