"""Whether a voice speaks for an institution, and for which side.

The voices table flags an outlet that quotes no one but officials of one
side. The rule, kept simple enough to explain in a tooltip:

*official*: the speaker's name, the words as the outlet names them, or the
words around the speaker's first mention in the article (six words before,
the appositive or "of …" after: "US State Department spokesman Ned Price",
"Shamshad Ahmad, Pakistan's former foreign secretary", "Interior Minister
Omar Khan of Pakistan") contain an office word
(minister, ministry, president, government, spokesperson, ambassador,
embassy, official, secretary, office, Kremlin, …), and no "former", "ex-" or
"retired" (a former official speaks as an expert). A written statement of a
body (a handout, an official statement, a communiqué) is official.

*side*: the first place of the article named (or meant by its adjective:
"Pakistani", "Russian") in those words, else the first organisation named in
them that is not the speaker, else, for an institution speaking itself
("Kremlin"), that institution. A side that cannot be told stays unknown, and
an outlet is flagged "officials of one side" only when every statement it
carries is official and every side is known and the same.
"""
from __future__ import annotations

import re
from typing import Sequence

from reader.compare.inputs import CompareArticle, Mentioned, Statement
from reader.compare.names import speaker_key

OFFICE_WORDS = frozenset("""
minister ministers ministry ministries president presidential presidency premier government
governments spokesperson spokesman spokeswoman spokespeople ambassador ambassadors embassy
official officials secretary senator senators governor mayor chancellor kremlin parliament
parliamentary lawmaker lawmakers mp mps cabinet office department ministerial congressman
congresswoman commissioner authorities administration military army navy police
""".split())
STATEMENT_WORDS = frozenset("statement handout communique communiqué readout release declaration".split())
FORMER_WORDS = frozenset("former ex retired erstwhile onetime one-time".split())
_WORD = re.compile(r"[\w’'.-]+")
_BEFORE_CHARS = 60
_CLAUSE_END = re.compile(r"[.;:!?\n“”\"()]")
_AFTER_CHARS = 110


def _words(text: str) -> list[str]:
    return [w.strip(".’'").lower() for w in _WORD.findall(text) if w.strip(".’'")]


def _first_mention(article: CompareArticle, st: Statement) -> tuple[int, int] | None:
    for ent in article.entities:
        if ent.mentions and (st.key == speaker_key(ent.name) or any(st.key == speaker_key(a) for a in ent.aliases)):
            return min(ent.mentions)
    at = article.body.find(st.speaker)
    if at < 0 and " " in st.speaker:
        at = article.body.find(st.speaker.split()[-1])
    return (at, at + len(st.speaker)) if at >= 0 else None


def context(article: CompareArticle, st: Statement) -> str:
    """The speaker's name, as written, and the words around their first mention."""
    parts = [st.speaker, st.named_as]
    span = _first_mention(article, st)
    if span is not None:
        body = article.body
        a, b = span
        before = _CLAUSE_END.split(body[max(0, a - _BEFORE_CHARS):a])[-1]
        after = body[b:b + _AFTER_CHARS]
        if after.startswith(","):  # ", a veteran diplomat and former foreign secretary,"
            appositive = after[1:].split(",", 1)
            after = _CLAUSE_END.split(appositive[0])[0] if len(appositive) == 2 else ""
        elif after.startswith(" of "):  # "Interior Minister Omar Khan of Pakistan"
            after = _CLAUSE_END.split(after.split(",", 1)[0])[0]
        else:
            after = ""
        parts += [" ".join(before.split()[-6:]), body[a:b], after]
    return " ".join(p for p in parts if p)


def is_official(article: CompareArticle, st: Statement, text: str | None = None) -> bool:
    """Whether the speaker speaks for an institution (``text``: their ``context``)."""
    words = _words(text if text is not None else context(article, st))
    if any(w in FORMER_WORDS or w.startswith("ex-") for w in words):
        return False
    if st.speaker_type == "document" and any(w in STATEMENT_WORDS for w in _words(st.speaker)):
        return True
    return any(w in OFFICE_WORDS for w in words)


def _adjective_of(word: str, place: str) -> bool:
    """"Pakistani" names Pakistan, "Russian" Russia, "Chinese" China (a shared stem)."""
    w, p = word.lower(), place.lower()
    if w == p:
        return True
    stem = p[:max(4, len(p) - 2)]
    return len(p) >= 4 and w.startswith(stem) and len(w) <= len(p) + 4


def side_of(article: CompareArticle, st: Statement, text: str | None = None) -> str | None:
    """The place or body an official speaks for (see the module docstring), or None."""
    text = text if text is not None else context(article, st)
    tokens = [t.strip(".’'") for t in _WORD.findall(text)]
    capitalised = [t for t in tokens if t[:1].isupper()]
    places = [e for e in article.entities if e.type == "place"]
    for token in capitalised:
        for place in places:
            if any(_adjective_of(token.rstrip("’'s"), n) for n in (place.name, *place.aliases) if " " not in n):
                return place.name
            if " " in place.name and place.name in text:
                return place.name
    own = st.key
    for ent in article.entities:
        if ent.type == "organisation" and speaker_key(ent.name) != own and ent.name in text:
            return ent.name
    if st.speaker_type in ("organisation", "document") and not st.vague:
        return st.speaker
    return None


def entity_keys(entities: Sequence[Mentioned]) -> set[str]:
    """The speaker keys of the people and organisations an article mentions."""
    keys: set[str] = set()
    for ent in entities:
        if ent.type in ("person", "organisation") and ent.mentions:
            keys.add(speaker_key(ent.name))
            keys.update(speaker_key(a) for a in ent.aliases if len(a.split()) > 1 or a == ent.name)
    return keys
