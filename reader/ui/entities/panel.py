"""The entities dock: people, organisations and places of the result set with counts.

Clicking (or pressing Enter on) an entity asks for a filter; right-clicking asks
for the corrections menu (``reader.ui.entities.actions`` builds it). The panel
itself only shows and emits; the controller filters and corrects. The filter
box matches a word of any spelling of a name, so "us" finds U.S.
"""
from __future__ import annotations

from typing import Any
from typing import Collection
from typing import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from reader.names.normalise import fold
from reader.search.articles import EntityCount
from reader.ui.table_model import ListTableModel
from reader.ui.table_model import SourceSortProxy
from reader.safe_text import one_line
from reader.ui.plain_text import tooltip
from reader.ui.views import filtered_table_layout

Index = QModelIndex | QPersistentModelIndex
TYPE_LABELS = {"person": "Person", "organisation": "Org.", "place": "Place"}


class EntitiesModel(ListTableModel):
    COL_NAME = 0
    COL_TYPE = 1
    COL_COUNT = 2
    HEADERS = ("Entity", "Type", "Articles")

    KeyRole = Qt.ItemDataRole.UserRole + 1
    TypeRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._active: set[str] = set()
        self._text = ""  # case-folded name filter
        self._type = ""

    def set_entities(self, rows: Sequence[EntityCount]) -> None:
        self.set_rows(rows)

    def set_filter(self, text: str | None = None, etype: str | None = None) -> None:
        """Show only entities with a spelling that has a word starting with ``text``, of
        type ``etype`` ("" = all)."""
        self._text = self._text if text is None else fold(text)
        self._type = self._type if etype is None else etype
        self.refilter()

    def filtering(self) -> bool:
        return bool(self._text or self._type)

    def accepts(self, item: EntityCount) -> bool:
        if self._type and item.type != self._type:
            return False
        return not self._text or any(_starts_a_word(fold(form), self._text) for form in (item.name, *item.aliases))

    def sort_key(self, item: EntityCount, column: int) -> Any:
        if column == 0:  # only the column asked for: 40,000 entities are keyed per new result
            return item.name.casefold()
        return item.type if column == 1 else item.count

    def set_active(self, keys: Collection[str]) -> None:
        """Entities already used as filters are shown in bold."""
        self._active = set(keys)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COL_NAME),
                                  [Qt.ItemDataRole.FontRole])

    def entity(self, row: int) -> EntityCount | None:
        return self.row_at(row)

    def rows(self) -> list[EntityCount]:
        """Every entity given, shown or filtered out."""
        return list(self._all)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        e, col = cell
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and not (
                role == Qt.ItemDataRole.AccessibleTextRole and col == self.COL_TYPE):
            return one_line((e.name, TYPE_LABELS.get(e.type, e.type.title()), str(e.count))[col])
        if role == self.SortRole:
            return self.sort_key(e, col)
        if role == self.KeyRole:
            return e.key
        if role == Qt.ItemDataRole.FontRole and col == self.COL_NAME and e.key in self._active:
            font = QFont()
            font.setBold(True)
            return font
        if role == self.TypeRole:
            return e.type
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.COL_TYPE:
            return e.type
        if role == Qt.ItemDataRole.ToolTipRole:
            others = [a for a in e.aliases if a != e.name]
            also = f"\nAlso written: {', '.join(others[:8])}" + (" …" if len(others) > 8 else "") if others else ""
            return tooltip(f"{e.name} ({e.type}): show only articles that mention {e.name} ({e.count}){also}\n"
                           "Right-click to merge, split, rename or change its type.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _starts_a_word(folded: str, needle: str) -> bool:
    return folded.startswith(needle) or f" {needle}" in f" {folded}"


class EntitiesProxy(SourceSortProxy):
    """The view's side of the model's name filter (the panel's box) and type filter."""

    def set_type(self, etype: str) -> None:
        self.sourceModel().set_filter(etype=etype)

    def setFilterFixedString(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.sourceModel().set_filter(text=text)


class EntitiesPanel(QWidget):
    """Filter box, type choice and the sortable entity table."""

    chosen = Signal(str, str)  # entity key, display name
    menu_requested = Signal(object, QPoint)  # the selected EntityCount rows, where (global)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EntitiesModel(self)
        self.proxy = EntitiesProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter entities"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter entities")
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.type_box = QComboBox()
        self.type_box.setAccessibleName("Entity type")
        for label, value in (("All", ""), ("People", "person"), ("Organisations", "organisation"),
                             ("Places", "place")):
            self.type_box.addItem(self.tr(label), value)
        self.type_box.currentIndexChanged.connect(
            lambda _i: self.proxy.set_type(self.type_box.currentData() or ""))
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Entities")
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(EntitiesModel.COL_COUNT, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # select two to merge
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(EntitiesModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        # fixed widths from the font: ResizeToContents reads every row's data on
        # each reset, which is seconds for the 50k entities of a 10k library
        fm = self.fontMetrics()
        for col, sample in ((EntitiesModel.COL_TYPE, "Organisation"), (EntitiesModel.COL_COUNT, "Articles")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, fm.horizontalAdvance(sample) + 24)
        self.view.clicked.connect(self._activate)
        self.view.activated.connect(self._activate)
        filtered_table_layout(self, self.view, self.filter_edit, self.type_box)

    def set_entities(self, rows: Sequence[EntityCount]) -> None:
        self.model.set_entities(rows)

    def selected(self) -> list[EntityCount]:
        """The selected entities, in the order shown."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [e for e in (self.model.entity(r) for r in rows) if e is not None]

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        if not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.view.selectRow(index.row())
        self.menu_requested.emit(self.selected(), self.view.viewport().mapToGlobal(pos))

    def _activate(self, index: QModelIndex) -> None:
        if QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            return  # selecting several (to merge them), not filtering
        if index.isValid():
            key = index.data(EntitiesModel.KeyRole)
            name = self.proxy.index(index.row(), EntitiesModel.COL_NAME).data()
            self.chosen.emit(key, name)

    def index_of(self, name: str) -> QModelIndex:
        """The view index of an entity by display name (tests, screenshots)."""
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, EntitiesModel.COL_NAME)
            if str(idx.data()).lower() == name.lower():
                return idx
        return QModelIndex()
