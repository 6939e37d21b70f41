"""The library's order: a column (click its header), or Relevance (a third click, or
View ▸ Sort by Relevance) — the rank order of the search. A sort lasts the session
unless View ▸ Keep This Sort Order pins it; otherwise each start is by relevance.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from reader.ui.library.model import LibraryModel


class SortOrder(QObject):
    """Wires the header's three states, the Relevance action and the pin to the settings."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.header = window.library_view.horizontalHeader()
        self.header.setSortIndicatorClearable(True)  # ascending, descending, then relevance
        a = window.actions
        a.sort_relevance.triggered.connect(self.relevance)
        a.pin_sort.setChecked(window.settings.pinned_sort is not None)
        a.pin_sort.toggled.connect(self._pin)
        self._ready = False  # until the saved layout is back (restored): it may emit anything
        self.header.sortIndicatorChanged.connect(self._changed)

    def current(self) -> tuple[int, Qt.SortOrder]:
        return self.header.sortIndicatorSection(), self.header.sortIndicatorOrder()

    def is_relevance(self) -> bool:
        return not 0 <= self.header.sortIndicatorSection() < LibraryModel.COL_QUOTES + 1

    def relevance(self) -> None:
        """Back to the search's best-match order (a pinned column sort is unpinned)."""
        if self._ready and self.window.actions.pin_sort.isChecked():
            self.window.actions.pin_sort.setChecked(False)
        self.header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.window.library_view.model().sort(-1)  # a cleared indicator does not sort by itself

    def restored(self) -> None:
        """After the saved header state is back: the pinned sort, else relevance."""
        pinned = self.window.settings.pinned_sort
        if pinned is not None and 0 <= pinned[0] < self.window.library_model.columnCount():
            self.header.setSortIndicator(pinned[0], Qt.SortOrder(pinned[1]))
        else:
            self.relevance()
        self._ready = True
        self._changed(*self.current())

    def _pin(self, on: bool) -> None:
        column, order = self.current()
        self.window.settings.pinned_sort = (column, order.value) if on and column >= 0 else None
        if on and column < 0:  # pinning relevance: nothing to remember
            self.window.actions.pin_sort.setChecked(False)

    def _changed(self, column: int, order: Qt.SortOrder) -> None:
        self.window.actions.sort_relevance.setEnabled(column >= 0)
        if column < 0:
            self.window.library_view.model().sort(-1)
        if self._ready and self.window.actions.pin_sort.isChecked():
            self.window.settings.pinned_sort = (column, order.value) if column >= 0 else None
            if column < 0:
                self.window.actions.pin_sort.setChecked(False)
