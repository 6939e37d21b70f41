"""The library's date-range filter: “Published from … to …”, each end a year, month or day.

Partial dates are what a reader knows ("2022", "2022-02"), so the two fields
take ISO prefixes as the query language does (``published:2022-02``); a
month as the end includes all of it. An empty field is an open end. A value
that is not a date is marked and left out until it is fixed, never guessed.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QWidget

from reader.search.filters import DATE_HELP
from reader.search.filters import partial_date
from reader.ui.plain_text import tooltip

_BAD = "QLineEdit { border: 1px solid #b3261e; }"


class DateRangeFilter(QWidget):
    """Two date fields; ``range_changed(start, end)`` carries ISO prefixes ("" for open ends)."""

    range_changed = Signal(str, str)

    def __init__(self, delay_ms: int = 400, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Publication date filter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.label = QLabel(self.tr("Published"))
        layout.addWidget(self.label)
        self.start_edit = self._field(self.tr("from, e.g. 2022"), "Published from")
        self.end_edit = self._field(self.tr("to, e.g. 2022-03"), "Published to")
        layout.addWidget(self.start_edit)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end_edit)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(self.tr("Any date"))
        self.clear_button.setAccessibleName("Clear the date range")
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.apply)
        self._shown: tuple[str, str] = ("", "")
        self._update_clear()

    def _field(self, placeholder: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(accessible)
        edit.setToolTip(tooltip(self._help()))
        edit.setMaxLength(10)
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000-00-00 to, e.g") + 12)
        edit.setClearButtonEnabled(False)
        edit.textChanged.connect(lambda _t: self._timer.start())
        edit.returnPressed.connect(self.apply)
        return edit

    def _help(self) -> str:
        return self.tr("A year (2022), a month (2022-02) or a day (2022-02-24); empty for no limit. "
                       "Articles that state no date are left out while a range is set.")

    def value(self) -> tuple[str, str] | None:
        """(start, end) as ISO prefixes, or None while a field holds something that is not a date."""
        out = []
        for edit in (self.start_edit, self.end_edit):
            text = edit.text().strip()
            iso = partial_date(text) if text else ""
            edit.setStyleSheet(_BAD if iso is None else "")
            edit.setToolTip(tooltip(self._help() if iso is not None else self.tr("Not a date: write %s.") % DATE_HELP))
            out.append(iso)
        if None in out:
            return None
        return out[0], out[1]

    def apply(self) -> None:
        """Send the range if it is valid and changed."""
        self._timer.stop()
        value = self.value()
        self._update_clear()
        if value is not None and value != self._shown:
            self._shown = value
            self.range_changed.emit(*value)

    def set_range(self, start: str, end: str) -> None:
        """Show a range (CLI flags, tests) and apply it."""
        self.start_edit.setText(start)
        self.end_edit.setText(end)
        self.apply()

    def clear(self) -> None:
        self.set_range("", "")

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(bool(self.start_edit.text() or self.end_edit.text()))
