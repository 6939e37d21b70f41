"""Comparing names: the folded form two names are compared in, person name parts,
initials and edit distance.

``fold`` is deliberately conservative: it removes what does not change which
thing a name points at (case, accents, full stops in "U.S.", a possessive "'s",
a leading "the", hyphens and spacing), nothing that does.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reader.analysis.entities import strip_titles

# words skipped when an acronym is formed ("Federal Bureau of Investigation" -> FBI)
FUNCTION_WORDS = frozenset("of the and for de du des la le al el in on to a an at & und y".split())
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())

_POSSESSIVE = re.compile(r"(?<=\w)['’]s?(?=\s|$)")
_DOT = re.compile(r"\.")
_SEPARATORS = re.compile(r"[-‐‑–—/_·]+")
_NOT_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Case, accents, dots, possessives, hyphens and a leading "the" folded away.

    "U.S." and "US" fold alike, as do "Prime Minister’s Office" and
    "Prime Minister Office", or "Al-Qaeda" and "al Qaeda".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").replace("`", "'")
    text = _POSSESSIVE.sub("", text.strip())
    text = _DOT.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    text = _NOT_WORD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip().casefold()
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return text.strip("' ")


@dataclass(frozen=True)
class PersonName:
    """A person's folded name in parts: "Donald J. Trump Jr." -> donald / (j,) / trump / jr."""

    first: str
    middles: tuple[str, ...]
    last: str
    suffix: str

    @property
    def single(self) -> bool:
        """Only one word: a surname (or a first name) on its own."""
        return not self.first


@lru_cache(maxsize=200_000)
def person_name(name: str) -> PersonName | None:
    """The parts of a person's name (titles dropped); None when no word is left."""
    words = fold(strip_titles(name)).split()
    suffix = ""
    if len(words) > 1 and words[-1] in NAME_SUFFIXES:
        suffix = words.pop().rstrip(".")
    if not words:
        return None
    if len(words) == 1:
        return PersonName("", (), words[0], suffix)
    return PersonName(words[0], tuple(words[1:-1]), words[-1], suffix)


def initials(folded: str) -> str:
    """The initials of a folded multi-word name, function words skipped ("" for one word)."""
    words = [w for w in folded.split() if w not in FUNCTION_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$|^(?:[A-Z]\.){2,6}$")


def is_acronym(form: str) -> bool:
    """Two to six capital letters, with or without full stops: "NATO", "U.S.", "EU"."""
    return bool(_ACRONYM.match(form.strip()))


def damerau(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a transposition costs 1), capped at ``limit``."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def is_transposition_or_doubling(a: str, b: str) -> bool:
    """Two spellings of one given name: letters swapped (Micheal/Michael) or a letter
    doubled (Mohamed/Mohammed, Philip/Phillip). A different letter (John/Joan) is not."""
    if a == b or a[:1] != b[:1]:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] \
            and a[diffs[1]] == b[diffs[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) != len(short) + 1:
        return False
    return any(long_[:i] + long_[i + 1:] == short and long_[i] == long_[i - 1]  # a repeated letter
               for i in range(1, len(long_)))
