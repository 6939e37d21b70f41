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
from reader.ui.table_model import HeaderedTableModel
from reader.ui.table_model import move_persistent_rows
from reader.ui.table_model import SourceSortProxy
from reader.safe_text import one_line
from reader.ui.plain_text import tooltip
from reader.ui.views import filtered_table_layout

Index = QModelIndex | QPersistentModelIndex
TYPE_LABELS = {"person": "Person", "organisation": "Org.", "place": "Place"}


def _plain(positions) -> list[int]:
    """Row positions as plain ints (a numpy array's items would be numpy scalars)."""
    return positions.tolist() if hasattr(positions, "tolist") else list(positions)


class EntitiesModel(HeaderedTableModel):
    """The result's entities, read from an ``EntityRows`` as they are painted.

    A whole 10k library has ~40,000 entities; they arrive in the panel's order (most
    mentioned first), which the default sort (articles, descending) keeps as it is. Other
    sorts and the filters are orders and masks the rows compute with numpy
    (``EntityRows.order``/``matching``), so no row is made until it is shown. (Those
    modules load with the first entities: numpy is not needed for the first paint.)"""

    COL_NAME = 0  # as reader.search.entity_rows numbers them
    COL_TYPE = 1
    COL_COUNT = 2
    HEADERS = ("Entity", "Type", "Articles")

    KeyRole = Qt.ItemDataRole.UserRole + 1
    TypeRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: Sequence[EntityCount] = ()  # an EntityRows once entities are given
        self._shown: Sequence[int] = range(0)  # row -> position in ``_all``
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._active: set[str] = set()
        self._text = ""  # case-folded name filter
        self._type = ""

    def set_entities(self, rows: Sequence[EntityCount]) -> None:
        """Show these entities (an ``EntityRows`` is kept as given; a list is wrapped)."""
        from reader.search.entity_rows import EntityRows

        self._all = rows if isinstance(rows, EntityRows) else EntityRows(rows)
        self._reset()

    def set_filter(self, text: str | None = None, etype: str | None = None) -> None:
        """Show only entities with a spelling that has a word starting with ``text``, of
        type ``etype`` ("" = all)."""
        self._text = self._text if text is None else fold(text)
        self._type = self._type if etype is None else etype
        self._reset()

    def filtering(self) -> bool:
        return bool(self._text or self._type)

    def _reset(self) -> None:
        self.beginResetModel()
        self._shown = self._arranged()
        self.endResetModel()

    def _arranged(self) -> Sequence[int]:
        column, order = self._sort
        if not len(self._all):
            return range(0)
        if 0 <= column < len(self.HEADERS):
            positions = self._all.order(column, order == Qt.SortOrder.DescendingOrder)
        else:
            positions = range(len(self._all))
        if self.filtering():
            import numpy as np

            positions = np.asarray(positions, dtype=np.int64)
            positions = positions[self._all.matching(self._text, self._type)[positions]]
        return positions

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: the given order); selections follow their rows."""
        self.layoutAboutToBeChanged.emit()
        before = self._shown
        self._sort = (column, order)
        self._shown = self._arranged()
        if self.persistentIndexList():  # positions, as plain ints, are the rows' keys
            move_persistent_rows(self, _plain(before), _plain(self._shown))
        self.layoutChanged.emit()

    def set_active(self, keys: Collection[str]) -> None:
        """Entities already used as filters are shown in bold."""
        self._active = set(keys)
        if len(self._shown):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, self.COL_NAME),
                                  [Qt.ItemDataRole.FontRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def entity(self, row: int) -> EntityCount | None:
        return self._all.row(int(self._shown[row])) if 0 <= row < len(self._shown) else None

    def rows(self) -> list[EntityCount]:
        """Every entity given, shown or filtered out (every row made: a menu's, not a paint's)."""
        return list(self._all)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        e, col = self.entity(index.row()), index.column()
        if e is None or not 0 <= col < len(self.HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and not (
                role == Qt.ItemDataRole.AccessibleTextRole and col == self.COL_TYPE):
            return one_line((e.name, TYPE_LABELS.get(e.type, e.type.title()), str(e.count))[col])
        if role == self.SortRole:
            return _sort_key(e, col)
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
