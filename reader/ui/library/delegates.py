"""Painting helpers for the library table: title with its snippet, outlet with bias chip.

A keystroke repaints every visible row right after the new list arrives, and the
user waits for that paint. So what a row's paint works out from its text — the
title wrapped and elided, the snippet's rich-text document, the outlet name and
chips measured — is kept per delegate, keyed by everything it depends on (the
row's text, the width, the font, the colours): a row whose data changes (its
snippet arrives, the outlet is relabelled) or a resized column gets a new entry,
never a stale one. Painting a row again only draws.
"""
from __future__ import annotations

import html
from collections import OrderedDict
from typing import Any, Callable, Hashable

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


# Qt's flags are Python enums: combined once, not in every row's paint
_TOP_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
_MIDDLE_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
_MIDDLE_LEFT = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_SELECTED = QStyle.StateFlag.State_Selected


def _background(painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
    """Let the style paint selection/hover backgrounds, without any text."""
    opt = QStyleOptionViewItem(option)
    opt.text = ""
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


def _ink(option: QStyleOptionViewItem) -> QColor:
    """The text colour for the row's state (selected rows use the highlight's)."""
    selected = bool(option.state & _SELECTED)
    return option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)


class _Kept:
    """A bounded memo (least recently used goes first): a screenful or two of rows, and the
    rows they become once selected, without growing as the list scrolls."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        try:
            self._items.move_to_end(key)
            return self._items[key]
        except KeyError:
            value = self._items[key] = make()
            if len(self._items) > self.size:
                self._items.popitem(last=False)
            return value

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()


KEPT_ROWS = 256  # rows' layouts kept per delegate


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

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kept_titles = _Kept(KEPT_ROWS)  # (title, font, width, lines) -> the text drawn
        self.kept_documents = _Kept(KEPT_ROWS)  # (title, snippet, width, font, colours) -> document

    def _document(self, option: QStyleOptionViewItem, title: str, snippet: str, width: int) -> QTextDocument:
        theme = html_theme(option.palette)
        colour = _ink(option).name()
        font = option.font
        key = (title, snippet, width, font.key(), colour, theme.hit_bg, theme.hit_fg)
        return self.kept_documents.get(key, lambda: self._make_document(font, title, snippet, width, colour, theme))

    def _make_document(self, font: QFont, title: str, snippet: str, width: int, colour: str, theme) -> QTextDocument:
        fm = QFontMetrics(font)
        bold = QFont(font)
        bold.setBold(True)
        title = html.escape(_fit_lines(title, bold, width - 8, self.TITLE_LINES))
        snippet = _cut_snippet(snippet, int(width / max(1, fm.averageCharWidth()) * 1.15 * self.SNIPPET_LINES))
        body = f'<div style="color:{colour}"><b>{title}</b>'
        if snippet:
            marked = render_marks(html.escape(snippet), f'<span style="background-color:{theme.hit_bg}; '
                                  f'color:{theme.hit_fg}; font-weight:600">', "</span>")
            body += f'<br><span style="font-size:small">{marked}</span>'
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(2)
        doc.setHtml(body + "</div>")
        doc.setTextWidth(width)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        _background(painter, option, index)
        rect = option.rect.adjusted(4, 2, -4, -2)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        snippet = "" if self.compact else index.data(LibraryModel.SnippetRole) or ""
        if not snippet:
            self._paint_title(painter, option, title, rect)  # most rows: no rich text needed
            return
        doc = self._document(option, title, snippet, rect.width())
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def _paint_title(self, painter: QPainter, option: QStyleOptionViewItem, title: str, rect: QRect) -> None:
        """The bold title alone, drawn as plain text (a QTextDocument per row costs more)."""
        bold = QFont(option.font)
        bold.setBold(True)
        inner = rect.adjusted(2, 2, -2, -2)  # the document margin the rich rows have
        if self.compact:
            inner = rect.adjusted(2, 0, -2, 0)
        lines = 1 if self.compact else self.TITLE_LINES
        width = inner.width()
        title = self.kept_titles.get((title, bold.key(), width, lines),
                                     lambda: _fit_lines(title, bold, width, lines))
        painter.save()
        painter.setClipRect(rect)
        painter.setFont(bold)
        painter.setPen(_ink(option))
        painter.drawText(inner, _MIDDLE_WRAP if self.compact else _TOP_WRAP, title)
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

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # (the cell's texts and tokens, width, font, palette) -> what is drawn where
        self.kept_layouts = _Kept(KEPT_ROWS)

    @staticmethod
    def _chip_font(option: QStyleOptionViewItem) -> QFont:
        font = QApplication.font()
        font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.82))
        font.setBold(True)
        return font

    @staticmethod
    def _chips(index: QModelIndex, palette: QPalette) -> list[tuple[str, QColor, QColor]]:
        """(text, background, ink) of each chip, left to right."""
        cell = index.data(LibraryModel.OutletCellRole)
        return BiasChipDelegate._chips_of(cell, palette) if cell else []

    @staticmethod
    def _chips_of(cell: tuple, palette: QPalette) -> list[tuple[str, QColor, QColor]]:
        _outlet, _short, bias, bias_text, owner, owner_text = cell
        chips = [(bias_text, *bias_colours(bias or "unknown", palette))]
        if owner_text:
            chips.append((owner_text, *ownership_colours(owner or "", palette)))
        return chips

    def _layout(self, option: QStyleOptionViewItem, cell: tuple, rect: QRect):
        """(outlet text, its rect, [(chip rect, text, background, ink)], chip font) for the cell."""
        outlet, short = cell[0], cell[1]
        fm = QFontMetrics(option.font)
        chip_font = self._chip_font(option)
        cfm = QFontMetrics(chip_font)
        chips = self._chips_of(cell, option.palette)
        widths = [cfm.horizontalAdvance(text) + 12 for text, _bg, _fg in chips]
        chips_w = sum(widths) + self.GAP * len(widths)
        keep = min(fm.horizontalAdvance(outlet) + 2, fm.averageCharWidth() * 10)  # the name stays readable
        if len(chips) > 1 and rect.width() - chips_w < keep:  # narrow column: the lean chip only
            chips, widths = chips[:1], widths[:1]
            chips_w = widths[0] + self.GAP
        name_w = min(fm.horizontalAdvance(outlet) + 2, max(0, rect.width() - chips_w - 2))
        room = max(0, rect.width() - chips_w - 2)
        if fm.horizontalAdvance(outlet) + 2 > room:  # the registry's short name, when it fits
            if short and fm.horizontalAdvance(short) + 2 <= room:
                outlet = short
                name_w = fm.horizontalAdvance(outlet) + 2
        name = (fm.elidedText(outlet, Qt.TextElideMode.ElideRight, name_w),
                QRect(rect.left(), rect.top(), name_w, rect.height()))
        chip_h = cfm.height() + 4
        x = rect.left() + name_w + self.GAP
        drawn = []
        for (text, bg, fg), width in zip(chips, widths):
            drawn.append((QRectF(x, rect.center().y() - chip_h / 2 + 1, width, chip_h), text, bg, fg))
            x += width + self.GAP
        return name, drawn, chip_font

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        _background(painter, option, index)
        cell = index.data(LibraryModel.OutletCellRole)
        if not cell:
            return
        rect = option.rect.adjusted(6, 0, -4, 0)
        key = (cell, rect.width(), rect.height(), option.font.key(), option.palette.cacheKey())
        (name, name_rect), chips, chip_font = self.kept_layouts.get(key, lambda: self._layout(option, cell, rect))
        dx, dy = rect.left() - name_rect.left(), rect.top() - name_rect.top()  # kept at another row's place
        painter.save()
        painter.translate(dx, dy)
        painter.setFont(option.font)
        painter.setPen(_ink(option))
        painter.drawText(name_rect, _MIDDLE_LEFT, name)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(chip_font)
        for chip, text, bg, fg in chips:
            painter.setPen(fg)
            painter.setBrush(bg)
            painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.drawText(chip, _CENTER, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        outlet = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        labels = [str(index.data(LibraryModel.BiasLabelRole) or ""),
                  str(index.data(LibraryModel.OwnershipLabelRole) or "")]
        return QSize(fm.horizontalAdvance(outlet) + sum(fm.horizontalAdvance(t) + 18 for t in labels if t) + 24,
                     fm.height() + 8)
