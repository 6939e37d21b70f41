"""The analysis record: what the analysis engine knows about one article.

This is the contract between analysis, the index and the UI. Records are
serialised to JSON, stored in the index and read back by the reader, so the
app never re-runs spaCy to show an article. Every offset is a Python ``str``
index into the original decoded text, end exclusive.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The statement kinds (PolNeAR/PARC conventions: the content span is the reported
# clause, not the whole sentence):
# direct: a quotation standing on its own ("A," she said), the span inside the marks;
# mixed: a reported clause that contains quoted words (he said the plan was "a disaster"),
#   the span is the whole clause, quotation marks included;
# indirect: a reported clause with no quotation marks (Khan said that talks would go on;
#   according to officials, the deal was delayed), the span is the clause;
# partial: legacy name of quoted words inside the writer's clause (replaced by mixed);
# scare: a term, nickname or scare quote, no speaker.
QUOTE_KINDS = ("direct", "mixed", "indirect", "partial", "scare")
STATEMENT_KINDS = ("direct", "mixed", "indirect", "partial")  # kinds that have a speaker
SPEAKER_TYPES = ("person", "organisation", "document", "unknown")
ENTITY_TYPES = ("person", "organisation", "place")
ARTICLE_KINDS = ("news", "analysis", "opinion")
META_SOURCES = ("front-matter", "html-meta", "url", "text-pattern", "catalog", "user")


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
    cue_start: int | None = None  # the cue's span in the text, when there is one
    cue_end: int | None = None
    source_start: int | None = None  # the speaker's mention in the text (as written), when there is one
    source_end: int | None = None


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
    # where each metadata field came from: {"outlet": "front-matter", "published": "html-meta", ...};
    # one of META_SOURCES; a field absent here was not found
    meta_sources: dict[str, str] = field(default_factory=dict)

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
