"""The entities and quotes docks: built on the window, filled when the panels follow the list.

The window keeps its attribute names for them (``entities_panel``, ``quotes_view``…),
since actions, exports and tests reach them there; this module builds them and
answers the controller's ``panels_changed`` and ``filters_changed``.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDockWidget
from PySide6.QtWidgets import QMainWindow

from reader.ui.entities.panel import EntitiesPanel
from reader.ui.quotes.model import QuotesModel
from reader.ui.quotes.panel import QuotesPanel
from reader.ui.stories.dock import tabify_stories


class Docks(QObject):
    """Builds the docks on ``window`` and keeps them showing the current result set."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        w = window
        w.entities_panel = EntitiesPanel()
        w.entities_dock = self._dock(w.tr("Entities"), "entitiesDock", "Entities panel", w.entities_panel,
                                     Qt.DockWidgetArea.LeftDockWidgetArea)
        w.quotes_panel = QuotesPanel()
        w.quotes_model = w.quotes_panel.model
        w.quotes_proxy = w.quotes_panel.proxy
        w.quotes_view = w.quotes_panel.view
        w.quotes_dock = self._dock(w.tr("Quotes"), "quotesDock", "Quotes panel", w.quotes_panel,
                                   Qt.DockWidgetArea.BottomDockWidgetArea)
        w.resizeDocks([w.entities_dock], [265], Qt.Orientation.Horizontal)
        w.resizeDocks([w.quotes_dock], [230], Qt.Orientation.Vertical)
        w.stories_dock = tabify_stories(w)  # beside the quotes; scopes the library to a story

    def _dock(self, title: str, name: str, accessible: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setAccessibleName(accessible)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock

    def wire(self) -> None:
        """Clicks in the docks; called where the window wires the rest, in the same order."""
        w = self.window
        w.quotes_view.clicked.connect(self.quote_clicked)
        w.quotes_view.activated.connect(self.quote_clicked)
        w.quotes_panel.title_changed.connect(w.quotes_dock.setWindowTitle)
        w.library_model.layoutChanged.connect(self.follow_library_order)
        w.entities_panel.chosen.connect(w.controller.add_filter)

    @Slot()
    def show_panels(self) -> None:
        """Entities and quotes of the result set, which follow the list."""
        w = self.window
        panels = w.controller.panels()
        entities = panels.entities  # rows made as the dock paints them (``EntityCounts``)
        w.entities_panel.set_entities(entities)
        w.entities_dock.setWindowTitle(w.tr("Entities (%1)").replace("%1", str(len(entities))))
        quotes = panels.quotes  # every match's statements, read as they are shown
        if quotes is not None and w.library_model.rowCount() == len(quotes.docnums):
            quotes = quotes.reordered(w.library_model.docnums())  # in the list's order
        w.quotes_model.set_source(quotes)

    @Slot()
    def follow_library_order(self) -> None:
        """The quotes follow the library list when it is sorted by another column."""
        w = self.window
        quotes = w.controller.panels().quotes
        if quotes is not None and w.library_model.rowCount() == len(quotes.docnums):
            w.quotes_model.set_source(quotes.reordered(w.library_model.docnums()))

    @Slot()
    def show_filters(self) -> None:
        w = self.window
        w.chips.set_filters([(f.key, f.name) for f in w.controller.filters])
        w.entities_panel.model.set_active([f.key for f in w.controller.filters])

    @Slot(QModelIndex)
    def quote_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.window.open_article(index.data(QuotesModel.PathRole), index.data(QuotesModel.QuoteIndexRole))

    def focus_entities(self) -> None:
        self.window.entities_dock.show()
        self.window.entities_panel.filter_edit.setFocus()

    def focus_quotes(self) -> None:
        self.window.quotes_dock.show()
        self.window.quotes_view.setFocus()
