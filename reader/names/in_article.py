"""Index-time naming within one article, on the record the analysis produced.

Two things the library table cannot do from counts alone, because they need
the article's own text:

- a statement attributed to a document ("the handout said", "the official
  statement said") is the issuer's when the article says who issued it ("the
  handout issued by the Prime Minister's Office", "a statement from the
  Kremlin", "the Kremlin's statement"), or when the article names exactly one
  issuing body;
- the byline's author is a person, whatever the NER said.

Nothing here knows any particular article: the words are English reporting
conventions.
"""
from __future__ import annotations

import re

from reader.analysis.record import STATEMENT_KINDS, ArticleRecord
from reader.names.contribution import is_named
from reader.names.normalise import fold

# the head nouns of written statements: "the handout", "an official statement", "a readout"
DOCUMENT_HEADS = frozenset("""statement statements handout release communique communiqué readout read-out
announcement notification memo memorandum circular bulletin letter note declaration""".split())
_ISSUED = r"(?:issued|released|put\s+out|published|sent|posted|shared|distributed|circulated)"
_NAME = r"(?:[A-Z][\w’'.&-]*)(?:\s+(?:of|for|and|on|the|de|al)?\s*[A-Z][\w’'.&-]*)*"
_LINKS = (
    re.compile(rf"\b(?P<head>\w+(?:-\w+)?)\s+{_ISSUED}\s+by\s+(?:the\s+)?(?P<issuer>{_NAME})"),
    re.compile(rf"\b(?P<head>\w+(?:-\w+)?)\s+(?:from|of)\s+(?:the\s+)?(?P<issuer>{_NAME})"),
    re.compile(rf"(?P<issuer>{_NAME})[’']s\s+(?:\w+\s+)?(?P<head>\w+(?:-\w+)?)\b"),
)


def _head(description: str) -> str:
    words = fold(description).split()
    return words[-1] if words else ""


def _issuers(text: str) -> dict[str, set[str]]:
    """Head noun -> the issuers the text names for it ("handout" -> {"Prime Minister's Office"}).

    The patterns are tried in order of how plainly they name an issuer ("issued by"
    first, a possessive last); a head takes its issuers from the first that names any.
    """
    found: dict[str, set[str]] = {}
    for pattern in _LINKS:
        tier: dict[str, set[str]] = {}
        for m in pattern.finditer(text):
            head = m.group("head").lower()
            if head not in DOCUMENT_HEADS or head in found:
                continue
            issuer = re.sub(r"^(?:The|A|An)\s+", "", m.group("issuer").strip(" .,'’"))
            words = fold(issuer).split()
            if words and words[0] not in ("he", "she", "it", "they", "we", "i"):
                tier.setdefault(head, set()).add(issuer)
        found.update(tier)
    return found


def name_document_speakers(record: ArticleRecord, text: str) -> ArticleRecord:
    """Give statements of documents their issuer (in place). A named speaker keeps the
    article's spelling: spellings that fold alike are one key, so one speaker, already."""
    statements = [q for q in record.quotes if q.kind in STATEMENT_KINDS and q.speaker]
    if not statements:
        return record
    generic = [q for q in statements if not is_named(q.speaker) and _head(q.speaker) in DOCUMENT_HEADS]
    if not generic:
        return record
    # the issuer as the text writes it there (its spellings fold to one key: one speaker)
    links = {head: {fold(i): i for i in sorted(issuers)} for head, issuers in _issuers(text).items()}
    bodies = {fold(q.speaker): q.speaker for q in statements
              if is_named(q.speaker) and q.speaker_type in ("document", "organisation")}
    for q in generic:
        named = links.get(_head(q.speaker), {})
        if len(named) == 1:
            q.speaker = next(iter(named.values()))
        elif not named and len(bodies) == 1:
            q.speaker = next(iter(bodies.values()))
        else:
            continue
        q.speaker_type = q.speaker_type or "document"
    return record


def type_the_author(record: ArticleRecord) -> ArticleRecord:
    """The byline's author is a person (spaCy sometimes tags a byline as an organisation)."""
    author = fold(record.author or "")
    if author:
        for ent in record.entities:
            if ent.type != "person" and fold(ent.name) == author:
                ent.type = "person"
    return record


def name_within(record: ArticleRecord, text: str) -> ArticleRecord:
    """Both steps, as the indexer applies them before the record is stored."""
    return name_document_speakers(type_the_author(record), text)
