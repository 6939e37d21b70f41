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
from reader.compare.inputs import CompareArticle, Statement
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


class ArticleFacts:
    """What the rules need of one article, worked out once for all its statements."""

    def __init__(self, article: CompareArticle) -> None:
        self.article = article
        self.first: dict[str, tuple[int, int]] = {}  # speaker key -> the entity's first mention
        self.keys: set[str] = set()  # the people and organisations it mentions (``entity_keys``)
        self.places: list[tuple[str, tuple[str, ...]]] = []  # (name, its one-word names lower-cased)
        self.long_places: list[str] = []  # place names of several words
        self.orgs: list[tuple[str, str]] = []  # (name, key)
        for name, etype, aliases, mentions in article.entities.rows():
            key = speaker_key(name)
            if mentions:
                first = min(mentions)
                for k in (key, *(speaker_key(a) for a in aliases)):
                    self.first.setdefault(k, first)
                if etype in ("person", "organisation"):
                    self.keys.add(key)
                    self.keys.update(speaker_key(a) for a in aliases if len(a.split()) > 1 or a == name)
            if etype == "place":
                self.places.append((name, tuple(n.lower() for n in (name, *aliases) if " " not in n)))
                if " " in name:
                    self.long_places.append(name)
            elif etype == "organisation":
                self.orgs.append((name, key))

    def first_mention(self, st: Statement) -> tuple[int, int] | None:
        if st.key in self.first:
            return self.first[st.key]
        body = self.article.body
        at = body.find(st.speaker)
        if at < 0 and " " in st.speaker:
            at = body.find(st.speaker.split()[-1])
        return (at, at + len(st.speaker)) if at >= 0 else None


def context(facts: ArticleFacts, st: Statement) -> str:
    """The speaker's name, as written, and the words around their first mention."""
    parts = [st.speaker, st.named_as]
    span = facts.first_mention(st)
    if span is not None:
        body = facts.article.body
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


def is_official(facts: ArticleFacts, st: Statement, text: str | None = None) -> bool:
    """Whether the speaker speaks for an institution (``text``: their ``context``)."""
    words = _words(text if text is not None else context(facts, st))
    if any(w in FORMER_WORDS or w.startswith("ex-") for w in words):
        return False
    if st.speaker_type == "document" and any(w in STATEMENT_WORDS for w in _words(st.speaker)):
        return True
    return any(w in OFFICE_WORDS for w in words)


def _adjective_of(word: str, place: str) -> bool:
    """"Pakistani" names Pakistan, "Russian" Russia, "Chinese" China (a shared stem); lower-case."""
    if word == place:
        return True
    return len(place) >= 4 and word.startswith(place[:max(4, len(place) - 2)]) and len(word) <= len(place) + 4


def side_of(facts: ArticleFacts, st: Statement, text: str | None = None) -> str | None:
    """The place or body an official speaks for (see the module docstring), or None."""
    text = text if text is not None else context(facts, st)
    capitalised = [t.strip(".’'").rstrip("’'s").lower() for t in _WORD.findall(text) if t.strip(".’'")[:1].isupper()]
    for token in capitalised:
        for name, words in facts.places:
            if any(_adjective_of(token, w) for w in words):
                return name
    for name in facts.long_places:
        if name in text:
            return name
    for name, key in facts.orgs:
        if key != st.key and name in text:
            return name
    if st.speaker_type in ("organisation", "document") and not st.vague:
        return st.speaker
    return None
