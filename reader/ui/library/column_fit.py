"""The library's columns fit the table: the title keeps room to be read, the Outlet
column fits the outlets it lists, and the least needed columns step aside when the
table is narrow.

* Outlet: wide enough for the longest full name of the result set and its bias
  chip, up to a share of the table; a name that still does not fit shows the
  registry's short name (RFE/RL, WaPo), else it is elided (the tooltip has it all).
* When the title would get less than ``TITLE_CHARS`` characters, Kind, then
  Author, then Quotes, then Date are hidden, and shown again when there is room.
  Only columns hidden here come back: a column the user hid stays hidden.
* Once the user drags a column, widths are theirs for the session.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMainWindow

from reader.ui.library.model import LibraryModel as M

MAX_SHARE = 0.34  # of the table's width, for the Outlet column
CHIP_SAMPLE = "Lean right"  # the widest chip text
TITLE_CHARS = 34  # the title column's least width, in average characters
STEP_ASIDE = (M.COL_KIND, M.COL_AUTHOR, M.COL_QUOTES, M.COL_DATE)  # hidden first to last


class ColumnFit(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.library_view
        self.user_width = False
        self.auto_hidden: list[int] = []
        self._fitting = False
        self.header = self.view.horizontalHeader()
        self.widths = {c: self.header.sectionSize(c) for c in STEP_ASIDE}
        self.header.sectionResized.connect(self._resized)
        self._longest = 0  # pixels: the longest outlet name of the result set (measured once per set)
        window.controller.panels_changed.connect(self._measure)
        self.view.viewport().installEventFilter(self)
        window.installEventFilter(self)  # before the window saves the header at closing
        QTimer.singleShot(0, self.fit)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            for col in self.auto_hidden:  # saved as the user left them, not as narrowness had them
                self.header.setSectionHidden(col, False)
            self.auto_hidden.clear()
        elif obj is not self.window and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _resized(self, section: int, _old: int, new: int) -> None:
        if not self._fitting and QApplication.mouseButtons():
            self.user_width = True  # dragged by hand
            if section in self.widths and new > 0:
                self.widths[section] = new

    def _measure(self) -> None:
        fm = self.view.fontMetrics()
        names = {name for name, _bias in self.window.controller.panels().outlets} or {"Deutsche Welle"}
        self._longest = max(fm.horizontalAdvance(n) for n in names)
        self.fit()

    def outlet_width(self) -> int:
        """The width the longest outlet name of the results needs, chip included, capped."""
        fm = self.view.fontMetrics()
        chip = fm.horizontalAdvance(CHIP_SAMPLE) + 12
        longest = self._longest or fm.horizontalAdvance("Deutsche Welle")
        floor = fm.horizontalAdvance("Unknown outlet") + chip + 24
        return max(floor, min(longest + chip + 24, int(self.view.viewport().width() * MAX_SHARE)))

    def fit(self) -> None:
        self._fitting = True
        try:
            if not self.user_width:
                self.header.resizeSection(M.COL_OUTLET, self.outlet_width())
            self._step_aside()
        finally:
            self._fitting = False

    def _others(self) -> int:
        return sum(self.header.sectionSize(c) for c in range(1, self.header.count())
                   if not self.header.isSectionHidden(c))

    def _step_aside(self) -> None:
        room = self.view.viewport().width() - self.view.fontMetrics().averageCharWidth() * TITLE_CHARS
        for col in STEP_ASIDE:  # narrow: hide the least needed first
            if self._others() <= room:
                break
            if not self.header.isSectionHidden(col):
                self.header.setSectionHidden(col, True)
                self.auto_hidden.append(col)
        for col in reversed(list(self.auto_hidden)):  # wider again: bring back the last hidden first
            if self._others() + self.widths[col] > room:
                break
            self.header.setSectionHidden(col, False)
            self.header.resizeSection(col, self.widths[col])
            self.auto_hidden.remove(col)
