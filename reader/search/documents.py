"""The one pure function from an analysed article to an index document."""
from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any, Sequence

from reader.analysis.record import STATEMENT_KINDS, ArticleRecord
from reader.names.contribution import (article_names, is_named, named_entities, signature, speaker_key,
                                       speaker_keys)
from reader.names.contribution import entity_key  # noqa: F401 - re-exported: the entity filter's key
from reader.search import fields as F

if TYPE_CHECKING:  # the window reads documents without the file readers
    from reader.sources import SourceDocument

SPEAKER_SEPARATOR = "\n"  # keeps names apart in the stored speaker field


def quote_list(record: ArticleRecord) -> bytes:
    """The statements as ``[[index, speaker, cue, confidence, text, speaker key, kind], ...]`` JSON.

    The quotes panel lists thousands of articles' quotes; reading them from this
    column avoids unpickling each article's full record. ``index`` is the
    quote's position in the record (the reader's anchor); the speaker key ("" for
    an unnamed source) is what the name table canonicalises; ``kind`` is direct,
    mixed or indirect (scare quotes are not listed).
    """
    rows = [[i, q.speaker or "", q.cue or "", round(q.confidence, 3), q.text,
             speaker_key(record, q.speaker, q.speaker_type) if is_named(q.speaker) else "", q.kind]
            for i, q in enumerate(record.quotes) if q.kind != "scare"]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def statement_speakers(record: ArticleRecord) -> list[str]:
    """Everyone the article reports as speaking (named or described), in order of first statement."""
    seen: dict[str, None] = {}
    for q in record.quotes:
        if q.kind in STATEMENT_KINDS and q.speaker:
            seen.setdefault(q.speaker, None)
    return list(seen)


def article_to_document(source: SourceDocument, record: ArticleRecord, outlet: str | None,
                        bias: str, outlet_aliases: Sequence[str] = (),
                        indexed_at: float | None = None, ownership: str = "unknown") -> dict[str, Any]:
    """Map (source, analysis, resolved outlet + bias and ownership tokens) to Whoosh fields."""
    spoken = [q for q in record.quotes if q.kind != "scare"]
    names = article_names(record, outlet)
    names_json = names.to_json()
    listed = [(e.type, e.name) for e in named_entities(record)]  # not "experts": a description
    entity_keys = {e.key for e in names.entities}
    listed += [(s.key.partition(":")[0], s.name) for s in names.speakers if s.key not in entity_keys]
    entity_words = []
    for ent in record.entities:
        entity_words.append(ent.name)
        entity_words.extend(a for a in ent.aliases if a != ent.name)
    return {
        F.PATH: str(source.path),
        F.SHA: source.sha,
        F.TITLE: record.title or source.path.stem,
        F.OUTLET: " ; ".join([outlet or "", *outlet_aliases]).strip(" ;"),
        F.OUTLET_NAME: outlet or "",
        F.AUTHOR: record.author or "",
        F.PUBLISHED: record.published or "",
        F.KIND: record.kind or "news",
        F.URL: record.url or "",
        F.FORMAT: source.format,
        F.BODY: source.text,
        F.SPEAKER: SPEAKER_SEPARATOR.join(statement_speakers(record)),
        F.ENTITY: " ; ".join(entity_words),
        F.ENTITY_KEY: ",".join(sorted({entity_key(t, n) for t, n in listed})),  # speakers are entities too
        F.ENTITY_LIST: "\n".join(f"{t}:{n}" for t, n in listed).encode("utf-8"),
        F.BIAS: bias,
        F.QUOTE: "\n".join(q.text for q in spoken),
        F.QUOTE_COUNT: len(spoken),
        F.QUOTE_LIST: quote_list(record),
        F.RECORD: json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":")),
        F.INDEXED_AT: time.time() if indexed_at is None else indexed_at,
        # the name table, speaker filters and ownership (reader/names)
        F.SPEAKER_KEY: ",".join(speaker_keys(record)),
        F.OWNERSHIP: ownership or "unknown",
        F.NAMES: names_json.encode("utf-8"),
        F.NAMES_SIG: signature(names_json).encode("ascii"),
    }
