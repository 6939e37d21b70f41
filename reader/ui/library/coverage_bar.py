"""The coverage bar: how the current result set splits by outlet lean, clickable to filter.

One segment per lean (left … right, mixed/unrated, unknown), each with its name
and count as text as well as a colour; its width follows its share. Clicking a
segment asks for the ``bias:<token>`` filter; clicking an active one removes it.
"""
from __future__ import annotations

from typing import Mapping

from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QWidget

from reader.outlet_info import SEGMENT_LABELS
from reader.outlet_info import SEGMENTS
from reader.outlet_info import segment_token
from reader.ui.palette import bias_colours
from reader.ui.palette import is_dark
from reader.ui.plain_text import tooltip

TOKEN_NAMES = {"left": "left or lean left", "right": "right or lean right", "center": "center",
               "unrated": "mixed or unrated", "unknown": "unknown"}


class CoverageBar(QWidget):
    """Segments for the result set's leans; ``toggled(token)`` when one is clicked."""

    toggled = Signal(str)  # "left", "center", "right", "unrated" or "unknown"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageBar")
        self.setAccessibleName("Coverage by outlet lean")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._title = QLabel(self.tr("Coverage:"))
        self._title.setToolTip(self.tr("Articles in the result set by the lean of their outlet's label"))
        layout.addWidget(self._title)
        self.buttons: dict[str, QToolButton] = {}
        for seg in SEGMENTS:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=seg: self.toggled.emit(segment_token(s)))
            layout.addWidget(button, 0)
            self.buttons[seg] = button
        self.counts: dict[str, int] = dict.fromkeys(SEGMENTS, 0)
        self._active: set[str] = set()

    def set_counts(self, counts: Mapping[str, int], active_tokens: set[str]) -> None:
        """Show ``counts`` per segment; segments whose token is filtered on look pressed."""
        self.counts = {seg: int(counts.get(seg, 0)) for seg in SEGMENTS}
        self._active = set(active_tokens)
        total = sum(self.counts.values())
        layout = self.layout()
        dark = is_dark(self.palette())
        for seg, button in self.buttons.items():
            n = self.counts[seg]
            token = segment_token(seg)
            on = token in self._active
            button.setVisible(n > 0 or on)
            button.setText(f"{SEGMENT_LABELS[seg]} {n}")
            button.setChecked(on)
            action = "Remove the filter" if on else "Show only"
            button.setToolTip(tooltip(f"{n} of {total} articles from {SEGMENT_LABELS[seg].lower()} outlets.\n"
                                      f"{action} bias:{token} ({TOKEN_NAMES[token]})."))
            button.setAccessibleName(f"{SEGMENT_LABELS[seg]}: {n} articles"
                                     + (", filter on" if on else ""))
            layout.setStretch(layout.indexOf(button), max(n, 1))
            button.setStyleSheet(self._style(seg, on, dark))
        self.setVisible(total > 0 or bool(self._active))

    def _style(self, seg: str, on: bool, dark: bool) -> str:
        bg, fg = segment_colours(seg, self.palette())
        border = "palette(highlight)" if on else bg.darker(115).name()
        weight = "700" if on else "500"
        return (f"QToolButton {{ background: {bg.name()}; color: {fg.name()}; border: "
                f"{2 if on else 1}px solid {border}; border-radius: 3px; padding: 1px 6px;"
                f" font-weight: {weight}; }}"
                f" QToolButton:hover, QToolButton:focus {{ border: 2px solid palette(highlight); }}")

    def text(self) -> str:
        """What the bar says, e.g. "Center 2 · Right 1 · Mixed/unrated 2" (tests, a11y)."""
        return " · ".join(b.text() for b in self.buttons.values() if b.isVisibleTo(self))


def segment_colours(seg: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a segment, in the bar and wherever it is drawn (a story's row)."""
    bg, fg = bias_colours(segment_token(seg), palette)
    if seg.startswith("lean"):
        bg = bg.lighter(112) if not is_dark(palette) else bg.darker(125)
    return bg, fg


def paint_coverage(painter: QPainter, rect: QRect, counts: Mapping[str, int], palette: QPalette) -> None:
    """The bar drawn into ``rect`` (a table cell): the same segments, order and colours as
    ``CoverageBar``, each as wide as its share, its count written where it fits."""
    shown = [(seg, int(counts.get(seg, 0))) for seg in SEGMENTS if counts.get(seg, 0)]
    total = sum(n for _seg, n in shown)
    if not total or rect.width() < 4:
        return
    painter.save()
    fm = painter.fontMetrics()
    x, right = rect.left(), rect.right() + 1
    for i, (seg, n) in enumerate(shown):
        end = right if i == len(shown) - 1 else x + max(2, round(rect.width() * n / total))
        cell = QRect(x, rect.top(), max(1, min(end, right) - x - 1), rect.height())
        bg, fg = segment_colours(seg, palette)
        painter.fillRect(cell, bg)
        if fm.horizontalAdvance(str(n)) + 4 <= cell.width():
            painter.setPen(fg)
            painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), str(n))
        x = end
        if x >= right:
            break
    painter.restore()


def coverage_text(counts: Mapping[str, int]) -> str:
    """What the bar says in words, e.g. "Center 2 · Right 1" (tooltips, accessible text)."""
    return " · ".join(f"{SEGMENT_LABELS[seg]} {counts[seg]}" for seg in SEGMENTS if counts.get(seg))


def toggle_bias_term(query: str, token: str) -> str:
    """``query`` with ``bias:<token>`` added, or removed if it is there."""
    term = f"bias:{token}"
    words = query.split()
    if any(w.lower() == term for w in words):
        return " ".join(w for w in words if w.lower() != term)
    return f"{query.strip()} {term}".strip()


def active_bias_tokens(query: str) -> set[str]:
    return {w.lower()[5:] for w in query.split() if w.lower().startswith("bias:")}

