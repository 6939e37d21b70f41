"""The analysis record: what the analysis engine knows about one article.

This is the contract between analysis, the index and the UI. Records are
serialised to JSON, stored in the index and read back by the reader, so the
app never re-runs spaCy to show an article. Every offset is a Python ``str``
index into the original decoded text, end exclusive.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# direct: a quotation standing on its own ("A," she said); partial: someone's words quoted
# inside the writer's own clause (he said the plan was "a disaster"), with a speaker;
# scare: a term, nickname or scare quote, no speaker
QUOTE_KINDS = ("direct", "partial", "scare")
SPEAKER_TYPES = ("person", "organisation", "document", "unknown")
ENTITY_TYPES = ("person", "organisation", "place")
ARTICLE_KINDS = ("news", "analysis", "opinion")


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str = "direct"  # one of QUOTE_KINDS
    speaker: str | None = None  # canonical name, or a description of an unnamed source
    speaker_type: str | None = None  # one of SPEAKER_TYPES, None for scare quotes
    cue: str | None = None  # "said", "told DW", "according to", ...
    confidence: float = 0.0


@dataclass
class Entity:
    name: str  # canonical name
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ArticleRecord:
    file: str
    title: str = ""
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD, only when stated
    kind: str = "news"  # one of ARTICLE_KINDS
    url: str | None = None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The shape printed by ``parallax analyze --json`` (lists, not tuples)."""
        data = asdict(self)
        data["boilerplate"] = [list(span) for span in self.boilerplate]
        for ent in data["entities"]:
            ent["mentions"] = [list(m) for m in ent["mentions"]]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ArticleRecord":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        rec = cls(**known)
        rec.boilerplate = [tuple(s) for s in data.get("boilerplate", [])]
        rec.quotes = [Quote(**q) for q in data.get("quotes", [])]
        rec.entities = [
            Entity(name=e["name"], type=e["type"], aliases=list(e.get("aliases", [])),
                   mentions=[tuple(m) for m in e.get("mentions", [])])
            for e in data.get("entities", [])
        ]
        return rec

    def speakers(self) -> list[str]:
        """Distinct named speakers of direct quotes, in order of first quote."""
        seen: dict[str, None] = {}
        for q in self.quotes:
            if q.kind == "direct" and q.speaker:
                seen.setdefault(q.speaker, None)
        return list(seen)
