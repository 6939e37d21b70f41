"""The library pane: search field, date range, query problems, filter chips, coverage bar and the table."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reader.ui.library.coverage_bar import CoverageBar
from reader.ui.library.date_filter import DateRangeFilter
from reader.ui.library.filter_chips import FilterChips
from reader.ui.library.model import LibraryModel
from reader.ui.library.model import LibraryProxy
from reader.ui.views import library_view
from reader.ui.plain_text import plain_label


class LibraryPane(QWidget):
    """Construction only; the main window wires the parts to the controller."""

    def __init__(self, search_delay_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchField")
        self.search_edit.setPlaceholderText(self.tr("Search — e.g. pipeline, \"gas pipeline\", speaker:khan, "
                                                    "kind:opinion  (Ctrl+K)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the library")
        self.search_edit.setAccessibleDescription("Whoosh query language: AND, OR, NOT, field:value, quotes")
        self.query_message = plain_label()
        self.query_message.setObjectName("queryMessage")
        self.query_message.setWordWrap(True)
        self.query_message.setAccessibleName("Query problem")
        self.query_message.setVisible(False)
        self.chips = FilterChips()
        self.date_filter = DateRangeFilter()
        self.coverage_bar = CoverageBar()
        self.read_only_banner = plain_label()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setAccessibleName("Read-only notice")
        self.read_only_banner.setStyleSheet("QLabel { background: palette(alternate-base); padding: 4px;"
                                            " border: 1px solid palette(mid); border-radius: 3px; }")
        self.read_only_banner.setVisible(False)
        self.result_label = plain_label()
        self.result_label.setAccessibleName("Result count")
        self.library_model = LibraryModel(self)
        self.library_proxy = LibraryProxy(self)
        self.library_proxy.setSourceModel(self.library_model)
        view = library_view(self.library_proxy)
        self.library_view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.date_filter)
        layout.addWidget(self.query_message)
        layout.addWidget(self.chips)
        row = QHBoxLayout()  # "All 5 articles" then how they split by lean
        row.setSpacing(12)
        row.addWidget(self.result_label)
        row.addWidget(self.coverage_bar, 1)
        layout.addLayout(row)
        self._count_row = row
        layout.addWidget(view, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(search_delay_ms)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_coverage()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the bar's labels changed
            self._place_coverage()
        return super().event(event)

    def _place_coverage(self) -> None:
        """The coverage bar gets a line of its own when its labels do not fit beside the count."""
        layout, row = self.layout(), self._count_row
        beside = row.indexOf(self.coverage_bar) >= 0
        need = self.result_label.sizeHint().width() + 12 + self.coverage_bar.sizeHint().width()
        if beside and need > self.width() - 10:
            row.removeWidget(self.coverage_bar)
            layout.insertWidget(layout.indexOf(self.library_view), self.coverage_bar)
        elif not beside and need + 40 < self.width():
            layout.removeWidget(self.coverage_bar)
            row.addWidget(self.coverage_bar, 1)

