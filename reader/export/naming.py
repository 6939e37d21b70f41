"""Canonical names of speakers and entities: the one place an export asks for them.

A library-wide name table (one person under one name across every article and
outlet) is on its way; until it lands, an analysis record's own ``speaker`` and
entity ``name`` are the canonical ones. Every export row gets its names through
``CanonicalNames``, so the table replaces this module's body and nothing else.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from reader.analysis.record import Entity
from reader.analysis.record import Quote

if TYPE_CHECKING:
    from reader.search.view import IndexView


class CanonicalNames:
    """Names as the whole library knows them (for now: as each record has them)."""

    def speaker(self, quote: Quote) -> str:
        """The canonical name of a statement's speaker ("" when the record names none)."""
        return (quote.speaker or "").strip()

    def entity(self, entity: Entity) -> str:
        return entity.name.strip()


def canonical_names(view: IndexView | None = None) -> CanonicalNames:
    """The names for the library ``view`` reads, looked up once per export."""
    return CanonicalNames()
