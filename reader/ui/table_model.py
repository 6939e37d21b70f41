"""The part every list-backed table model shares: rows in a list, sorted and
filtered in Python in one pass, fixed headers.

A ``QSortFilterProxyModel`` sorting a Python model calls ``data()`` twice per
comparison: some 800k calls for the 45k entities of a 10k-article library,
seconds of work on the GUI thread. These models sort by a key function and
filter with a predicate instead; ``SourceSortProxy`` hands the view's sort
requests to them.
"""
from __future__ import annotations

from typing import Any
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtCore import Qt

Index = QModelIndex | QPersistentModelIndex


class HeaderedTableModel(QAbstractTableModel):
    """A flat table with fixed column headers (``HEADERS``); subclasses give ``rowCount``
    and ``data``."""

    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ListTableModel(HeaderedTableModel):
    """Rows held in a Python list; subclasses set ``HEADERS`` and implement ``data``
    and ``sort_key`` (and ``accepts`` to filter)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[Any] = []  # every row given, in the given order
        self._rows: list[Any] = []  # the rows shown: filtered and sorted
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._arranged()
        self.endResetModel()

    def sort_key(self, item: Any, column: int) -> Any:
        """The value a column sorts by (subclasses)."""
        return 0

    def accepts(self, item: Any) -> bool:
        """Whether a row passes the model's filter (subclasses)."""
        return True

    def filtering(self) -> bool:
        """Whether ``accepts`` may turn rows away now (subclasses with a filter say when):
        40,000 entities need not each be asked when the filter box is empty."""
        return type(self).accepts is not ListTableModel.accepts

    def _arranged(self) -> list[Any]:
        rows = [item for item in self._all if self.accepts(item)] if self.filtering() else list(self._all)
        column, order = self._sort
        if 0 <= column < len(self.HEADERS):  # stable: ties keep the given order
            rows.sort(key=lambda item: self.sort_key(item, column),
                      reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: the given order); selections follow their rows."""
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._sort = (column, order)
        self._rows = self._arranged()
        move_persistent_rows(self, [id(item) for item in before], [id(item) for item in self._rows])
        self.layoutChanged.emit()

    def refilter(self) -> None:
        """Apply a changed filter (``accepts``) to the rows."""
        self.beginResetModel()
        self._rows = self._arranged()
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def cell(self, index: Index) -> tuple[Any, int] | None:
        """(row object, column) for a valid index of this table, else None."""
        if not index.isValid() or index.parent().isValid():
            return None
        item = self.row_at(index.row())
        col = index.column()
        if item is None or not 0 <= col < len(self.HEADERS):
            return None
        return item, col


def move_persistent_rows(model: QAbstractTableModel, before: Sequence[Any],
                         after: Sequence[Any]) -> None:
    """Point persistent indexes (selections, the current row) at their rows' new
    places after a reorder; ``before``/``after`` hold the same row keys."""
    old = model.persistentIndexList()
    if not old:  # nothing selected: no map of every row
        return
    where = {key: row for row, key in enumerate(after)}
    model.changePersistentIndexList(old, [model.index(where[before[i.row()]], i.column()) for i in old])


class SourceSortProxy(QSortFilterProxyModel):
    """Hands sorting to a source model that sorts itself (one key per row)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.sourceModel() is not None:
            self.sourceModel().sort(column, order)
