"""Hand-built articles for the Compare tests: records with any statement kind.

Today's engine reports direct and partial quotes only; these records also
carry mixed and indirect statements as the record contract defines them, so
the relations that need them (paraphrase, reported speech) are tested now.
"""
from __future__ import annotations

from reader.analysis.record import ArticleRecord, Entity, Quote
from reader.compare.inputs import CompareArticle, articles_from
from reader.search.articles import StoredArticle


def stored(path: str, outlet: str, body: str, statements=(), entities=(), kind: str = "news",
           bias: str = "unknown", published: str = "", title: str = "") -> StoredArticle:
    """An article whose ``statements`` are (text, speaker, kind[, speaker_type[, source as written]])
    found in ``body``; ``entities`` are (name, type) pairs whose mentions are found in it too."""
    rec = ArticleRecord(file=path, title=title or body.split("\n", 1)[0], outlet=outlet, kind=kind,
                        published=published or None)
    for item in statements:
        text, speaker, qkind = item[:3]
        stype = item[3] if len(item) > 3 else "person"
        start = body.index(text)
        quote = Quote(start=start, end=start + len(text), text=text, kind=qkind, speaker=speaker,
                      speaker_type=stype, cue="said", confidence=0.9)
        if len(item) > 4:
            quote.source_start = body.index(item[4])
            quote.source_end = quote.source_start + len(item[4])
        rec.quotes.append(quote)
    for name, etype in entities:
        spans, at = [], body.find(name)
        while at >= 0:
            spans.append((at, at + len(name)))
            at = body.find(name, at + 1)
        rec.entities.append(Entity(name=name, type=etype, aliases=[name], mentions=spans))
    return StoredArticle(path=path, title=rec.title, outlet=outlet, author="", published=published,
                         kind=kind, url="", format="text", bias=bias, body=body, record=rec)


def articles(*items: StoredArticle) -> list[CompareArticle]:
    return articles_from(items)
