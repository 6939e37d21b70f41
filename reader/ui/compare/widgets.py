"""Small widgets the Compare pages share: a configured table, a header with bias chips."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtCore import QRect
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyleOptionHeader
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from reader.ui.compare.voices_model import VoicesModel
from reader.ui.views import configured_table
from reader.ui.palette import bias_colours


def table(model: QAbstractItemModel, name: str, accessible: str, parent: QWidget | None = None) -> QTableView:
    """The library's kind of table (``reader.ui.views``), with rows of one fixed height."""
    view = configured_table(model, name, accessible, parent)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    return view


class OutletHeader(QHeaderView):
    """Column heads with the outlet's name and its bias chip (colour and text), as in the library."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def sizeHint(self) -> QSize:
        """Two lines high; not measured from the sections (hundreds of outlets: hundreds of
        headerData calls into Python at every layout)."""
        return QSize(self.length(), self.fontMetrics().height() * 2 + 14)

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        model = self.model()
        if model is None:
            return
        token = model.headerData(section, Qt.Orientation.Horizontal, VoicesModel.LeanRole)
        if not token:  # Speaker, Total: a plain header
            super().paintSection(painter, rect, section)
            return
        opt = QStyleOptionHeader()
        self.initStyleOption(opt)
        opt.rect = rect
        opt.section = section
        opt.text = ""
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == section:
            opt.sortIndicator = (QStyleOptionHeader.SortIndicator.SortDown
                                 if self.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                                 else QStyleOptionHeader.SortIndicator.SortUp)
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, opt, painter, self)
        text = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        name, _, chip = text.partition("\n")
        fm = self.fontMetrics()
        inner = rect.adjusted(6, 4, -6, -4)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), fm.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight, inner.width()))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.82))
        small.setBold(True)
        sfm = QFontMetrics(small)
        bg, fg = bias_colours(token, self.palette())
        chip_w = min(inner.width(), sfm.horizontalAdvance(chip) + 12)
        box = QRectF(inner.left(), inner.top() + fm.height() + 3, chip_w, sfm.height() + 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(fg)
        painter.setBrush(bg)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setFont(small)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), sfm.elidedText(chip, Qt.TextElideMode.ElideRight,
                                                                                 int(box.width()) - 6))
        painter.restore()
