"""The one pure function from an analysed article to an index document."""
from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any, Sequence

from reader.analysis.record import ArticleRecord
from reader.search import fields as F

if TYPE_CHECKING:  # the window reads documents without the file readers
    from reader.sources import SourceDocument

SPEAKER_SEPARATOR = "\n"  # keeps names apart in the stored speaker field


def entity_key(entity_type: str, name: str) -> str:
    """The exact key an entity filter matches: ``person:ned price``.

    Commas would split the keyword, so they become spaces.
    """
    return f"{entity_type}:{name}".replace(",", " ").strip().lower()


def quote_list(record: ArticleRecord) -> bytes:
    """The statements as ``[[index, speaker, cue, confidence, text, kind], ...]`` JSON.

    The quotes panel lists hundreds of articles' quotes; reading them from this
    column avoids unpickling each article's full record. ``index`` is the
    quote's position in the record (the reader's anchor); ``kind`` is direct, mixed
    or indirect (scare quotes are not listed).
    """
    rows = [[i, q.speaker or "", q.cue or "", round(q.confidence, 3), q.text, q.kind]
            for i, q in enumerate(record.quotes) if q.kind != "scare"]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def article_to_document(source: SourceDocument, record: ArticleRecord, outlet: str | None,
                        bias: str, outlet_aliases: Sequence[str] = (),
                        indexed_at: float | None = None) -> dict[str, Any]:
    """Map (source, analysis, resolved outlet + bias token) to Whoosh fields."""
    spoken = [q for q in record.quotes if q.kind != "scare"]
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
        F.SPEAKER: SPEAKER_SEPARATOR.join(record.speakers()),
        F.ENTITY: " ; ".join(entity_words),
        F.ENTITY_KEY: ",".join(sorted({entity_key(e.type, e.name) for e in record.entities})),
        F.ENTITY_LIST: "\n".join(f"{e.type}:{e.name}" for e in record.entities).encode("utf-8"),
        F.BIAS: bias,
        F.QUOTE: "\n".join(q.text for q in spoken),
        F.QUOTE_COUNT: len(spoken),
        F.QUOTE_LIST: quote_list(record),
        F.RECORD: json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":")),
        F.INDEXED_AT: time.time() if indexed_at is None else indexed_at,
    }
