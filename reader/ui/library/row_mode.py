"""View ▸ Compact Rows: one line per article (the match in its tooltip) or two lines
(title, then the match while searching); the choice is remembered."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from reader.ui.views import set_compact_rows


class RowMode(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        action = window.actions.compact_rows
        action.setChecked(window.settings.compact_rows)
        set_compact_rows(window.library_view, action.isChecked())
        action.toggled.connect(self.set_compact)

    def set_compact(self, on: bool) -> None:
        set_compact_rows(self.window.library_view, on)
        self.window.settings.compact_rows = on
