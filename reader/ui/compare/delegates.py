"""Painting for the Compare tables: voice cells, speakers with their flags, rich-text cells."""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QRect
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QAbstractTextDocumentLayout
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.ui.compare.voices_model import VoicesModel
from reader.ui.palette import ink
from reader.ui.palette import tint

QUOTED_HUE = 210
FLAG_HUE = 15
MAX_SQUARES = 8


def _background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    opt = QStyleOptionViewItem(option)
    opt.text = ""
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


def _selected(option: QStyleOptionViewItem) -> bool:
    return bool(option.state & QStyle.StateFlag.State_Selected)


def _text_colour(option: QStyleOptionViewItem) -> QColor:
    role = QPalette.ColorRole.HighlightedText if _selected(option) else QPalette.ColorRole.Text
    return option.palette.color(role)


class VoiceCellDelegate(QStyledItemDelegate):
    """A square per statement (filled: quoted, hollow: reported), the words quoted under them;
    the cell's tint deepens with the words quoted, so the table reads as a heat map."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.most_words = 1  # the largest cell of the table (set when the table is filled)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # no initStyleOption: the view's option has rect, state, palette and font, which is all
        # this uses, and filling it asks the model for a dozen roles per cell
        cell = index.data(VoicesModel.CellRole)
        painter.save()
        if cell is not None and cell.total and not _selected(option):
            share = min(1.0, cell.words / max(1, self.most_words)) ** 0.5
            bg = tint(QUOTED_HUE, option.palette)
            base = option.palette.color(QPalette.ColorRole.Base)
            mix = 0.25 + 0.75 * share
            colour = QColor.fromRgbF(base.redF() + (bg.redF() - base.redF()) * mix,
                                     base.greenF() + (bg.greenF() - base.greenF()) * mix,
                                     base.blueF() + (bg.blueF() - base.blueF()) * mix)
            painter.fillRect(option.rect, colour)
        else:
            _background(painter, option)
        rect = option.rect.adjusted(6, 3, -4, -3)
        fm = QFontMetrics(option.font)
        if cell is None or not cell.total:
            if index.data(VoicesModel.MentionedRole):
                small = QFont(option.font)
                small.setItalic(True)
                painter.setFont(small)
                painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 fm.elidedText("named, not quoted", Qt.TextElideMode.ElideRight, rect.width()))
            painter.restore()
            return
        ink_colour = ink(QUOTED_HUE, option.palette) if not _selected(option) else _text_colour(option)
        size = max(6, fm.height() - 6)
        x, y = rect.left(), rect.top() + 2
        shown = 0
        for n in range(cell.total):
            if shown >= MAX_SQUARES:
                break
            square = QRectF(x, y, size, size)
            painter.setPen(ink_colour)
            painter.setBrush(ink_colour if n < cell.quoted else Qt.BrushStyle.NoBrush)
            painter.drawRect(square)
            x += size + 3
            shown += 1
        painter.setPen(_text_colour(option))
        if cell.total > shown:
            painter.drawText(QRect(int(x), rect.top(), rect.right() - int(x), fm.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), f"+{cell.total - shown}")
        words = f"{cell.words} word{'s' if cell.words != 1 else ''}"
        if cell.indirect:
            words += f" · {cell.indirect} reported"
        painter.drawText(QRect(rect.left(), rect.top() + fm.height(), rect.width(), fm.height() + 2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         fm.elidedText(words, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(fm.horizontalAdvance("■ ■ ■ ■ ■ ■ +9"), fm.height() * 2 + 8)


class SpeakerDelegate(QStyledItemDelegate):
    """The speaker's name with small flags: unnamed, official, one outlet only, left out by others."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # (no initStyleOption: see VoiceCellDelegate.paint)
        row = index.data(VoicesModel.RowRole)
        _background(painter, option)
        if row is None:
            return
        painter.save()
        rect = option.rect.adjusted(6, 3, -4, -3)
        fm = QFontMetrics(option.font)
        name_font = QFont(option.font)
        name_font.setItalic(row.vague)
        name_font.setBold(not row.vague)
        painter.setFont(name_font)
        painter.setPen(_text_colour(option))
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), fm.height() + 2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         QFontMetrics(name_font).elidedText(row.name, Qt.TextElideMode.ElideRight, rect.width()))
        flags = []
        if row.vague:
            flags.append("unnamed source")
        elif row.official:
            flags.append("official")
        if row.only_outlet and row.mentioned_by:
            flags.append(f"only {row.only_outlet}; {len(row.mentioned_by)} more name them")
        elif row.only_outlet:
            flags.append(f"only {row.only_outlet}")
        elif row.mentioned_by:
            flags.append(f"named, not quoted by {len(row.mentioned_by)} more")
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
        painter.setFont(small)
        flagged = bool(row.mentioned_by)
        painter.setPen(ink(FLAG_HUE, option.palette) if flagged and not _selected(option)
                       else option.palette.color(QPalette.ColorRole.PlaceholderText)
                       if not _selected(option) else _text_colour(option))
        painter.drawText(QRect(rect.left(), rect.top() + fm.height(), rect.width(), fm.height() + 2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         QFontMetrics(small).elidedText(" · ".join(flags), Qt.TextElideMode.ElideRight,
                                                        rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(fm.horizontalAdvance("Khalid Hameed Farooqi  "), fm.height() * 2 + 8)


class HtmlDelegate(QStyledItemDelegate):
    """Cells whose DisplayRole is safe HTML (made by reader.compare.html), wrapped to the cell.

    Laid-out documents are kept (by text and width) for the next paint: laying out rich text
    is most of what painting a row costs."""

    CACHE = 400

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._docs: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        key = (text, width, option.font.key())
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(text)
        doc.setTextWidth(width)
        self._docs[key] = doc
        if len(self._docs) > self.CACHE:
            self._docs.popitem(last=False)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        _background(painter, option)
        rect = option.rect.adjusted(4, 2, -4, -2)
        doc = self._document(option, index, rect.width())
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if _selected(option):
            ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(400, fm.lineSpacing() * 3 + 8)


class ContextDelegate(QStyledItemDelegate):
    """A KWIC context: the left one right-aligned (cut on the left), the right one cut on the right."""

    def __init__(self, left: bool, parent=None) -> None:
        super().__init__(parent)
        self.left = left

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        _background(painter, option)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = option.rect.adjusted(4, 0, -4, 0)
        fm = QFontMetrics(option.font)
        mode = Qt.TextElideMode.ElideLeft if self.left else Qt.TextElideMode.ElideRight
        align = Qt.AlignmentFlag.AlignRight if self.left else Qt.AlignmentFlag.AlignLeft
        painter.save()
        painter.setPen(_text_colour(option))
        painter.setFont(option.font)
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), fm.elidedText(text, mode, rect.width()))
        painter.restore()
