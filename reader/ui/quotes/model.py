"""Every statement of the current result set (quoted words and reported speech), as a
sortable table that can show one kind alone."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from reader.search.articles import QuoteRow  # noqa: F401 - the rows this model lists
from reader.ui.table_model import ListTableModel
from reader.ui.table_model import SourceSortProxy
from reader.safe_text import one_line
from reader.ui.plain_text import tooltip

Index = QModelIndex | QPersistentModelIndex

KIND_LABELS = {"direct": "Direct", "mixed": "Mixed", "indirect": "Indirect"}
KIND_HELP = {"direct": "quoted words", "mixed": "reported, with quoted words", "indirect": "reported, no quotation marks"}
# The panel's kind filter: "direct" keeps the statements that carry the speaker's own
# words (a quotation, or a reported clause holding quoted words), as Compare counts them.
KIND_FILTERS = {"": ("direct", "mixed", "indirect"), "direct": ("direct", "mixed"), "indirect": ("indirect",)}


class QuotesModel(ListTableModel):
    COL_SPEAKER = 0
    COL_KIND = 1
    COL_QUOTE = 2
    COL_OUTLET = 3
    COL_ARTICLE = 4
    HEADERS = ("Speaker", "Kind", "Statement", "Outlet", "Article")

    PathRole = Qt.ItemDataRole.UserRole + 1
    QuoteIndexRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3
    SpeakerRole = Qt.ItemDataRole.UserRole + 4
    KindRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._kinds = KIND_FILTERS[""]

    def set_kind_filter(self, choice: str) -> None:
        """Show all statements (``""``), those with quoted words (``"direct"``) or reported
        speech without quotation marks (``"indirect"``)."""
        kinds = KIND_FILTERS[choice]
        if kinds != self._kinds:
            self._kinds = kinds
            self.refilter()

    def accepts(self, item: QuoteRow) -> bool:
        return item.kind in self._kinds

    def row(self, row: int) -> QuoteRow | None:
        return self.row_at(row)

    def rows(self) -> list[QuoteRow]:
        """The rows shown (the kind filter applied), in the shown order."""
        return list(self._rows)

    def all_rows(self) -> list[QuoteRow]:
        """Every row given, whatever the filter."""
        return list(self._all)

    def sort_key(self, item: QuoteRow, column: int) -> Any:
        return (item.speaker, item.kind, item.text, item.outlet, item.title)[column].casefold()

    @staticmethod
    def _shown_text(r: QuoteRow) -> str:
        return f"“{r.text}”" if r.kind == "direct" else r.text  # a clause carries its own marks, if any

    def _cells(self, r: QuoteRow) -> tuple[str, ...]:
        return (r.speaker, KIND_LABELS.get(r.kind, r.kind.title()), self._shown_text(r), r.outlet, r.title)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        r, col = cell
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(self._cells(r)[col])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._cells(r)[col]
        if role == self.SortRole:
            return self.sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            cue = f"cue “{r.cue}”, " if r.cue else ""
            kind = KIND_HELP.get(r.kind, r.kind)
            return tooltip(f"{r.speaker} ({kind}): {self._shown_text(r)}\n{cue}confidence {r.confidence:.0%}"
                           f"\n{r.outlet} — {r.title}")
        if role == Qt.ItemDataRole.FontRole and col == self.COL_QUOTE and r.kind == "indirect":
            font = QFont()
            font.setItalic(True)  # the writer's words: set apart from quotations
            return font
        if role == self.PathRole:
            return r.path
        if role == self.QuoteIndexRole:
            return r.quote_index
        if role == self.SpeakerRole:
            return r.speaker
        if role == self.KindRole:
            return r.kind
        return None


class QuotesProxy(SourceSortProxy):
    """Sorting (and the kind filter) are done by the quotes model itself."""
