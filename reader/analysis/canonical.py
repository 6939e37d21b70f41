"""One name per person within an article.

NER does not always tag a full name ("Khalid Hameed Farooqi" found only as a
speaker), so the resolver that runs before attribution can miss it. After
attribution a bare surname ("Farooqi") is folded into the one full name of
the article that ends with it, and a bare given name ("Ramzan") into the one
full name that starts with it; with two candidates nothing is merged, and a
word that is some person's surname is never taken for another's given name.
Across articles, the library's name table (``reader.names``) does the rest.
"""
from __future__ import annotations

from reader.analysis.record import ArticleRecord


def _people(rec: ArticleRecord) -> set[str]:
    return {e.name for e in rec.entities if e.type == "person"} | \
        {q.speaker for q in rec.quotes if q.speaker and q.speaker_type == "person"}


def _renames(names: set[str]) -> dict[str, str]:
    """Bare name -> the one full name it stands for in this article."""
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) >= 2:
            by_last.setdefault(words[-1].lower(), set()).add(name)
            by_first.setdefault(words[0].lower(), set()).add(name)
    rename = {}
    for name in names:
        if len(name.split()) != 1:
            continue
        word = name.lower()
        if len(by_last.get(word, ())) == 1:
            rename[name] = next(iter(by_last[word]))
        elif word not in by_last and len(by_first.get(word, ())) == 1 and name[:1].isupper():
            rename[name] = next(iter(by_first[word]))  # "Ramzan" beside "Ramzan Kadyrov"
    return rename


def merge_surnames(rec: ArticleRecord) -> ArticleRecord:
    """Rename bare-surname (and bare given-name) speakers and entities to the article's
    unique full name."""
    rename = _renames(_people(rec))
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
