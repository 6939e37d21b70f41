"""The part the Compare tables share: answer only the roles a model knows, row by row."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt

from reader.ui.table_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex


class CompareTableModel(ListTableModel):
    """``data`` answers the roles in ``ROLES`` through ``value(item, column, role)``; a view asks
    for a dozen roles per painted cell, most of which no Compare table has."""

    ROLES: frozenset[int] = frozenset()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self.ROLES:
            return None
        found = self.cell(index)
        if found is None:
            return None
        return self.value(found[0], found[1], role, index)

    def value(self, item: Any, column: int, role: int, index: Index) -> Any:
        """A cell's value for one of ``ROLES`` (subclasses)."""
        return None
