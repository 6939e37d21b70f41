"""Canonical names of speakers and entities: the one place an export asks for them.

They come from the library's name table (``reader.names``): "Trump" in one
article and "Donald Trump" in the next are one speaker, "U.S." and "US" one
place, with the name, type and user corrections the window shows. Every export
row gets its names through ``CanonicalNames``. Without a table (an export of
loose records, a table that cannot be read) a record's own ``speaker`` and
entity ``name`` are the canonical ones.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis.record import ArticleRecord
from reader.analysis.record import Entity
from reader.analysis.record import Quote
from reader.names.contribution import entity_key, is_named, speaker_key

if TYPE_CHECKING:
    from reader.names.query import LibraryNames
    from reader.search.articles import StoredArticle
    from reader.search.view import IndexView


class CanonicalNames:
    """Names as the whole library knows them; ``article`` gives the context a surname
    is read in (its outlet, its other entities), as the index read it."""

    def __init__(self, library: LibraryNames | None = None) -> None:
        self._library = library

    def _canonical(self, key: str, article: StoredArticle | None) -> str:
        assert self._library is not None
        return self._library.table.canonical(key, (article.outlet or "") if article is not None else "")

    def speaker(self, quote: Quote, article: StoredArticle | None = None) -> str:
        """The canonical name of a statement's speaker ("" when the record names none)."""
        written = (quote.speaker or "").strip()
        if self._library is None or not is_named(written):
            return written  # a description ("experts") is shown as written
        if article is not None:
            key = speaker_key(article.record, quote.speaker, quote.speaker_type)
        else:  # no record to read the key from: the speaker's own type decides
            key = speaker_key(_NO_RECORD, quote.speaker, quote.speaker_type)
        return self._library.display(self._canonical(key, article)) or written

    def entity(self, entity: Entity, article: StoredArticle | None = None) -> str:
        return self._entry(entity, article)[0]

    def entity_type(self, entity: Entity, article: StoredArticle | None = None) -> str:
        """The type voted over the library (or set by the user), not one article's tag."""
        return self._entry(entity, article)[1]

    def _entry(self, entity: Entity, article: StoredArticle | None) -> tuple[str, str]:
        name = entity.name.strip()
        if self._library is None or not is_named(name):
            return name, entity.type
        entity_id = self._canonical(entity_key(entity.type, entity.name), article)
        found = self._library.table.entity(entity_id)
        return (self._library.display(entity_id) or name), (found.type if found is not None else entity.type)


_NO_RECORD = ArticleRecord(file="")  # a speaker alone: no entity of the article to take the key from


def canonical_names(view: IndexView | None = None) -> CanonicalNames:
    """The names for the library ``view`` reads, looked up once per export."""
    return CanonicalNames(view.names() if view is not None else None)
