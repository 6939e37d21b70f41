"""Export rows: one small function per kind, from stored articles (never a new analysis).

The column tuples are the CSV header and the JSON Lines keys (after ``"schema"``), in
this order; the README documents each column. Offsets are Python string indices
(Unicode code points) into the article text as stored, end exclusive.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from reader.names.contribution import is_named
from reader.analysis.record import STATEMENT_KINDS
from reader.analysis.record import Quote
from reader.export.naming import CanonicalNames
from reader.export.outlet_facts import OutletFacts
from reader.export.outlet_facts import OutletLookup
from reader.export.tabular import csv_cell
from reader.search.articles import StoredArticle

QUOTE_COLUMNS = (
    "article_id", "path", "title", "outlet", "lean", "lean_source", "lean_date", "ownership",
    "article_kind", "published", "author", "url", "quote_index", "speaker", "speaker_as_written",
    "speaker_type", "kind", "cue", "text", "start", "end", "confidence",
    "cue_start", "cue_end", "source_start", "source_end")
# metadata fields with where each came from (ArticleRecord.meta_sources)
META_FIELDS = ("title", "outlet", "author", "published", "kind", "url")
ARTICLE_COLUMNS = (
    "article_id", "path", *(c for f in META_FIELDS for c in (f, f"{f}_source")),
    "lean", "lean_source", "lean_date", "ownership", "format", "quotes", "speakers", "entities")
ENTITY_COLUMNS = ("name", "type", "aliases", "articles", "outlets")  # then one column per outlet
OUTLET_COLUMN_PREFIX = "articles: "  # "articles: Deutsche Welle"


def article_id(article: StoredArticle) -> str:
    """A short stable id: the first 16 hex digits of the SHA-256 of the file's bytes."""
    return article.sha[:16]


def statement_kind(quote: Quote) -> str | None:
    """direct / mixed / indirect, or None for what is not a statement (scare quotes).

    ``partial`` is the record's legacy name for ``mixed``."""
    if quote.kind not in STATEMENT_KINDS:
        return None
    return "mixed" if quote.kind == "partial" else quote.kind


def _span(body: str, start: int | None, end: int | None) -> str:
    if start is None or end is None or not 0 <= start <= end <= len(body):
        return ""
    return body[start:end]


def _outlet_part(facts: OutletFacts) -> dict[str, Any]:
    return {"lean": facts.lean, "lean_source": facts.lean_source, "lean_date": facts.lean_date,
            "ownership": facts.ownership}


def statements(article: StoredArticle, only: Iterable[int] | None = None) -> Iterator[tuple[int, Quote, str]]:
    """(quote index, quote, kind) of an article's statements, or of the chosen ones."""
    chosen = None if only is None else set(only)
    for index, quote in enumerate(article.record.quotes):
        kind = statement_kind(quote)
        if kind is not None and (chosen is None or index in chosen):
            yield index, quote, kind


def quote_rows(article: StoredArticle, facts: OutletFacts, names: CanonicalNames,
               only: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """One row per statement of the article (or per chosen quote index)."""
    shared = {"article_id": article_id(article), "path": article.path, "title": article.title,
              "outlet": article.outlet, **_outlet_part(facts), "article_kind": article.kind,
              "published": article.published, "author": article.author, "url": article.url}
    for index, q, kind in statements(article, only):
        yield {**shared, "quote_index": index, "speaker": names.speaker(q, article),
               "speaker_as_written": _span(article.body, q.source_start, q.source_end),
               "speaker_type": q.speaker_type or "unknown", "kind": kind, "cue": q.cue or "",
               "text": q.text, "start": q.start, "end": q.end, "confidence": round(q.confidence, 3),
               "cue_start": q.cue_start, "cue_end": q.cue_end,
               "source_start": q.source_start, "source_end": q.source_end}


def meta_source(article: StoredArticle, name: str, outlets: OutletLookup) -> str:
    """Where a metadata field's value came from (``META_SOURCES``), "" when it was not found."""
    if name == "outlet" and outlets.assigned_by_user(article.sha):
        return "user"  # Set Outlet… overrides what the file said
    value = getattr(article, name, "")
    return article.record.meta_sources.get(name, "") if value else ""


def article_row(article: StoredArticle, facts: OutletFacts, names: CanonicalNames,
                outlets: OutletLookup) -> dict[str, Any]:
    """One row for the article: its metadata with sources, its outlet's lean, its counts."""
    said = list(statements(article))
    speakers = {s for _, q, _ in said if (s := names.speaker(q, article))}
    row: dict[str, Any] = {"article_id": article_id(article), "path": article.path}
    for name in META_FIELDS:
        row[name] = getattr(article, name, "")
        row[f"{name}_source"] = meta_source(article, name, outlets)
    row.update(_outlet_part(facts))
    row.update({"format": article.format, "quotes": len(said), "speakers": len(speakers),
                "entities": len(article.record.entities)})
    return row


@dataclass
class _Tally:
    name: str
    type: str
    aliases: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)  # outlet name -> articles
    articles: int = 0


class EntityTally:
    """Entities over many articles: each counted once per article, per outlet."""

    def __init__(self, names: CanonicalNames) -> None:
        self._names = names
        self._entities: dict[tuple[str, str], _Tally] = {}
        self._outlets: Counter = Counter()  # articles per outlet in the whole set

    def add(self, article: StoredArticle) -> None:
        outlet = article.outlet or "unknown outlet"
        self._outlets[outlet] += 1
        seen: set[tuple[str, str]] = set()
        for ent in article.record.entities:
            if not is_named(ent.name):  # a description ("hard-line Islamists") is no entity of the library
                continue
            name, etype = self._names.entity(ent, article), self._names.entity_type(ent, article)
            key = (etype, name.casefold())
            tally = self._entities.get(key)
            if tally is None:
                tally = self._entities[key] = _Tally(name, etype)
            tally.aliases.update(a for a in ent.aliases if a.strip() and a.casefold() != name.casefold())
            if key not in seen:
                seen.add(key)
                tally.articles += 1
                tally.outlets[outlet] += 1

    def outlet_names(self) -> list[str]:
        """The result set's outlets, most articles first: the per-outlet columns."""
        return [name for name, _ in sorted(self._outlets.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]

    def columns(self) -> tuple[str, ...]:
        return (*ENTITY_COLUMNS, *(OUTLET_COLUMN_PREFIX + o for o in self.outlet_names()))

    def rows(self) -> list[dict[str, Any]]:
        """One row per entity, most articles first; ``by_outlet`` holds the per-outlet counts."""
        ordered = sorted(self._entities.values(), key=lambda t: (-t.articles, t.type, t.name.casefold()))
        return [{"name": t.name, "type": t.type, "aliases": [a for a, _ in t.aliases.most_common()],
                 "articles": t.articles, "outlets": len(t.outlets),
                 "by_outlet": dict(sorted(t.outlets.items(), key=lambda kv: (-kv[1], kv[0].casefold())))}
                for t in ordered]


def entity_csv_cells(row: dict[str, Any], outlet_names: Iterable[str]) -> list[Any]:
    """An entity row as CSV cells: its columns, then its count in each outlet's column
    (a library of 200 outlets makes 200 columns: built as a list, not a dict)."""
    by_outlet = row["by_outlet"]
    return [row["name"], row["type"], csv_cell(row["aliases"]), row["articles"], row["outlets"],
            *(by_outlet.get(o, 0) for o in outlet_names)]
