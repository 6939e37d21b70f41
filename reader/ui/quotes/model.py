"""Every direct quote of the current result set, as a sortable table."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt

from reader.search.articles import QuoteRow  # noqa: F401 - the rows this model lists
from reader.ui.table_model import ListTableModel
from reader.ui.table_model import SourceSortProxy
from reader.safe_text import one_line
from reader.ui.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex


class QuotesModel(ListTableModel):
    COL_SPEAKER = 0
    COL_QUOTE = 1
    COL_OUTLET = 2
    COL_ARTICLE = 3
    HEADERS = ("Speaker", "Quote", "Outlet", "Article")

    PathRole = Qt.ItemDataRole.UserRole + 1
    QuoteIndexRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3
    SpeakerRole = Qt.ItemDataRole.UserRole + 4

    def row(self, row: int) -> QuoteRow | None:
        return self.row_at(row)

    def rows(self) -> list[QuoteRow]:
        return list(self._rows)

    def sort_key(self, item: QuoteRow, column: int) -> Any:
        return (item.speaker, item.text, item.outlet, item.title)[column].casefold()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        r, col = cell
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line((r.speaker, f"“{r.text}”", r.outlet, r.title)[col])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (r.speaker, f"“{r.text}”", r.outlet, r.title)[col]
        if role == self.SortRole:
            return self.sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            cue = f"cue “{r.cue}”, " if r.cue else ""
            return tooltip(f"{r.speaker}: “{r.text}”\n{cue}confidence {r.confidence:.0%}\n{r.outlet} — {r.title}")
        if role == self.PathRole:
            return r.path
        if role == self.QuoteIndexRole:
            return r.quote_index
        if role == self.SpeakerRole:
            return r.speaker
        return None


class QuotesProxy(SourceSortProxy):
    """Sorting is done by the quotes model itself."""
