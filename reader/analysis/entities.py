"""People, organisations and places: spaCy's NER, cleaned and merged.

spaCy's small model returns fragments such as "Khan’s", "’s ‘" or a heading
glued to the next line. Each mention is trimmed to a clean name, typed by the
majority of its mentions, and people are merged so that "Khan", "Imran Khan"
and "Prime Minister Imran Khan" are one entity named by the fullest form.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from reader.analysis.cues import SPEECH_VERBS, TITLES
from reader.analysis.record import Entity

LABEL_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
_EDGE_JUNK = " \t\r\n\u00a0\"'“”‘’«».,;:!?()[]{}—–-*•|/"
_POSSESSIVE_RE = re.compile(r"[’']s?$")
_BAD_WORDS = frozenset({"reply", "comment", "comments", "share", "click", "subscribe", "login", "sign"})


@dataclass
class Mention:
    start: int
    end: int
    name: str  # cleaned surface form
    type: str


def clean_span(text: str, start: int, end: int, possessor: bool = False) -> tuple[int, int] | None:
    """Trim quote marks, punctuation and a possessive from a name; None if nothing is left."""
    nl = text.find("\n", start, end)
    if nl != -1:  # a heading glued to the next line: keep the longer part
        first, rest = (start, nl), (nl + 1, end)
        start, end = first if first[1] - first[0] >= rest[1] - rest[0] else rest
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    m = _POSSESSIVE_RE.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    inner = re.search(r"[’']s\b", text[start:end]) if possessor else None
    if inner:  # "Moscow’s Center": the possessor is the name spaCy found
        end = start + inner.start()
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    if end < len(text) and text[end] == "." and re.search(r"\b[A-Z]\.[A-Z]$", text[start:end]):
        end += 1  # keep the last full stop of "U.S." and "E.U."
    surface = text[start:end]
    if len(surface) < 2 or len(surface) > 80 or not any(c.isalpha() for c in surface):
        return None
    if not surface[0].isupper() and not surface[0].isdigit():
        return None
    if any(c in surface for c in "“”‘\"@") or "  " in surface:
        return None
    words = surface.lower().split()
    if any(w in _BAD_WORDS for w in words):
        return None
    return start, end


def strip_titles(name: str) -> str:
    """'Prime Minister Imran Khan' -> 'Imran Khan'; keeps the name if only titles remain."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i].lower().rstrip(",") in TITLES:
        i += 1
    return " ".join(words[i:])


def without_headline_verb(name: str) -> str:
    """'Obama Says' (a title-case headline the recogniser read as a name) -> 'Obama'."""
    words = name.split()
    if len(words) >= 2 and words[-1][:1].isupper() and words[-1].lower() in SPEECH_VERBS:
        return " ".join(words[:-1])
    return name


_KEY_POSSESSIVE, _SPACES = re.compile(r"'s\b"), re.compile(r"\s+")  # compiled once: name_key runs per mention


def name_key(name: str) -> str:
    """The form two names are compared in: case, apostrophes, possessives and spaces folded."""
    name = _KEY_POSSESSIVE.sub("", name.replace("’", "'").replace("\u00a0", " "))
    return _SPACES.sub(" ", name).strip().lower()


