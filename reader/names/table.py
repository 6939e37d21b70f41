"""The resolved name table: canonical entities and which per-article keys each unites.

Only joined keys are entries; a key no rule joined is an entity of its own (its
id is the key). A key usually belongs to one entity everywhere. A bare surname may belong to
another entity in one outlet's articles than in the rest ("Smith" is John
Smith in the outlet that names only him); those are the table's *context*
exceptions, and an entity's filter is then "its keys, plus these keys in these
outlets, minus those keys in those outlets".
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from reader.names.normalise import fold

TABLE_FORMAT = 2


@dataclass
class CanonicalEntity:
    id: str  # one of its keys, stable while that key is in the library
    name: str
    type: str
    aliases: list[str]  # how the library writes it, most frequent first (the name included)
    keys: list[str]  # the per-article keys it unites everywhere (context exceptions aside)
    docs: int = 0  # articles, counted per key (an article with two of its keys counts twice)
    speaker: bool = False  # it is a named speaker somewhere
    merged_by: list[str] = field(default_factory=list)  # the rules (or "user") that joined its keys
    labels: list[str] = field(default_factory=list)  # how each of ``keys`` is written, in that order

    def label_of(self, key: str) -> str:
        return self.labels[self.keys.index(key)] if key in self.keys and len(self.labels) == len(self.keys) \
            else key.partition(":")[2]


@dataclass(frozen=True)
class EntityFilter:
    """What an entity's articles have: any of ``keys``, or a ``(key, outlet)`` of
    ``include``; but not a ``(key, outlet)`` of ``exclude``."""

    keys: tuple[str, ...]
    include: tuple[tuple[str, str], ...] = ()
    exclude: tuple[tuple[str, str], ...] = ()


class NameTable:
    """Canonical entities with lookups by key (and outlet), name, alias and word."""

    def __init__(self, entities: Iterable[CanonicalEntity] = (),
                 context: dict[tuple[str, str], str] | None = None, stamp: str = "") -> None:
        self.entities: dict[str, CanonicalEntity] = {e.id: e for e in entities}
        self.context: dict[tuple[str, str], str] = dict(context or {})
        self.stamp = stamp  # what the table was resolved from (counts and corrections)
        self._by_key: dict[str, str] = {}
        for ent in self.entities.values():
            for key in ent.keys:
                self._by_key[key] = ent.id
        self._include: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._exclude: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for (key, outlet), target in self.context.items():
            self._include[target].append((key, outlet))
            home = self._by_key.get(key, key)
            if home != target:
                self._exclude[home].append((key, outlet))
        self._names: dict[str, list[str]] | None = None
        self._words: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.entities)

    # -- from a key ------------------------------------------------------------------
    def lookup(self, key: str, outlet: str = "") -> str | None:
        """The table entry a per-article key belongs to in an article of ``outlet``
        (None: the key is an entity of its own)."""
        if outlet and self.context:
            target = self.context.get((key, outlet))
            if target is not None:
                return target
        return self._by_key.get(key)

    def canonical(self, key: str, outlet: str = "") -> str:
        """The entity id of a per-article key in an article of ``outlet``."""
        return self.lookup(key, outlet) or key

    def entity(self, key_or_id: str) -> CanonicalEntity | None:
        """The entry with this id, or the one this key belongs to (outside any context)."""
        ent = self.entities.get(key_or_id)
        if ent is None:
            home = self._by_key.get(key_or_id)
            ent = self.entities.get(home) if home else None
        return ent

    def home(self, key_or_id: str) -> str:
        """The entity id a filter key means: an entry's id, the entry of a key, or the key."""
        ent = self.entity(key_or_id)
        return ent.id if ent is not None else key_or_id

    def filter(self, key_or_id: str) -> EntityFilter:
        """What the articles of an entity (named by its id or any of its keys) have."""
        entity_id = self.home(key_or_id)
        ent = self.entities.get(entity_id)
        keys = tuple(ent.keys) if ent is not None else (entity_id,)
        return EntityFilter(keys, tuple(self._include.get(entity_id, ())),
                            tuple(self._exclude.get(entity_id, ())))

    # -- from what a user types ------------------------------------------------------
    def _indexes(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        if self._names is None or self._words is None:
            names: dict[str, list[str]] = defaultdict(list)
            words: dict[str, list[str]] = defaultdict(list)
            for ent in self.entities.values():
                folded = {fold(form) for form in (ent.name, *ent.aliases)}
                for form in folded:
                    names[form].append(ent.id)
                for word in {w for form in folded for w in form.split()}:
                    words[word].append(ent.id)
            self._names, self._words = dict(names), dict(words)
        return self._names, self._words

    def named(self, text: str) -> list[str]:
        """Entities whose name or an alias is ``text`` (folded), best known first."""
        ids = self._indexes()[0].get(fold(text), [])
        return sorted(ids, key=lambda i: -self.entities[i].docs)

    def with_word(self, word: str) -> list[str]:
        """Entities with ``word`` (folded) in their name or an alias."""
        return list(self._indexes()[1].get(fold(word), []))

    # -- storage ---------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps({
            "format": TABLE_FORMAT, "stamp": self.stamp,
            "entities": [[e.id, e.name, e.type, e.aliases, e.keys, e.docs, int(e.speaker), e.merged_by, e.labels]
                         for e in self.entities.values()],
            "context": [[k, o, t] for (k, o), t in self.context.items()],
        }, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "NameTable":
        data = json.loads(text)
        if data.get("format") != TABLE_FORMAT:
            raise ValueError(f"name table format {data.get('format')!r}")
        entities = [CanonicalEntity(i, n, t, list(a), list(k), int(d), bool(s), list(m), list(lb))
                    for i, n, t, a, k, d, s, m, lb in data["entities"]]
        return cls(entities, {(k, o): t for k, o, t in data.get("context", [])}, str(data.get("stamp", "")))
