"""Dock sizes that fit the screen: minimums a name fits in, defaults that grow with the window.

The docks stay resizable (drag the separator); these are only where they start
when no saved layout says otherwise, and how small they may get.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QMainWindow

from reader.safe_text import one_line

ENTITY_SAMPLE = "Khalid Hameed Farooqi"  # a long name the entity column should show whole


def fit_docks(window: QMainWindow) -> None:
    fm = window.fontMetrics()
    panel = window.entities_panel
    header = panel.view.horizontalHeader()
    for col, sample in ((1, "Person"), (2, "Articles")):  # type and count: what they show
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, fm.horizontalAdvance(sample) + 22)
    window.entities_dock.setMinimumWidth(fm.horizontalAdvance("Imran Khan Person Articles") + 60)
    window._entity_columns = EntityColumns(panel.view, fm)  # kept alive by the window
    window.quotes_dock.setMinimumHeight(fm.lineSpacing() * 5 + 20)
    if window.settings.window_state is None:
        QTimer.singleShot(0, lambda: default_sizes(window))
    window.controller.panels_changed.connect(lambda: fit_quote_outlets(window))


def fit_quote_outlets(window: QMainWindow) -> None:
    """The quotes table's Outlet column as wide as its longest outlet name, up to a fifth
    of the table (a longer one is elided; the tooltip has it whole)."""
    from reader.ui.quotes.model import QuotesModel

    view = window.quotes_view
    if not window.quotes_model.rowCount():
        return
    # the result set's outlets, known from the panels: the quotes themselves are read lazily
    names = {one_line(name) for name in {name for name, _bias in window.controller.panels().outlets} if name}
    if not names:
        return
    fm = view.fontMetrics()
    width = max(fm.horizontalAdvance(n) for n in names) + 16
    floor = fm.horizontalAdvance("Deutsche Welle") + 16
    view.horizontalHeader().resizeSection(QuotesModel.COL_OUTLET,
                                          max(floor, min(width, view.viewport().width() // 5)))


class EntityColumns(QObject):
    """The entities table's Type column steps aside when the names would be cut (the type
    is in each row's tooltip and in the type filter), and comes back when there is room."""

    TYPE, COUNT = 1, 2

    def __init__(self, view, fm) -> None:
        super().__init__(view)
        self.view, self.header = view, view.horizontalHeader()
        self.need = fm.horizontalAdvance(ENTITY_SAMPLE) + 12
        self.auto_hidden = False
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        width = self.view.viewport().width()
        count = self.header.sectionSize(self.COUNT)
        type_width = self.header.sectionSize(self.TYPE) or self.view.fontMetrics().horizontalAdvance("Person") + 22
        if not self.header.isSectionHidden(self.TYPE) and width - count - type_width < self.need:
            self.header.setSectionHidden(self.TYPE, True)
            self.auto_hidden = True
        elif self.auto_hidden and width - count - type_width >= self.need + 20:
            self.header.setSectionHidden(self.TYPE, False)
            self.auto_hidden = False


def default_sizes(window: QMainWindow) -> None:
    """Docks and the library/reading split in proportion to the window (first start)."""
    fm = window.fontMetrics()
    width, height = window.width(), window.height()
    name = fm.horizontalAdvance(ENTITY_SAMPLE) + fm.horizontalAdvance("Person Articles") + 70
    entities = max(window.entities_dock.minimumWidth(),
                   min(max(name, int(width * 0.16)), int(width * 0.19)))
    window.resizeDocks([window.entities_dock], [entities], Qt.Orientation.Horizontal)
    window.resizeDocks([window.quotes_dock], [max(window.quotes_dock.minimumHeight(), int(height * 0.24))],
                       Qt.Orientation.Vertical)
    if window.settings.splitter_state is None:
        rest = max(400, width - entities)
        window.splitter.setSizes([int(rest * 0.55), int(rest * 0.45)])
