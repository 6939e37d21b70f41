"""The table's counts per per-article key, kept up to date one article at a time.

A *surface* is one key as the index holds it ("person:trump", "place:u.s."):
in how many articles it appears, how often, in which outlets (people only:
that is what the surname rule looks at), how it is written, and how often it
is a speaker. Adding an article adds its contribution; removing one subtracts
what was added, so the counts never need the library re-read.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from reader.names.contribution import ArticleNames

@dataclass
class Surface:
    key: str
    type: str
    docs: int = 0
    mentions: int = 0
    speaker_docs: int = 0
    first_name_docs: int = 0  # articles where this lone word is a full name's first name
    outlets: Counter = field(default_factory=Counter)  # articles per outlet (people only)
    forms: Counter = field(default_factory=Counter)  # how it is written: articles per spelling
    expands: Counter = field(default_factory=Counter)  # an acronym: articles beside each full name

    @property
    def name(self) -> str:
        """The key's name part (lower case, as indexed)."""
        return self.key.partition(":")[2]

    def best_form(self) -> str:
        """The most frequent spelling (the key itself when none was kept)."""
        if self.forms:
            return max(self.forms.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return self.name

    def empty(self) -> bool:
        return self.docs <= 0 and self.speaker_docs <= 0

    def to_row(self) -> list:
        return [self.key, self.type, self.docs, self.mentions, self.speaker_docs, self.first_name_docs,
                dict(self.outlets), dict(self.forms), dict(self.expands)]

    @staticmethod
    def spellings_of(row: list) -> tuple[str, dict[str, int]]:
        """The key and spellings (articles per spelling) of a stored row, without making a
        Surface: all a display name reads, and the panels name every entity of a library."""
        return row[0], row[7]

    @classmethod
    def from_row(cls, row: list) -> "Surface":
        key, etype, docs, mentions, speaker_docs, first, outlets, forms, expands = row
        return cls(key, etype, int(docs), int(mentions), int(speaker_docs), int(first),
                   Counter(outlets), Counter(forms), Counter(expands))


class NameStats:
    """Surfaces by key, changed by whole articles."""

    def __init__(self, surfaces: Iterable[Surface] = ()) -> None:
        self.surfaces: dict[str, Surface] = {s.key: s for s in surfaces}
        self.changed: set[str] = set()  # keys touched since the last save

    def _surface(self, key: str, etype: str) -> Surface:
        surface = self.surfaces.get(key)
        if surface is None:
            surface = self.surfaces[key] = Surface(key, etype)
        return surface

    def add(self, names: ArticleNames, sign: int = 1) -> None:
        """Count an article (``sign=-1``: uncount it, exactly as it was counted)."""
        outlet = names.outlet
        for entry in names.entities:
            s = self._surface(entry.key, entry.type)
            s.docs += sign
            s.mentions += sign * entry.mentions
            s.first_name_docs += sign * int(entry.first_name)
            if entry.type == "person" and outlet:
                _bump(s.outlets, outlet, sign)
            for form in entry.forms:
                _bump(s.forms, form, sign)
            for full in entry.expands:
                _bump(s.expands, full, sign)
            self.changed.add(entry.key)
        entity_keys = {e.key for e in names.entities}
        for entry in names.speakers:
            etype = entry.key.partition(":")[0]
            s = self._surface(entry.key, etype)
            s.speaker_docs += sign
            if entry.key not in entity_keys:  # a speaker the article has no entity for
                s.docs += sign
                if etype == "person" and outlet:
                    _bump(s.outlets, outlet, sign)
                _bump(s.forms, entry.name, sign)
            self.changed.add(entry.key)

    def remove(self, names: ArticleNames) -> None:
        self.add(names, -1)

    def prune(self) -> list[str]:
        """Drop surfaces no article has any more; returns their keys."""
        gone = [k for k in self.changed if k in self.surfaces and self.surfaces[k].empty()]
        for key in gone:
            del self.surfaces[key]
        return gone


def _bump(counter: Counter, key: str, sign: int) -> None:
    value = counter.get(key, 0) + sign
    if value > 0:
        counter[key] = value
    else:
        counter.pop(key, None)
