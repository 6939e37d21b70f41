"""Finding a statement or a mention in a rendered article, highlighting it, scrolling to it."""
from __future__ import annotations

import re
from typing import Sequence

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor
from PySide6.QtGui import QTextCharFormat
from PySide6.QtGui import QTextCursor
from PySide6.QtGui import QTextDocument
from PySide6.QtGui import QTextFormat
from PySide6.QtWidgets import QTextEdit

from reader.compare.locate import Occurrence
from reader.ui.reading.view import anchor_position


def body_start(doc: QTextDocument) -> int:
    """Where the article body starts: after the header's rule (``<hr>``), else the top."""
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
            return block.next().position() if block.next().isValid() else block.position()
        block = block.next()
    return 0


def find_occurrence(doc: QTextDocument, occ: Occurrence, start: int = 0) -> QTextCursor | None:
    """The ``occ.nth`` occurrence of ``occ.text`` from ``start`` (the last one if fewer)."""
    words = occ.text.split()
    if not words:
        return None
    pattern = QRegularExpression(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)",
                                 QRegularExpression.PatternOption.UseUnicodePropertiesOption)
    found, cursor = None, doc.find(pattern, start)
    n = 0
    while not cursor.isNull():
        found = cursor
        if n == occ.nth:
            break
        n += 1
        cursor = doc.find(pattern, cursor)
    return found


def quote_cursor(doc: QTextDocument, quote_index: int, length: int) -> QTextCursor | None:
    """The statement ``q{quote_index}`` as the article renderer anchors it."""
    pos = anchor_position(doc, f"q{quote_index}")
    if pos < 0:
        return None
    cursor = QTextCursor(doc)
    cursor.setPosition(pos)
    cursor.setPosition(min(pos + length, doc.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def highlight(editor: QTextEdit, cursors: Sequence[QTextCursor], background: QColor, foreground: QColor) -> None:
    """Mark ``cursors`` in ``editor`` (over the article's own colours), replacing earlier marks."""
    marks = []
    for cursor in cursors:
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(background)
        fmt.setForeground(foreground)
        fmt.setFontUnderline(True)
        sel.format = fmt
        sel.cursor = cursor
        marks.append(sel)
    editor.setExtraSelections(marks)


def scroll_to(editor: QTextEdit, cursor: QTextCursor) -> None:
    """Bring ``cursor`` a quarter down the view, not to its edge."""
    probe = QTextCursor(cursor)
    probe.setPosition(cursor.selectionStart())
    top = editor.cursorRect(probe).top()
    bar = editor.verticalScrollBar()
    bar.setValue(bar.value() + top - editor.viewport().height() // 4)


def select(editor: QTextEdit, cursor: QTextCursor) -> None:
    """Select and show ``cursor`` (opening an article at a mention)."""
    editor.setTextCursor(cursor)
    scroll_to(editor, cursor)
