"""The active entity filters as removable chips above the library."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QWidget

from reader.ui.plain_text import button_text
from reader.ui.plain_text import tooltip


class FilterChips(QWidget):
    """One small “name ×” button per filter, plus “Clear filters”; hidden when empty."""

    removed = Signal(str)  # the entity key
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Active filters")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._label = QLabel(self.tr("Mentions:"))
        self._layout.addWidget(self._label)
        self._chips: list[QToolButton] = []
        self._layout.addStretch(1)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.cleared)
        self._layout.addWidget(self.clear_button)
        self.setVisible(False)

    def set_filters(self, filters: Sequence[tuple[str, str]]) -> None:
        """Show chips for (key, display name) pairs, in the order given."""
        for chip in self._chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        for pos, (key, name) in enumerate(filters):
            chip = filter_chip(name, self)
            chip.setProperty("entityKey", key)
            chip.clicked.connect(lambda _=False, k=key: self.removed.emit(k))
            self._layout.insertWidget(1 + pos, chip)
            self._chips.append(chip)
        self.setVisible(bool(filters))

    def chips(self) -> list[QToolButton]:
        return list(self._chips)


def filter_chip(name: str, parent: QWidget | None = None) -> QToolButton:
    """One removable filter, “name ×” (entity filters here; the story a library is scoped to)."""
    chip = QToolButton(parent)
    chip.setText(button_text(f"{name}  ×"))
    chip.setToolTip(tooltip(f"Remove the filter “{name}”"))
    chip.setAccessibleName(f"Remove filter {name}")
    chip.setAutoRaise(False)
    chip.setCursor(Qt.CursorShape.PointingHandCursor)
    chip.setStyleSheet("QToolButton { border: 1px solid palette(mid); border-radius: 9px;"
                       " padding: 1px 8px; background: palette(alternate-base); }"
                       " QToolButton:hover, QToolButton:focus { background: palette(midlight);"
                       " border-color: palette(highlight); }")
    return chip
