"""The coverage bar: how the current result set splits by outlet lean, clickable to filter.

One segment per lean (left … right, mixed/unrated, unknown), each with its name
and count as text as well as a colour; its width follows its share. Clicking a
segment asks for the ``bias:<token>`` filter; clicking an active one removes it.
"""
from __future__ import annotations

from typing import Mapping

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
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


class SegmentButton(QToolButton):
    """A segment that shortens its label when the bar is narrow ("Lean left 133" →
    "Lean l… 133" → "133"; the tooltip and accessible name keep the full text)."""

    PADDING = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._fit()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self.full_text) + self.PADDING, hint.height())

    def minimumSizeHint(self) -> QSize:
        count = self.full_text.rsplit(" ", 1)[-1]
        return QSize(self.fontMetrics().horizontalAdvance(count) + self.PADDING, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        fm, room = self.fontMetrics(), self.width() - self.PADDING
        label, _, count = self.full_text.rpartition(" ")
        text = self.full_text
        if fm.horizontalAdvance(text) > room and label:
            left = room - fm.horizontalAdvance(" " + count)
            short = fm.elidedText(label, Qt.TextElideMode.ElideRight, left) if left > fm.horizontalAdvance("Ab…") else ""
            text = f"{short} {count}" if short and short != "…" else count
        if text != self.text():
            self.setText(text)


class CoverageBar(QWidget):
    """Segments for the result set's leans; ``toggled(token)`` when one is clicked."""

    toggled = Signal(str)  # "left", "center", "right", "unrated" or "unknown"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageBar")
        self.setAccessibleName("Coverage by outlet lean")
        self._title = QLabel(self.tr("Coverage:"), self)
        self._title.setToolTip(self.tr("Articles in the result set by the lean of their outlet's label"))
        self.buttons: dict[str, SegmentButton] = {}
        for seg in SEGMENTS:
            button = SegmentButton(self)
            button.setCheckable(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=seg: self.toggled.emit(segment_token(s)))
            self.buttons[seg] = button
        self.counts: dict[str, int] = dict.fromkeys(SEGMENTS, 0)
        self._active: set[str] = set()

    def set_counts(self, counts: Mapping[str, int], active_tokens: set[str]) -> None:
        """Show ``counts`` per segment; segments whose token is filtered on look pressed."""
        self.counts = {seg: int(counts.get(seg, 0)) for seg in SEGMENTS}
        self._active = set(active_tokens)
        total = sum(self.counts.values())
        dark = is_dark(self.palette())
        for seg, button in self.buttons.items():
            n = self.counts[seg]
            token = segment_token(seg)
            on = token in self._active
            button.setVisible(n > 0 or on)
            button.set_full_text(f"{SEGMENT_LABELS[seg]} {n}")
            button.setChecked(on)
            action = "Remove the filter" if on else "Show only"
            button.setToolTip(tooltip(f"{n} of {total} articles from {SEGMENT_LABELS[seg].lower()} outlets.\n"
                                      f"{action} bias:{token} ({TOKEN_NAMES[token]})."))
            button.setAccessibleName(f"{SEGMENT_LABELS[seg]}: {n} articles"
                                     + (", filter on" if on else ""))
            button.setStyleSheet(self._style(seg, on, dark))
        self.setVisible(total > 0 or bool(self._active))
        self.updateGeometry()
        self._place()

    SPACING = 2

    def _shown(self) -> list[tuple[str, SegmentButton]]:
        return [(seg, b) for seg, b in self.buttons.items() if not b.isHidden()]

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = self._title.sizeHint().width() + sum(b.sizeHint().width() + self.SPACING for _s, b in shown)
        return QSize(width + 4, max([self._title.sizeHint().height()] + [b.sizeHint().height() for _s, b in shown]))

    def minimumSizeHint(self) -> QSize:
        shown = self._shown()
        width = self._title.sizeHint().width() + sum(b.minimumSizeHint().width() + self.SPACING
                                                     for _s, b in shown)
        return QSize(width + 4, self.sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """Full labels when they fit, the rest of the width shared by count; else each
        segment shrinks toward its count (its label elided) in proportion to its share."""
        shown = self._shown()
        height = self.height()
        x = self._title.sizeHint().width() + 4
        self._title.setGeometry(0, 0, x - 4, height)
        if not shown:
            return
        room = max(0, self.width() - x - self.SPACING * len(shown))
        full = [b.sizeHint().width() for _s, b in shown]
        least = [b.minimumSizeHint().width() for _s, b in shown]
        base = full if sum(full) <= room else least
        spare = max(0, room - sum(base))
        weights = [max(self.counts.get(seg, 0), 1) for seg, _b in shown]
        if base is least:  # as many full labels as fit (the shortest first); one more shortened
            widths = list(least)
            for i in sorted(range(len(shown)), key=lambda i: full[i] - least[i]):
                add = min(full[i] - widths[i], spare)
                widths[i] += add
                spare -= add
        else:
            total = sum(weights)
            widths = [f + spare * w // total for f, w in zip(full, weights)]
        for (_seg, button), width in zip(shown, widths):
            button.setGeometry(x, 0, width, height)
            x += width + self.SPACING

    def _style(self, seg: str, on: bool, dark: bool) -> str:
        bg, fg = bias_colours(segment_token(seg), self.palette())
        if seg.startswith("lean"):
            bg = bg.lighter(112) if not dark else bg.darker(125)
        border = "palette(highlight)" if on else bg.darker(115).name()
        weight = "700" if on else "500"
        return (f"QToolButton {{ background: {bg.name()}; color: {fg.name()}; border: "
                f"{2 if on else 1}px solid {border}; border-radius: 3px; padding: 1px 6px;"
                f" font-weight: {weight}; }}"
                f" QToolButton:hover, QToolButton:focus {{ border: 2px solid palette(highlight); }}")

    def text(self) -> str:
        """What the bar says, e.g. "Center 2 · Right 1 · Mixed/unrated 2" (tests, a11y)."""
        return " · ".join(b.full_text for b in self.buttons.values() if b.isVisibleTo(self))


def toggle_bias_term(query: str, token: str) -> str:
    """``query`` with ``bias:<token>`` added, or removed if it is there."""
    term = f"bias:{token}"
    words = query.split()
    if any(w.lower() == term for w in words):
        return " ".join(w for w in words if w.lower() != term)
    return f"{query.strip()} {term}".strip()


def active_bias_tokens(query: str) -> set[str]:
    return {w.lower()[5:] for w in query.split() if w.lower().startswith("bias:")}

