"""Painting helpers for the library table: title with its snippet, outlet with bias chip."""
from __future__ import annotations

import html

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
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.search.hits import MARK_END
from reader.search.hits import MARK_START
from reader.search.hits import render_marks
from reader.ui.library.model import LibraryModel
from reader.ui.palette import bias_colours
from reader.ui.palette import ownership_colours
from reader.ui.palette import html_theme


def _background(painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
    """Let the style paint selection/hover backgrounds, without any text."""
    opt = QStyleOptionViewItem(option)
    opt.text = ""
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


def _ink(option: QStyleOptionViewItem) -> QColor:
    """The text colour for the row's state (selected rows use the highlight's)."""
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    return option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)


def _fit_lines(text: str, font: QFont, width: int, lines: int) -> str:
    """``text`` shortened with an ellipsis so it wraps into at most ``lines`` lines."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts = []
    while len(starts) < lines + 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(10, width))
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return text
    last = starts[lines - 1]
    tail = QFontMetrics(font).elidedText(text[last:], Qt.TextElideMode.ElideRight, max(10, width))
    return text[:last] + tail


def _cut_snippet(snippet: str, limit: int) -> str:
    """At most ``limit`` characters around the first match, cut at words, markers balanced."""
    if len(snippet) <= limit:
        return snippet
    first = snippet.find(MARK_START)
    if first > limit // 2:
        start = snippet.find(" ", max(0, first - limit // 3))
        snippet = "… " + snippet[start + 1 if 0 <= start < first else first:]
        if len(snippet) <= limit:
            return snippet
    cut = snippet[:limit].rsplit(" ", 1)[0]
    if cut.count(MARK_START) > cut.count(MARK_END):
        cut += MARK_END
    return cut + " …"


class TitleDelegate(QStyledItemDelegate):
    """The title in bold with the search snippet (matches highlighted) under it."""

    TITLE_LINES = 2
    SNIPPET_LINES = 2
    compact = False  # one line per row: the title alone (the snippet is in the tooltip)

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument:
        theme = html_theme(option.palette)
        colour = _ink(option).name()
        fm = QFontMetrics(option.font)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bold = QFont(option.font)
        bold.setBold(True)
        title = html.escape(_fit_lines(title, bold, width - 8, self.TITLE_LINES))
        snippet = _cut_snippet(index.data(LibraryModel.SnippetRole) or "",
                               int(width / max(1, fm.averageCharWidth()) * 1.15 * self.SNIPPET_LINES))
        body = f'<div style="color:{colour}"><b>{title}</b>'
        if snippet:
            marked = render_marks(html.escape(snippet), f'<span style="background-color:{theme.hit_bg}; '
                                  f'color:{theme.hit_fg}; font-weight:600">', "</span>")
            body += f'<br><span style="font-size:small">{marked}</span>'
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(body + "</div>")
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        _background(painter, option, index)
        rect = option.rect.adjusted(4, 2, -4, -2)
        if self.compact or not index.data(LibraryModel.SnippetRole):
            self._paint_title(painter, option, index, rect)  # most rows: no rich text needed
            return
        doc = self._document(option, index, rect.width())
        doc.setTextWidth(rect.width())
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def _paint_title(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex,
                     rect: QRect) -> None:
        """The bold title alone, drawn as plain text (a QTextDocument per row costs more)."""
        bold = QFont(option.font)
        bold.setBold(True)
        inner = rect.adjusted(2, 2, -2, -2)  # the document margin the rich rows have
        if self.compact:
            inner = rect.adjusted(2, 0, -2, 0)
        title = _fit_lines(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), bold, inner.width(),
                           1 if self.compact else self.TITLE_LINES)
        painter.save()
        painter.setClipRect(rect)
        painter.setFont(bold)
        painter.setPen(_ink(option))
        align = Qt.AlignmentFlag.AlignVCenter if self.compact else Qt.AlignmentFlag.AlignTop
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | align | Qt.TextFlag.TextWordWrap), title)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        lines = 1 if self.compact else (
            self.TITLE_LINES + (self.SNIPPET_LINES if index.data(LibraryModel.SnippetRole) else 0))
        return QSize(320, fm.lineSpacing() * lines + 10)


class BiasChipDelegate(QStyledItemDelegate):
    """Outlet name followed by rounded chips: the bias label, then the ownership when known
    (colour plus text: a chip never speaks by colour alone)."""

    GAP = 6

    @staticmethod
    def _chip_font(option: QStyleOptionViewItem) -> QFont:
        font = QApplication.font()
        font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.82))
        font.setBold(True)
        return font

    @staticmethod
    def _chips(index: QModelIndex, palette: QPalette) -> list[tuple[str, QColor, QColor]]:
        """(text, background, ink) of each chip, left to right."""
        bias = index.data(LibraryModel.BiasRole) or "unknown"
        chips = [(str(index.data(LibraryModel.BiasLabelRole) or ""), *bias_colours(bias, palette))]
        owner = str(index.data(LibraryModel.OwnershipLabelRole) or "")
        if owner:
            chips.append((owner, *ownership_colours(index.data(LibraryModel.OwnershipRole) or "", palette)))
        return chips

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        _background(painter, option, index)
        outlet = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = option.rect.adjusted(6, 0, -4, 0)
        painter.save()
        fm = QFontMetrics(option.font)
        chip_font = self._chip_font(option)
        cfm = QFontMetrics(chip_font)
        chips = self._chips(index, option.palette)
        widths = [cfm.horizontalAdvance(text) + 12 for text, _bg, _fg in chips]
        chips_w = sum(widths) + self.GAP * len(widths)
        keep = min(fm.horizontalAdvance(outlet) + 2, fm.averageCharWidth() * 10)  # the name stays readable
        if len(chips) > 1 and rect.width() - chips_w < keep:  # narrow column: the lean chip only
            chips, widths = chips[:1], widths[:1]
            chips_w = widths[0] + self.GAP
        name_w = min(fm.horizontalAdvance(outlet) + 2, max(0, rect.width() - chips_w - 2))
        painter.setFont(option.font)
        painter.setPen(_ink(option))
        room = max(0, rect.width() - chips_w - 2)
        if fm.horizontalAdvance(outlet) + 2 > room:  # the registry's short name, when it fits
            short = str(index.data(LibraryModel.ShortOutletRole) or "")
            if short and fm.horizontalAdvance(short) + 2 <= room:
                outlet = short
                name_w = fm.horizontalAdvance(outlet) + 2
        painter.drawText(QRect(rect.left(), rect.top(), name_w, rect.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         fm.elidedText(outlet, Qt.TextElideMode.ElideRight, name_w))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(chip_font)
        chip_h = cfm.height() + 4
        x = rect.left() + name_w + self.GAP
        for (text, bg, fg), width in zip(chips, widths):
            chip = QRectF(x, rect.center().y() - chip_h / 2 + 1, width, chip_h)
            painter.setPen(fg)
            painter.setBrush(bg)
            painter.drawRoundedRect(chip, chip_h / 2, chip_h / 2)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
            x += width + self.GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        outlet = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        labels = [str(index.data(LibraryModel.BiasLabelRole) or ""),
                  str(index.data(LibraryModel.OwnershipLabelRole) or "")]
        return QSize(fm.horizontalAdvance(outlet) + sum(fm.horizontalAdvance(t) + 18 for t in labels if t) + 24,
                     fm.height() + 8)
