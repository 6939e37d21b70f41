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
# clause, not the whole sentence; the cue and the source are never part of it):
# direct: quoted words standing on their own ("A," she said; she said: "A."; "A." — a
#   quote paragraph continuing her turn; protesters chanted "What curfew?"; she described it
#   as "an intentional act." — a quotation that is its cue's whole complement), the span inside
#   the marks. A quote the cue interrupts ("A," she said, "B.") is two direct records with the
#   same speaker and cue, however the parse joins its parts.
# mixed: a reported clause that contains quoted words (he said the plan was "a disaster";
#   she told DW that "..."), the span is the whole clause, quotation marks included; the
#   quoted words inside are part of it, not records of their own. Quoted words in someone's
#   clause whose clause the parse cannot delimit are a mixed record covering the words alone.
#   A clause that opens a quotation runs on to its closing mark, across sentences (she said the
#   budget was "balanced. We will not raise taxes." is one record; see continuation.py).
# indirect: a reported clause with no quotation marks (Khan said that talks would go on;
#   according to officials, the deal was delayed; the plan, she said, would fail), the span
#   is the clause ("that" included), one record per piece when the cue interrupts it.
# scare: quoted words that are nobody's statement (a term, nickname, title or scare quote),
#   no speaker, no cue; also inside a mixed or indirect clause.
# cue_start/cue_end: the cue's words (said, has said, according to, told); source_start/
# source_end: the speaker's mention as written (a name, "the ministry", or a pronoun), when
# the text has one. Every statement kind may have speaker None when no source was found.
QUOTE_KINDS = ("direct", "mixed", "indirect", "scare")
STATEMENT_KINDS = ("direct", "mixed", "indirect")  # kinds that have a speaker
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
        """Distinct speakers of statements (any kind), in order of first statement; a source that
        is only a description of something ("the data", speaker type unknown) is not a speaker."""
        seen: dict[str, None] = {}
        for q in self.quotes:
            if q.kind in STATEMENT_KINDS and q.speaker and q.speaker_type != "unknown":
                seen.setdefault(q.speaker, None)
        return list(seen)
