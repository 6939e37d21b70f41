"""Mentions by outlet (KWIC): one entity's mentions, aligned on the mention, grouped by outlet."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QStringListModel
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.ui.compare.delegates import ContextDelegate
from reader.ui.compare.tables import KwicModel
from reader.ui.compare.widgets import table
from reader.ui.table_model import SourceSortProxy
from reader.ui.plain_text import plain_label

SORTS = (("left", "Left context (nearest word first)"), ("right", "Right context"),
         ("position", "Position in the article"))


class KwicPage(QWidget):
    """``line_activated(KwicLine)`` when a line is clicked: the article opens there;
    ``lines_requested(name)`` asks for an entity's lines (found on a worker, given to ``set_lines``)."""

    line_activated = Signal(object)
    lines_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.articles = []
        self.entity = ""
        self.model = KwicModel(self)
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = table(self.proxy, "kwicView", "Mentions by outlet")
        self.view.setAlternatingRowColors(False)
        self.view.setShowGrid(False)
        self.view.setItemDelegateForColumn(KwicModel.COL_LEFT, ContextDelegate(left=True, parent=self.view))
        self.view.setItemDelegateForColumn(KwicModel.COL_RIGHT, ContextDelegate(left=False, parent=self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(KwicModel.COL_LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KwicModel.COL_RIGHT, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        header.resizeSection(KwicModel.COL_OUTLET, fm.horizontalAdvance("Radio Free Europe/Ra") + 12)
        header.resizeSection(KwicModel.COL_MENTION, fm.horizontalAdvance("Vladimir Putin’s") + 24)
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self.edit = QLineEdit()
        self.edit.setObjectName("kwicEntity")
        self.edit.setPlaceholderText(self.tr("A person, organisation or place — e.g. Putin"))
        self.edit.setAccessibleName("Entity to list the mentions of")
        self.edit.setClearButtonEnabled(True)
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)
        self.edit.returnPressed.connect(lambda: self.show_entity(self.edit.text()))
        completer.activated.connect(self.show_entity)
        self.sort_box = QComboBox()
        self.sort_box.setAccessibleName("Sort the lines by")
        for key, label in SORTS:
            self.sort_box.addItem(self.tr(label), key)
        self.sort_box.currentIndexChanged.connect(self._on_sort)
        self.count = plain_label()
        self.count.setObjectName("kwicCount")
        self.count.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Mentions of")))
        bar.addWidget(self.edit, 1)
        bar.addWidget(QLabel(self.tr("sorted by")))
        bar.addWidget(self.sort_box)
        bar.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def set_comparison(self, comparison) -> None:
        self.articles = list(comparison.articles)
        self.completions.setStringList([n for n, _t, _c in comparison.entities[:2000]])
        if self.entity:
            self.show_entity(self.entity)
        else:
            self.model.set_rows([])
            self.count.setText(self.tr("Type or click an entity to see how each outlet mentions it."))

    def show_entity(self, name: str) -> None:
        """List ``name``'s mentions (a name, a word of one such as "Putin", or type:name)."""
        self.entity = name.strip()
        self.edit.setText(self.entity)
        if not self.entity:
            self.set_lines("", [])
            return
        self.count.setText(self.tr("Finding the mentions of “%1”…").replace("%1", self.entity))
        self.lines_requested.emit(self.entity)

    def set_lines(self, name: str, lines) -> None:
        """The lines of ``name`` (dropped when another entity was asked for since)."""
        if name != self.entity:
            return
        self.model.set_rows(lines)
        self._on_sort(self.sort_box.currentIndex())
        outlets = len({ln.outlet for ln in lines})
        self.count.setText(self.tr("%1 mentions in %2 outlets — click a line to read it in the article")
                           .replace("%1", str(len(lines))).replace("%2", str(outlets)) if lines else
                           self.tr("No mentions of “%1” in the compared articles.").replace("%1", self.entity)
                           if self.entity else "")

    def _on_sort(self, index: int) -> None:
        key = self.sort_box.itemData(index)
        column = {"left": KwicModel.COL_LEFT, "right": KwicModel.COL_RIGHT}.get(key, KwicModel.COL_OUTLET)
        self.view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        self.model.sort(column, Qt.SortOrder.AscendingOrder)

    def _on_clicked(self, index: QModelIndex) -> None:
        src = self.proxy.mapToSource(index) if index.model() is self.proxy else index
        line = src.data(KwicModel.LineRole)
        if line is not None:
            self.line_activated.emit(line)