class NameResolver:
    """Maps a person mention to the fullest name it stands for in this article."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.full: list[tuple[int, str]] = []  # (position, full name) for multi-word names
        for m in sorted(mentions, key=lambda m: m.start):
            if m.type == "person" and len(m.name.split()) >= 2:
                self.full.append((m.start, m.name))
        self._positions = [p for p, _ in self.full]
        self.gender: dict[str, str] = {}
        # distinct full names by their last word, each with its sorted positions: a long
        # article asks thousands of times, and scanning every mention each time is quadratic
        self._by_last: dict[str, dict[str, tuple[list[str], list[int]]]] = {}
        for p, n in self.full:
            words = [w.lower() for w in n.split()]
            self._by_last.setdefault(words[-1], {}).setdefault(n, (words, []))[1].append(p)

    def knows(self, word: str) -> bool:
        """Some full name of the article ends with this word ("Lopez" for Maria Lopez)."""
        return word.lower() in self._by_last

    def canonical(self, name: str, pos: int | None = None) -> str:
        """The fullest earlier (else later) name ending with this one's words."""
        base = strip_titles(name.strip())
        words = base.split()
        if not words:
            return name
        key = [w.lower() for w in words]
        cands = [(n, ps) for n, (ws, ps) in self._by_last.get(key[-1], {}).items()
                 if len(ws) >= len(key) and ws[-len(key):] == key]
        if not cands:
            return base
        if pos is not None:
            before = []  # (latest position <= pos, name)
            for n, ps in cands:
                i = bisect_right(ps, pos)
                if i:
                    before.append((ps[i - 1], n))
            if before:
                return max(before, key=lambda c: (c[0], len(c[1])))[1] if len(before) > 1 \
                    else before[0][1]
        return max(cands, key=lambda c: (len(c[0].split()), len(c[1])))[0]


def collect_mentions(doc: Any, text: str, hidden: list[tuple[int, int]] = ()) -> list[Mention]:
    """Cleaned NER mentions of people, organisations and places (not inside hidden spans)."""
    hidden_starts = sorted(hidden)
    starts = [s for s, _ in hidden_starts]

    def is_hidden(a: int, b: int) -> bool:
        i = bisect_right(starts, a) - 1
        return i >= 0 and hidden_starts[i][0] <= a and b <= hidden_starts[i][1]

    out: list[Mention] = []
    for ent in doc.ents:
        etype = LABEL_TYPES.get(ent.label_)
        if etype is None:
            continue
        span = clean_span(text, ent.start_char, ent.end_char, possessor=etype in ("person", "place"))
        if span is None or is_hidden(*span):
            continue
        a, b = span
        name = text[a:b]
        if etype == "person":
            stripped = strip_titles(name)
            a = b - len(stripped) if name.endswith(stripped) else a
            name = stripped
            if name.lower() in TITLES:
                continue
            verbless = without_headline_verb(name)
            if verbless != name:
                name = verbless
                b = a + len(name) if text.startswith(name, a) else b
        out.append(Mention(a, b, name, etype))
    return out


def build_entities(mentions: list[Mention], resolver: NameResolver,
                   speakers: Iterable[tuple[str, str, int, int]] = ()) -> list[Entity]:
    """Merge mentions into entities: one type per name by majority, people by full name."""
    all_mentions = list(mentions)
    for name, stype, a, b in speakers:
        etype = {"person": "person", "organisation": "organisation", "document": "organisation"}.get(stype)
        if etype and name:
            all_mentions.append(Mention(a, b, name, etype))
    full_people = {name_key(n) for _, n in resolver.full}
    for m in all_mentions:  # "Weinbaum" tagged as a place is the surname of a person named in full
        if m.type != "person" and len(m.name.split()) == 1 and name_key(resolver.canonical(m.name)) in full_people:
            m.type = "person"
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in all_mentions:
        votes[name_key(m.name)][m.type] += 1
    groups: dict[tuple[str, str], Entity] = {}
    order: list[tuple[str, str]] = []
    for m in sorted(all_mentions, key=lambda m: m.start):
        etype = votes[name_key(m.name)].most_common(1)[0][0]
        canon = resolver.canonical(m.name, m.start) if etype == "person" else m.name
        key = (name_key(canon), etype)
        ent = groups.get(key)
        if ent is None:
            ent = groups[key] = Entity(name=canon, type=etype)
            order.append(key)
        if m.name not in ent.aliases:
            ent.aliases.append(m.name)
        if (m.start, m.end) not in ent.mentions:
            ent.mentions.append((m.start, m.end))
    return [groups[k] for k in order]
