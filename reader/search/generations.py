"""Who opens and closes the window's index views: one owner, with holds.

Each view pins one generation of the index and keeps its segment files open.
When another writer commits, the window opens a view of the new generation,
but the old one may still be read: by the result set the list is painting,
by a search or a panel count running on a worker. So every reader *holds*
the view it reads and releases it when done; the owner closes a replaced
view as soon as nobody holds it, and never one that is still held.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search.view import IndexView


class ViewOwner:
    """``current`` is the newest view; replaced views close when their last hold is released."""

    def __init__(self) -> None:
        self.current: IndexView | None = None
        self._holds: dict[int, list] = {}  # id(view) -> [view, count]
        self._retired: dict[int, IndexView] = {}  # replaced, still held
        self._lock = threading.Lock()
        self.closed = 0  # views closed so far (tests, diagnostics)

    def replace(self, view: IndexView) -> None:
        """Make ``view`` current; the one it replaces closes once nobody holds it."""
        with self._lock:
            old, self.current = self.current, view
            to_close = self._retire(old) if old is not None and old is not view else None
        self._close(to_close)

    def hold(self, view: IndexView | None) -> IndexView | None:
        """Keep ``view`` open until ``release``; returns it (None is ignored)."""
        if view is not None:
            with self._lock:
                entry = self._holds.setdefault(id(view), [view, 0])
                entry[1] += 1
        return view

    def release(self, view: IndexView | None) -> None:
        if view is None:
            return
        to_close = None
        with self._lock:
            entry = self._holds.get(id(view))
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] <= 0:
                del self._holds[id(view)]
                to_close = self._retired.pop(id(view), None)
        self._close(to_close)

    def held(self, view: IndexView) -> int:
        with self._lock:
            entry = self._holds.get(id(view))
            return entry[1] if entry else 0

    def open_views(self) -> int:
        """Views not closed yet: the current one and replaced ones still held."""
        with self._lock:
            return len(self._retired) + (self.current is not None)

    def close_all(self) -> None:
        """The window is closing: every view goes, held or not."""
        with self._lock:
            views = [*self._retired.values(), *([self.current] if self.current is not None else [])]
            self._retired.clear()
            self._holds.clear()
            self.current = None
        for view in views:
            self._close(view)

    def _retire(self, view: IndexView) -> IndexView | None:
        """(under the lock) The view to close now, or None when it is still held."""
        if id(view) in self._holds:
            self._retired[id(view)] = view
            return None
        return view

    def _close(self, view: IndexView | None) -> None:
        if view is not None:
            view.close()
            self.closed += 1
