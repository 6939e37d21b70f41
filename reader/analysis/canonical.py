"""One name per person within an article.

NER does not always tag a full name ("Khalid Hameed Farooqi" found only as a
speaker), so the resolver that runs before attribution can miss it. After
attribution a bare surname ("Farooqi") is folded into the one full name of
the article that ends with it; with two candidates nothing is merged.
"""
from __future__ import annotations

from reader.analysis.record import ArticleRecord


def merge_surnames(rec: ArticleRecord) -> ArticleRecord:
    """Rename bare-surname speakers and entities to the article's unique full name."""
    full: dict[str, set[str]] = {}
    for name in [e.name for e in rec.entities if e.type == "person"] + \
            [q.speaker for q in rec.quotes if q.speaker and q.speaker_type == "person"]:
        words = name.split()
        if len(words) >= 2:
            full.setdefault(words[-1].lower(), set()).add(name)
    rename = {}
    for name in {e.name for e in rec.entities if e.type == "person"} | \
            {q.speaker for q in rec.quotes if q.speaker and q.speaker_type == "person"}:
        if len(name.split()) == 1 and len(full.get(name.lower(), ())) == 1:
            rename[name] = next(iter(full[name.lower()]))
    if not rename:
        return rec
    for q in rec.quotes:
        if q.speaker in rename:
            q.speaker = rename[q.speaker]
    by_name = {e.name: e for e in rec.entities if e.type == "person"}
    kept = []
    for ent in rec.entities:
        target = by_name.get(rename.get(ent.name, "")) if ent.type == "person" else None
        if target is None:
            kept.append(ent)
            continue
        target.aliases = sorted(set(target.aliases) | set(ent.aliases) | {ent.name})
        target.mentions = sorted(set(target.mentions) | set(ent.mentions))
    rec.entities = kept
    return rec
