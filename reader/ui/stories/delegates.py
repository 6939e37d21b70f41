"""The coverage cell of a story's row, drawn by the library's own coverage-bar painter."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.ui.library.coverage_bar import paint_coverage
from reader.ui.stories.model import StoriesModel


class CoverageDelegate(QStyledItemDelegate):
    """Segments per lean, as wide as their share of the story's articles."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        counts = index.data(StoriesModel.LeanRole) or {}
        rect = option.rect.adjusted(4, 4, -4, -4)
        paint_coverage(painter, rect, counts, option.palette)
