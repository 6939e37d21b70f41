"""Who a statement is by: the one place Compare asks for a speaker's name.

``speaker_name`` is the only lookup of a canonical speaker name in
``reader.compare``. Today a record's ``speaker`` is canonical within its
article; when the library-wide name table lands, this function asks it
instead and every table, group and flag follows. ``named_as`` is the speaker
as the outlet wrote it (the record's source span when there is one).

``is_vague`` is the rule for anonymous and vague sources, documented here
because the voices table counts them per outlet:

* no speaker at all, or the engine's "unknown" type;
* a description headed by a generic noun ("officials", "a senior diplomat",
  "Western sources", "analysts", "his supporters"), whatever its modifiers;
* a description with no capitalised word once a leading article or
  quantifier is dropped ("government", "the handout", "one foreign ministry
  official"): nobody is named.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reader.analysis.record import Quote

UNKNOWN_SPEAKER = "unknown speaker"

# nouns that stand for a person or body without naming it
GENERIC_HEADS = frozenset("""
official officials source sources expert experts analyst analysts observer observers diplomat
diplomats insider insiders aide aides adviser advisers advisor advisors people person critic critics
supporter supporters opponent opponents resident residents witness witnesses spokesperson
spokesman spokeswoman activist activists protester protesters officer officers worker workers
commentator commentators someone somebody circles
""".split())
_LEADING = frozenset("""the a an one two three some several many most few senior junior top
another other his her their its our unnamed anonymous certain""".split())
_POSSESSIVE = re.compile(r"['’]s\b|['’](?=\s|$)")
_NOT_WORD = re.compile(r"[^\w\s-]")


def speaker_name(quote: Quote, article: str = "") -> str:
    """The canonical name of a statement's speaker in the article at path ``article``
    (the one lookup; see the module doc)."""
    name = " ".join((quote.speaker or "").split())
    return name or UNKNOWN_SPEAKER


def named_as(quote: Quote, body: str) -> str:
    """The speaker as the outlet names them: the source span as written, else the record's name."""
    a, b = quote.source_start, quote.source_end
    if a is not None and b is not None and 0 <= a < b <= len(body):
        written = " ".join(body[a:b].split())
        if written:
            return written
    return speaker_name(quote)


@lru_cache(maxsize=65536)
def speaker_key(name: str) -> str:
    """The form two speaker names are compared in: case, accents, possessives, punctuation folded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NOT_WORD.sub(" ", _POSSESSIVE.sub("", text.replace("\u00a0", " ")))
    return " ".join(text.casefold().split())


def is_vague(name: str, speaker_type: str | None = None) -> bool:
    """Whether a speaker is anonymous or vague (the rule in the module docstring)."""
    if not name or name == UNKNOWN_SPEAKER or speaker_type == "unknown":
        return True
    words = [w for w in _NOT_WORD.sub(" ", _POSSESSIVE.sub("", name)).split() if w]
    while len(words) > 1 and words[0].lower() in _LEADING:
        words = words[1:]
    if not words:
        return True
    if words[-1].lower() in GENERIC_HEADS:
        return True
    return not any(w[:1].isupper() for w in words)
