"""What the window reads from the open library: articles, the shown result's rows and panels.

Mixed into ``reader.ui.controller.LibraryController``, which owns the state read
here (the open view, the shown result, the article cache); Qt-free, so the
controller's own module holds only opening, the query and the flow of search
answers. Reads that need the index open it first (``_ensure_view``: a library
listed from its snapshot opens its index on the first article read).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from reader.search import fields as F
from reader.search.articles import ArticleCache
from reader.search.articles import EntityCount
from reader.search.articles import StoredArticle
from reader.search.articles import entity_counts
from reader.search.articles import load_article
from reader.search.hits import Hit
from reader.search.lookup import find_entity
from reader.search.lookup import find_path
from reader.search.results import Panels

if TYPE_CHECKING:
    from reader.search.results import ResultSet
    from reader.search.view import IndexView


class LibraryReads:
    """The read side of the controller (needs ``view``, ``result``, ``_articles``,
    ``_folder`` and ``_ensure_view`` from it)."""

    view: IndexView | None
    result: ResultSet | None
    _articles: ArticleCache
    _folder: str

    def _ensure_view(self) -> IndexView | None:  # the controller's
        raise NotImplementedError

    def result_paths(self) -> list[str]:
        return self.result.paths() if self.result is not None else []

    def hit(self, path: str) -> Hit | None:
        """The listed row of an article (None when it is not in the result set)."""
        docnum = self.docnum(path)
        if docnum is None or self.result is None:
            return None
        return self.result.hit(docnum)

    def docnum(self, path: str) -> int | None:
        source = self.result.source if self.result is not None else self.view
        return source.docnum(path) if source is not None else None

    def panels(self) -> Panels:
        """The current result set's entities, quotes and coverage outlets (empty until filled)."""
        panels = self.result.panels if self.result is not None else None
        return panels if panels is not None else Panels()

    def library_folder(self) -> str:
        """The folder all articles share, known once the panels were filled."""
        return self._folder

    def article_sha(self, path: str) -> str | None:
        """The stored content hash of an article: its id for outlet assignments."""
        if self._ensure_view() is None:
            return None
        docnum = self.view.docnum(path)
        return self.view.stored(docnum).get(F.SHA) if docnum is not None else None

    # -- articles, entities, quotes ----------------------------------------------
    def article(self, path: str) -> StoredArticle | None:
        return self._articles.get(self.view, path) if self._ensure_view() is not None else None

    def is_long(self, path: str) -> bool:
        """Whether reading ``path`` is left to a worker (``reader_of``)."""
        return self._ensure_view() is not None and self._articles.is_long(self.view, path)

    def reader_of(self, path: str) -> Callable[[], StoredArticle | None]:
        """``article(path)`` for a worker thread: it reads through the open view, caching nothing."""
        view = self.view
        return lambda: load_article(view, path)

    def all_entities(self) -> list[EntityCount]:
        return entity_counts(self.view) if self._ensure_view() is not None else []

    def find_path(self, name: str) -> str | None:
        """An indexed article by path or file name (``--open``)."""
        return find_path(self.view, name) if self._ensure_view() is not None else None

    def find_entity(self, name: str) -> EntityCount | None:
        """An entity by display name (case-insensitive) or ``type:name`` key (``--entity``)."""
        return find_entity(self.all_entities(), name)
