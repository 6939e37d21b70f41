"""What one article adds to the name table: a pure function of its record and outlet.

It is stored with the article in the index (the ``names`` column), so the table
can be brought up to date from the index alone: a new, changed or relabelled
article is one column read, and a removed one is subtracted from what the
table kept of it.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import Iterable

from reader.analysis.record import STATEMENT_KINDS, ArticleRecord, Entity
from reader.names.normalise import fold, initials, is_acronym, person_name

MAX_FORMS = 6  # aliases kept per name and article

_SPEAKER_ENTITY_TYPES = {"person": "person", "organisation": "organisation", "document": "organisation"}


def entity_key(entity_type: str, name: str) -> str:
    """The exact key an entity filter matches: ``person:ned price``.

    Commas would split the index's keyword list, so they become spaces.
    """
    return f"{entity_type}:{name}".replace(",", " ").strip().lower()


_NAME_PARTICLES = {"al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "ibn", "la", "le",
                   "van", "von", "zu"}


def is_named(name: str | None) -> bool:
    """A name ("Ned Price", "Prime Minister's Office", "de Gaulle"), not a description
    ("experts", "many Americans"): descriptions are shown as written but never joined or
    filtered on. Only a lowercase first word makes a description: a name that opens
    with a mark or a digit is still a name."""
    text = (name or "").strip()
    if not text:
        return False
    first = text.split()[0]
    return not first[0].islower() or first.split("-")[0].casefold() in _NAME_PARTICLES


@dataclass
class EntityEntry:
    key: str
    type: str
    name: str
    mentions: int
    forms: list[str]
    first_name: bool = False  # a lone word that is the first name of a person named in full here
    expands: list[str] = field(default_factory=list)  # full names here whose initials this acronym is


@dataclass
class SpeakerEntry:
    key: str
    name: str
    quotes: int


@dataclass
class ArticleNames:
    outlet: str
    entities: list[EntityEntry] = field(default_factory=list)
    speakers: list[SpeakerEntry] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"o": self.outlet,
                           "e": [[e.key, e.type, e.name, e.mentions, e.forms, int(e.first_name), e.expands]
                                 for e in self.entities],
                           "s": [[s.key, s.name, s.quotes] for s in self.speakers]},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> "ArticleNames":
        data = json.loads(text or "{}")
        return cls(outlet=str(data.get("o") or ""),
                   entities=[EntityEntry(k, t, n, int(m), list(f), bool(fn), list(x))
                             for k, t, n, m, f, fn, x in data.get("e", [])],
                   speakers=[SpeakerEntry(k, n, int(q)) for k, n, q in data.get("s", [])])

    def keys(self) -> set[str]:
        return {e.key for e in self.entities} | {s.key for s in self.speakers}


def signature(names_json: str) -> str:
    """A short fingerprint of a contribution: the table compares these, not whole values."""
    return f"{zlib.crc32(names_json.encode('utf-8')):08x}{len(names_json):x}"


def speaker_key(record: ArticleRecord, speaker: str, speaker_type: str | None) -> str:
    """The key a named speaker is filed under: the article's entity of that name when
    there is one (so speakers and entities share keys), else by the speaker's type."""
    wanted = fold(speaker)
    for ent in record.entities:
        if fold(ent.name) == wanted:
            return entity_key(ent.type, ent.name)
    return entity_key(_SPEAKER_ENTITY_TYPES.get(speaker_type or "", "person"), speaker)


def speaker_keys(record: ArticleRecord) -> list[str]:
    """The keys of the article's named speakers, in order of first statement."""
    seen: dict[str, None] = {}
    for q in record.quotes:
        if q.kind in STATEMENT_KINDS and is_named(q.speaker):
            seen.setdefault(speaker_key(record, q.speaker, q.speaker_type), None)
    return list(seen)


def _first_name_words(record: ArticleRecord) -> set[str]:
    words = set()
    for ent in record.entities:
        if ent.type == "person":
            parts = person_name(ent.name)
            if parts is not None and parts.first:
                words.add(parts.first)
    return words


def named_entities(record: ArticleRecord) -> list[Entity]:
    """The record's entities that are names (the index lists and filters these)."""
    return [e for e in record.entities if is_named(e.name)]


def _expansions(entities: list[Entity]) -> dict[str, list[str]]:
    """Acronym key -> keys of full names of the same article with those initials
    ("NATO" beside "North Atlantic Treaty Organization"): the evidence that joins them."""
    full: dict[str, list[str]] = {}
    for ent in entities:
        if ent.type in ("organisation", "place") and " " in fold(ent.name):
            full.setdefault(initials(fold(ent.name)), []).append(entity_key(ent.type, ent.name))
    out: dict[str, list[str]] = {}
    for ent in entities:
        if ent.type in ("organisation", "place") and is_acronym(ent.name):
            found = full.get(fold(ent.name))
            if found:
                out[entity_key(ent.type, ent.name)] = sorted(set(found))
    return out


def article_names(record: ArticleRecord, outlet: str | None) -> ArticleNames:
    """The article's entities and named speakers as the table counts them."""
    out = ArticleNames(outlet=outlet or "")
    first_names = _first_name_words(record)
    entities = named_entities(record)
    expands = _expansions(entities)
    by_key: dict[str, EntityEntry] = {}
    for ent in entities:
        key = entity_key(ent.type, ent.name)
        forms = _forms([ent.name, *ent.aliases])
        entry = by_key.get(key)
        if entry is None:
            lone = len(ent.name.split()) == 1 and ent.type == "person" and fold(ent.name) in first_names
            entry = by_key[key] = EntityEntry(key, ent.type, ent.name, 0, [], lone, expands.get(key, []))
            out.entities.append(entry)
        entry.mentions += max(1, len(ent.mentions))
        entry.forms = _forms([*entry.forms, *forms])
    quotes: dict[str, SpeakerEntry] = {}
    for q in record.quotes:
        if q.kind in STATEMENT_KINDS and is_named(q.speaker):
            key = speaker_key(record, q.speaker, q.speaker_type)
            entry = quotes.get(key)
            if entry is None:
                entry = quotes[key] = SpeakerEntry(key, q.speaker, 0)
                out.speakers.append(entry)
            entry.quotes += 1
    return out


def _forms(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        if name and name.strip():
            seen.setdefault(name.strip(), None)
    return list(seen)[:MAX_FORMS]
